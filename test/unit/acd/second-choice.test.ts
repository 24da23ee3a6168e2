// The elderly lane with general agents as its second choice: an elderly caller goes to the first
// agent who can take the call, an elderly-trained one while one is free, and never waits on a timer
// while a general agent sits idle. The call stays in the elderly queue at its rank throughout.
import { describe, expect, it } from 'vitest';
import { AcdHarness, SEC, agent, queue, standardQueues } from './acd-harness.js';

// 8001 elderly + general (王丽 in the fixture), 8005 elderly only, 8003 general only, 8004 English.
const both = agent('8001', { general: 3, elderly: 3 });
const elderlyOnly = agent('8005', { elderly: 2 });
const generalOnly = agent('8003', { general: 3 });
const english = agent('8004', { enterprise: 2, 'lang-en': 3 }, ['enterprise', 'lang-en']);

function hotline(...agents: (typeof both)[]): AcdHarness {
  return new AcdHarness([...standardQueues(), queue('lang-en')], agents);
}

/** Logs the agent in and puts them on a call of `queueId` (answered), so they are busy until `hangUp`. */
function talking(h: AcdHarness, agentId: string, callId: string, queueId = 'general'): void {
  h.login(agentId);
  h.queue(callId, queueId);
  expect(h.offeredTo(agentId)).toBe(callId);
  h.send({ type: 'AgentAnswered', callId, agentId });
}

/** The call ends and its ticket is filed: the agent is free at once (wrap-up ends on the ticket). */
function hangUp(h: AcdHarness, agentId: string, callId: string): void {
  h.send({ type: 'CallEnded', callId });
  h.send({ type: 'TicketFiled', agentId, callId });
}

function counters(h: AcdHarness, queueId: string): Record<string, number> {
  return { ...h.engine.queueStats(h.at).find((q) => q.queueId === queueId)?.counters };
}

describe('no elderly-trained agent free', () => {
  it('a registered elderly caller is offered to the free general agent at once, with no overflow and no timer', () => {
    const h = hotline(both, generalOnly);
    talking(h, '8001', 'busy');
    h.login('8003');
    const out = h.queue('e1', 'elderly');
    expect(out).toContainEqual({ type: 'OfferCall', callId: 'e1', agentId: '8003', queueId: 'elderly', ringTimeoutSeconds: 20 });
    expect(h.all('CallOverflowed')).toEqual([]);
    expect(h.all('StartTimer', out).map((t) => t.timerId.split(':')[1])).toEqual(['ring']);
  });

  /** 8001 talking, 8003 on a break; general callers queued at the given gaps, then e1; then 8003 is back. */
  function generalCallersThenElderly(gapsSeconds: readonly number[]): AcdHarness {
    const h = hotline(both, generalOnly);
    talking(h, '8001', 'busy');
    h.login('8003').send({ type: 'AgentPaused', agentId: '8003', reason: 'break' });
    gapsSeconds.forEach((gap, i) => {
      h.queue(`g${i + 1}`, 'general');
      h.advance(gap * SEC);
    });
    h.queue('e1', 'elderly');
    h.send({ type: 'AgentResumed', agentId: '8003' });
    return h;
  }

  it('goes ahead of general callers who queued earlier', () => {
    const h = generalCallersThenElderly([90, 30]);
    expect(h.offers()).toEqual(['busy->8001', 'e1->8003']);
    expect(h.engine.call('g1')).toMatchObject({ status: 'waiting', position: 1 });
  });

  it('keeps the aging that stops anyone waiting for ever: a general caller 5 minutes earlier still goes first', () => {
    const h = generalCallersThenElderly([301]);
    expect(h.offeredTo('8003')).toBe('g1');
  });

  it('with no elderly-trained agent logged in at all the call still stays in its queue for the general agents', () => {
    const h = hotline(both, generalOnly);
    h.login('8003');
    h.queue('e1', 'elderly');
    expect(h.all('CallOverflowed')).toEqual([]);
    expect(h.offers()).toEqual(['e1->8003']);
  });

  it('moves on to the general queue only when nobody of either kind is logged in, as before', () => {
    const h = hotline(both, generalOnly);
    h.queue('e1', 'elderly');
    expect(h.all('CallOverflowed')).toEqual([{ type: 'CallOverflowed', callId: 'e1', fromQueueId: 'elderly', toQueueId: 'general', reason: 'no_agents' }]);
    h.login('8003');
    expect(h.offers()).toEqual(['e1->8003']);
  });
});

describe('an elderly-trained agent free', () => {
  it.each([
    ['with the elderly skill only', elderlyOnly],
    ['who also serves general callers', both],
  ])('gets the call, %s, though a general agent has been idle longer', (_kind, elderlyAgent) => {
    const h = hotline(elderlyAgent, generalOnly);
    h.login('8003');
    h.advance(600 * SEC);
    h.login(elderlyAgent.id);
    h.queue('e1', 'elderly');
    expect(h.offers()).toEqual([`e1->${elderlyAgent.id}`]);
  });
});

