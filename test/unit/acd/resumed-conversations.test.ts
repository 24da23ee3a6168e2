import { describe, expect, it } from 'vitest';
import { AcdHarness, SEC, agent, queue } from './acd-harness.js';

function harness(): AcdHarness {
  return new AcdHarness([queue('general', { wrapUpSeconds: 30, wrapUpEndsOnTicket: false })], [agent('a', { general: 1 }), agent('b', { general: 1 })]);
}

const resumed = (callId: string, agentId: string, answeredAt = 0): Parameters<AcdHarness['send']>[0] => ({ type: 'ConversationResumed', callId, agentId, queueId: 'general', answeredAt });

describe('a conversation kept through a takeover (ConversationResumed)', () => {
  it('puts a logged-out agent (a restarted single box) on the call: no other call is offered, its end starts the wrap-up', () => {
    const h = harness();
    h.advance(10 * SEC);
    expect(h.send(resumed('1', 'a', 2 * SEC))).toEqual([{ type: 'AgentStateChanged', agentId: 'a', state: 'on_call', reason: null, callId: '1' }]);
    h.login('b');
    h.queue('2', 'general');
    expect(h.offeredTo('b')).toBe('2');
    expect(h.engine.agent('a')).toMatchObject({ state: 'on_call', callId: '1' });
    // Logging in again (the desktop or auto-login after the restart) changes nothing.
    expect(h.send({ type: 'AgentLoggedIn', agentId: 'a' })[0]).toMatchObject({ code: 'ACD_WRONG_AGENT_STATE' });
    h.send({ type: 'CallEnded', callId: '1' });
    expect(h.engine.agent('a')).toMatchObject({ state: 'wrap_up' });
    h.advance(30 * SEC);
    expect(h.engine.agent('a')).toMatchObject({ state: 'available', callId: null });
  });

  it('keeps a paused agent\'s pause for after the call', () => {
    const h = harness();
    h.login('a');
    h.send({ type: 'AgentPaused', agentId: 'a', reason: 'meeting' });
    h.send(resumed('1', 'a'));
    expect(h.engine.agent('a')).toMatchObject({ state: 'on_call' });
    h.send({ type: 'CallEnded', callId: '1' });
    h.advance(30 * SEC);
    expect(h.engine.agent('a')).toMatchObject({ state: 'paused', reason: 'meeting' });
  });

  it('changes nothing in an ACD that already has the agent on the call (the leader outlived the worker)', () => {
    const h = harness();
    h.login('a');
    h.queue('1', 'general');
    h.send({ type: 'AgentAnswered', callId: '1', agentId: 'a' });
    expect(h.send(resumed('1', 'a'))).toEqual([]);
    expect(h.engine.agent('a')).toMatchObject({ state: 'on_call', callId: '1' });
  });

  it('refuses, changing nothing: another agent on the call, an agent busy with another call, unknown agent or queue', () => {
    const h = harness();
    h.login('a');
    h.queue('1', 'general');
    h.send({ type: 'AgentAnswered', callId: '1', agentId: 'a' });
    expect(h.send(resumed('1', 'b'))[0]).toMatchObject({ code: 'ACD_DUPLICATE_CALL' });
    expect(h.send(resumed('2', 'a'))[0]).toMatchObject({ code: 'ACD_WRONG_AGENT_STATE' });
    expect(h.send(resumed('2', 'nobody'))[0]).toMatchObject({ code: 'ACD_UNKNOWN_AGENT' });
    expect(h.send({ ...resumed('2', 'b'), queueId: 'nowhere' } as Parameters<AcdHarness['send']>[0])[0]).toMatchObject({ code: 'ACD_UNKNOWN_QUEUE' });
    expect(h.engine.agent('b')).toMatchObject({ state: 'logged_out', callId: null });
  });

  it('survives a failover: the restored ACD still has the agent on the resumed call', () => {
    const h = harness();
    h.send(resumed('1', 'a'));
    const { harness: next } = h.failover();
    expect(next.engine.agent('a')).toMatchObject({ state: 'on_call', callId: '1' });
    next.send({ type: 'CallEnded', callId: '1' });
    expect(next.engine.agent('a')).toMatchObject({ state: 'wrap_up' });
  });
});
