// Offers of a call to agents' phones: the one in flight (for the call, or for its attended
// transfer), and what an offer that did not become a conversation means for the ACD.
import type { AgentOnCall, CallPhase, CallState, Leg } from './call-state.js';
import type { CallStep } from './call-step.js';

/** The offer in flight in this phase, whether for the call itself or for its attended transfer. */
function offerIn(phase: CallPhase): Leg | null {
  if (phase.kind === 'queued') return phase.offer;
  if (phase.kind === 'consulting') return phase.consult.offer;
  return null;
}

/** The offer in flight, whether for the call itself or for its attended transfer. */
export function currentOffer(step: CallStep): Leg | null {
  return offerIn(step.phase);
}

/** Whether the call's offer in flight waits for this leg's answer. */
export function offerAwaits(state: CallState, legId: string): boolean {
  return offerIn(state.phase)?.legId === legId;
}

export function clearOffer(step: CallStep): void {
  const phase = step.phase;
  if (phase.kind === 'queued') step.phase = { ...phase, offer: null };
  else if (phase.kind === 'consulting') step.phase = { ...phase, consult: { ...phase.consult, offer: null } };
}

/**
 * The agent's leg exists and rings: the ACD starts the ring time now. Not while the phone system
 * lags: the phone's answer can then reach the server after any ring time it counts (past capacity
 * the SIPp benchmark paused 4 to 22 agents a run, most likely so), and the ACD keeps the offer's
 * setup limit instead, and an offer that runs past it is the system's failure, not the agent's
 * (no pause; the call goes back to its place).
 */
export function agentDialed(step: CallStep, legId: string, agentId: string, acdId: string, systemLagging: boolean): void {
  if (currentOffer(step)?.legId !== legId || (acdId === step.acdId && step.call.callback)) return;
  if (systemLagging) {
    step.log('info', 'the phone system lags: the ring time is not counted for this offer (no ring-no-answer pause)', { agentId });
    return markRingUncounted(step);
  }
  step.tellAcd({ type: 'OfferRinging', callId: acdId, agentId, at: step.now });
}

function markRingUncounted(step: CallStep): void {
  const phase = step.phase;
  if (phase.kind === 'queued' && phase.offer) step.phase = { ...phase, offer: { ...phase.offer, ringUncounted: true } };
  else if (phase.kind === 'consulting' && phase.consult.offer) step.phase = { ...phase, consult: { ...phase.consult, offer: { ...phase.consult.offer, ringUncounted: true } } };
}

/** The agent on a call from the offer they answered (the offer's own marks stay with the offer). */
export function answeredOffer(offer: Leg, at: number): AgentOnCall {
  return { legId: offer.legId, agentId: offer.agentId, acdId: offer.acdId, answeredAt: at };
}

/** The agent's phone could not be rung at all: the phone system's fault, not the agent's. */
export function agentDialFailed(step: CallStep, legId: string, agentId: string, acdId: string): void {
  if (currentOffer(step)?.legId !== legId) return;
  clearOffer(step);
  // A request that timed out may still have made the leg: it must not ring on for an offer given up.
  step.do({ type: 'HangUpChannel', channelId: legId, wait: false });
  offerFailed(step, acdId, agentId, step.now, 'not-rung');
}

/**
 * An offer that did not become a conversation. `no-answer`: the phone rang and nobody took it (or it
 * refused), which pauses the agent (RONA); `not-rung`: the phone system could not ring it, which does
 * not. For a callback either is a failed attempt.
 */
export function offerFailed(step: CallStep, acdId: string, agentId: string, at: number, why: 'no-answer' | 'not-rung'): void {
  // An attended transfer's offer: the ACD tries the next agent; the conversation goes on meanwhile.
  if (acdId !== step.acdId || !step.call.callback) return step.tellAcd({ type: why === 'no-answer' ? 'OfferTimedOut' : 'OfferFailed', callId: acdId, agentId, at });
  step.tellAcd({ type: 'CallbackAttemptFailed', callId: step.acdId, reason: 'agent did not answer', at });
  step.record.callbackSettled = true;
  if (!step.record.lineDown) step.hangUpAsSystem();
}

