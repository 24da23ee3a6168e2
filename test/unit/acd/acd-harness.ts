// Drives the ACD like the application would, with a fake clock: plain numbers, and the timers the
// engine asked for fired in time order when the clock is advanced.
import type { AcdConfig, AgentProfile, QueueConfig, SkillLevel } from '../../../src/domain/acd/acd-config.js';
import { DEFAULT_SETTINGS } from '../../../src/domain/acd/acd-config.js';
import { AcdEngine, type RestoredAcd } from '../../../src/domain/acd/acd-engine.js';
import type { AcdCommand, AcdEvent } from '../../../src/domain/acd/acd-protocol.js';

export const T0 = Date.UTC(2026, 10, 24, 2, 0, 0);
export const SEC = 1000;

export function queue(id: string, overrides: Partial<QueueConfig> = {}): QueueConfig {
  return {
    id,
    name: id,
    priorityClass: 'general',
    skills: [id],
    serviceLevelSeconds: 15,
    secondChoice: null,
    overflow: null,
    maxLength: 1000,
    announceEverySeconds: 0,
    musicOnHold: 'default',
    wrapUpSeconds: 30,
    wrapUpEndsOnTicket: true,
    ringTimeoutSeconds: 20,
    shortAbandonSeconds: 5,
    callback: null,
    ...overrides,
  };
}

export function agent(id: string, skills: Record<string, SkillLevel>, queues: string[] | null = null): AgentProfile {
  return { id, name: `agent ${id}`, phone: `agent-${id}`, skills, queues };
}

/**
 * general, elderly (general agents as its second choice; → general only when nobody is logged in) and
 * enterprise (→ general after 120 s), as in the fixture.
 */
export function standardQueues(overrides: Partial<QueueConfig> = {}): QueueConfig[] {
  return [
    queue('general', overrides),
    queue('elderly', { priorityClass: 'elderly', secondChoice: 'general', overflow: { afterSeconds: null, to: 'general' }, ...overrides }),
    queue('enterprise', { priorityClass: 'enterprise', overflow: { afterSeconds: 120, to: 'general' }, ...overrides }),
  ];
}

export function config(queues: QueueConfig[], settings: Partial<AcdConfig['settings']> = {}): AcdConfig {
  return { settings: { ...DEFAULT_SETTINGS, ...settings }, queues };
}

type Without<E> = E extends unknown ? Omit<E, 'at'> : never;
type Of<T extends AcdCommand['type']> = Extract<AcdCommand, { type: T }>;

export class AcdHarness {
  readonly engine: AcdEngine;
  at = T0;
  /** Every command the engine returned, in order. */
  readonly log: AcdCommand[] = [];
  private readonly timers = new Map<string, number>();

  constructor(
    readonly queues: QueueConfig[],
    readonly agents: AgentProfile[],
    readonly settings: Partial<AcdConfig['settings']> = {},
    engine?: AcdEngine,
  ) {
    this.engine = engine ?? new AcdEngine(config(queues, settings), agents);
  }

  /**
   * Another process takes over: this engine's snapshot goes through JSON (as through Redis) into an
   * engine built from `queues` and `agents`, driven from the same time with the timers restore asked for.
   */
  failover(queues = this.queues, agents = this.agents): { harness: AcdHarness; restored: RestoredAcd } {
    const snapshot = JSON.parse(JSON.stringify(this.engine.snapshot())) as ReturnType<AcdEngine['snapshot']>;
    const restored = AcdEngine.restore(config(queues, this.settings), agents, snapshot);
    const harness = new AcdHarness(queues, agents, this.settings, restored.engine);
    harness.at = this.at;
    harness.track(restored.commands);
    harness.log.push(...restored.commands);
    return { harness, restored };
  }

  send(event: Without<AcdEvent>): readonly AcdCommand[] {
    const commands = this.engine.handle({ ...event, at: this.at } as AcdEvent);
    this.track(commands);
    this.log.push(...commands);
    return commands;
  }

  private track(commands: readonly AcdCommand[]): void {
    for (const c of commands) {
      if (c.type === 'StartTimer') this.timers.set(c.timerId, c.at);
      if (c.type === 'CancelTimer') this.timers.delete(c.timerId);
    }
  }

  /** Moves the clock forward, firing due timers in time order (ties in the order they were started). */
  advance(ms: number): this {
    const until = this.at + ms;
    for (let next = this.nextTimer(until); next; next = this.nextTimer(until)) {
      this.timers.delete(next[0]);
      this.at = next[1];
      this.send({ type: 'TimerFired', timerId: next[0] });
    }
    this.at = until;
    return this;
  }

  private nextTimer(until: number): [string, number] | undefined {
    let best: [string, number] | undefined;
    for (const entry of this.timers) if (entry[1] <= until && (!best || entry[1] < best[1])) best = entry;
    return best;
  }

  get activeTimers(): number {
    return this.timers.size;
  }

  login(...ids: string[]): this {
    for (const agentId of ids) {
      this.send({ type: 'AgentLoggedIn', agentId });
      this.at += 1;
    }
    return this;
  }

  queue(callId: string, queueId: string, extra: { priorityClass?: string; skills?: string[] } = {}): readonly AcdCommand[] {
    return this.send({ type: 'CallQueued', callId, queueId, ...extra });
  }

  /** Answers, ends and files the ticket for whatever call the agent is offered now. */
  serve(agentId: string, talkMs = 60 * SEC): string {
    const callId = this.engine.agent(agentId)?.callId;
    if (!callId) throw new Error(`agent ${agentId} has no offer`);
    this.send({ type: 'AgentAnswered', callId, agentId });
    this.advance(talkMs);
    this.send({ type: 'CallEnded', callId });
    this.send({ type: 'TicketFiled', agentId, callId });
    return callId;
  }

  all<T extends AcdCommand['type']>(type: T, from: readonly AcdCommand[] = this.log): Of<T>[] {
    return from.filter((c): c is Of<T> => c.type === type);
  }

  last<T extends AcdCommand['type']>(type: T): Of<T> {
    const found = this.all(type).at(-1);
    if (!found) throw new Error(`no ${type} yet`);
    return found;
  }

  /** Which call each agent was offered, in order. */
  offers(): string[] {
    return this.all('OfferCall').map((o) => `${o.callId}->${o.agentId}`);
  }

  offeredTo(agentId: string): string | null {
    const view = this.engine.agent(agentId);
    return view?.state === 'offered' ? view.callId : null;
  }
}
