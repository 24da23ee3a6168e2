// A conversation taken on again after the server running it was lost (resumed-call.ts in the calls):
// the ACD that took over, or a single box's ACD started afresh, learns that the agent is on this call,
// so nobody offers them another one and the call's end starts their wrap-up as usual.
import type { AcdCore } from './acd-core.js';
import type { AcdEvent } from './acd-protocol.js';
import { callRank } from './call-rank.js';
import type { CallRecord } from './call-record.js';

type Resumed = Extract<AcdEvent, { type: 'ConversationResumed' }>;

/**
 * Accepted while the agent is free of other calls: logged out (a restarted single box has nobody
 * logged in yet; the agent was, since they are talking), available, or paused (the pause waits for
 * the call's end). An ACD that already has the agent on this call changes nothing.
 */
export function onConversationResumed(core: AcdCore, e: Resumed): void {
  const agent = core.roster.get(e.agentId);
  if (!agent) return core.reject(e.type, 'ACD_UNKNOWN_AGENT', e.agentId);
  const queue = core.queues.get(e.queueId);
  if (!queue) return core.reject(e.type, 'ACD_UNKNOWN_QUEUE', e.queueId);
  const known = core.calls.get(e.callId);
  if (known) return known.status === 'on_call' && known.agentId === e.agentId ? undefined : core.reject(e.type, 'ACD_DUPLICATE_CALL', e.callId);
  if (agent.callId !== null || (agent.state !== 'logged_out' && agent.state !== 'available' && agent.state !== 'paused')) return core.reject(e.type, 'ACD_WRONG_AGENT_STATE', e.agentId);
  const call: CallRecord = {
    id: e.callId, seq: core.nextSeq(), priorityClass: queue.priorityClass, enqueuedAt: e.answeredAt, rank: callRank(e.answeredAt, 0),
    extraSkills: [], queueId: queue.id, laneId: '', secondLaneId: null, enteredQueueAt: e.answeredAt, overflowAt: null,
    status: 'on_call', agentId: agent.profile.id, answeredAt: e.answeredAt, ringingSince: null, callback: null, announcedPosition: null, timers: {},
  };
  core.calls.set(call.id, call);
  if (agent.state === 'paused') agent.pendingPause = agent.reason;
  agent.callId = call.id;
  core.roster.setState(agent, 'on_call');
}
