import { describe, expect, it } from 'vitest';
import { emptyCounters } from '../../../src/domain/acd/queue-counters.js';
import { rollUpDay } from '../../../src/domain/acd/roll-up-day.js';
import { AcdHarness, SEC, agent, queue } from './acd-harness.js';

function scenario(): AcdHarness {
  const h = new AcdHarness([queue('general', { serviceLevelSeconds: 15, shortAbandonSeconds: 5, wrapUpSeconds: 20, wrapUpEndsOnTicket: false })], [agent('a', { general: 1 }), agent('b', { general: 1 })]);
  h.login('a', 'b');
  h.send({ type: 'AgentPaused', agentId: 'b', reason: 'x' });
  h.queue('fast', 'general'); // offered to a at once
  h.advance(10 * SEC);
  h.send({ type: 'AgentAnswered', callId: 'fast', agentId: 'a' }); // waited 10 s
  h.queue('slow', 'general');
  h.queue('misdial', 'general');
  h.queue('gaveup', 'general');
  h.advance(3 * SEC);
  h.send({ type: 'CallAbandoned', callId: 'misdial' }); // 3 s: short abandon
  h.advance(27 * SEC);
  h.send({ type: 'CallAbandoned', callId: 'gaveup' }); // 30 s: abandoned
  h.send({ type: 'CallEnded', callId: 'fast' }); // talked 30 s
  h.advance(20 * SEC); // wrap-up 20 s → handled 50 s; slow is offered to a
  h.advance(10 * SEC);
  h.send({ type: 'AgentAnswered', callId: 'slow', agentId: 'a' }); // waited 60 s
  h.advance(5 * SEC);
  h.queue('waiting', 'general');
  h.advance(7 * SEC);
  return h;
}

describe('live queue statistics', () => {
  it('counts answered, abandoned and short abandons, and derives service level, ASA and AHT', () => {
    const h = scenario();
    const [stats] = h.engine.queueStats(h.at);
    expect(stats?.counters).toMatchObject({ offered: 5, answered: 2, answeredInThreshold: 1, abandoned: 1, shortAbandoned: 1, handled: 1, totalHandleMs: 50 * SEC });
    expect(stats?.kpis).toEqual({ serviceLevel: 0.5, asaSeconds: 35, ahtSeconds: 50, abandonRate: 1 / 3 });
  });

  it('shows waiting callers, the longest wait and agents by state', () => {
    const h = scenario();
    const [stats] = h.engine.queueStats(h.at);
    expect(stats).toMatchObject({ queueId: 'general', waiting: 1, callbacksWaiting: 0, longestWaitSeconds: 7 });
    expect(stats?.agents).toEqual({ logged_out: 0, available: 0, offered: 0, on_call: 1, wrap_up: 0, paused: 1, unreachable: 0 });
  });

  it('ratios are null rather than zero before any call', () => {
    const h = new AcdHarness([queue('general')], []);
    expect(h.engine.queueStats(h.at)[0]?.kpis).toEqual({ serviceLevel: null, asaSeconds: null, ahtSeconds: null, abandonRate: null });
  });

  it('takeCounters hands over the interval and starts from zero', () => {
    const h = scenario();
    const samples = h.engine.takeCounters();
    expect(samples[0]?.counters.answered).toBe(2);
    expect(h.engine.queueStats(h.at)[0]?.counters).toEqual(emptyCounters());
  });
});

describe('day roll-up', () => {
  it('sums interval counters per queue and overall and derives the day figures', () => {
    const morning = { ...emptyCounters(), offered: 10, answered: 8, answeredInThreshold: 6, totalAnswerWaitMs: 80 * SEC, abandoned: 2, handled: 8, totalHandleMs: 1600 * SEC };
    const afternoon = { ...emptyCounters(), offered: 10, answered: 10, answeredInThreshold: 10, totalAnswerWaitMs: 20 * SEC, handled: 10, totalHandleMs: 2000 * SEC };
    const elderly = { ...emptyCounters(), offered: 2, answered: 2, answeredInThreshold: 2, totalAnswerWaitMs: 4 * SEC };
    const day = rollUpDay('2026-11-24', [
      { queueId: 'general', counters: morning },
      { queueId: 'elderly', counters: elderly },
      { queueId: 'general', counters: afternoon },
    ]);
    expect(day.queues.map((q) => q.queueId)).toEqual(['elderly', 'general']);
    expect(day.queues[1]?.counters).toMatchObject({ offered: 20, answered: 18, answeredInThreshold: 16, abandoned: 2 });
    expect(day.queues[1]?.kpis).toEqual({ serviceLevel: 16 / 18, asaSeconds: 100 / 18, ahtSeconds: 200, abandonRate: 0.1 });
    expect(day.total.counters.answered).toBe(20);
    expect(day.total.kpis.serviceLevel).toBe(18 / 20);
  });
});
