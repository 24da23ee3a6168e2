// A PostgreSQL server of this machine's own: Debian's binaries, a cluster in a data folder (kept
// between runs, or a temporary one removed at stop), on loopback at a given or free port. As root,
// PostgreSQL refuses to run, so the cluster belongs to Debian's `postgres` user. Used by the local
// cluster (`npm run cluster`, fsync on) and by the tests (throwaway, fsync off).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { LocalClusterError } from './cluster-error.js';
import { freePort } from './free-port.js';

export interface LocalPostgresOptions {
  /** The folder of the cluster's files (data/, the socket, server.log), kept between runs; default: a temporary folder removed at stop. */
  readonly dir?: string;
  /** Default: any free port. */
  readonly port?: number;
  /** fsync and synchronous commits on, as production runs; off for tests (their data need not survive a power cut). */
  readonly durable: boolean;
  /** In a process group of its own, so a Ctrl-C at the terminal reaches only whoever stops it in order. */
  readonly detached?: boolean;
}

export interface LocalPostgres {
  readonly port: number;
  readonly pid: number;
  readonly logFile: string;
  /** A connection string for a database of this server (trust on loopback: no password). */
  url(database: string): string;
  /** Creates an empty database and gives its connection string. */
  createDatabase(name: string): Promise<string>;
  /** The database, created when it is not there yet (a kept cluster already has it). */
  ensureDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

export const POSTGRES_USER = 'hotline';

/** Debian's newest PostgreSQL binaries, or a clear error saying how to get them. */
function binDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb'))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) throw new LocalClusterError('CLUSTER_DEPENDENCY_MISSING', 'postgres', 'PostgreSQL is not installed (Debian package postgresql; `sh scripts/ensure-deps.sh --for-cluster` installs it as root)');
  return path.join(root, newest, 'bin');
}

const asRoot = process.getuid?.() === 0;

/** Runs as the cluster's owner: Debian's `postgres` user when we are root, ourselves otherwise. */
function owner(): { uid?: number; gid?: number } {
  if (!asRoot) return {};
  const id = (flag: string): number => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

const tail = (file: string): string => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8').slice(-2000) : '');

async function waitUntilAnswering(url: string, child: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new LocalClusterError('CLUSTER_START_FAILED', 'postgres', `PostgreSQL exited at start (code ${child.exitCode}): ${tail(logFile)}`);
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
    try {
      await client.connect();
      await client.end();
      return;
    } catch {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline) throw new LocalClusterError('CLUSTER_START_FAILED', 'postgres', `PostgreSQL did not answer within 20 s: ${tail(logFile)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** A data folder made once (initdb), owned by the server's user; a kept one is used as it is. */
function prepare(dir: string, durable: boolean): string {
  const data = path.join(dir, 'data');
  // Only the cluster's own folder is private: the server's user must be able to walk down to it.
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (asRoot) execFileSync('chown', ['postgres:postgres', dir]);
  if (!fs.existsSync(path.join(data, 'PG_VERSION'))) {
    const sync = durable ? [] : ['--no-sync'];
    try {
      execFileSync(path.join(binDir(), 'initdb'), ['-D', data, '-U', POSTGRES_USER, '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8', ...sync], { stdio: 'pipe', ...owner() });
    } catch (error) {
      const said = (error as { stderr?: Buffer }).stderr?.toString().trim() ?? String(error);
      const hint = asRoot ? ` The server runs as the postgres user, who must be able to reach ${dir} (every folder above it searchable: chmod o+x).` : '';
      throw new LocalClusterError('CLUSTER_START_FAILED', 'postgres', `initdb failed: ${said}.${hint}`, { cause: error });
    }
  }
  return data;
}

async function query(url: string, text: string): Promise<pg.QueryResult> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    return await admin.query(text);
  } finally {
    await admin.end();
  }
}

export async function startLocalPostgres(options: LocalPostgresOptions): Promise<LocalPostgres> {
  const bin = binDir();
  const temporary = options.dir === undefined;
  const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-pg-'));
  const data = prepare(dir, options.durable);
  const logFile = path.join(dir, 'server.log');
  const port = options.port ?? (await freePort());
  const fast = options.durable ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'];
  const settings = ['-c', 'listen_addresses=127.0.0.1', '-k', dir, '-p', String(port), ...fast, '-c', 'max_connections=200'];
  const log = fs.openSync(logFile, 'a');
  if (asRoot) execFileSync('chown', ['postgres:postgres', logFile]);
  const child = spawn(path.join(bin, 'postgres'), ['-D', data, ...settings], { stdio: ['ignore', log, log], detached: options.detached ?? false, ...owner() });
  fs.closeSync(log);
  const url = (database: string): string => `postgres://${POSTGRES_USER}@127.0.0.1:${port}/${database}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      // SIGINT is PostgreSQL's fast shutdown: sessions are ended, nothing waits for clients.
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    if (temporary) fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitUntilAnswering(url('postgres'), child, logFile);
  } catch (error) {
    await stop();
    throw error;
  }
  const createDatabase = async (name: string): Promise<string> => {
    await query(url('postgres'), `create database "${name.replace(/"/g, '')}"`);
    return url(name);
  };
  return {
    port,
    pid: child.pid ?? 0,
    logFile,
    url,
    createDatabase,
    async ensureDatabase(name) {
      const found = await query(url('postgres'), `select 1 from pg_database where datname = '${name.replace(/'/g, '')}'`);
      return found.rowCount === 0 ? createDatabase(name) : url(name);
    },
    stop,
  };
}
