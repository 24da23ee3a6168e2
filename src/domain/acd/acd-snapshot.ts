// A checkpoint of the ACD as plain JSON data, so a follower that takes over from a dead ACD leader
// goes on exactly where the leader stopped (acd-restore.ts reads it back). It holds everything that
// decides what the engine does next and nothing that can be derived: lanes and their heaps are rebuilt
// from the calls and agents, because a heap's order depends only on its members (rank, then seq or
// agent id, is a strict order), not on the history that built it.
//
// Plain data only: no Map, no class, no undefined (every "none" is null), numbers always finite.
// Lists keep the engine's own order (agents as configured, calls and timers as they came), so a
// restored engine iterates, and so emits, in the same order as the one it replaces.
import type { AcdCore } from './acd-core.js';
import type { AgentState } from './acd-protocol.js';
import type { CallStatus, CallTimer } from './call-record.js';
import type { QueueCounters } from './queue-counters.js';
import type { BookedTimer } from './timer-book.js';

export interface AcdSnapshot {
  readonly version: 1;
  /** Time of the last event applied (0 before any): the restore's "now" for the repairs it makes. */
  readonly at: number;
  /** The last call sequence number given. */
  readonly seq: number;
  readonly agents: readonly AgentSnapshot[];
  readonly calls: readonly CallSnapshot[];
  readonly timers: TimersSnapshot;
  /** Counters since the last takeCounters, per queue, in the engine's order. */
  readonly counters: readonly { readonly queueId: string; readonly counters: QueueCounters }[];
  /** Moving-average handling time per queue (wait-estimate.ts). */
  readonly ahtMs: readonly { readonly queueId: string; readonly ms: number }[];
}

export interface AgentSnapshot {
  readonly agentId: string;
  readonly state: AgentState;
  readonly reason: string | null;
  readonly reachable: boolean;
  readonly idleSince: number;
  readonly callId: string | null;
  readonly pendingPause: string | null;
  readonly ticketFiledFor: string | null;
  readonly wrap: { readonly callId: string; readonly queueId: string; readonly answeredAt: number; readonly timerId: string | null } | null;
}

export interface CallSnapshot {
  readonly id: string;
  readonly seq: number;
  readonly priorityClass: string;
  readonly enqueuedAt: number;
  readonly rank: number;
  readonly extraSkills: readonly string[];
  readonly queueId: string;
  readonly enteredQueueAt: number;
  readonly overflowAt: number | null;
  readonly status: CallStatus;
  readonly agentId: string | null;
  readonly answeredAt: number | null;
  readonly ringingSince: number | null;
  readonly callback: { readonly number: string; readonly attempts: number; readonly maxAttempts: number; readonly retryDelaySeconds: number } | null;
  readonly announcedPosition: number | null;
  /**
   * The call's running timers as a list, not an object: the order they were started in is the order
   * they are cancelled in when the call is forgotten, and that order is part of the engine's output.
   */
  readonly timers: readonly { readonly timer: CallTimer; readonly timerId: string }[];
}

export interface TimersSnapshot {
  /** Timers started so far, so new ids never repeat an old one. */
  readonly issued: number;
  /** Booked timers in the order they were started. */
  readonly booked: readonly BookedTimer[];
}

/** Copies the core's state; nothing in it is shared with the engine, which may go on changing. */
export function takeSnapshot(core: AcdCore, at: number): AcdSnapshot {
  const agents = [...core.roster.all()].map((a): AgentSnapshot => ({
    agentId: a.profile.id,
    state: a.state,
    reason: a.reason,
    reachable: a.reachable,
    idleSince: a.idleSince,
    callId: a.callId,
    pendingPause: a.pendingPause,
    ticketFiledFor: a.ticketFiledFor,
    wrap: a.wrap && { callId: a.wrap.callId, queueId: a.wrap.queueId, answeredAt: a.wrap.answeredAt, timerId: a.wrap.timerId },
  }));
  const calls = [...core.calls.values()].map((c): CallSnapshot => ({
    id: c.id,
    seq: c.seq,
    priorityClass: c.priorityClass,
    enqueuedAt: c.enqueuedAt,
    rank: c.rank,
    extraSkills: [...c.extraSkills],
    queueId: c.queueId,
    enteredQueueAt: c.enteredQueueAt,
    overflowAt: c.overflowAt,
    status: c.status,
    agentId: c.agentId,
    answeredAt: c.answeredAt,
    ringingSince: c.ringingSince,
    callback: c.callback && { ...c.callback },
    announcedPosition: c.announcedPosition,
    timers: (Object.keys(c.timers) as CallTimer[]).flatMap((timer) => {
      const timerId = c.timers[timer];
      return timerId === undefined ? [] : [{ timer, timerId }];
    }),
  }));
  const booked = core.timers.booked().map(({ timerId, purpose, at: due }) => ({ timerId, purpose: { ...purpose }, at: due }));
  return {
    version: 1,
    at,
    seq: core.seq,
    agents,
    calls,
    timers: { issued: core.timers.issued, booked },
    counters: [...core.counters].map(([queueId, counters]) => ({ queueId, counters: { ...counters } })),
    ahtMs: [...core.ahtMs].map(([queueId, ms]) => ({ queueId, ms })),
  };
}
