import { describe, expect, it } from 'vitest';
import { OFFER_RETRY_MS, OFFER_SETUP_SECONDS } from '../../../src/domain/acd/acd-core.js';
import { personalSkill } from '../../../src/domain/acd/lane.js';
import { AcdHarness, SEC, agent, queue, standardQueues } from './acd-harness.js';

describe('skills', () => {
  it('an enterprise call is offered only to the enterprise-skilled agent, even if others are idle longer', () => {
    const h = new AcdHarness(standardQueues(), [agent('8001', { general: 3, elderly: 3 }), agent('8003', { general: 3 }), agent('8002', { general: 2, enterprise: 3 })]);
    h.login('8001', '8003', '8002');
    h.queue('e1', 'enterprise');
    expect(h.offers()).toEqual(['e1->8002']);
  });

  it('an enterprise call waits for the enterprise agent rather than go to an idle general agent', () => {
    const h = new AcdHarness(standardQueues(), [agent('8002', { general: 3, enterprise: 3 }), agent('8003', { general: 3 })]);
    h.login('8002', '8003');
    h.queue('g1', 'general'); // same level, 8002 idle longer: it takes g1
    h.queue('e1', 'enterprise');
    expect(h.offers()).toEqual(['g1->8002']);
    expect(h.engine.call('e1')?.status).toBe('waiting');
    h.serve('8002');
    expect(h.offers()).toEqual(['g1->8002', 'e1->8002']);
  });

  it('extra skills asked by the call (a language chosen in the IVR) narrow the agents', () => {
    const h = new AcdHarness([queue('general')], [agent('8003', { general: 3 }), agent('8004', { general: 1, 'lang-en': 3 })]);
    h.login('8003', '8004');
    h.queue('en', 'general', { skills: ['lang-en'] });
    expect(h.offers()).toEqual(['en->8004']);
  });

  it("an agent's queue list limits them even when they have the skill", () => {
    const h = new AcdHarness(standardQueues(), [agent('8004', { general: 1, enterprise: 2 }, ['enterprise'])]);
    h.login('8004');
    h.queue('g1', 'general');
    expect(h.offers()).toEqual([]);
    h.queue('e1', 'enterprise');
    expect(h.offers()).toEqual(['e1->8004']);
  });

  it('an agent with several skills takes the highest-priority call across its queues', () => {
    const h = new AcdHarness(standardQueues(), [agent('8002', { general: 2, enterprise: 3 }), agent('8003', { general: 1 })]);
    h.login('8002', '8003');
    h.send({ type: 'AgentPaused', agentId: '8002', reason: 'break' });
    h.send({ type: 'AgentPaused', agentId: '8003', reason: 'break' });
    h.queue('g1', 'general');
    h.queue('e1', 'enterprise');
    h.send({ type: 'AgentResumed', agentId: '8002' });
    expect(h.offers()).toEqual(['e1->8002']);
  });
});

describe('agent choice', () => {
  it('offers to the longest-idle agent first', () => {
    const h = new AcdHarness([queue('general')], [agent('a', { general: 1 }), agent('b', { general: 1 }), agent('c', { general: 1 })]);
    h.login('b', 'c', 'a');
    h.queue('1', 'general');
    h.queue('2', 'general');
    h.queue('3', 'general');
    expect(h.offers()).toEqual(['1->b', '2->c', '3->a']);
  });

  it('an agent who just finished a call goes to the back of the idle order', () => {
    const h = new AcdHarness([queue('general', { wrapUpSeconds: 0 })], [agent('a', { general: 1 }), agent('b', { general: 1 })]);
    h.login('a', 'b');
    h.queue('1', 'general');
    h.serve('a');
    h.queue('2', 'general');
    expect(h.offers()).toEqual(['1->a', '2->b']);
  });

  it('prefers a higher level unless the other agent has been idle longer than the level bonus', () => {
    // level 3 vs level 1 with a 60 s bonus per level: worth 120 s of idle time
    const run = (gap: number): string[] => {
      const h = new AcdHarness([queue('general')], [agent('junior', { general: 1 }), agent('senior', { general: 3 })], { levelBonusSeconds: 60 });
      h.login('junior');
      h.advance(gap);
      h.login('senior');
      h.queue('1', 'general');
      return h.offers();
    };
    expect(run(100 * SEC)).toEqual(['1->senior']);
    expect(run(130 * SEC)).toEqual(['1->junior']);
  });

  it('uses the weakest of the skills a call needs as the level', () => {
    const h = new AcdHarness([queue('general')], [agent('a', { general: 3, 'lang-en': 1 }), agent('b', { general: 2, 'lang-en': 2 })]);
    h.login('a', 'b');
    h.queue('en', 'general', { skills: ['lang-en'] });
    expect(h.offers()).toEqual(['en->b']);
  });
});