describe('every agent busy', () => {
  /** 8005 (elderly only) and 8003 (general only) talking; g1 then e1 waiting. */
  function allBusy(): AcdHarness {
    const h = hotline(elderlyOnly, generalOnly);
    talking(h, '8005', 'x1', 'elderly');
    talking(h, '8003', 'x2');
    h.queue('g1', 'general');
    h.advance(10 * SEC);
    h.queue('e1', 'elderly');
    return h;
  }

  it('the elderly agent who frees up first takes the elderly caller', () => {
    const h = allBusy();
    hangUp(h, '8005', 'x1');
    expect(h.offeredTo('8005')).toBe('e1');
    hangUp(h, '8003', 'x2');
    expect(h.offeredTo('8003')).toBe('g1');
  });

  it('the general agent who frees up first takes the elderly caller, ahead of the general caller before it', () => {
    const h = allBusy();
    hangUp(h, '8003', 'x2');
    expect(h.offeredTo('8003')).toBe('e1');
    expect(h.engine.call('g1')?.status).toBe('waiting');
  });

  it('an elderly agent with the general skill who frees up first takes it too', () => {
    const h = hotline(both, generalOnly);
    talking(h, '8001', 'x1', 'elderly');
    talking(h, '8003', 'x2');
    h.queue('g1', 'general');
    h.queue('e1', 'elderly');
    hangUp(h, '8001', 'x1');
    expect(h.offeredTo('8001')).toBe('e1');
  });

  it('the wallboard counts the waiting elderly caller once, in its own queue', () => {
    const h = allBusy();
    const stats = new Map(h.engine.queueStats(h.at).map((q) => [q.queueId, q]));
    expect(stats.get('elderly')).toMatchObject({ waiting: 1 });
    expect(stats.get('general')).toMatchObject({ waiting: 1 });
    expect(h.engine.call('e1')).toMatchObject({ queueId: 'elderly', position: 1 });
  });
});

describe('an elderly agent free a moment after the call went to a general agent', () => {
  function ringingAtGeneral(): AcdHarness {
    const h = hotline(both, elderlyOnly, generalOnly);
    talking(h, '8005', 'x1', 'elderly');
    talking(h, '8001', 'x2', 'elderly');
    h.login('8003').send({ type: 'AgentPaused', agentId: '8003', reason: 'break' });
    h.queue('g1', 'general');
    h.queue('e1', 'elderly');
    h.send({ type: 'AgentResumed', agentId: '8003' });
    expect(h.offeredTo('8003')).toBe('e1');
    h.send({ type: 'OfferRinging', callId: 'e1', agentId: '8003' });
    return h;
  }

  it('the offer is not taken back: the elderly agent takes the next caller', () => {
    const h = ringingAtGeneral();
    hangUp(h, '8001', 'x2');
    expect(h.offeredTo('8003')).toBe('e1');
    expect(h.offeredTo('8001')).toBe('g1');
  });

  it('if the general agent does not answer, the call goes back to its place and to the elderly agent now free', () => {
    const h = ringingAtGeneral();
    hangUp(h, '8005', 'x1');
    expect(h.engine.agent('8005')?.state).toBe('available'); // g1 is not an elderly-only agent's call
    h.advance(20 * SEC); // ring-no-answer: 8003 is paused, e1 keeps its rank
    expect(h.engine.agent('8003')).toMatchObject({ state: 'paused', reason: 'no_answer' });
    expect(h.offeredTo('8005')).toBe('e1');
    expect(h.last('OfferCall')).toMatchObject({ callId: 'e1', agentId: '8005', queueId: 'elderly' });
  });
});

describe('counters', () => {
  it('an elderly call answered by a general agent is answered in the elderly queue, not overflowed', () => {
    const h = hotline(both, generalOnly);
    talking(h, '8001', 'x1', 'elderly');
    h.login('8003');
    h.queue('e1', 'elderly');
    h.advance(3 * SEC);
    h.send({ type: 'AgentAnswered', callId: 'e1', agentId: '8003' });
    expect(counters(h, 'elderly')).toMatchObject({ offered: 2, answered: 2, answeredBySecondChoice: 1, answeredInThreshold: 2, overflowed: 0 });
    expect(counters(h, 'general')).toMatchObject({ offered: 0, answered: 0, answeredBySecondChoice: 0 });
    h.advance(60 * SEC);
    hangUp(h, '8003', 'e1');
    expect(counters(h, 'elderly')).toMatchObject({ handled: 1 });
  });

  it('an elderly agent who also has the general skill is a first choice, not a second', () => {
    const h = hotline(both, generalOnly);
    talking(h, '8001', 'x1', 'elderly');
    expect(counters(h, 'elderly')).toMatchObject({ answered: 1, answeredBySecondChoice: 0 });
  });

  it('the estimated wait counts each agent who may take the call once', () => {
    // 8001 (both lanes) and 8003 (second choice) busy: two agents, so the third caller waits two rounds.
    const h = new AcdHarness([queue('general'), queue('elderly', { priorityClass: 'elderly', secondChoice: 'general', announceEverySeconds: 60 })], [both, generalOnly]);
    talking(h, '8001', 'x1', 'elderly');
    talking(h, '8003', 'x2');
    for (const id of ['e1', 'e2', 'e3']) h.queue(id, 'elderly');
    expect(h.all('AnnouncePosition').map((a) => [a.callId, a.position, a.estimatedWaitSeconds])).toEqual([
      ['e1', 1, 240],
      ['e2', 2, 240],
      ['e3', 3, 480],
    ]);
  });
});

