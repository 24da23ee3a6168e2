import { describe, expect, it } from 'vitest';
import { AcdHarness, SEC, agent, queue, standardQueues } from './acd-harness.js';

function staffed(): AcdHarness {
  // 8001 serves elderly and general, 8002 enterprise and general, 8003 general only; all paused so calls wait.
  const h = new AcdHarness(standardQueues(), [agent('8001', { general: 1, elderly: 1 }), agent('8002', { general: 1, enterprise: 1 }), agent('8003', { general: 1 })]);
  h.login('8001', '8002', '8003');
  for (const id of ['8001', '8002', '8003']) h.send({ type: 'AgentPaused', agentId: id, reason: 'busy' });
  return h;
}

describe('overflow after max wait', () => {
  it('moves an enterprise call to general after 120 s', () => {
    const h = staffed();
    h.queue('e1', 'enterprise');
    h.advance(119 * SEC);
    expect(h.engine.call('e1')?.queueId).toBe('enterprise');
    h.advance(1 * SEC);
    expect(h.all('CallOverflowed')).toEqual([{ type: 'CallOverflowed', callId: 'e1', fromQueueId: 'enterprise', toQueueId: 'general', reason: 'max_wait' }]);
    expect(h.engine.call('e1')).toMatchObject({ queueId: 'general', status: 'waiting', priorityClass: 'enterprise', enqueuedAt: h.at - 120 * SEC });
  });

  it('keeps priority and original wait: an overflowed enterprise call goes ahead of older general calls', () => {
    const h = staffed();
    h.queue('g1', 'general');
    h.advance(100 * SEC);
    h.queue('o1', 'enterprise');
    h.advance(120 * SEC);
    expect(h.engine.call('o1')).toMatchObject({ queueId: 'general', position: 1 });
    h.send({ type: 'AgentResumed', agentId: '8003' });
    expect(h.offers()).toEqual(['o1->8003']);
  });

  it('an overflowed call can still be taken by an agent of its first queue', () => {
    const h = staffed();
    h.queue('o1', 'enterprise');
    h.advance(120 * SEC);
    h.send({ type: 'AgentResumed', agentId: '8002' }); // has general too
    expect(h.offers()).toEqual(['o1->8002']);
    expect(h.last('OfferCall').queueId).toBe('general');
  });

  it('a call whose overflow time passes while it rings overflows when the ring times out', () => {
    const h = staffed();
    h.queue('e1', 'enterprise');
    h.advance(110 * SEC);
    h.send({ type: 'AgentResumed', agentId: '8002' });
    expect(h.offers()).toEqual(['e1->8002']);
    h.send({ type: 'OfferRinging', callId: 'e1', agentId: '8002' });
    h.advance(20 * SEC); // ring timeout at 130 s, past the 120 s limit
    expect(h.last('CallOverflowed')).toMatchObject({ callId: 'e1', reason: 'max_wait' });
    expect(h.engine.call('e1')?.queueId).toBe('general');
  });

  it('answering in time cancels the overflow', () => {
    const h = staffed();
    h.queue('e1', 'enterprise');
    h.send({ type: 'AgentResumed', agentId: '8002' });
    h.send({ type: 'AgentAnswered', callId: 'e1', agentId: '8002' });
    h.advance(300 * SEC);
    expect(h.all('CallOverflowed')).toEqual([]);
  });
});

describe('overflow when nobody is logged in', () => {
  it('sends the call on at once when no agent of the queue is logged in, keeping its class', () => {
    const h = new AcdHarness(standardQueues(), [agent('8003', { general: 1 })]);
    h.login('8003');
    h.queue('e1', 'enterprise');
    expect(h.all('CallOverflowed')).toEqual([{ type: 'CallOverflowed', callId: 'e1', fromQueueId: 'enterprise', toQueueId: 'general', reason: 'no_agents' }]);
    expect(h.offers()).toEqual(['e1->8003']);
  });

  it('paused agents still count as logged in: the call waits for them', () => {
    const h = staffed();
    h.queue('e1', 'enterprise');
    expect(h.all('CallOverflowed')).toEqual([]);
  });

  it('when the last agent of a queue logs out its waiting calls move on, in order', () => {
    const h = staffed();
    h.queue('e1', 'enterprise');
    h.queue('e2', 'enterprise');
    h.send({ type: 'AgentLoggedOut', agentId: '8002' });
    expect(h.all('CallOverflowed').map((c) => [c.callId, c.reason])).toEqual([['e1', 'no_agents'], ['e2', 'no_agents']]);
    expect(h.engine.call('e2')?.position).toBe(2);
  });

  it('without a target the call stays queued (nobody to send it to)', () => {
    const h = new AcdHarness([queue('general')], [agent('a', { general: 1 })]);
    h.queue('g1', 'general');
    expect(h.engine.call('g1')?.status).toBe('waiting');
    h.login('a');
    expect(h.offers()).toEqual(['g1->a']);
  });
});

describe('queue full', () => {
  it('overflows to the target when full, and rejects when there is no target', () => {
    const queues = [queue('general', { maxLength: 1 }), queue('enterprise', { priorityClass: 'enterprise', maxLength: 1, overflow: { afterSeconds: null, to: 'general' } })];
    const h = new AcdHarness(queues, [agent('a', { general: 1, enterprise: 1 })]);
    h.login('a').send({ type: 'AgentPaused', agentId: 'a', reason: 'x' });
    h.queue('e1', 'enterprise');
    h.queue('e2', 'enterprise');
    h.queue('e3', 'enterprise');
    expect(h.all('CallOverflowed').map((c) => [c.callId, c.reason])).toEqual([['e2', 'queue_full'], ['e3', 'queue_full']]);
    expect(h.all('RejectCall')).toEqual([{ type: 'RejectCall', callId: 'e3', queueId: 'general', reason: 'queue_full' }]);
    expect(h.engine.call('e3')).toBeUndefined();
    const [general, enterprise] = h.engine.queueStats(h.at);
    expect(enterprise?.counters).toMatchObject({ offered: 3, overflowed: 2 });
    expect(general?.counters).toMatchObject({ offered: 2, rejected: 1 });
  });
});