describe('one call per agent', () => {
  it('never offers a second call to an agent who is ringing, talking or wrapping up', () => {
    const h = new AcdHarness([queue('general', { wrapUpSeconds: 30, wrapUpEndsOnTicket: false })], [agent('a', { general: 1 })]);
    h.login('a');
    h.queue('1', 'general');
    h.queue('2', 'general');
    expect(h.offers()).toEqual(['1->a']);
    h.send({ type: 'AgentAnswered', callId: '1', agentId: 'a' });
    h.queue('3', 'general');
    h.send({ type: 'CallEnded', callId: '1' });
    h.advance(29 * SEC);
    expect(h.offers()).toEqual(['1->a']);
    h.advance(1 * SEC);
    expect(h.offers()).toEqual(['1->a', '2->a']);
  });

  it('with many calls and agents arriving at once every agent holds at most one offer', () => {
    const agents = Array.from({ length: 20 }, (_, i) => agent(`a${i}`, { general: 1, enterprise: 1, elderly: 1 }));
    const h = new AcdHarness(standardQueues({ overflow: null }), agents);
    for (let i = 0; i < 60; i += 1) h.queue(`c${i}`, ['general', 'enterprise', 'elderly'][i % 3] as string);
    h.login(...agents.map((a) => a.id));
    const offered = h.all('OfferCall').map((o) => o.agentId);
    expect(offered).toHaveLength(20);
    expect(new Set(offered).size).toBe(20);
  });

  it('rejects an answer from an agent the call was not offered to', () => {
    const h = new AcdHarness([queue('general')], [agent('a', { general: 1 }), agent('b', { general: 1 })]);
    h.login('a', 'b');
    h.queue('1', 'general');
    const out = h.send({ type: 'AgentAnswered', callId: '1', agentId: 'b' });
    expect(out).toEqual([{ type: 'EventRejected', eventType: 'AgentAnswered', code: 'ACD_WRONG_CALL_STATE', subject: '1' }]);
    expect(h.engine.agent('b')?.state).toBe('available');
  });
});

describe('ring no answer (RONA)', () => {
  function ringing(): AcdHarness {
    const h = new AcdHarness([queue('general', { ringTimeoutSeconds: 20 })], [agent('a', { general: 1 }), agent('b', { general: 1 })]);
    h.login('a').send({ type: 'AgentPaused', agentId: 'a', reason: 'x' });
    h.send({ type: 'AgentResumed', agentId: 'a' });
    h.queue('first', 'general');
    h.send({ type: 'OfferRinging', callId: 'first', agentId: 'a' });
    h.advance(SEC);
    h.queue('second', 'general');
    h.queue('third', 'general', { priorityClass: 'elderly' }); // outranks both
    return h;
  }

  it('after the ring timeout the call is withdrawn and the agent paused with no_answer', () => {
    const h = ringing();
    expect(h.offers()).toEqual(['first->a']);
    h.advance(20 * SEC);
    expect(h.all('CancelOffer')).toEqual([{ type: 'CancelOffer', callId: 'first', agentId: 'a', reason: 'no_answer' }]);
    expect(h.engine.agent('a')).toMatchObject({ state: 'paused', reason: 'no_answer', callId: null });
  });

  it('the call goes back to the head of its queue keeping its place (ahead of later equal calls)', () => {
    const h = ringing();
    h.advance(20 * SEC);
    expect(h.engine.call('first')).toMatchObject({ status: 'waiting', position: 2 }); // behind only the elderly call
    expect(h.engine.call('second')?.position).toBe(3);
    h.login('b');
    expect(h.offers()).toEqual(['first->a', 'third->b']);
    h.serve('b');
    expect(h.offers().at(-1)).toBe('first->b');
  });

  it('OfferTimedOut from the application has the same effect and cancels the ring timer', () => {
    const h = ringing();
    h.send({ type: 'OfferTimedOut', callId: 'first', agentId: 'a' });
    expect(h.engine.agent('a')).toMatchObject({ state: 'paused', reason: 'no_answer' });
    expect(h.engine.call('first')?.status).toBe('waiting');
    expect(h.activeTimers).toBe(0);
    h.advance(60 * SEC);
    expect(h.all('CancelOffer')).toHaveLength(1);
  });

  it('keeps its original wait for service level and ASA after being returned', () => {
    const h = ringing();
    h.advance(20 * SEC);
    h.login('b');
    h.serve('b'); // third
    h.send({ type: 'AgentAnswered', callId: 'first', agentId: 'b' });
    const stats = h.engine.queueStats(h.at)[0];
    expect(stats?.counters.ringNoAnswer).toBe(1);
    expect(stats?.counters.totalAnswerWaitMs).toBeGreaterThan(80 * SEC); // first waited from T0, not from the return
  });
});

