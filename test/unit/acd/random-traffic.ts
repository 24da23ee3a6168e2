// Seeded random traffic for the ACD, as the application would feed it: calls arriving in every queue
// and class, agents coming and going, offers answered, ignored or failing, callbacks, tickets, and
// the timers the engine asked for fired in time order on a simulated clock. Events are chosen from
// what the engine shows (mostly about calls and agents in a state where the event makes sense, some
// not: rejections are part of the behaviour too), so one seed always gives one sequence.
import type { AgentProfile, QueueConfig } from '../../../src/domain/acd/acd-config.js';
import type { AcdEngine } from '../../../src/domain/acd/acd-engine.js';
import type { AcdCommand, AcdEvent } from '../../../src/domain/acd/acd-protocol.js';
import { T0, agent, queue } from './acd-harness.js';

/** mulberry32: small, fast and good enough to pick events; the same seed gives the same numbers. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const callback = { afterSeconds: 20, maxAttempts: 2, retryDelaySeconds: 15 };

export const TRAFFIC_QUEUES: QueueConfig[] = [
  queue('general', { callback, announceEverySeconds: 30, wrapUpSeconds: 20, ringTimeoutSeconds: 15, maxLength: 12 }),
  queue('elderly', { priorityClass: 'elderly', secondChoice: 'general', overflow: { afterSeconds: null, to: 'general' }, wrapUpSeconds: 10, wrapUpEndsOnTicket: false, callback }),
  queue('enterprise', { priorityClass: 'enterprise', overflow: { afterSeconds: 40, to: 'general' }, maxLength: 4, announceEverySeconds: 15 }),
  queue('vip', { maxLength: 2, wrapUpSeconds: 0 }),
];

export const TRAFFIC_AGENTS: AgentProfile[] = [
  agent('a1', { general: 3, elderly: 3 }),
  agent('a2', { general: 1, enterprise: 2, 'lang-en': 3 }),
  agent('a3', { elderly: 2 }),
  agent('a4', { general: 2, enterprise: 3, vip: 1 }, ['enterprise', 'vip']),
  agent('a5', { general: 2, 'lang-en': 1, vip: 2 }),
];

type Make = () => AcdEvent;

export class RandomTraffic {
  at = T0;
  /** Timers the application runs: id → when; in the order they were started (ties fire in that order). */
  readonly timers = new Map<string, number>();
  private horizon = T0;
  private calls = 0;
  private readonly callIds: string[] = [];
  /** Ids of timers already fired or cancelled: firing one again must change nothing. */
  private readonly spent: string[] = [];
  private readonly agentIds = TRAFFIC_AGENTS.map((a) => a.id);

  constructor(private readonly rand: () => number) {}

  /** The next event for `engine`: a due timer if there is one, else something happening now. */
  next(engine: AcdEngine): AcdEvent {
    const due = this.due();
    if (due) {
      this.timers.delete(due[0]);
      this.spent.push(due[0]);
      this.at = Math.max(this.at, due[1]);
      return { type: 'TimerFired', timerId: due[0], at: this.at };
    }
    this.at = this.horizon;
    this.horizon = this.at + Math.floor(this.rand() * 12_000);
    return this.happening(engine);
  }

  /** Keeps the timer table as the application would from the engine's commands. */
  track(commands: readonly AcdCommand[]): void {
    for (const c of commands) {
      if (c.type === 'StartTimer') this.timers.set(c.timerId, c.at);
      if (c.type === 'CancelTimer' && this.timers.delete(c.timerId)) this.spent.push(c.timerId);
    }
  }

  allCallIds(): readonly string[] {
    return this.callIds;
  }

  private due(): [string, number] | undefined {
    let best: [string, number] | undefined;
    for (const entry of this.timers) if (entry[1] <= this.horizon && (!best || entry[1] < best[1])) best = entry;
    return best;
  }

  private happening(engine: AcdEngine): AcdEvent {
    const at = this.at;
    const choices: [number, Make][] = [
      [18, () => this.newCall()],
      [12, () => this.aboutOffer(engine, 'AgentAnswered')],
      [8, () => this.aboutOffer(engine, 'OfferRinging')],
      [4, () => this.aboutOffer(engine, 'OfferTimedOut')],
      [3, () => this.aboutOffer(engine, 'OfferFailed')],
      [10, () => ({ type: 'CallEnded', callId: this.callIn(engine, (v) => v.status === 'on_call'), at })],
      [5, () => ({ type: 'CallAbandoned', callId: this.callIn(engine, () => true), at })],
      [5, () => ({ type: 'CallbackRequested', callId: this.callIn(engine, (v) => v.status === 'waiting' && !v.callback), number: '13800001111', at })],
      [4, () => ({ type: 'CallbackAnswered', callId: this.callIn(engine, (v) => v.status === 'offered' && v.callback), at })],
      [4, () => ({ type: 'CallbackAttemptFailed', callId: this.callIn(engine, (v) => v.status === 'offered' && v.callback), reason: 'busy', at })],
      [6, () => ({ type: 'AgentLoggedIn', agentId: this.agentId(), at })],
      [3, () => ({ type: 'AgentLoggedOut', agentId: this.agentId(), at })],
      [4, () => ({ type: 'AgentPaused', agentId: this.agentId(), reason: this.pick(['lunch', 'meeting']), at })],
      [5, () => ({ type: 'AgentResumed', agentId: this.agentId(), at })],
      [3, () => ({ type: 'PhoneReachabilityChanged', agentId: this.agentId(), reachable: this.rand() < 0.6, at })],
      [8, () => this.ticket(engine)],
      [2, () => ({ type: 'TimerFired', timerId: this.spent.length > 0 ? this.pick(this.spent) : 'acd:nothing:0', at })],
    ];
    let roll = this.rand() * choices.reduce((sum, [weight]) => sum + weight, 0);
    for (const [weight, make] of choices) {
      roll -= weight;
      if (roll < 0) return make();
    }
    return this.newCall();
  }

  private newCall(): AcdEvent {
    const r = this.rand();
    // Now and then an id already used, or a queue or class that does not exist: rejected.
    const callId = r < 0.02 && this.callIds.length > 0 ? this.pick(this.callIds) : `c${(this.calls += 1)}`;
    if (!this.callIds.includes(callId)) this.callIds.push(callId);
    const queueId = this.rand() < 0.03 ? 'nope' : this.pick(['general', 'general', 'elderly', 'enterprise', 'vip']);
    const c = this.rand();
    const priorityClass = c < 0.1 ? 'elderly' : c < 0.15 ? 'enterprise' : c < 0.17 ? 'platinum' : undefined;
    const s = this.rand();
    const skills = s < 0.15 ? ['lang-en'] : s < 0.2 ? ['agent:a3'] : undefined;
    return { type: 'CallQueued', callId, queueId, at: this.at, ...(priorityClass === undefined ? {} : { priorityClass }), ...(skills === undefined ? {} : { skills }) };
  }

  private aboutOffer(engine: AcdEngine, type: 'AgentAnswered' | 'OfferRinging' | 'OfferTimedOut' | 'OfferFailed'): AcdEvent {
    const callId = this.callIn(engine, (v) => v.status === 'offered' && !v.callback);
    const agentId = this.rand() < 0.9 ? (engine.call(callId)?.agentId ?? this.agentId()) : this.agentId();
    return { type, callId, agentId, at: this.at };
  }

  private ticket(engine: AcdEngine): AcdEvent {
    const agentId = this.agentId();
    const r = this.rand();
    const callId = r < 0.4 ? null : r < 0.9 ? (engine.agent(agentId)?.callId ?? null) : this.callIn(engine, () => true);
    return { type: 'TicketFiled', agentId, callId, at: this.at };
  }

  /** A call the engine holds in the wanted state (mostly), else any call ever seen, else a made-up id. */
  private callIn(engine: AcdEngine, wanted: (view: NonNullable<ReturnType<AcdEngine['call']>>) => boolean): string {
    const fitting = this.callIds.filter((id) => {
      const view = engine.call(id);
      return view !== undefined && wanted(view);
    });
    if (fitting.length > 0 && this.rand() < 0.9) return this.pick(fitting);
    return this.callIds.length > 0 ? this.pick(this.callIds) : 'c0';
  }

  private agentId(): string {
    return this.rand() < 0.02 ? 'a9' : this.pick(this.agentIds);
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.rand() * items.length)] as T;
  }
}
