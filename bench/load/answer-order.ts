// Whether the cluster's ACD served its callers in the order they queued. One ACD leader orders every
// queue across both boxes: when an agent is free it offers them the waiting call it ranks first. So
// the order is counted at the offer, the leader's decision: over pairs of calls of one queue and
// priority class, A queued before B, B offered to an agent before A. Not at the agent's answer: the
// answer comes after the caller's box puts the call through (over the trunk when the agent's phone
// is on the other box), so answer times mix the leader's order with put-through delays that vary by
// seconds at saturation; that count is kept beside it only to show the difference. Callers the
// dialplan answered itself (shed by overload protection, or arrived while no server was there) wait
// in its fallback queue, never in the ACD's, so they are left out. Pairs of calls on different
// boxes (what one box alone cannot show) are counted apart from pairs on one box. Pure.

export interface QueuedCall {
  readonly callId: string;
  /** The box the caller called into. */
  readonly pbx: string;
  readonly queue: string;
  /** The priority class the queue ordered it by. */
  readonly priority: string;
  /** When it entered its first queue, ms. */
  readonly queuedAt: number;
  /** Who queued it: the ACD, or the dialplan's fallback queue (a shed caller), which the ACD never ordered. */
  readonly queuedBy: 'acd' | 'dialplan';
  /** When it was first offered to an agent, ms; null when never offered (or the ticket does not say). */
  readonly offeredAt: number | null;
  /** When the agent answered, ms; null when no agent answered. */
  readonly answeredAt: number | null;
  /** The box of the agent's phone that answered (null when not known). */
  readonly agentPbx: string | null;
}

export interface OrderCount {
  /** Pairs of calls of one queue and priority class. */
  readonly pairs: number;
  /** Of those, the later queued served first (offered, or answered, as the count says). */
  readonly inversions: number;
  /** How far out of order an inversion was at most, in the time compared, ms (0 when none). */
  readonly worstMs: number;
  /** The largest queue-entry gap of an inverted pair, ms: how much earlier the caller served second had queued. */
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

export interface OrderCounts {
  /** The calls compared. */
  readonly calls: number;
  readonly crossPbx: OrderCount;
  readonly samePbx: OrderCount;
}

/** The headline count is by offer time; `byAnswer` is the same count by the agent's answer time. */
export interface AnswerOrder extends OrderCounts {
  /** Calls left out because the ACD never queued them (the dialplan's fallback queue). */
  readonly notQueuedByAcd: number;
  /** Calls the ACD queued that an agent answered but whose ticket shows no offer: missing from the offer count. */
  readonly answeredUnoffered: number;
  /** Calls the ACD queued answered by an agent whose phone is on the other box (put through over the trunk). */
  readonly answeredAcrossTrunk: number;
  readonly byAnswer: OrderCounts;
}

interface Timed {
  readonly call: QueuedCall;
  /** The time compared: the offer or the answer. */
  readonly at: number;
}

interface Tally {
  pairs: number;
  inversions: number;
  worstMs: number;
  widestQueueGapMs: number;
  pastWindow: number;
}

const emptyTally = (): Tally => ({ pairs: 0, inversions: 0, worstMs: 0, widestQueueGapMs: 0, pastWindow: 0 });

function countPair(a: Timed, b: Timed, tally: Tally): void {
  // Calls queued in the same millisecond have no order to keep.
  if (a.call.queuedAt === b.call.queuedAt) return;
  const [first, second] = a.call.queuedAt < b.call.queuedAt ? [a, b] : [b, a];
  tally.pairs += 1;
  if (second.at < first.at) {
    const queueGap = second.call.queuedAt - first.call.queuedAt;
    tally.inversions += 1;
    tally.worstMs = Math.max(tally.worstMs, first.at - second.at);
    tally.widestQueueGapMs = Math.max(tally.widestQueueGapMs, queueGap);
    if (queueGap > DELIVERY_WINDOW_MS) tally.pastWindow += 1;
  }
}

/** The pairs of one queue and priority class, ordered by `timeOf`; calls it gives no time are not compared. */
function orderBy(calls: readonly QueuedCall[], timeOf: (call: QueuedCall) => number | null): OrderCounts {
  const groups = new Map<string, Timed[]>();
  for (const call of calls) {
    const at = timeOf(call);
    if (at === null) continue;
    const key = `${call.queue}\u0000${call.priority}`;
    groups.set(key, [...(groups.get(key) ?? []), { call, at }]);
  }
  const cross = emptyTally();
  const same = emptyTally();
  for (const group of groups.values()) {
    group.forEach((a, i) => group.slice(i + 1).forEach((b) => countPair(a, b, a.call.pbx === b.call.pbx ? same : cross)));
  }
  return { calls: [...groups.values()].reduce((n, group) => n + group.length, 0), crossPbx: cross, samePbx: same };
}

export function answerOrder(calls: readonly QueuedCall[]): AnswerOrder {
  const byAcd = calls.filter((call) => call.queuedBy === 'acd');
  const answered = byAcd.filter((call) => call.answeredAt !== null);
  return {
    ...orderBy(byAcd, (call) => call.offeredAt),
    notQueuedByAcd: calls.length - byAcd.length,
    answeredUnoffered: answered.filter((call) => call.offeredAt === null).length,
    answeredAcrossTrunk: answered.filter((call) => call.agentPbx !== null && call.agentPbx !== call.pbx).length,
    byAnswer: orderBy(byAcd, (call) => call.answeredAt),
  };
}
