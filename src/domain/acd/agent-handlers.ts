// Events about agents: log in and out, pause and resume, and their phone's reachability (from AMI).
import type { AcdCore } from './acd-core.js';
import type { AcdEvent } from './acd-protocol.js';
import type { AgentRecord } from './agent-record.js';
import { callBefore } from './call-rank.js';
import type { CallRecord } from './call-record.js';
import { closeWrapUp } from './wrap-up.js';

type Ev<T extends AcdEvent['type']> = Extract<AcdEvent, { type: T }>;
type AgentEvent = Ev<'AgentLoggedIn' | 'AgentLoggedOut' | 'AgentPaused' | 'AgentResumed' | 'PhoneReachabilityChanged'>;

function agentOf(core: AcdCore, e: AgentEvent): AgentRecord | undefined {
  const agent = core.roster.get(e.agentId);
  if (!agent) core.reject(e.type, 'ACD_UNKNOWN_AGENT', e.agentId);
  return agent;
}

export function onAgentLoggedIn(core: AcdCore, e: Ev<'AgentLoggedIn'>): void {
  const agent = agentOf(core, e);
  if (!agent) return;
  // Still on the call they had when they logged out: logging in again must not offer a second one.
  if (agent.state !== 'logged_out' || agent.callId !== null) return core.reject(e.type, 'ACD_WRONG_AGENT_STATE', e.agentId);
  core.roster.makeAvailable(agent, e.at);
}

/**
 * Allowed in any state. A ringing offer is withdrawn and the call keeps its place; a call in progress
 * goes on (it ends without wrap-up); wrap-up in progress is counted up to now.
 */
export function onAgentLoggedOut(core: AcdCore, e: Ev<'AgentLoggedOut'>): void {
  const agent = agentOf(core, e);
  if (!agent) return;
  if (agent.state === 'logged_out') return core.reject(e.type, 'ACD_WRONG_AGENT_STATE', e.agentId);
  if (agent.state === 'offered') withdrawOffer(core, agent, 'agent_logged_out', e.at);
  if (agent.state === 'wrap_up') closeWrapUp(core, agent, e.at);
  if (agent.state !== 'on_call') agent.callId = null;
  agent.pendingPause = null;
  agent.ticketFiledFor = null;
  core.roster.setState(agent, 'logged_out');
  overflowUnstaffed(core, agent, e.at);
}

/**
 * The last agent who could take some waiting calls left: those calls move on now rather than wait for
 * nobody. A call with a second choice still staffed stays: those agents take it.
 */
function overflowUnstaffed(core: AcdCore, agent: AgentRecord, at: number): void {
  const calls = new Set<CallRecord>();
  for (const lane of agent.lanes) {
    if (lane.staffed > 0 || !lane.queue.overflow) continue;
    for (const call of lane.calls.values()) if (!core.isStaffed(call)) calls.add(call);
  }
  for (const call of [...calls].sort((a, b) => (callBefore(a, b) ? -1 : 1))) {
    core.leaveLine(call);
    core.overflow(call, at, 'no_agents');
  }
}

/** Takes the call back from a ringing agent; the caller decides what the agent does next. */
function withdrawOffer(core: AcdCore, agent: AgentRecord, reason: 'agent_logged_out' | 'phone_unreachable', at: number): void {
  const call = core.calls.get(agent.callId ?? '') as CallRecord;
  core.cancelCallTimer(call, 'ring');
  core.emit({ type: 'CancelOffer', callId: call.id, agentId: agent.profile.id, reason });
  if (call.callback) call.callback.attempts -= 1;
  core.returnToLine(call, at);
}

export function onAgentPaused(core: AcdCore, e: Ev<'AgentPaused'>): void {
  const agent = agentOf(core, e);
  if (!agent) return;
  if (agent.state === 'logged_out') return core.reject(e.type, 'ACD_WRONG_AGENT_STATE', e.agentId);
  if (agent.state === 'available' || agent.state === 'paused') return core.roster.setState(agent, 'paused', e.reason);
  // Busy agents finish the call and its wrap-up first.
  agent.pendingPause = e.reason;
}

export function onAgentResumed(core: AcdCore, e: Ev<'AgentResumed'>): void {
  const agent = agentOf(core, e);
  if (!agent) return;
  if (agent.state === 'logged_out') return core.reject(e.type, 'ACD_WRONG_AGENT_STATE', e.agentId);
  agent.pendingPause = null;
  if (agent.state === 'paused') core.roster.makeAvailable(agent, e.at);
}

/** An unreachable phone is never offered calls; a ringing offer to it is withdrawn without blame. */
export function onPhoneReachabilityChanged(core: AcdCore, e: Ev<'PhoneReachabilityChanged'>): void {
  const agent = agentOf(core, e);
  if (!agent) return;
  core.roster.setReachable(agent, e.reachable);
  if (e.reachable || agent.state !== 'offered') return;
  withdrawOffer(core, agent, 'phone_unreachable', e.at);
  core.releaseAgent(agent);
}
