// A throwaway PostgreSQL server for the tests: Debian's binaries, a fresh cluster in a temporary
// folder, on loopback at a free port, fsync off unless asked (a test's data need not survive a power cut). As
// root, PostgreSQL refuses to run, so the cluster belongs to Debian's `postgres` user.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from './free-port.js';

export interface PostgresServer {
  /** A connection string for a database of this server. */
  url(database: string): string;
  /** Creates an empty database and gives its connection string. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

const USER = 'hotline';

/** Debian's newest PostgreSQL binaries, or a clear error saying how to get them. */
function binDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb'))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) throw new Error('PostgreSQL is not installed (Debian package postgresql; scripts/ensure-deps.sh installs it as root)');
  return path.join(root, newest, 'bin');
}

const asRoot = process.getuid?.() === 0;

/** Runs as the cluster's owner: Debian's `postgres` user when we are root, ourselves otherwise. */
function owner(): { uid?: number; gid?: number } {
  if (!asRoot) return {};
  const id = (flag: string): number => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

async function waitUntilAnswering(url: string, child: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`PostgreSQL exited at start (code ${child.exitCode}): ${fs.readFileSync(logFile, 'utf8').slice(-2000)}`);
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
    try {
      await client.connect();
      await client.end();
      return;
    } catch {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline) throw new Error(`PostgreSQL did not answer within 20 s: ${fs.readFileSync(logFile, 'utf8').slice(-2000)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

export interface PostgresServerOptions {
  /** fsync and synchronous commits on, as production runs (benchmarks); off by default for tests. */
  readonly durable?: boolean;
}

export async function startPostgres(options: PostgresServerOptions = {}): Promise<PostgresServer> {
  const bin = binDir();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-pg-'));
  const data = path.join(dir, 'data');
  const logFile = path.join(dir, 'server.log');
  const as = owner();
  if (asRoot) execFileSync('chown', ['postgres:postgres', dir]);
  execFileSync(path.join(bin, 'initdb'), ['-D', data, '-U', USER, '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync'], { stdio: 'pipe', ...as });
  const port = await freePort();
  const fast = options.durable ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'];
  const settings = ['-c', 'listen_addresses=127.0.0.1', '-k', dir, '-p', String(port), ...fast, '-c', 'max_connections=200'];
  const log = fs.openSync(logFile, 'a');
  const child = spawn(path.join(bin, 'postgres'), ['-D', data, ...settings], { stdio: ['ignore', log, log], ...as });
  const url = (database: string): string => `postgres://${USER}@127.0.0.1:${port}/${database}`;
  await waitUntilAnswering(url('postgres'), child, logFile);
  return {
    url,
    async createDatabase(name) {
      const admin = new pg.Client({ connectionString: url('postgres') });
      await admin.connect();
      try {
        await admin.query(`create database "${name.replace(/"/g, '')}"`);
      } finally {
        await admin.end();
      }
      return url(name);
    },
    async stop() {
      // SIGINT is PostgreSQL's fast shutdown: sessions are ended, nothing waits for clients.
      const exited = new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve())));
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
      fs.closeSync(log);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
