// CPU and memory of the processes of a run, read from /proc once a second: the hotline server,
// Asterisk, the SIPp load generators, and the machine as a whole. CPU is a share of the machine
// (100% = every core busy), so "under 80%" means what an operator's monitoring would say.
// The machine's figure is the sum over every process, not /proc/stat: the kernel's tick-sampled
// idle time misses Asterisk's many short wake-ups (a media thread runs every 20 ms for
// microseconds) and showed the machine less busy than Asterisk alone.
import fs from 'node:fs';
import os from 'node:os';

export interface ProcessSample {
  /** ms since the epoch. */
  readonly at: number;
  /** Share of the whole machine over the last interval, per role, 0–100. */
  readonly cpu: Readonly<Record<string, number>>;
  /** Resident memory per role, MB. */
  readonly rssMb: Readonly<Record<string, number>>;
  /** The whole machine (every process), 0–100. */
  readonly machineCpu: number;
}

const TICKS_PER_SECOND = 100; // USER_HZ on Linux
const PAGE_BYTES = 4096;

/** utime + stime (clock ticks) and resident pages of one process, or null once it is gone. */
export function readProcStat(pid: number): { ticks: number; rssPages: number } | null {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses: fields start after the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { ticks: Number(fields[11]) + Number(fields[12]), rssPages: Number(fields[21]) };
  } catch {
    return null;
  }
}

/** Every process's CPU ticks and resident pages right now. */
function readAll(): Map<number, { ticks: number; rssPages: number }> {
  const all = new Map<number, { ticks: number; rssPages: number }>();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = readProcStat(Number(name));
    if (stat) all.set(Number(name), stat);
  }
  return all;
}

export class ProcessSampler {
  readonly samples: ProcessSample[] = [];
  private timer: NodeJS.Timeout | undefined;
  private last = new Map<number, { ticks: number; rssPages: number }>();
  private lastAt = 0;
  private readonly cores = os.cpus().length;

  /** `roles` is read at every sample, so processes may come and go (a SIPp per step). */
  constructor(private readonly roles: () => Readonly<Record<string, readonly number[]>>) {}

  start(intervalMs = 1000): void {
    this.last = readAll();
    this.lastAt = Date.now();
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private sample(): void {
    // A busy event loop may run two ticks back to back: CPU time counted in 10 ms ticks over a few
    // milliseconds would read 0% or 300%. Such a tick waits for the next one.
    if (Date.now() - this.lastAt < 500) return;
    const now = readAll();
    // The interval ends when the ticks were read: on a full machine the sampler can be held up
    // between its timer and the reading, and a timestamp taken before it made one sample read up to
    // 200% and the next 0%.
    const at = Date.now();
    const share = (ticks: number): number => round1((ticks / TICKS_PER_SECOND / Math.max(0.001, (at - this.lastAt) / 1000) / this.cores) * 100);
    // A process first seen now was born since the last sample: all of its time is this interval's.
    const delta = (pid: number): number => (now.get(pid)?.ticks ?? 0) - (this.last.get(pid)?.ticks ?? 0);
    const cpu: Record<string, number> = {};
    const rssMb: Record<string, number> = {};
    for (const [role, pids] of Object.entries(this.roles())) {
      const alive = pids.filter((pid) => now.has(pid));
      cpu[role] = share(alive.reduce((sum, pid) => sum + delta(pid), 0));
      rssMb[role] = round1((alive.reduce((sum, pid) => sum + (now.get(pid)?.rssPages ?? 0), 0) * PAGE_BYTES) / 1048576);
    }
    const machineCpu = share([...now.keys()].reduce((sum, pid) => sum + Math.max(0, delta(pid)), 0));
    this.samples.push({ at, cpu, rssMb, machineCpu });
    this.last = now;
    this.lastAt = at;
  }
}

const round1 = (value: number): number => Math.round(value * 10) / 10;
