// A follower that restores the leader's snapshot must behave exactly like the leader from then on.
import { describe, expect, it } from 'vitest';
import { AcdEngine } from '../../../src/domain/acd/acd-engine.js';
import type { AcdCommand } from '../../../src/domain/acd/acd-protocol.js';
import type { AcdSnapshot } from '../../../src/domain/acd/acd-snapshot.js';
import { AcdHarness, SEC, agent, config, queue, standardQueues } from './acd-harness.js';
import { RandomTraffic, TRAFFIC_AGENTS, TRAFFIC_QUEUES, prng } from './random-traffic.js';

const SEEDS = 250;

function viaJson(snapshot: AcdSnapshot): AcdSnapshot {
  return JSON.parse(JSON.stringify(snapshot)) as AcdSnapshot;
}

function track(timers: Map<string, number>, commands: readonly AcdCommand[]): void {
  for (const c of commands) {
    if (c.type === 'StartTimer') timers.set(c.timerId, c.at);
    if (c.type === 'CancelTimer') timers.delete(c.timerId);
  }
}

/** Everything an observer can see of an engine (takeCounters last: it resets them). */
function observed(engine: AcdEngine, callIds: readonly string[], at: number): unknown {
  return {
    agents: TRAFFIC_AGENTS.map((a) => engine.agent(a.id)),
    calls: callIds.map((id) => engine.call(id) ?? null),
    stats: engine.queueStats(at),
    snapshot: engine.snapshot(),
    counters: engine.takeCounters(),
  };
}

/** What the snapshot held, so the test can show it restored calls and agents in every state. */
function note(seen: Set<string>, snapshot: AcdSnapshot): void {
  for (const c of snapshot.calls) seen.add(`call:${c.status}${c.callback ? ':callback' : ''}`);
  for (const a of snapshot.agents) seen.add(`agent:${a.state}${a.pendingPause === null ? '' : ':pending-pause'}`);
  for (const t of snapshot.timers.booked) seen.add(`timer:${t.purpose.kind === 'call' ? t.purpose.timer : 'wrap'}`);
}

/** Runs one seed: the leader alone up to a random event, then leader and restored follower side by side. */
function runSeed(seed: number, seen: Set<string>): number {
  const rand = prng(seed);
  const traffic = new RandomTraffic(rand);
  const cfg = config(TRAFFIC_QUEUES);
  const leader = new AcdEngine(cfg, TRAFFIC_AGENTS);
  const events = 60 + Math.floor(rand() * 160);
  const cut = Math.floor(rand() * events);
  let follower: AcdEngine | undefined;
  const followerTimers = new Map<string, number>();
  for (let i = 0; i < events; i += 1) {
    if (i === cut) {
      const snapshot = leader.snapshot();
      note(seen, snapshot);
      const restored = AcdEngine.restore(cfg, TRAFFIC_AGENTS, viaJson(snapshot));
      expect(restored.dropped, `seed ${seed}`).toEqual([]);
      // Exactly the timers the leader's application was running, under the same ids and times.
      expect(restored.commands, `seed ${seed}`).toEqual([...traffic.timers].map(([timerId, at]) => ({ type: 'StartTimer', timerId, at })));
      track(followerTimers, restored.commands);
      follower = restored.engine;
    }
    const event = traffic.next(leader);
    const out = leader.handle(event);
    traffic.track(out);
    if (!follower) continue;
    // The follower's application runs its own timers: a fired one is done with there too.
    if (event.type === 'TimerFired') followerTimers.delete(event.timerId);
    const again = follower.handle(event);
    track(followerTimers, again);
    // Strings first: a deep expect per event would make 250 seeds slow; on a difference it shows the diff.
    const where = `seed ${seed}, event ${i}: ${JSON.stringify(event)}`;
    if (JSON.stringify(again) !== JSON.stringify(out)) expect(again, where).toEqual(out);
    const [mine, theirs] = [follower.snapshot(), leader.snapshot()];
    if (JSON.stringify(mine) !== JSON.stringify(theirs)) expect(mine, where).toEqual(theirs);
  }
  if (!follower) throw new Error(`seed ${seed}: never restored`);
  expect([...followerTimers], `seed ${seed}`).toEqual([...traffic.timers]);
  expect(observed(follower, traffic.allCallIds(), traffic.at), `seed ${seed}`).toEqual(observed(leader, traffic.allCallIds(), traffic.at));
  return events - cut;
}

