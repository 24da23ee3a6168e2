// Events about calls from the caller's side: queued, abandoned, answered, not answered, ended.
import { OFFER_RETRY_MS, type AcdCore } from './acd-core.js';
import type { AcdEvent } from './acd-protocol.js';
import type { AgentRecord } from './agent-record.js';
import { callRank } from './call-rank.js';
import type { CallRecord } from './call-record.js';
import { recordHandled, startWrapUp } from './wrap-up.js';

type Ev<T extends AcdEvent['type']> = Extract<AcdEvent, { type: T }>;

export function onCallQueued(core: AcdCore, e: Ev<'CallQueued'>): void {
  const queue = core.queues.get(e.queueId);
  if (!queue) return core.reject(e.type, 'ACD_UNKNOWN_QUEUE', e.queueId);
  if (core.calls.has(e.callId)) return core.reject(e.type, 'ACD_DUPLICATE_CALL', e.callId);
  const priorityClass = e.priorityClass ?? queue.priorityClass;
  const boost = core.config.settings.priorityBoostSeconds[priorityClass];
  if (boost === undefined) return core.reject(e.type, 'ACD_UNKNOWN_PRIORITY_CLASS', priorityClass);
  const call: CallRecord = {
    id: e.callId, seq: core.nextSeq(), priorityClass, enqueuedAt: e.at, rank: callRank(e.at, boost),
    extraSkills: e.skills ?? [], queueId: queue.id, laneId: '', secondLaneId: null, enteredQueueAt: e.at, overflowAt: null,
    status: 'waiting', agentId: null, answeredAt: null, ringingSince: null, callback: null, announcedPosition: null, timers: {},
  };
  core.calls.set(call.id, call);
  core.enter(call, queue, e.at);
}

export function onCallAbandoned(core: AcdCore, e: Ev<'CallAbandoned'>): void {
  const call = core.calls.get(e.callId);
  if (!call) return core.reject(e.type, 'ACD_UNKNOWN_CALL', e.callId);
  if (call.status === 'on_call') return onCallEnded(core, { type: 'CallEnded', callId: e.callId, at: e.at });
  // A caller who chose a callback hung up on purpose; the callback keeps its place.
  if (call.callback) return core.reject(e.type, 'ACD_WRONG_CALL_STATE', e.callId);
  abandon(core, call, e.at);
}

function abandon(core: AcdCore, call: CallRecord, at: number): void {
  if (call.status === 'waiting') core.leaveLine(call);
  const agent = offeredAgent(core, call);
  if (agent) {
    core.emit({ type: 'CancelOffer', callId: call.id, agentId: agent.profile.id, reason: 'abandoned' });
    core.releaseAgent(agent);
  }
  const waited = at - call.enqueuedAt;
  const counters = core.count(call.queueId);
  if (waited < core.queueOf(call).shortAbandonSeconds * 1000) counters.shortAbandoned += 1;
  else {
    counters.abandoned += 1;
    counters.totalAbandonWaitMs += waited;
  }
  core.forget(call);
}

function offeredAgent(core: AcdCore, call: CallRecord): AgentRecord | undefined {
  return call.status === 'offered' ? core.roster.get(call.agentId ?? '') : undefined;
}

/** The call offered to this agent, or a rejection when the event does not match an open offer. */
export function openOffer(core: AcdCore, e: Ev<'AgentAnswered' | 'OfferTimedOut' | 'OfferRinging' | 'OfferFailed'>, callback: boolean): CallRecord | undefined {
  const call = core.calls.get(e.callId);
  if (!call) core.reject(e.type, 'ACD_UNKNOWN_CALL', e.callId);
  else if (call.status !== 'offered' || call.agentId !== e.agentId || (call.callback !== null) !== callback) {
    core.reject(e.type, 'ACD_WRONG_CALL_STATE', e.callId);
  } else return call;
  return undefined;
}

export function onAgentAnswered(core: AcdCore, e: Ev<'AgentAnswered'>): void {
  const call = openOffer(core, e, false);
  if (!call) return;
  connect(core, call, e.at);
  const waited = e.at - call.enqueuedAt;
  const counters = core.count(call.queueId);
  counters.answered += 1;
  if (core.isSecondChoice(call, core.roster.get(e.agentId) as AgentRecord)) counters.answeredBySecondChoice += 1;
  counters.totalAnswerWaitMs += waited;
  if (waited <= core.queueOf(call).serviceLevelSeconds * 1000) counters.answeredInThreshold += 1;
}

export function connect(core: AcdCore, call: CallRecord, at: number): void {
  core.cancelCallTimer(call, 'ring');
  call.status = 'on_call';
  call.answeredAt = at;
  const agent = core.roster.get(call.agentId ?? '') as AgentRecord;
  core.roster.setState(agent, 'on_call');
}

export function onOfferTimedOut(core: AcdCore, e: Ev<'OfferTimedOut'>): void {
  const call = openOffer(core, e, false);
  if (call) ringNoAnswer(core, call, e.at);
}

/** The agent's leg rings: the ring time starts now (a slow phone system does not eat into it). */
export function onOfferRinging(core: AcdCore, e: Ev<'OfferRinging'>): void {
  const call = openOffer(core, e, false);
  if (!call || call.ringingSince !== null) return;
  call.ringingSince = e.at;
  core.startCallTimer(call, 'ring', e.at + core.queueOf(call).ringTimeoutSeconds * 1000);
}

export function onOfferFailed(core: AcdCore, e: Ev<'OfferFailed'>): void {
  const call = openOffer(core, e, false);
  if (call) offerFailed(core, call, e.at);
}

/** The phone system could not ring the agent: they stay available, the call retries shortly from its place. */
export function offerFailed(core: AcdCore, call: CallRecord, at: number): void {
  const agent = core.roster.get(call.agentId ?? '') as AgentRecord;
  core.cancelCallTimer(call, 'ring');
  core.emit({ type: 'CancelOffer', callId: call.id, agentId: agent.profile.id, reason: 'offer_failed' });
  core.count(call.queueId).offerFailures += 1;
  core.releaseAgent(agent);
  call.agentId = null;
  call.status = 'retry_wait';
  core.startCallTimer(call, 'retry', at + OFFER_RETRY_MS);
}

/** RONA: the agent is paused with `no_answer` and the call goes back to the place it had. */
export function ringNoAnswer(core: AcdCore, call: CallRecord, at: number): void {
  const agent = core.roster.get(call.agentId ?? '') as AgentRecord;
  core.cancelCallTimer(call, 'ring');
  core.emit({ type: 'CancelOffer', callId: call.id, agentId: agent.profile.id, reason: 'no_answer' });
  core.count(call.queueId).ringNoAnswer += 1;
  agent.callId = null;
  agent.pendingPause = null;
  core.roster.setState(agent, 'paused', 'no_answer');
  core.returnToLine(call, at);
}

export function onCallEnded(core: AcdCore, e: Ev<'CallEnded'>): void {
  const call = core.calls.get(e.callId);
  if (!call) return core.reject(e.type, 'ACD_UNKNOWN_CALL', e.callId);
  if (call.status !== 'on_call') return call.callback ? core.reject(e.type, 'ACD_WRONG_CALL_STATE', e.callId) : abandon(core, call, e.at);
  core.forget(call);
  const agent = core.roster.get(call.agentId ?? '');
  if (!agent || agent.callId !== call.id) return;
  if (agent.state !== 'logged_out') return startWrapUp(core, agent, call, e.at);
  agent.callId = null;
  recordHandled(core, call.queueId, e.at - (call.answeredAt ?? e.at));
}
