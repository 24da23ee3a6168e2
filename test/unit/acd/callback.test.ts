import { describe, expect, it } from 'vitest';
import { AcdHarness, SEC, agent, queue } from './acd-harness.js';

const rule = { afterSeconds: 60, maxAttempts: 3, retryDelaySeconds: 300 };

/** One agent busy on `busy`; calls a, b, c waiting in that order. */
function line(): AcdHarness {
  const h = new AcdHarness([queue('general', { callback: rule, wrapUpSeconds: 0 })], [agent('a', { general: 1 })]);
  h.login('a');
  h.queue('busy', 'general');
  h.send({ type: 'AgentAnswered', callId: 'busy', agentId: 'a' });
  for (const id of ['a1', 'b1', 'c1']) {
    h.queue(id, 'general');
    h.advance(SEC);
  }
  h.advance(60 * SEC);
  return h;
}

function freeAgent(h: AcdHarness, callId: string): void {
  h.send({ type: 'CallEnded', callId });
}

describe('callback keeping place', () => {
  it('is refused before the caller has waited long enough, or when the queue offers none', () => {
    const h = new AcdHarness([queue('general', { callback: rule }), queue('plain')], [agent('a', { general: 1, plain: 1 })]);
    h.login('a').send({ type: 'AgentPaused', agentId: 'a', reason: 'x' });
    h.queue('1', 'general');
    h.queue('2', 'plain');
    h.advance(59 * SEC);
    expect(h.send({ type: 'CallbackRequested', callId: '1', number: '13800001111' })[0]).toMatchObject({ code: 'ACD_CALLBACK_TOO_EARLY' });
    expect(h.send({ type: 'CallbackRequested', callId: '2', number: '13800001111' })[0]).toMatchObject({ code: 'ACD_CALLBACK_NOT_OFFERED' });
  });

  it('confirms with the position the caller keeps; the caller hanging up then does not abandon it', () => {
    const h = line();
    const out = h.send({ type: 'CallbackRequested', callId: 'b1', number: '13800001111' });
    expect(out).toEqual([{ type: 'ConfirmCallback', callId: 'b1', queueId: 'general', position: 2 }]);
    expect(h.send({ type: 'CallAbandoned', callId: 'b1' })[0]).toMatchObject({ code: 'ACD_WRONG_CALL_STATE' });
    expect(h.engine.call('b1')).toMatchObject({ status: 'waiting', callback: true, position: 2 });
  });

  it('when its turn comes an agent is reserved and the callback dialled, before later callers', () => {
    const h = line();
    h.send({ type: 'CallbackRequested', callId: 'b1', number: '13800001111' });
    freeAgent(h, 'busy');
    h.serve('a'); // a1
    expect(h.all('DialCallback')).toEqual([{ type: 'DialCallback', callId: 'b1', agentId: 'a', queueId: 'general', number: '13800001111', attempt: 1 }]);
    expect(h.engine.agent('a')).toMatchObject({ state: 'offered', callId: 'b1' });
    h.send({ type: 'CallbackAnswered', callId: 'b1' });
    expect(h.engine.agent('a')?.state).toBe('on_call');
    h.send({ type: 'CallEnded', callId: 'b1' });
    expect(h.offeredTo('a')).toBe('c1');
    expect(h.engine.queueStats(h.at)[0]?.counters).toMatchObject({ callbacksRequested: 1, callbacksConnected: 1 });
  });

  it('a failed attempt frees the agent, waits the retry delay, then takes the same place again', () => {
    const h = line();
    h.send({ type: 'CallbackRequested', callId: 'a1', number: '13800001111' });
    freeAgent(h, 'busy');
    h.send({ type: 'CallbackAttemptFailed', callId: 'a1', reason: 'busy' });
    expect(h.offeredTo('a')).toBe('b1');
    h.send({ type: 'AgentAnswered', callId: 'b1', agentId: 'a' });
    h.queue('d1', 'general');
    h.advance(300 * SEC);
    expect(h.engine.call('a1')).toMatchObject({ status: 'waiting', position: 1 });
    h.send({ type: 'CallEnded', callId: 'b1' });
    expect(h.last('DialCallback')).toMatchObject({ callId: 'a1', attempt: 2 });
  });

  it('after the last failed attempt it becomes a CallbackFailed outcome for a ticket', () => {
    const h = line();
    h.send({ type: 'CallbackRequested', callId: 'a1', number: '13800001111' });
    freeAgent(h, 'busy');
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      expect(h.last('DialCallback')).toMatchObject({ callId: 'a1', attempt });
      h.send({ type: 'CallbackAttemptFailed', callId: 'a1', reason: 'no_answer' });
      if (attempt < 3) {
        h.send({ type: 'AgentAnswered', callId: h.offeredTo('a') as string, agentId: 'a' });
        h.advance(300 * SEC);
        freeAgent(h, h.engine.agent('a')?.callId as string);
      }
    }
    expect(h.all('CallbackFailed')).toEqual([{ type: 'CallbackFailed', callId: 'a1', queueId: 'general', number: '13800001111', attempts: 3 }]);
    expect(h.engine.call('a1')).toBeUndefined();
    expect(h.engine.queueStats(h.at)[0]?.counters.callbacksFailed).toBe(1);
  });
});