describe('offers the phone system could not ring', () => {
  const offered = (): AcdHarness => {
    const h = new AcdHarness([queue('general', { ringTimeoutSeconds: 20 })], [agent('a', { general: 1 })]);
    h.login('a');
    h.queue('first', 'general');
    return h;
  };

  it('a failed dial leaves the agent available, and the call is offered again a second later from its place', () => {
    const h = offered();
    h.send({ type: 'OfferFailed', callId: 'first', agentId: 'a' });
    expect(h.all('CancelOffer')).toEqual([{ type: 'CancelOffer', callId: 'first', agentId: 'a', reason: 'offer_failed' }]);
    expect(h.engine.agent('a')).toMatchObject({ state: 'available', reason: null, callId: null });
    expect(h.engine.call('first')?.status).toBe('retry_wait');
    h.advance(OFFER_RETRY_MS);
    expect(h.offers()).toEqual(['first->a', 'first->a']);
    const counters = h.engine.queueStats(h.at)[0]?.counters;
    expect([counters?.offerFailures, counters?.ringNoAnswer]).toEqual([1, 0]);
  });

  it('an agent freed by a failed dial takes the next caller meanwhile', () => {
    const h = offered();
    h.queue('second', 'general');
    h.send({ type: 'OfferFailed', callId: 'first', agentId: 'a' });
    expect(h.offers()).toEqual(['first->a', 'second->a']);
  });

  it('a leg that never rings within the ring time and the setup allowance is a failed offer, not RONA', () => {
    const h = offered();
    h.advance(20 * SEC);
    expect(h.all('CancelOffer')).toEqual([]);
    h.advance(OFFER_SETUP_SECONDS * SEC);
    expect(h.all('CancelOffer')).toEqual([{ type: 'CancelOffer', callId: 'first', agentId: 'a', reason: 'offer_failed' }]);
    expect(h.engine.agent('a')?.state).toBe('available');
  });

  it('the ring time counts from when the leg rings: a slow phone system does not eat into it', () => {
    const h = offered();
    h.advance(8 * SEC);
    h.send({ type: 'OfferRinging', callId: 'first', agentId: 'a' });
    h.advance(19 * SEC);
    expect(h.engine.agent('a')?.state).toBe('offered');
    h.advance(SEC);
    expect(h.all('CancelOffer')).toEqual([{ type: 'CancelOffer', callId: 'first', agentId: 'a', reason: 'no_answer' }]);
    expect(h.engine.agent('a')).toMatchObject({ state: 'paused', reason: 'no_answer' });
  });

  it('a second OfferRinging does not restart the ring time, and one for another agent is refused', () => {
    const h = offered();
    h.send({ type: 'OfferRinging', callId: 'first', agentId: 'a' });
    h.advance(10 * SEC);
    h.send({ type: 'OfferRinging', callId: 'first', agentId: 'a' });
    h.advance(10 * SEC);
    expect(h.engine.agent('a')).toMatchObject({ state: 'paused', reason: 'no_answer' });
    expect(h.send({ type: 'OfferRinging', callId: 'first', agentId: 'b' })).toEqual([{ type: 'EventRejected', eventType: 'OfferRinging', code: 'ACD_WRONG_CALL_STATE', subject: 'first' }]);
  });
});

