import { describe, expect, it } from 'vitest';
import { AcdHarness, SEC, agent, queue } from './acd-harness.js';

function talking(endsOnTicket: boolean, wrapUpSeconds = 30): AcdHarness {
  const h = new AcdHarness([queue('general', { wrapUpSeconds, wrapUpEndsOnTicket: endsOnTicket })], [agent('a', { general: 1 })]);
  h.login('a');
  h.queue('1', 'general');
  h.send({ type: 'AgentAnswered', callId: '1', agentId: 'a' });
  h.queue('2', 'general');
  return h;
}

describe('agent state machine', () => {
  it('goes logged_out → available → offered → on_call → wrap_up → available', () => {
    const h = talking(false);
    h.send({ type: 'CallEnded', callId: '1' });
    h.advance(30 * SEC);
    const states = h.all('AgentStateChanged').map((c) => c.state);
    expect(states).toEqual(['available', 'offered', 'on_call', 'wrap_up', 'available', 'offered']);
  });

  it('rejects events that do not fit: unknown agent, double login, answering an unknown call', () => {
    const h = talking(false);
    expect(h.send({ type: 'AgentLoggedIn', agentId: 'nobody' })[0]).toMatchObject({ code: 'ACD_UNKNOWN_AGENT' });
    expect(h.send({ type: 'AgentLoggedIn', agentId: 'a' })[0]).toMatchObject({ code: 'ACD_WRONG_AGENT_STATE' });
    expect(h.send({ type: 'AgentAnswered', callId: 'x', agentId: 'a' })[0]).toMatchObject({ code: 'ACD_UNKNOWN_CALL' });
    expect(h.send({ type: 'CallQueued', callId: '1', queueId: 'general' })[0]).toMatchObject({ code: 'ACD_DUPLICATE_CALL' });
    expect(h.send({ type: 'CallQueued', callId: '9', queueId: 'vip' })[0]).toMatchObject({ code: 'ACD_UNKNOWN_QUEUE' });
    expect(h.send({ type: 'CallQueued', callId: '9', queueId: 'general', priorityClass: 'vip' })[0]).toMatchObject({ code: 'ACD_UNKNOWN_PRIORITY_CLASS' });
  });
});

describe('wrap-up', () => {
  it('ends by its timer after the queue wrap-up seconds', () => {
    const h = talking(false);
    h.send({ type: 'CallEnded', callId: '1' });
    h.advance(29 * SEC);
    expect(h.engine.agent('a')?.state).toBe('wrap_up');
    h.advance(1 * SEC);
    expect(h.offeredTo('a')).toBe('2');
  });

  it('ends when the ticket is filed, if the queue says so', () => {
    const h = talking(true);
    h.send({ type: 'CallEnded', callId: '1' });
    h.advance(5 * SEC);
    h.send({ type: 'TicketFiled', agentId: 'a', callId: '1' });
    expect(h.offeredTo('a')).toBe('2');
    expect(h.all('CancelTimer').length).toBeGreaterThan(0);
  });

  it('ignores the filed ticket when the queue wants the full wrap-up', () => {
    const h = talking(false);
    h.send({ type: 'CallEnded', callId: '1' });
    h.send({ type: 'TicketFiled', agentId: 'a', callId: '1' });
    expect(h.engine.agent('a')?.state).toBe('wrap_up');
    h.advance(30 * SEC);
    expect(h.offeredTo('a')).toBe('2');
  });

  it('a ticket filed during the call ends wrap-up as soon as the call ends', () => {
    const h = talking(true);
    h.send({ type: 'TicketFiled', agentId: 'a', callId: null });
    h.send({ type: 'CallEnded', callId: '1' });
    expect(h.offeredTo('a')).toBe('2');
  });

  it('a ticket for another call does not end this wrap-up; a late timer after it ended is ignored', () => {
    const h = talking(true);
    h.send({ type: 'CallEnded', callId: '1' });
    h.send({ type: 'TicketFiled', agentId: 'a', callId: 'other' });
    expect(h.engine.agent('a')?.state).toBe('wrap_up');
    const timer = h.last('StartTimer').timerId;
    h.send({ type: 'TicketFiled', agentId: 'a', callId: '1' });
    const out = h.send({ type: 'TimerFired', timerId: timer });
    expect(out).toEqual([]);
    expect(h.offeredTo('a')).toBe('2');
  });
});

describe('logging out', () => {
  it('while ringing: the offer is withdrawn and the call keeps its place for the next agent', () => {
    const h = new AcdHarness([queue('general')], [agent('a', { general: 1 }), agent('b', { general: 1 })]);
    h.login('a', 'b');
    h.send({ type: 'AgentPaused', agentId: 'b', reason: 'x' });
    h.queue('1', 'general');
    h.queue('2', 'general');
    h.send({ type: 'AgentLoggedOut', agentId: 'a' });
    expect(h.last('CancelOffer')).toMatchObject({ callId: '1', agentId: 'a', reason: 'agent_logged_out' });
    expect(h.engine.agent('a')).toMatchObject({ state: 'logged_out', callId: null });
    h.send({ type: 'AgentResumed', agentId: 'b' });
    expect(h.offeredTo('b')).toBe('1');
  });

  it('during a call: the call goes on, no wrap-up follows, and logging in again waits for the call to end', () => {
    const h = talking(true);
    h.send({ type: 'AgentLoggedOut', agentId: 'a' });
    expect(h.send({ type: 'AgentLoggedIn', agentId: 'a' })[0]).toMatchObject({ code: 'ACD_WRONG_AGENT_STATE' });
    h.advance(40 * SEC);
    h.send({ type: 'CallEnded', callId: '1' });
    expect(h.engine.agent('a')).toMatchObject({ state: 'logged_out', callId: null });
    expect(h.engine.queueStats(h.at)[0]?.counters).toMatchObject({ handled: 1, totalHandleMs: 40 * SEC });
    h.send({ type: 'AgentLoggedIn', agentId: 'a' });
    expect(h.offeredTo('a')).toBe('2');
  });
});
