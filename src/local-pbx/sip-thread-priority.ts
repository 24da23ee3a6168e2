// Asterisk's PJSIP reads every SIP message of every call in one thread, which pjlib names "SIP": a
// caller's INVITE, each key sent as SIP INFO, each BYE. On a machine whose CPU is full it waits
// for its turn behind hundreds of channel and media threads, and new callers' INVITEs wait in its
// socket meanwhile. The thread needs little CPU, so the runner asks Linux to schedule it ahead of
// the others, as the server does for itself (process-priority.ts). Past capacity the INVITE's wait
// is then the next thread's (decisions, "Asterisk's SIP thread scheduled first": the sets measured
// do not separate the two settings). Without the right to (not root, no CAP_SYS_NICE) it says so
// and Asterisk runs as it is.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** pjlib's name for the thread of PJSIP's socket (res_pjsip's monitor thread). */
export const SIP_THREAD_NAME = 'SIP';
/** The default niceness of that thread: ahead of the server's own -10, which it never competes with for long. */
export const DEFAULT_SIP_THREAD_NICE = -15;

export type SipThreadPriority =
  | { readonly outcome: 'raised'; readonly threads: readonly number[]; readonly nice: number }
  | { readonly outcome: 'left'; readonly reason: 'nice-0' | 'no-sip-thread' }
  | { readonly outcome: 'refused'; readonly threads: readonly number[]; readonly reason: string };

export interface SipThreadPriorityDeps {
  /** Where the process table is (`/proc`; a folder of the same shape in tests). */
  readonly procRoot?: string;
  readonly setPriority?: (tid: number, nice: number) => void;
}

/** The thread ids of `pid` named like PJSIP's socket thread. */
export function sipThreads(pid: number, procRoot = '/proc'): number[] {
  const tasks = path.join(procRoot, String(pid), 'task');
  if (!fs.existsSync(tasks)) return [];
  return fs.readdirSync(tasks).flatMap((entry) => {
    const comm = readComm(path.join(tasks, entry, 'comm'));
    return comm === SIP_THREAD_NAME && /^\d+$/.test(entry) ? [Number(entry)] : [];
  });
}

function readComm(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    // The thread ended between the listing and the read.
    return undefined;
  }
}

/** Sets the niceness of Asterisk's SIP thread (the default when not given); 0 leaves it as started. */
export function raiseSipThreadPriority(pid: number, nice = DEFAULT_SIP_THREAD_NICE, deps: SipThreadPriorityDeps = {}): SipThreadPriority {
  if (nice === 0) return { outcome: 'left', reason: 'nice-0' };
  const threads = sipThreads(pid, deps.procRoot);
  if (threads.length === 0) return { outcome: 'left', reason: 'no-sip-thread' };
  const setPriority = deps.setPriority ?? ((tid: number, value: number) => os.setPriority(tid, value));
  try {
    for (const tid of threads) setPriority(tid, nice);
  } catch (error) {
    return { outcome: 'refused', threads, reason: (error as Error).message };
  }
  return { outcome: 'raised', threads, nice };
}

/** One line for the runner's log. */
export function describeSipThreadPriority(result: SipThreadPriority): string {
  if (result.outcome === 'raised') return `Asterisk's SIP thread (${result.threads.join(', ')}) scheduled at niceness ${result.nice}.`;
  if (result.outcome === 'refused') return `Asterisk's SIP thread (${result.threads.join(', ')}) keeps its priority: ${result.reason}.`;
  return result.reason === 'nice-0' ? "Asterisk's SIP thread keeps its priority (HOTLINE_PBX_SIP_THREAD_NICE=0)." : "Asterisk's SIP thread was not found; its priority is left.";
}