describe('snapshot and restore, differential', () => {
  it(`a restored follower gives the leader's commands event by event (${SEEDS} seeds)`, () => {
    const seen = new Set<string>();
    let compared = 0;
    for (let seed = 1; seed <= SEEDS; seed += 1) compared += runSeed(seed, seen);
    expect(compared).toBeGreaterThan(SEEDS * 30);
    // The seeds reach every kind of state, so each one was restored somewhere above.
    const states = ['waiting', 'offered', 'on_call', 'retry_wait'].flatMap((s) => [`call:${s}`, `call:${s}:callback`]);
    const agents = ['logged_out', 'available', 'offered', 'on_call', 'wrap_up', 'paused', 'on_call:pending-pause'].map((s) => `agent:${s}`);
    const timers = ['overflow', 'announce', 'ring', 'retry', 'wrap'].map((t) => `timer:${t}`);
    expect([...states, ...agents, ...timers].filter((s) => !seen.has(s))).toEqual([]);
  });
});

/** One agent serving every queue: the calls it is offered, in order, each served at once. */
function servedOrder(h: AcdHarness, agentId: string): string[] {
  const order: string[] = [];
  for (let callId = h.offeredTo(agentId); callId; callId = h.offeredTo(agentId)) order.push(h.serve(agentId, SEC));
  return order;
}

