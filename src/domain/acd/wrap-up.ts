// After-call work. Wrap-up always ends by its timer, so an agent can never be stuck in it; when the
// queue says so, filing the ticket ends it sooner (also when the ticket was filed during the call).
import type { AcdCore } from './acd-core.js';
import type { AcdEvent } from './acd-protocol.js';
import type { AgentRecord } from './agent-record.js';
import type { CallRecord } from './call-record.js';
import { nextAverageMs } from './wait-estimate.js';

type Ev<T extends AcdEvent['type']> = Extract<AcdEvent, { type: T }>;

export function startWrapUp(core: AcdCore, agent: AgentRecord, call: CallRecord, at: number): void {
  const queue = core.queueOf(call);
  const filedAlready = queue.wrapUpEndsOnTicket && agent.ticketFiledFor === call.id;
  agent.ticketFiledFor = null;
  agent.callId = null;
  const answeredAt = call.answeredAt ?? at;
  if (filedAlready || queue.wrapUpSeconds === 0) {
    agent.wrap = { callId: call.id, queueId: queue.id, answeredAt, timerId: null };
    return finishWrapUp(core, agent, at);
  }
  const timerId = core.timers.start({ kind: 'wrap', agentId: agent.profile.id }, at + queue.wrapUpSeconds * 1000);
  agent.wrap = { callId: call.id, queueId: queue.id, answeredAt, timerId };
  core.roster.setState(agent, 'wrap_up');
}

/** Ends wrap-up: the agent becomes available (at the back of the idle order) or takes a pending pause. */
export function finishWrapUp(core: AcdCore, agent: AgentRecord, at: number): void {
  closeWrapUp(core, agent, at);
  const pause = agent.pendingPause;
  agent.pendingPause = null;
  if (pause !== null) core.roster.setState(agent, 'paused', pause);
  else core.roster.makeAvailable(agent, at);
}

/** Counts the handled call (talk + wrap-up so far) without deciding what the agent does next. */
export function closeWrapUp(core: AcdCore, agent: AgentRecord, at: number): void {
  const wrap = agent.wrap;
  if (!wrap) return;
  core.timers.cancel(wrap.timerId);
  agent.wrap = null;
  recordHandled(core, wrap.queueId, at - wrap.answeredAt);
}

export function recordHandled(core: AcdCore, queueId: string, handleMs: number): void {
  const counters = core.count(queueId);
  counters.handled += 1;
  counters.totalHandleMs += handleMs;
  core.ahtMs.set(queueId, nextAverageMs(core.ahtMs.get(queueId) ?? handleMs, handleMs));
}

export function onTicketFiled(core: AcdCore, e: Ev<'TicketFiled'>): void {
  const agent = core.roster.get(e.agentId);
  if (!agent) return core.reject(e.type, 'ACD_UNKNOWN_AGENT', e.agentId);
  const wrap = agent.wrap;
  if (agent.state === 'wrap_up' && wrap && (e.callId === null || e.callId === wrap.callId)) {
    if (core.queues.get(wrap.queueId)?.wrapUpEndsOnTicket) finishWrapUp(core, agent, e.at);
    return;
  }
  // Filed while still talking: remembered so wrap-up ends as soon as the call does.
  if (agent.state === 'on_call' && agent.callId !== null && (e.callId === null || e.callId === agent.callId)) {
    agent.ticketFiledFor = agent.callId;
  }
}
