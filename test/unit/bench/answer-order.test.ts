import { describe, expect, it } from 'vitest';
import { answerOrder, DELIVERY_WINDOW_MS, type QueuedCall } from '../../../bench/load/answer-order.js';

const call = (callId: string, pbx: string, queuedAt: number, answeredAt: number, more: Partial<QueuedCall> = {}): QueuedCall => ({
  callId, pbx, queue: 'general', priority: 'normal', queuedAt, answeredAt, agentPbx: pbx, ...more,
});

describe('answerOrder', () => {
  it('counts no inversion when callers are answered in the order they queued', () => {
    const order = answerOrder([call('a', 'pbx-1', 0, 100), call('b', 'pbx-2', 10, 120), call('c', 'pbx-1', 20, 130)]);
    expect(order.crossPbx).toEqual({ pairs: 2, inversions: 0, worstMs: 0, widestQueueGapMs: 0, pastWindow: 0 });
    expect(order.samePbx).toEqual({ pairs: 1, inversions: 0, worstMs: 0, widestQueueGapMs: 0, pastWindow: 0 });
  });

  it('counts a later caller answered first, across boxes apart from within one box', () => {
    const order = answerOrder([call('a', 'pbx-1', 0, 500), call('b', 'pbx-2', 10, 200), call('c', 'pbx-1', 20, 300)]);
    expect(order.crossPbx).toEqual({ pairs: 2, inversions: 1, worstMs: 300, widestQueueGapMs: 10, pastWindow: 0 });
    expect(order.samePbx).toEqual({ pairs: 1, inversions: 1, worstMs: 200, widestQueueGapMs: 20, pastWindow: 0 });
  });

  it('counts apart the inversions of calls queued further apart than the delivery window (a caller the leader could have served first)', () => {
    const order = answerOrder([call('a', 'pbx-1', 0, 900), call('b', 'pbx-2', DELIVERY_WINDOW_MS + 1, 500), call('c', 'pbx-2', 50, 800)]);
    expect(order.crossPbx).toMatchObject({ inversions: 2, pastWindow: 1 });
  });

  it('compares only calls of one queue and priority class', () => {
    const order = answerOrder([call('a', 'pbx-1', 0, 500), call('b', 'pbx-2', 10, 200, { priority: 'elderly' }), call('c', 'pbx-2', 20, 100, { queue: 'other' })]);
    expect(order.crossPbx.pairs + order.samePbx.pairs).toBe(0);
  });

  it('counts calls put through to an agent on the other box', () => {
    expect(answerOrder([call('a', 'pbx-1', 0, 100, { agentPbx: 'pbx-2' }), call('b', 'pbx-2', 5, 110)]).answeredAcrossTrunk).toBe(1);
  });
});
