// Asterisk's task processors during a run: the depth of their queues sampled once a second with
// `core show taskprocessors` (the CLI command, sent over the run's AMI session: a remote console
// started every second would cost the machine more than the command), and the high-water alerts
// Asterisk logs when a queue grows past its mark. A queue that keeps growing is work Asterisk
// cannot keep up with, whichever system drives it.
import { summarize } from '../stats.js';

export interface TaskprocessorRow {
  readonly name: string;
  readonly inQueue: number;
  readonly maxDepth: number;
}

/** The rows of `core show taskprocessors`: name, processed, in queue, max depth, low and high water… */
export function parseTaskprocessors(output: string): TaskprocessorRow[] {
  const rows: TaskprocessorRow[] = [];
  for (const line of output.split('\n')) {
    const [name, processed, inQueue, maxDepth] = line.trim().split(/\s+/);
    if (!name || name === 'Processor' || !/^\d+$/.test(processed ?? '') || !/^\d+$/.test(inQueue ?? '')) continue;
    rows.push({ name, inQueue: Number(inQueue), maxDepth: Number(maxDepth ?? 0) });
  }
  return rows;
}

/** One kind of queue: `pjsip/default-0000002a` and its siblings are `pjsip/default`. */
export function taskprocessorGroup(name: string): string {
  return name.replace(/-[0-9a-f]{8}$/, '');
}

export interface DepthSample {
  readonly at: number;
  /** The deepest queue of each group in this sample; groups with nothing queued are left out. */
  readonly depths: Readonly<Record<string, number>>;
}

export function depthSample(at: number, rows: readonly TaskprocessorRow[]): DepthSample {
  const depths: Record<string, number> = {};
  for (const row of rows) {
    if (row.inQueue === 0) continue;
    const group = taskprocessorGroup(row.name);
    depths[group] = Math.max(depths[group] ?? 0, row.inQueue);
  }
  return { at, depths };
}

export interface TaskprocessorAlert {
  readonly at: number;
  readonly processor: string;
  readonly depth: number;
}

// Asterisk 22 writes the first; older releases wrote the second.
const ALERT_PATTERNS = [/Taskprocessor '([^']+)' queue reached (\d+) scheduled tasks/, /The '([^']+)' task processor queue reached (\d+) scheduled tasks/];

/** High-water alerts in Asterisk's log (`[2026-12-02 20:50:01.123] WARNING[…] …`, the root's clock: UTC). */
export function taskprocessorAlerts(logText: string): TaskprocessorAlert[] {
  const alerts: TaskprocessorAlert[] = [];
  for (const line of logText.split('\n')) {
    const match = ALERT_PATTERNS.map((pattern) => pattern.exec(line)).find((m) => m !== null);
    const stamp = /^\[(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d+)?)\]/.exec(line);
    if (!match || !stamp) continue;
    alerts.push({ at: Date.parse(`${stamp[1]}T${stamp[2]}Z`), processor: match[1] ?? '', depth: Number(match[2]) });
  }
  return alerts;
}

export interface QueueDepth {
  readonly group: string;
  readonly max: number;
  readonly p99: number;
}

export interface StepTaskprocessors {
  readonly samples: number;
  /** The deepest groups of the step (by their deepest sample), with the p99 of their samples. */
  readonly top: readonly QueueDepth[];
  readonly alerts: number;
}

/** A step's samples and alerts, `top` groups by their deepest moment. */
export function stepTaskprocessors(samples: readonly DepthSample[], alerts: readonly TaskprocessorAlert[], from: number, to: number, top = 5): StepTaskprocessors {
  const inStep = samples.filter((s) => s.at >= from && s.at < to);
  const groups = new Set(inStep.flatMap((s) => Object.keys(s.depths)));
  const depths = [...groups].map((group) => {
    const series = inStep.map((s) => s.depths[group] ?? 0);
    return { group, max: Math.max(...series), p99: summarize(series).p99 };
  });
  depths.sort((a, b) => b.max - a.max || b.p99 - a.p99 || a.group.localeCompare(b.group));
  return { samples: inStep.length, top: depths.slice(0, top), alerts: alerts.filter((a) => a.at >= from && a.at < to).length };
}

export interface CommandRunner {
  command(command: string, timeoutMs?: number): Promise<string>;
}

/** Samples the queues once a second; a reading that has not come back when the next is due is skipped. */
export class TaskprocessorSampler {
  readonly samples: DepthSample[] = [];
  failed = 0;
  private timer: NodeJS.Timeout | undefined;
  private busy = false;

  constructor(private readonly ami: CommandRunner) {}

  start(intervalMs = 1000): void {
    this.timer = setInterval(() => void this.sample(), intervalMs);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async sample(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    const at = Date.now();
    try {
      this.samples.push(depthSample(at, parseTaskprocessors(await this.ami.command('core show taskprocessors', 5000))));
    } catch {
      this.failed += 1;
    } finally {
      this.busy = false;
    }
  }
}
