// A throwaway Redis server for a test file: Debian's redis-server on loopback at a free port, no
// persistence. It can be paused (SIGSTOP) to play a server that stops answering, and stopped.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { freePort } from './free-port.js';

export interface RedisServer {
  readonly url: string;
  readonly port: number;
  /** Freezes the server: connections stay open, nothing is answered (a stalled or overloaded Redis). */
  pause(): void;
  resume(): void;
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

export async function startRedis(port?: number): Promise<RedisServer> {
  if (!fs.existsSync(BINARY)) throw new Error('Redis is not installed (Debian package redis-server; scripts/ensure-deps.sh installs it as root)');
  const chosen = port ?? (await freePort());
  const child: ChildProcess = spawn(BINARY, ['--port', String(chosen), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--loglevel', 'warning'], { stdio: 'ignore' });
  const deadline = Date.now() + 10_000;
  while (!(await answers(chosen))) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`redis-server did not start on port ${chosen}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return {
    url: `redis://127.0.0.1:${chosen}`,
    port: chosen,
    pause: () => void child.kill('SIGSTOP'),
    resume: () => void child.kill('SIGCONT'),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGCONT');
      child.kill('SIGKILL');
      await exited;
    },
  };
}
