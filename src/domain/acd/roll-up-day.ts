// Sums per-queue counters from several snapshots of one day (reporting intervals, or the counters of
// each process lifetime when the server restarted) into the day's figures per queue and overall.
import { addCounters, emptyCounters, type QueueCounters } from './queue-counters.js';
import { queueKpis, type QueueKpis } from './queue-kpis.js';

export interface CounterSample {
  readonly queueId: string;
  readonly counters: QueueCounters;
}

export interface DayFigures {
  readonly queueId: string;
  readonly counters: QueueCounters;
  readonly kpis: QueueKpis;
}

export interface DayRollUp {
  readonly day: string;
  readonly queues: readonly DayFigures[];
  readonly total: DayFigures;
}

/** `day` is the caller's label (e.g. the China date 2026-11-24); queues come out sorted by id. */
export function rollUpDay(day: string, samples: readonly CounterSample[]): DayRollUp {
  const sums = new Map<string, QueueCounters>();
  for (const s of samples) sums.set(s.queueId, addCounters(sums.get(s.queueId) ?? emptyCounters(), s.counters));
  const queues = [...sums.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([queueId, counters]) => ({ queueId, counters, kpis: queueKpis(counters) }));
  const all = queues.reduce((acc, q) => addCounters(acc, q.counters), emptyCounters());
  return { day, queues, total: { queueId: '*', counters: all, kpis: queueKpis(all) } };
}
