// The call machine's ending part: the caller's line ends (or vanished while the PBX link was down),
// or a step failed and the caller goes to a human. Either way the agent side is released once and
// the ACD hears how the call left.
import type { EndedBy } from './call-facts.js';
import type { CallStep } from './call-step.js';
import { factsOf } from './call-step.js';
import { agentLeaves, endConsult, hangUpParties } from './call-conversation.js';
import { keepRecordedMessage, promptsInFlight, stopIvrRuns } from './call-ivr.js';
import { clearOffer, currentOffer } from './call-offers.js';

/** Closes the call once: releases the agent side, tells the ACD, and hands the facts on. */
export function endCall(step: CallStep, at: number, endedBy?: EndedBy): void {
  if (step.phase.kind === 'ended') return;
  for (const prompt of [...promptsInFlight(step.ivr), ...promptsInFlight(step.survey)]) step.steps.push({ at, kind: 'prompt', prompt, outcome: 'interrupted' });
  stopIvrRuns(step);
  keepRecordedMessage(step);
  if (endedBy) step.setEndedBy(endedBy);
  releaseAgentSide(step, at);
  step.phase = { kind: 'ended', at };
  const facts = factsOf(step.result().state, at);
  step.do({ type: 'CloseCall', facts });
  step.log('info', 'call ended', { endedBy: facts.endedBy, cause: facts.hangupCause, durationMs: at - step.call.startedAt, agentId: facts.agentId });
}

/** The error boundary (the executor logged the failure): the caller goes to a human rather than being dropped. */
export function stepFailed(step: CallStep): void {
  const kind = step.phase.kind;
  if (kind === 'ended' || kind === 'fallback' || kind === 'ending' || step.record.lineDown) return;
  for (const prompt of promptsInFlight(step.ivr)) step.steps.push({ at: step.now, kind: 'prompt', prompt, outcome: 'failed' });
  stopIvrRuns(step);
  releaseAgentSide(step, step.now);
  step.toFallback();
}

/** `settled`: the bridge is awaited gone before what follows (the caller hears something next, or it may be lost in the dissolving bridge). */
export function releaseAgentSide(step: CallStep, at: number, settled = false): void {
  const { record, call } = step;
  if (record.agentSideReleased) return;
  record.agentSideReleased = true;
  const offer = currentOffer(step);
  if (offer) {
    step.do({ type: 'HangUpChannel', channelId: offer.legId, wait: false });
    clearOffer(step);
  }
  const threeWay = step.phase.kind === 'three-way';
  hangUpParties(step);
  endConsult(step, at);
  if (record.agent && record.conversationEndedAt === null) {
    record.conversationEndedAt = at;
    if (!threeWay) agentLeaves(step, record.agent, at);
    step.do({ type: 'HangUpChannel', channelId: record.agent.legId, wait: false });
    step.do({ type: 'Disconnect', wait: settled });
  } else if (call.callback && !record.callbackSettled) {
    record.callbackSettled = true;
    step.tellAcd({ type: 'CallbackAttemptFailed', callId: step.acdId, reason: 'citizen left before an agent answered', at });
  } else if (record.queuedAt !== null && record.agent === null && !call.callback && !record.callbackRequested) {
    // A caller who chose a callback has not abandoned: the ACD keeps their place.
    step.tellAcd({ type: 'CallAbandoned', callId: call.callId, at });
  }
}
