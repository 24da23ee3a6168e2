// One hotline server of the local cluster as a child process of its own (so it can be killed like a
// machine lost): `src/main.ts` run by Node with tsx, its output in a log file, its /health polled.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { LocalClusterError } from './cluster-error.js';
import type { ExpectedPbx } from './cluster-plan.js';

export interface HealthAnswer {
  readonly status: number;
  readonly pbx: string | null;
}

export interface Ended {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface ServerChild {
  readonly name: string;
  /** The running process's (a server started again has a new one). */
  readonly pid: number;
  readonly url: string;
  readonly logFile: string;
  /** The exit code or signal, once the server is gone for good. */
  exited(): Ended | null;
  kill(signal: NodeJS.Signals): void;
  /** SIGTERM (the server finishes writing its tickets), SIGKILL after the grace period. */
  stop(graceMs: number): Promise<void>;
}

export interface ServerChildOptions {
  readonly name: string;
  readonly repoDir: string;
  readonly httpPort: number;
  readonly env: Readonly<Record<string, string>>;
  readonly logFile: string;
  /** Told when the server is gone for good: killed, crashed, or stopped. */
  readonly onExit?: (ended: Ended) => void;
  /** Told when a server that lost its PBX's lease is started again. */
  readonly onRestart?: (pid: number) => void;
}

/** The exit code of a server that lost its PBX's lease (src/main.ts): its supervisor starts it again, as a standby. */
export const LEASE_LOST_EXIT = 75;
/** A server that keeps losing its lease is left down after this many starts again. */
const MAX_RESTARTS = 5;

/** GET /health of a server; null while it does not answer. */
export async function health(url: string): Promise<HealthAnswer | null> {
  try {
    const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2000) });
    const body = (await response.json()) as { pbx?: unknown };
    return { status: response.status, pbx: typeof body.pbx === 'string' ? body.pbx : null };
  } catch {
    return null;
  }
}

interface Run {
  readonly child: ChildProcess;
  readonly pid: number;
  readonly gone: Promise<Ended>;
}

function spawnServer(options: ServerChildOptions): Run {
  fs.mkdirSync(path.dirname(options.logFile), { recursive: true });
  const out = fs.openSync(options.logFile, 'a');
  // A process group of its own: a Ctrl-C at the terminal reaches the cluster, which stops the servers in order.
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(options.repoDir, 'src', 'main.ts')], {
    cwd: options.repoDir,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', out, out],
    detached: true,
  });
  fs.closeSync(out);
  if (child.pid === undefined) throw new LocalClusterError('CLUSTER_START_FAILED', 'server', `${options.name}: could not spawn ${process.execPath}`);
  const gone = new Promise<Ended>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return { child, pid: child.pid, gone };
}

/** A server as its supervisor: started again after it lost its PBX's lease, left down after any other end. */
export function startServerChild(options: ServerChildOptions): ServerChild {
  let run = spawnServer(options);
  let stopping = false;
  let restarts = 0;
  let ended: Ended | null = null;
  const watch = async (): Promise<void> => {
    for (;;) {
      const end = await run.gone;
      if (stopping || end.code !== LEASE_LOST_EXIT || restarts >= MAX_RESTARTS) {
        ended = end;
        options.onExit?.(end);
        return;
      }
      restarts += 1;
      run = spawnServer(options);
      options.onRestart?.(run.pid);
    }
  };
  const watching = watch();
  return {
    name: options.name,
    get pid() {
      return run.pid;
    },
    url: `http://127.0.0.1:${options.httpPort}`,
    logFile: options.logFile,
    exited: () => ended,
    kill: (signal) => void (ended === null && run.child.kill(signal)),
    async stop(graceMs) {
      stopping = true;
      if (ended !== null) return;
      run.child.kill('SIGTERM');
      const timer = setTimeout(() => run.child.kill('SIGKILL'), graceMs);
      await watching;
      clearTimeout(timer);
    },
  };
}

const tail = (file: string): string => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8').slice(-1500) : '');

/** Waits until the server's /health answers with the PBX role it should have (a web node: any answer of 200). */
export async function waitHealthy(server: ServerChild, expect: ExpectedPbx, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: HealthAnswer | null = null;
  while (Date.now() < deadline) {
    const ended = server.exited();
    if (ended !== null) {
      throw new LocalClusterError('CLUSTER_START_FAILED', 'server', `${server.name} exited during start-up (${ended.signal ?? `code ${ended.code}`}); last lines of ${server.logFile}:\n${tail(server.logFile)}`);
    }
    last = await health(server.url);
    // A web node's answer about its PBX is left to the server: until it knows `none`, its 200 is enough.
    if (last !== null && last.status === 200 && (expect === 'none' || last.pbx === expect)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const seen = last === null ? 'no answer' : `HTTP ${last.status}, pbx ${last.pbx ?? '?'}`;
  throw new LocalClusterError('CLUSTER_START_FAILED', 'server', `${server.name} was not healthy as ${expect} within ${timeoutMs / 1000} s (${seen}); see ${server.logFile}`);
}
