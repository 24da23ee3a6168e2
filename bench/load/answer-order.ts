// Whether the cluster answered its callers in the order they queued. One ACD leader orders every
// queue across both boxes, but the call it offers is put through by the box the caller is on, and
// over the trunk when the agent's phone is on the other box, so a call queued later may still be
// answered first. Counted over pairs of answered calls of one queue and priority class: A queued
// before B, B answered by an agent before A. Pairs of calls on different boxes (what one box
// alone cannot show) are counted apart from pairs on one box. Pure.

export interface QueuedCall {
  readonly callId: string;
  /** The box the caller called into. */
  readonly pbx: string;
  readonly queue: string;
  /** The priority class the queue ordered it by. */
  readonly priority: string;
  /** When it entered its first queue, ms. */
  readonly queuedAt: number;
  /** When the agent answered, ms. */
  readonly answeredAt: number;
  /** The box of the agent's phone that answered (null when not known). */
  readonly agentPbx: string | null;
}

export interface OrderCount {
  /** Pairs of answered calls of one queue and priority class. */
  readonly pairs: number;
  /** Of those, the later queued answered first. */
  readonly inversions: number;
  /** The largest answer gap of an inversion, ms (0 when none). */
  readonly worstMs: number;
  /** The largest queue-entry gap of an inverted pair, ms: how much earlier the caller answered second had queued. */
  readonly widestQueueGapMs: number;
  /**
   * Inversions of calls that queued further apart than the delivery window: the ACD leader knew of
   * the earlier call before the later one arrived, so it passed over a caller it could have served.
   */
  readonly pastWindow: number;
}

/**
 * How long a "queued" may take from a worker to the ACD leader under load (the streams' delivery
 * time, tens of ms on the loaded 2-core cluster; p99 4.5 ms alone: bench/acd-leader.bench.ts).
 * Two callers queuing on different boxes closer together than this are a tie to the leader: it
 * offers the one it hears of first.
 */
export const DELIVERY_WINDOW_MS = 100;

export interface AnswerOrder {
  readonly calls: number;
  /** Calls answered by an agent whose phone is on the other box (put through over the trunk). */
  readonly answeredAcrossTrunk: number;
  readonly crossPbx: OrderCount;
  readonly samePbx: OrderCount;
}

interface Tally {
  pairs: number;
  inversions: number;
  worstMs: number;
  widestQueueGapMs: number;
  pastWindow: number;
}

function countPair(a: QueuedCall, b: QueuedCall, tally: Tally): void {
  // Calls queued in the same millisecond have no order to keep.
  if (a.queuedAt === b.queuedAt) return;
  const [first, second] = a.queuedAt < b.queuedAt ? [a, b] : [b, a];
  tally.pairs += 1;
  if (second.answeredAt < first.answeredAt) {
    tally.inversions += 1;
    tally.worstMs = Math.max(tally.worstMs, first.answeredAt - second.answeredAt);
    tally.widestQueueGapMs = Math.max(tally.widestQueueGapMs, second.queuedAt - first.queuedAt);
    if (second.queuedAt - first.queuedAt > DELIVERY_WINDOW_MS) tally.pastWindow += 1;
  }
}

export function answerOrder(calls: readonly QueuedCall[]): AnswerOrder {
  const groups = new Map<string, QueuedCall[]>();
  for (const call of calls) groups.set(`${call.queue}\u0000${call.priority}`, [...(groups.get(`${call.queue}\u0000${call.priority}`) ?? []), call]);
  const cross: Tally = { pairs: 0, inversions: 0, worstMs: 0, widestQueueGapMs: 0, pastWindow: 0 };
  const same: Tally = { pairs: 0, inversions: 0, worstMs: 0, widestQueueGapMs: 0, pastWindow: 0 };
  for (const group of groups.values()) {
    for (let i = 0; i < group.length; i += 1) {
      for (let j = i + 1; j < group.length; j += 1) {
        const a = group[i] as QueuedCall;
        const b = group[j] as QueuedCall;
        countPair(a, b, a.pbx === b.pbx ? same : cross);
      }
    }
  }
  return { calls: calls.length, answeredAcrossTrunk: calls.filter((call) => call.agentPbx !== null && call.agentPbx !== call.pbx).length, crossPbx: cross, samePbx: same };
}
