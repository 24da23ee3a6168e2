import { describe, expect, it } from 'vitest';
import { answerOrder, DELIVERY_WINDOW_MS, type QueuedCall } from '../../../bench/load/answer-order.js';

/** A call the ACD queued, offered to an agent at `offeredAt` and answered 300 ms later unless told otherwise. */
const call = (callId: string, pbx: string, queuedAt: number, offeredAt: number, more: Partial<QueuedCall> = {}): QueuedCall => ({
  callId, pbx, queue: 'general', priority: 'normal', queuedAt, queuedBy: 'acd', offeredAt, answeredAt: offeredAt + 300, agentPbx: pbx, ...more,
});

const NONE = { pairs: 0, inversions: 0, worstMs: 0, widestQueueGapMs: 0, pastWindow: 0 };

describe('answerOrder', () => {
  it('counts no inversion when callers are offered in the order they queued', () => {
    const order = answerOrder([call('a', 'pbx-1', 0, 100), call('b', 'pbx-2', 10, 120), call('c', 'pbx-1', 20, 130)]);
    expect(order.calls).toBe(3);
    expect(order.crossPbx).toEqual({ ...NONE, pairs: 2 });
    expect(order.samePbx).toEqual({ ...NONE, pairs: 1 });
  });

  it('counts a later caller offered first, across boxes apart from within one box', () => {
    const order = answerOrder([call('a', 'pbx-1', 0, 500), call('b', 'pbx-2', 10, 200), call('c', 'pbx-1', 20, 300)]);
    expect(order.crossPbx).toEqual({ pairs: 2, inversions: 1, worstMs: 300, widestQueueGapMs: 10, pastWindow: 0 });
    expect(order.samePbx).toEqual({ pairs: 1, inversions: 1, worstMs: 200, widestQueueGapMs: 20, pastWindow: 0 });
  });

  it('counts an inversion on offer time even when the answers came in the queue order', () => {
    const order = answerOrder([call('a', 'pbx-1', 0, 500, { answeredAt: 600 }), call('b', 'pbx-2', 10, 400, { answeredAt: 900 })]);
    expect(order.crossPbx).toMatchObject({ pairs: 1, inversions: 1, worstMs: 100 });
    expect(order.byAnswer.crossPbx).toMatchObject({ pairs: 1, inversions: 0 });
  });

  it('does not count in the headline a pair offered in order but answered out of order (the put-through, not the ACD)', () => {
    const order = answerOrder([call('a', 'pbx-1', 0, 100, { answeredAt: 2500 }), call('b', 'pbx-1', DELIVERY_WINDOW_MS + 50, 200, { answeredAt: 600 })]);
    expect(order.samePbx).toEqual({ ...NONE, pairs: 1 });
    expect(order.byAnswer.samePbx).toEqual({ pairs: 1, inversions: 1, worstMs: 1900, widestQueueGapMs: DELIVERY_WINDOW_MS + 50, pastWindow: 1 });
  });

  it('counts apart the inversions of calls queued further apart than the delivery window (a caller the leader could have served first)', () => {
    const order = answerOrder([call('a', 'pbx-1', 0, 900), call('b', 'pbx-2', DELIVERY_WINDOW_MS + 1, 500), call('c', 'pbx-2', 50, 800)]);
    expect(order.crossPbx).toMatchObject({ inversions: 2, pastWindow: 1 });
  });

  it('leaves out callers the dialplan queued itself (shed by overload protection), however late they were answered', () => {
    const shed = call('s', 'pbx-2', 5, 50, { queue: 'general', queuedBy: 'dialplan', offeredAt: null, answeredAt: 50 });
    const order = answerOrder([call('a', 'pbx-1', 0, 100), shed, call('b', 'pbx-1', 10, 120)]);
    expect(order.notQueuedByAcd).toBe(1);
    expect(order.calls).toBe(2);
    expect(order.crossPbx).toEqual(NONE);
    expect(order.samePbx).toEqual({ ...NONE, pairs: 1 });
    expect(order.byAnswer.calls).toBe(2);
    expect(order.byAnswer.crossPbx).toEqual(NONE);
  });

  it('says how many answered calls lack an offer, and leaves them out of the offer count only', () => {
    const order = answerOrder([call('a', 'pbx-1', 0, 100), call('b', 'pbx-2', 10, 0, { offeredAt: null, answeredAt: 50 })]);
    expect(order.answeredUnoffered).toBe(1);
    expect(order.crossPbx.pairs).toBe(0);
    expect(order.byAnswer.crossPbx).toMatchObject({ pairs: 1, inversions: 1 });
  });

  it('compares only calls of one queue and priority class', () => {
    const order = answerOrder([call('a', 'pbx-1', 0, 500), call('b', 'pbx-2', 10, 200, { priority: 'elderly' }), call('c', 'pbx-2', 20, 100, { queue: 'other' })]);
    expect(order.crossPbx.pairs + order.samePbx.pairs).toBe(0);
  });

  it('counts calls put through to an agent on the other box', () => {
    expect(answerOrder([call('a', 'pbx-1', 0, 100, { agentPbx: 'pbx-2' }), call('b', 'pbx-2', 5, 110)]).answeredAcrossTrunk).toBe(1);
  });
});