describe('paused and unreachable agents', () => {
  it('a paused agent is offered nothing until resumed', () => {
    const h = new AcdHarness([queue('general')], [agent('a', { general: 1 })]);
    h.login('a').send({ type: 'AgentPaused', agentId: 'a', reason: 'lunch' });
    h.queue('1', 'general');
    expect(h.offers()).toEqual([]);
    expect(h.engine.agent('a')).toMatchObject({ state: 'paused', reason: 'lunch' });
    h.send({ type: 'AgentResumed', agentId: 'a' });
    expect(h.offers()).toEqual(['1->a']);
  });

  it('an agent whose phone is unreachable is offered nothing until it is reachable again', () => {
    const h = new AcdHarness([queue('general')], [agent('a', { general: 1 }), agent('b', { general: 1 })]);
    h.login('a', 'b');
    h.send({ type: 'PhoneReachabilityChanged', agentId: 'a', reachable: false });
    h.queue('1', 'general');
    h.queue('2', 'general');
    expect(h.offers()).toEqual(['1->b']);
    h.send({ type: 'PhoneReachabilityChanged', agentId: 'a', reachable: true });
    expect(h.offers()).toEqual(['1->b', '2->a']);
  });

  it('a phone lost while ringing withdraws the offer; the call keeps its place, the agent is not paused', () => {
    const h = new AcdHarness([queue('general')], [agent('a', { general: 1 }), agent('b', { general: 1 })]);
    h.login('a');
    h.queue('1', 'general');
    h.send({ type: 'PhoneReachabilityChanged', agentId: 'a', reachable: false });
    expect(h.last('CancelOffer')).toMatchObject({ callId: '1', agentId: 'a', reason: 'phone_unreachable' });
    expect(h.engine.agent('a')).toMatchObject({ state: 'available', reachable: false });
    h.login('b');
    expect(h.offers()).toEqual(['1->a', '1->b']);
  });

  it('a pause asked for during a call starts after wrap-up', () => {
    const h = new AcdHarness([queue('general', { wrapUpSeconds: 10 })], [agent('a', { general: 1 })]);
    h.login('a');
    h.queue('1', 'general');
    h.send({ type: 'AgentAnswered', callId: '1', agentId: 'a' });
    h.send({ type: 'AgentPaused', agentId: 'a', reason: 'training' });
    expect(h.engine.agent('a')?.state).toBe('on_call');
    h.send({ type: 'CallEnded', callId: '1' });
    expect(h.engine.agent('a')?.state).toBe('wrap_up');
    h.advance(10 * SEC);
    expect(h.engine.agent('a')).toMatchObject({ state: 'paused', reason: 'training' });
  });
});

describe('calls for a named agent (a transfer to them)', () => {
  it('wait for that agent only, even in a queue the agent does not serve and with skills they lack', () => {
    const h = new AcdHarness(standardQueues(), [agent('8003', { general: 3 }), agent('8004', { enterprise: 2 }, ['enterprise'])]);
    h.login('8003', '8004');
    h.queue('busy', 'enterprise');
    expect(h.offers()).toEqual(['busy->8004']);
    h.queue('t1', 'general', { skills: [personalSkill('8004')] });
    // 8003 is idle and has the general skill, but the call is 8004's.
    expect(h.offers()).toEqual(['busy->8004']);
    expect(h.engine.call('t1')?.status).toBe('waiting');
    h.serve('8004');
    expect(h.offers()).toEqual(['busy->8004', 't1->8004']);
  });

  it('ordinary calls of the queue still go to the other agents meanwhile', () => {
    const h = new AcdHarness(standardQueues(), [agent('8003', { general: 3 }), agent('8001', { general: 3 })]);
    h.login('8001');
    h.queue('busy', 'general');
    h.login('8003');
    h.queue('t1', 'general', { skills: [personalSkill('8001')] });
    h.queue('g2', 'general');
    expect(h.offers()).toEqual(['busy->8001', 'g2->8003']);
  });
});
