// Puts a fresh core (built from the new holder's configuration) into the state a snapshot saved. With
// the configuration the snapshot was taken under, the result is exact: same records, same lanes and
// heaps, same timer ids and times, so every later event gets the commands the old leader would have
// given. Nothing is dispatched, offered or announced here; the next event does that.
//
// The configuration may have changed in between (the follower read a newer one). Then:
// - an agent the new configuration lacks is skipped, and so is its wrap-up timer;
// - a call whose queue is gone is dropped, whatever its status, and listed in `dropped`: there is no
//   queue left to route it, overflow it or wrap it up in, so the application ends it (hangs up, cancels
//   the ringing offer, or files a ticket for a callback). An agent offered or talking on such a call is
//   freed, as if the offer had been withdrawn or the call had ended without wrap-up;
// - a call being offered to (or dialled back for) an agent who is gone has that offer withdrawn, as
//   when an agent logs out (CancelOffer), and retries from its place shortly after the snapshot's time,
//   as a failed offer does; its ring timer is not restarted;
// - a call in progress with an agent who is gone goes on, and ends without wrap-up.
import type { QueueConfig } from './acd-config.js';
import { OFFER_RETRY_MS, type AcdCore } from './acd-core.js';
import type { AcdCommand } from './acd-protocol.js';
import type { AcdSnapshot, AgentSnapshot, CallSnapshot } from './acd-snapshot.js';
import type { AgentRecord } from './agent-record.js';
import type { CallRecord, CallStatus } from './call-record.js';
import { emptyCounters } from './queue-counters.js';
import type { BookedTimer } from './timer-book.js';

/** A call of the snapshot that the restored engine does not hold: its queue is no longer configured. */
export interface DroppedCall {
  readonly callId: string;
  readonly queueId: string;
  readonly status: CallStatus;
  /** The agent it was offered to or talking with; the restored engine no longer counts them busy with it. */
  readonly agentId: string | null;
  /** The number to call back, when the caller had asked for a callback. */
  readonly callbackNumber: string | null;
}

export interface RestoreOutcome {
  /** For the application to carry out: StartTimer for every booked timer, and the repairs above. */
  readonly commands: readonly AcdCommand[];
  readonly dropped: readonly DroppedCall[];
}

export function restoreCore(core: AcdCore, snapshot: AcdSnapshot): RestoreOutcome {
  // Checked at run time too: the snapshot comes from outside (JSON in Redis), perhaps from another release.
  if (snapshot.version !== 1) throw new Error(`unsupported ACD snapshot version ${String(snapshot.version)}`);
  core.out = [];
  core.seq = snapshot.seq;
  restoreFigures(core, snapshot);
  const dropped = snapshot.calls.filter((c) => !core.queues.has(c.queueId)).map(droppedCall);
  const droppedIds = new Set(dropped.map((c) => c.callId));
  // Agents first: the lanes the calls create below then learn who may serve them from the agents' restored states.
  for (const saved of snapshot.agents) restoreAgent(core, saved, droppedIds, snapshot.at);
  const withdrawn: CallRecord[] = [];
  const notRestarted = new Set<string>();
  for (const saved of snapshot.calls) {
    if (droppedIds.has(saved.id)) continue;
    const call = restoreCall(core, saved);
    if (call.status !== 'offered' || core.roster.get(call.agentId ?? '')) continue;
    withdrawn.push(call);
    if (call.timers.ring !== undefined) notRestarted.add(call.timers.ring);
    delete call.timers.ring;
  }
  core.timers.issued = snapshot.timers.issued;
  for (const timer of snapshot.timers.booked) {
    if (!notRestarted.has(timer.timerId) && stillMeant(core, timer, droppedIds)) core.timers.book({ ...timer, purpose: { ...timer.purpose } });
  }
  for (const call of withdrawn) withdrawFromGoneAgent(core, call, snapshot.at);
  return { commands: core.out, dropped };
}

