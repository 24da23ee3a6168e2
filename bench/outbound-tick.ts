// The outbound scheduler's tick with many pending tasks: the engine (per-trunk heaps) beside a naive
// scheduler that scans every pending task for the earliest due one per free line, in the same run.
import { performance } from 'node:perf_hooks';
import { OutboundEngine } from '../src/domain/outbound/outbound-engine.js';
import type { CallTaskRequest, OutboundCommand, RetryPolicy } from '../src/domain/outbound/outbound-protocol.js';
import { summarize, type Summary } from './stats.js';

const LINES = 30;
const POLICY: RetryPolicy = { maxAttempts: 3, delaysMs: { 'no-answer': [1_800_000], busy: [300_000], unreachable: [], rejected: [], failed: [600_000], unknown: [] } };
const open = (_name: string, t: number): number => t;

function request(i: number, notBefore: number): CallTaskRequest {
  return { taskId: `v${i}`, purpose: 'return-visit', number: `1380${String(i).padStart(7, '0')}`, trunk: 'trunk', flowId: 'return-visit', variables: {}, notBefore, notAfter: null, window: 'visits', retry: POLICY };
}

/** Each round: a few calls end (lines free), then a Tick; the engine dials what is due. Times the round (µs). */
export function engineTicks(pending: number, rounds: number): Summary {
  const engine = new OutboundEngine({ lineLimits: { trunk: LINES }, windows: open });
  const live: string[][] = [];
  const note = (commands: readonly OutboundCommand[]): void => {
    for (const c of commands) if (c.type === 'PlaceAttempt') live.push([c.order.taskId, c.order.channelId]);
  };
  // Due times spread over the rounds, so every tick finds due tasks and most stay pending.
  for (let i = 0; i < pending; i++) note(engine.handle({ type: 'TaskRequested', request: request(i, 1 + (i % (rounds * 4))), at: 0 }));
  const samples: number[] = [];
  for (let round = 1; round <= rounds; round++) {
    // The engine dials as soon as a line frees, so the round's whole work is timed: ends and tick.
    const t = performance.now();
    const commands: OutboundCommand[] = [];
    for (let k = 0; k < 5 && live.length > 0; k++) {
      const [taskId, channelId] = live.shift() as string[];
      commands.push(...engine.handle({ type: 'CallFinished', taskId: taskId as string, channelId: channelId as string, variables: {}, at: round }));
    }
    commands.push(...engine.handle({ type: 'Tick', at: round }));
    samples.push((performance.now() - t) * 1000);
    note(commands);
  }
  return summarize(samples);
}

interface NaiveTask {
  readonly taskId: string;
  dueAt: number;
  state: 'pending' | 'dialing' | 'done';
}

/** The baseline: every tick scans all tasks for the earliest due one, once per free line. */
export function naiveTicks(pending: number, rounds: number): Summary {
  const tasks: NaiveTask[] = [];
  for (let i = 0; i < pending; i++) tasks.push({ taskId: `v${i}`, dueAt: 1 + (i % (rounds * 4)), state: 'pending' });
  const live: NaiveTask[] = [];
  const samples: number[] = [];
  const tick = (at: number): void => {
    while (live.length < LINES) {
      let best: NaiveTask | undefined;
      for (const task of tasks) if (task.state === 'pending' && task.dueAt <= at && (!best || task.dueAt < best.dueAt)) best = task;
      if (!best) break;
      best.state = 'dialing';
      live.push(best);
    }
  };
  tick(0);
  for (let round = 1; round <= rounds; round++) {
    for (let k = 0; k < 5 && live.length > 0; k++) (live.shift() as NaiveTask).state = 'done';
    const t = performance.now();
    tick(round);
    samples.push((performance.now() - t) * 1000);
  }
  return summarize(samples);
}
