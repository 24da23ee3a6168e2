// A Redis server of this machine's own: Debian's redis-server on loopback at a given or free port.
// The local cluster keeps its data (append-only file, fsync every second, in a data folder); a
// test's has no persistence and can be paused (SIGSTOP) to play a server that stops answering.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { LocalClusterError } from './cluster-error.js';
import { freePort } from './free-port.js';

export interface LocalRedisOptions {
  /** Default: any free port. */
  readonly port?: number;
  /** Where the append-only file is kept (appendonly yes, appendfsync everysec); null: no persistence at all. */
  readonly dataDir: string | null;
  /** In a process group of its own, so a Ctrl-C at the terminal reaches only whoever stops it in order. */
  readonly detached?: boolean;
}

export interface LocalRedis {
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  /** Freezes the server: connections stay open, nothing is answered (a stalled or overloaded Redis). */
  pause(): void;
  resume(): void;
  /** With persistence, SIGTERM (Redis writes its file and exits), SIGKILL after 10 s; without, SIGKILL at once. */
  stop(): Promise<void>;
}

const BINARY = '/usr/bin/redis-server';

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
  });
}

function persistence(dataDir: string | null): string[] {
  if (dataDir === null) return ['--save', '', '--appendonly', 'no'];
  fs.mkdirSync(dataDir, { recursive: true });
  return ['--dir', path.resolve(dataDir), '--save', '', '--appendonly', 'yes', '--appendfsync', 'everysec', '--logfile', path.resolve(dataDir, 'redis.log')];
}

export async function startLocalRedis(options: LocalRedisOptions): Promise<LocalRedis> {
  if (!fs.existsSync(BINARY)) throw new LocalClusterError('CLUSTER_DEPENDENCY_MISSING', 'redis', 'Redis is not installed (Debian package redis-server; `sh scripts/ensure-deps.sh --for-cluster` installs it as root)');
  const chosen = options.port ?? (await freePort());
  const args = ['--port', String(chosen), '--bind', '127.0.0.1', ...persistence(options.dataDir), '--loglevel', 'warning'];
  const child: ChildProcess = spawn(BINARY, args, { stdio: 'ignore', detached: options.detached ?? false });
  const gone = (): boolean => child.exitCode !== null || child.signalCode !== null;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (gone()) return;
    child.kill('SIGCONT');
    if (options.dataDir === null) {
      child.kill('SIGKILL');
      return exited;
    }
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + 10_000;
  while (!(await answers(chosen))) {
    if (gone() || Date.now() > deadline) {
      await stop();
      throw new LocalClusterError('CLUSTER_START_FAILED', 'redis', `redis-server did not start on port ${chosen}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return {
    url: `redis://127.0.0.1:${chosen}`,
    port: chosen,
    pid: child.pid ?? 0,
    pause: () => void child.kill('SIGSTOP'),
    resume: () => void child.kill('SIGCONT'),
    stop,
  };
}