describe('lanes that keep waiting for their own agents', () => {
  it('an English caller never goes to a general agent', () => {
    const h = hotline(both, generalOnly, english);
    talking(h, '8004', 'x1', 'lang-en');
    h.login('8003');
    h.queue('en1', 'lang-en');
    h.advance(600 * SEC);
    expect(h.engine.call('en1')).toMatchObject({ queueId: 'lang-en', status: 'waiting' });
    expect(h.offeredTo('8003')).toBeNull();
    hangUp(h, '8004', 'x1');
    expect(h.offeredTo('8004')).toBe('en1');
  });

  it('an elderly caller who needs English is a second choice only for a general agent who speaks it', () => {
    const speaker = agent('8006', { general: 1, 'lang-en': 1 });
    const h = hotline(both, generalOnly, speaker);
    talking(h, '8001', 'x1', 'elderly');
    h.login('8003');
    h.queue('e-en', 'elderly', { skills: ['lang-en'] });
    expect(h.offeredTo('8003')).toBeNull();
    h.login('8006');
    expect(h.offeredTo('8006')).toBe('e-en');
  });

  it('an enterprise call still waits for an enterprise agent before its timed overflow', () => {
    const h = hotline(generalOnly, agent('8002', { general: 2, enterprise: 3 }));
    talking(h, '8002', 'x1', 'enterprise');
    h.login('8003');
    h.queue('b1', 'enterprise');
    expect(h.offeredTo('8003')).toBeNull();
    h.advance(120 * SEC);
    expect(h.last('CallOverflowed')).toMatchObject({ callId: 'b1', reason: 'max_wait' });
    expect(h.offeredTo('8003')).toBe('b1');
  });
});

describe('callbacks and log-outs', () => {
  it('an elderly callback is dialled by a general agent when no elderly agent is free', () => {
    const rule = { afterSeconds: 30, maxAttempts: 3, retryDelaySeconds: 180 };
    const queues = [queue('general'), queue('elderly', { priorityClass: 'elderly', secondChoice: 'general', callback: rule })];
    const h = new AcdHarness(queues, [both, generalOnly]);
    talking(h, '8001', 'x1', 'elderly');
    talking(h, '8003', 'x2');
    h.queue('e1', 'elderly');
    h.advance(30 * SEC);
    h.send({ type: 'CallbackRequested', callId: 'e1', number: '13900000065' });
    hangUp(h, '8003', 'x2');
    expect(h.last('DialCallback')).toMatchObject({ callId: 'e1', agentId: '8003', queueId: 'elderly' });
  });

  it('the last elderly agent logging out leaves the waiting elderly callers to the general agents', () => {
    const h = hotline(elderlyOnly, generalOnly);
    talking(h, '8003', 'x1');
    h.login('8005').send({ type: 'AgentPaused', agentId: '8005', reason: 'break' });
    h.queue('e1', 'elderly');
    h.send({ type: 'AgentLoggedOut', agentId: '8005' });
    expect(h.all('CallOverflowed')).toEqual([]);
    hangUp(h, '8003', 'x1');
    expect(h.offeredTo('8003')).toBe('e1');
  });

  it('when the last agent of either kind logs out the elderly callers move on, as before', () => {
    const h = hotline(elderlyOnly, generalOnly);
    h.login('8005', '8003');
    for (const id of ['8005', '8003']) h.send({ type: 'AgentPaused', agentId: id, reason: 'break' });
    h.queue('e1', 'elderly');
    h.send({ type: 'AgentLoggedOut', agentId: '8005' });
    expect(h.all('CallOverflowed')).toEqual([]);
    h.send({ type: 'AgentLoggedOut', agentId: '8003' });
    expect(h.all('CallOverflowed')).toEqual([{ type: 'CallOverflowed', callId: 'e1', fromQueueId: 'elderly', toQueueId: 'general', reason: 'no_agents' }]);
  });
});