function restoreFigures(core: AcdCore, snapshot: AcdSnapshot): void {
  // A queue no longer configured keeps its counters: the next takeCounters still hands them over for the day's report.
  core.counters = new Map(snapshot.counters.map(({ queueId, counters }) => [queueId, { ...counters }]));
  for (const queue of core.queues.values()) if (!core.counters.has(queue.id)) core.counters.set(queue.id, emptyCounters());
  for (const { queueId, ms } of snapshot.ahtMs) if (core.queues.has(queueId)) core.ahtMs.set(queueId, ms);
}

function droppedCall(c: CallSnapshot): DroppedCall {
  return { callId: c.id, queueId: c.queueId, status: c.status, agentId: c.agentId, callbackNumber: c.callback?.number ?? null };
}

function restoreAgent(core: AcdCore, saved: AgentSnapshot, droppedIds: ReadonlySet<string>, at: number): void {
  const agent = core.roster.get(saved.agentId);
  if (!agent) return;
  core.roster.restore(agent, (a) => {
    a.state = saved.state;
    a.reason = saved.reason;
    a.reachable = saved.reachable;
    a.idleSince = saved.idleSince;
    a.callId = saved.callId;
    a.pendingPause = saved.pendingPause;
    a.ticketFiledFor = saved.ticketFiledFor;
    a.wrap = saved.wrap && { ...saved.wrap };
    if (a.callId !== null && droppedIds.has(a.callId)) release(a, at);
  });
}

/** Frees an agent whose call was dropped: like a withdrawn offer (keeps its idle place) or a call ended without wrap-up. */
function release(agent: AgentRecord, at: number): void {
  const busy = agent.state === 'offered' || agent.state === 'on_call';
  if (agent.state === 'on_call') agent.idleSince = at;
  agent.callId = null;
  agent.ticketFiledFor = null;
  if (!busy) return;
  agent.state = agent.pendingPause === null ? 'available' : 'paused';
  agent.reason = agent.pendingPause;
  agent.pendingPause = null;
}

function restoreCall(core: AcdCore, saved: CallSnapshot): CallRecord {
  const call: CallRecord = {
    id: saved.id,
    seq: saved.seq,
    priorityClass: saved.priorityClass,
    enqueuedAt: saved.enqueuedAt,
    rank: saved.rank,
    extraSkills: [...saved.extraSkills],
    queueId: saved.queueId,
    laneId: '',
    secondLaneId: null,
    enteredQueueAt: saved.enteredQueueAt,
    overflowAt: saved.overflowAt,
    status: saved.status,
    agentId: saved.agentId,
    answeredAt: saved.answeredAt,
    ringingSince: saved.ringingSince,
    callback: saved.callback && { ...saved.callback },
    announcedPosition: saved.announcedPosition,
    timers: {},
  };
  for (const { timer, timerId } of saved.timers) call.timers[timer] = timerId;
  // Lanes are derived, not saved: the same queue and skills give the same lanes under the same configuration.
  core.placeIn(call, core.queues.get(saved.queueId) as QueueConfig);
  // Only a waiting call sits in its lanes; the others go back to them through returnToLine.
  if (call.status === 'waiting') for (const lane of core.lanesOf(call)) lane.calls.push(call);
  core.calls.set(call.id, call);
  return call;
}

/** A timer stays booked unless what it is for was left out (a dropped call, an agent no longer configured). */
function stillMeant(core: AcdCore, timer: BookedTimer, droppedIds: ReadonlySet<string>): boolean {
  const purpose = timer.purpose;
  return purpose.kind === 'wrap' ? core.roster.get(purpose.agentId) !== undefined : !droppedIds.has(purpose.callId);
}

function withdrawFromGoneAgent(core: AcdCore, call: CallRecord, at: number): void {
  core.emit({ type: 'CancelOffer', callId: call.id, agentId: call.agentId ?? '', reason: 'agent_logged_out' });
  // As in withdrawOffer: a dial that was taken back is not an attempt.
  if (call.callback) call.callback.attempts -= 1;
  call.status = 'retry_wait';
  call.agentId = null;
  call.ringingSince = null;
  core.startCallTimer(call, 'retry', at + OFFER_RETRY_MS);
}
