// Order of waiting calls: priority classes with linear aging.
//
//   effectivePriority(t) = boost(class) + (t - enqueuedAt)            (milliseconds)
//
// A class's boost is a head start measured in waiting time: with the default boosts (elderly 300 s,
// enterprise 120 s, general 0 s) an elderly call goes ahead of a general call that has waited up to
// 5 minutes longer, and a general call that has waited more than 120 s longer than an enterprise call
// goes ahead of it — so every call eventually reaches the head and nothing starves. Because every
// call's priority grows at the same rate, comparing two calls never depends on t:
//
//   eff_a(t) > eff_b(t)  <=>  enqueuedAt_a - boost_a < enqueuedAt_b - boost_b
//
// so the line is a heap keyed on `rank = enqueuedAt - boost` (lower first) that never needs re-sorting
// as time passes. Equal ranks are served in enqueue order (sequence number), which also makes
// equal-class calls FIFO. A call keeps its rank and sequence for life: through overflow, ring-no-answer
// and callback retries it keeps its place.
import type { CallRecord } from './call-record.js';

export function callRank(enqueuedAt: number, boostSeconds: number): number {
  return enqueuedAt - boostSeconds * 1000;
}

export function effectivePriorityMs(call: Pick<CallRecord, 'rank'>, at: number): number {
  return at - call.rank;
}

export function callBefore(a: CallRecord, b: CallRecord): boolean {
  return a.rank < b.rank || (a.rank === b.rank && a.seq < b.seq);
}
