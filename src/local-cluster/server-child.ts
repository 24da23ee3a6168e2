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

export interface ServerChild {
  readonly name: string;
  readonly pid: number;
  readonly url: string;
  readonly logFile: string;
  /** The exit code or signal, once the process is gone. */
  exited(): { code: number | null; signal: NodeJS.Signals | null } | null;
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
  /** Told when the process ends, whatever the cause. */
  readonly onExit?: (ended: { code: number | null; signal: NodeJS.Signals | null }) => void;
}

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

export function startServerChild(options: ServerChildOptions): ServerChild {
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
  let ended: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  const gone = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      ended = { code, signal };
      options.onExit?.(ended);
      resolve();
    }),
  );
  return {
    name: options.name,
    pid: child.pid,
    url: `http://127.0.0.1:${options.httpPort}`,
    logFile: options.logFile,
    exited: () => ended,
    kill: (signal) => void (ended === null && child.kill(signal)),
    async stop(graceMs) {
      if (ended !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await gone;
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
