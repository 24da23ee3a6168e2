// The ACD: priority queues with aging, skills-based longest-idle routing, RONA, wrap-up, overflow and
// callbacks, as a deterministic state machine. The application feeds it events (each stamped with its
// time) and carries out the commands it returns; it never reads a clock or does I/O itself.
//
//   const acd = new AcdEngine(config, agents);
//   for (const command of acd.handle({ type: 'CallQueued', callId, queueId: 'general', at })) ...
//
// A process taking over from another goes on from the other's checkpoint (acd-snapshot.ts):
//
//   const { engine, commands, dropped } = AcdEngine.restore(config, agents, JSON.parse(saved));
import type { AcdConfig, AgentProfile } from './acd-config.js';
import { AcdCore } from './acd-core.js';
import type { AcdCommand, AcdEvent, AgentState } from './acd-protocol.js';
import { restoreCore, type DroppedCall } from './acd-restore.js';
import { takeSnapshot, type AcdSnapshot } from './acd-snapshot.js';
import { onAgentLoggedIn, onAgentLoggedOut, onAgentPaused, onAgentResumed, onPhoneReachabilityChanged } from './agent-handlers.js';
import { onConversationResumed } from './resumed-conversations.js';
import { onAgentAnswered, onCallAbandoned, onCallEnded, onCallQueued, onOfferFailed, onOfferRinging, onOfferTimedOut } from './call-handlers.js';
import { onCallbackAnswered, onCallbackAttemptFailed, onCallbackRequested } from './callback-handlers.js';
import type { CallStatus } from './call-record.js';
import { emptyCounters } from './queue-counters.js';
import { queueStats, type QueueStats } from './queue-stats.js';
import type { CounterSample } from './roll-up-day.js';
import { onTimerFired } from './timer-handler.js';
import { onTicketFiled } from './wrap-up.js';

export interface AgentView {
  readonly agentId: string;
  readonly state: AgentState;
  readonly reason: string | null;
  readonly reachable: boolean;
  readonly callId: string | null;
  readonly idleSince: number;
}

export interface CallView {
  readonly callId: string;
  readonly queueId: string;
  readonly status: CallStatus;
  readonly priorityClass: string;
  readonly enqueuedAt: number;
  readonly agentId: string | null;
  readonly callback: boolean;
  /** 1-based place in its queue while waiting, else null. */
  readonly position: number | null;
}

export type { AcdSnapshot } from './acd-snapshot.js';
export type { DroppedCall } from './acd-restore.js';

/** An engine rebuilt from a snapshot, and what the application must do for it (see acd-restore.ts). */
export interface RestoredAcd {
  readonly engine: AcdEngine;
  /** StartTimer for every timer the snapshot had booked (same ids and times), then any repairs. */
  readonly commands: readonly AcdCommand[];
  /** Calls whose queue the configuration no longer has: the application ends them. */
  readonly dropped: readonly DroppedCall[];
}

export class AcdEngine {
  private readonly core: AcdCore;
  /** Time of the last event applied: a snapshot's "as of", and the time a restore repairs at. */
  private lastAt = 0;

  constructor(config: AcdConfig, agents: readonly AgentProfile[]) {
    this.core = new AcdCore(config, agents);
  }

  /**
   * Takes over from the engine that saved `snapshot` (a dead ACD leader). Nothing is offered, played or
   * announced here: the first event handled afterwards dispatches, as every event does.
   */
  static restore(config: AcdConfig, agents: readonly AgentProfile[], snapshot: AcdSnapshot): RestoredAcd {
    const engine = new AcdEngine(config, agents);
    const { commands, dropped } = restoreCore(engine.core, snapshot);
    engine.lastAt = snapshot.at;
    return { engine, commands, dropped };
  }

  /** The state as JSON-safe data, for a checkpoint; a copy the engine does not change afterwards. */
  snapshot(): AcdSnapshot {
    return takeSnapshot(this.core, this.lastAt);
  }

  /** Applies one event, then matches waiting calls with available agents. */
  handle(event: AcdEvent): readonly AcdCommand[] {
    const core = this.core;
    core.out = [];
    this.lastAt = event.at;
    apply(core, event);
    core.dispatch(event.at);
    core.announceNewcomers(event.at);
    return core.out;
  }

  queueStats(at: number): QueueStats[] {
    return queueStats(this.core, at);
  }

  agent(agentId: string): AgentView | undefined {
    const a = this.core.roster.get(agentId);
    if (!a) return undefined;
    return { agentId, state: a.state, reason: a.reason, reachable: a.reachable, callId: a.callId, idleSince: a.idleSince };
  }

  call(callId: string): CallView | undefined {
    const c = this.core.calls.get(callId);
    if (!c) return undefined;
    const position = c.status === 'waiting' ? this.core.lanes.position(c) : null;
    const { queueId, status, priorityClass, enqueuedAt, agentId } = c;
    return { callId, queueId, status, priorityClass, enqueuedAt, agentId, callback: c.callback !== null, position };
  }

  /** Hands over the counters since the last call and starts new ones (for rollUpDay and reports). */
  takeCounters(): CounterSample[] {
    const samples = [...this.core.counters.entries()].map(([queueId, counters]) => ({ queueId, counters }));
    this.core.counters = new Map(samples.map((s) => [s.queueId, emptyCounters()]));
    return samples;
  }
}

function apply(core: AcdCore, e: AcdEvent): void {
  switch (e.type) {
    case 'CallQueued': return onCallQueued(core, e);
    case 'CallAbandoned': return onCallAbandoned(core, e);
    case 'AgentAnswered': return onAgentAnswered(core, e);
    case 'OfferTimedOut': return onOfferTimedOut(core, e);
    case 'OfferRinging': return onOfferRinging(core, e);
    case 'OfferFailed': return onOfferFailed(core, e);
    case 'CallEnded': return onCallEnded(core, e);
    case 'ConversationResumed': return onConversationResumed(core, e);
    case 'CallbackRequested': return onCallbackRequested(core, e);
    case 'CallbackAnswered': return onCallbackAnswered(core, e);
    case 'CallbackAttemptFailed': return onCallbackAttemptFailed(core, e);
    case 'AgentLoggedIn': return onAgentLoggedIn(core, e);
    case 'AgentLoggedOut': return onAgentLoggedOut(core, e);
    case 'AgentPaused': return onAgentPaused(core, e);
    case 'AgentResumed': return onAgentResumed(core, e);
    case 'PhoneReachabilityChanged': return onPhoneReachabilityChanged(core, e);
    case 'TicketFiled': return onTicketFiled(core, e);
    case 'TimerFired': return onTimerFired(core, e);
  }
}
