// The hotline server as operators run it: a process of its own (`node --import tsx src/main.ts`)
// against the benchmark's Asterisk, logging JSON lines at info level to a file. The run reads the
// "ticket opened" lines afterwards: each is written right after its ticket's transaction committed
// (a call the dialplan answered gets its line from the records reader, with the dialplan's reason).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';

export interface HotlineProcess {
  readonly pid: number;
  readonly url: string;
  stop(): Promise<void>;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function healthy(url: string): Promise<boolean> {
  try {
    const answer = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) });
    await answer.body?.cancel();
    return answer.ok;
  } catch {
    return false;
  }
}

/** `profileDir`: the server writes a V8 CPU profile there when it stops (node --cpu-prof). */
export async function startHotline(env: Readonly<Record<string, string>>, logFile: string, port: number, profileDir?: string): Promise<HotlineProcess> {
  const out = fs.openSync(logFile, 'w');
  const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  // A session of its own, as a service would have: the server's priority (HOTLINE_PROCESS_NICE) is
  // then its own, not shared with this harness and its SIPp processes.
  const child: ChildProcess = spawn(process.execPath, [...profile, '--import', 'tsx', 'src/main.ts'], { env: { ...process.env, ...env, HOTLINE_HTTP_PORT: String(port) }, stdio: ['ignore', out, out], detached: true });
  fs.closeSync(out);
  if (!child.pid) throw new Error('could not start the hotline server');
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 60_000;
  while (!(await healthy(url))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the hotline server did not become healthy; see ${logFile}:\n${fs.readFileSync(logFile, 'utf8').slice(-2000)}`);
    }
    await sleep(250);
  }
  return {
    pid: child.pid,
    url,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export interface TicketLogLine {
  readonly callId: string;
  readonly at: number;
  /** Why the dialplan answered the call (shed, server-away): its ticket came from Asterisk's records; absent for a call the server served. */
  readonly reason?: string;
}

/** The "ticket opened" lines of a server log: the call and when its ticket had committed. */
export function ticketsOpened(logText: string): TicketLogLine[] {
  const lines: TicketLogLine[] = [];
  for (const line of logText.split('\n')) {
    if (!line.includes('"ticket opened"')) continue;
    try {
      const entry = JSON.parse(line) as { msg?: string; callId?: string; time?: string | number; reason?: string };
      if (entry.msg !== 'ticket opened' || !entry.callId || entry.time === undefined) continue;
      lines.push({ callId: entry.callId, at: typeof entry.time === 'number' ? entry.time : Date.parse(entry.time), ...(entry.reason ? { reason: entry.reason } : {}) });
    } catch {
      // A line cut short by the process ending is not a ticket.
    }
  }
  return lines;
}

/** Whether the server's log says it has shed new callers (admission control's "falling behind" line). */
export function hasShed(logText: string): boolean {
  return logText.split('\n').some((line) => line.includes('"falling behind') && line.includes('"component":"admission"'));
}