describe('snapshot and restore, cases', () => {
  const everything = { general: 1, elderly: 1, enterprise: 1 } as const;

  it('keeps the waiting order: priority classes, aging, then arrival', () => {
    const h = new AcdHarness(standardQueues({ overflow: null }), [agent('8001', everything), agent('9999', everything)]);
    h.login('9999').send({ type: 'AgentPaused', agentId: '9999', reason: 'meeting' });
    h.queue('g-old', 'general');
    h.advance(121 * SEC);
    for (const [id, queueId] of [['e-new', 'enterprise'], ['g1', 'general'], ['o1', 'elderly'], ['e2', 'enterprise']] as const) h.queue(id, queueId);
    h.queue('g2', 'general', { priorityClass: 'elderly' });
    const ids = ['g-old', 'e-new', 'g1', 'o1', 'e2', 'g2'];
    const { harness: b } = h.failover();
    expect(ids.map((id) => b.engine.call(id))).toEqual(ids.map((id) => h.engine.call(id)));
    h.login('8001');
    b.login('8001');
    const order = servedOrder(b, '8001');
    expect(order).toEqual(['o1', 'g2', 'g-old', 'e-new', 'e2', 'g1']);
    expect(servedOrder(h, '8001')).toEqual(order);
  });

  it("an offered call's ring timer fires on the restored engine as ring-no-answer", () => {
    const h = new AcdHarness([queue('general')], [agent('a', { general: 1 })]);
    h.login('a').queue('c1', 'general');
    h.advance(2 * SEC).send({ type: 'OfferRinging', callId: 'c1', agentId: 'a' });
    const ring = h.last('StartTimer');
    h.advance(5 * SEC);
    const { harness: b, restored } = h.failover();
    expect(restored.commands).toEqual([ring]);
    expect(b.engine.agent('a')).toMatchObject({ state: 'offered', callId: 'c1' });
    b.advance(15 * SEC);
    expect(b.all('CancelOffer')).toEqual([{ type: 'CancelOffer', callId: 'c1', agentId: 'a', reason: 'no_answer' }]);
    expect(b.engine.agent('a')).toMatchObject({ state: 'paused', reason: 'no_answer', callId: null });
    expect(b.engine.call('c1')).toMatchObject({ status: 'waiting', agentId: null, position: 1 });
  });

  it('an agent in wrap-up finishes it by its timer and takes the next call', () => {
    const h = new AcdHarness([queue('general', { wrapUpSeconds: 30, wrapUpEndsOnTicket: false })], [agent('a', { general: 1 })]);
    h.login('a').queue('c1', 'general');
    h.send({ type: 'AgentAnswered', callId: 'c1', agentId: 'a' });
    h.advance(60 * SEC).send({ type: 'CallEnded', callId: 'c1' });
    h.queue('c2', 'general');
    h.advance(10 * SEC);
    const { harness: b } = h.failover();
    b.advance(19 * SEC);
    expect(b.engine.agent('a')).toMatchObject({ state: 'wrap_up' });
    b.advance(1 * SEC);
    expect(b.offeredTo('a')).toBe('c2');
    expect(b.engine.queueStats(b.at)[0]?.counters).toMatchObject({ handled: 1, totalHandleMs: 90 * SEC });
  });

  it('skips agents the new configuration lacks and drops calls whose queue is gone', () => {
    const queues = [queue('general'), queue('enterprise')];
    const [a, b, c] = [agent('a', { general: 1, enterprise: 1 }), agent('b', { general: 1 }), agent('c', { enterprise: 1 })];
    const h = new AcdHarness(queues, [a, b, c]);
    h.login('a', 'b', 'c');
    h.queue('g1', 'general'); // → a
    h.queue('e1', 'enterprise'); // → c
    h.send({ type: 'AgentAnswered', callId: 'e1', agentId: 'c' });
    h.queue('e2', 'enterprise'); // waits
    h.queue('g2', 'general'); // → b
    expect([h.offeredTo('a'), h.offeredTo('b')]).toEqual(['g1', 'g2']);
    const g2Ring = h.all('StartTimer').find((t) => t.timerId.includes('ring:g2'));
    const { harness: next, restored } = h.failover([queue('general')], [b, c]);
    expect(restored.dropped).toEqual([
      { callId: 'e1', queueId: 'enterprise', status: 'on_call', agentId: 'c', callbackNumber: null },
      { callId: 'e2', queueId: 'enterprise', status: 'waiting', agentId: null, callbackNumber: null },
    ]);
    // g1 was ringing a, who is gone: the offer is withdrawn and the call retries from its place.
    expect(restored.commands).toEqual([
      g2Ring,
      { type: 'CancelOffer', callId: 'g1', agentId: 'a', reason: 'agent_logged_out' },
      { type: 'StartTimer', timerId: expect.stringMatching(/^acd:retry:g1:/), at: h.at + SEC },
    ]);
    expect(next.engine.agent('a')).toBeUndefined();
    expect(next.engine.agent('c')).toMatchObject({ state: 'available', callId: null });
    expect(next.engine.call('e1')).toBeUndefined();
    expect(next.engine.call('g1')).toMatchObject({ status: 'retry_wait', agentId: null });
    next.advance(SEC);
    expect(next.engine.call('g1')).toMatchObject({ status: 'waiting', position: 1 });
    expect(next.engine.queueStats(next.at).map((q) => q.queueId)).toEqual(['general']);
    // The gone queue's counters are still handed over once, for the day's report.
    expect(next.engine.takeCounters().map((s) => [s.queueId, s.counters.offered])).toEqual([['general', 2], ['enterprise', 2]]);
  });

  it('a callback being dialled for an agent who is gone is taken back, and that attempt does not count', () => {
    const rule = { afterSeconds: 0, maxAttempts: 2, retryDelaySeconds: 60 };
    const a = agent('a', { general: 1 });
    const h = new AcdHarness([queue('general', { callback: rule })], [a, agent('b', { general: 1 })]);
    h.login('a').queue('busy', 'general');
    h.send({ type: 'AgentAnswered', callId: 'busy', agentId: 'a' });
    h.queue('cb', 'general');
    h.send({ type: 'CallbackRequested', callId: 'cb', number: '13800001111' });
    h.login('b');
    expect(h.last('DialCallback')).toMatchObject({ callId: 'cb', agentId: 'b', attempt: 1 });
    const takenAt = h.engine.snapshot().at; // b's log-in, the last event
    const { harness: next, restored } = h.failover(undefined, [a]);
    expect(restored.commands).toEqual([
      { type: 'CancelOffer', callId: 'cb', agentId: 'b', reason: 'agent_logged_out' },
      { type: 'StartTimer', timerId: expect.stringMatching(/^acd:retry:cb:/), at: takenAt + SEC },
    ]);
    next.advance(SEC);
    expect(next.engine.call('cb')).toMatchObject({ status: 'waiting', callback: true, position: 1 });
    next.send({ type: 'CallEnded', callId: 'busy' });
    next.send({ type: 'TicketFiled', agentId: 'a', callId: 'busy' });
    expect(next.last('DialCallback')).toMatchObject({ callId: 'cb', agentId: 'a', attempt: 1 });
  });

  it('is plain JSON data, and a copy: the engine going on does not change it', () => {
    const h = new AcdHarness([queue('general', { callback: { afterSeconds: 0, maxAttempts: 3, retryDelaySeconds: 60 } })], [agent('a', { general: 1 })]);
    h.login('a').queue('busy', 'general');
    h.send({ type: 'AgentAnswered', callId: 'busy', agentId: 'a' });
    h.queue('cb', 'general');
    h.send({ type: 'CallbackRequested', callId: 'cb', number: '13800001111' });
    const snapshot = h.engine.snapshot();
    const copy = viaJson(snapshot);
    expect(copy).toStrictEqual(snapshot);
    h.send({ type: 'CallEnded', callId: 'busy' });
    h.send({ type: 'TicketFiled', agentId: 'a', callId: 'busy' });
    h.advance(60 * SEC);
    expect(h.engine.call('cb')).toMatchObject({ status: 'offered', agentId: 'a' }); // its callback is being dialled
    expect(snapshot).toStrictEqual(copy);
  });

  it('refuses a snapshot of another version', () => {
    const snapshot = { ...new AcdEngine(config([queue('general')]), []).snapshot(), version: 2 } as unknown as AcdSnapshot;
    expect(() => AcdEngine.restore(config([queue('general')]), [], snapshot)).toThrow(/version 2/);
  });
});
