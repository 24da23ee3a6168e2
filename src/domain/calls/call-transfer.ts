// The call machine's transfer part: an agent hands the caller to another queue or a named agent,
// blind (the agent leaves at once) or attended (the agent stays until the new one has joined).
import { endHold } from './call-hold.js';
import { personalSkill } from '../acd/lane.js';
import { callIds } from './call-ids.js';
import type { TransferMode, TransferTarget } from './call-protocol.js';
import type { CallStep } from './call-step.js';
import { hangUpParties } from './call-conversation.js';
import { FRESH_WAIT } from './call-state.js';

export function transferRequested(step: CallStep, target: TransferTarget, mode: TransferMode): void {
  const phase = step.phase;
  if (phase.kind !== 'talking' || step.record.lineDown) return;
  const { agent } = phase;
  // A named agent's transfer waits in the queue the call is in, for that agent only.
  const queueId = 'queue' in target ? target.queue : (step.record.queue ?? 'general');
  const skills = 'agent' in target ? [personalSkill(target.agent)] : [];
  const to = 'queue' in target ? target.queue : `agent:${target.agent}`;
  if (mode === 'attended') {
    step.seq.consult += 1;
    const acdId = callIds.consult(step.call.callId, step.seq.consult);
    step.phase = { kind: 'consulting', agent, parties: phase.parties, consult: { acdId, offer: null, incoming: null } };
    step.do({ type: 'RouteAcdId', acdId });
    step.log('info', 'attended transfer', { from: agent.agentId, to });
    step.outcome('transfer-attended', `${agent.agentId}→${to}`);
    step.tellAcd({ type: 'CallQueued', callId: acdId, queueId, priorityClass: step.record.priorityClass, skills, at: step.now });
    return;
  }
  step.log('info', 'blind transfer', { from: agent.agentId, to });
  step.outcome('transferred', `${agent.agentId}→${to}`);
  step.record.agent = null;
  step.record.handedOver = { agentId: agent.agentId, answeredAt: agent.answeredAt, endedAt: step.now };
  step.tellAcd({ type: 'CallEnded', callId: agent.acdId, at: step.now });
  endHold(step, step.now, false);
  hangUpParties(step);
  step.do({ type: 'HangUpChannel', channelId: agent.legId, wait: true });
  step.do({ type: 'Disconnect', wait: true });
  step.phase = { kind: 'queued', wait: FRESH_WAIT, offer: null };
  step.record.queue = queueId;
  step.record.queuesVisited = [...step.record.queuesVisited, queueId];
  step.mark('HOTLINE_QUEUE', queueId);
  step.tellAcd({ type: 'CallQueued', callId: step.call.callId, queueId, priorityClass: step.record.priorityClass, skills, at: step.now });
}
