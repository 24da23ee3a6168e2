// Offers of a call to agents' phones: the one in flight (for the call, or for its attended
// transfer), and what an offer that did not become a conversation means for the ACD.
import type { Leg } from './call-state.js';
import type { CallStep } from './call-step.js';

/** The offer in flight, whether for the call itself or for its attended transfer. */
export function currentOffer(step: CallStep): Leg | null {
  const phase = step.phase;
  if (phase.kind === 'queued') return phase.offer;
  if (phase.kind === 'consulting') return phase.consult.offer;
  return null;
}

export function clearOffer(step: CallStep): void {
  const phase = step.phase;
  if (phase.kind === 'queued') step.phase = { ...phase, offer: null };
  else if (phase.kind === 'consulting') step.phase = { ...phase, consult: { ...phase.consult, offer: null } };
}

/** The agent's leg exists and rings: the ACD starts the ring time now. */
export function agentDialed(step: CallStep, legId: string, agentId: string, acdId: string): void {
  if (currentOffer(step)?.legId !== legId || (acdId === step.acdId && step.call.callback)) return;
  step.tellAcd({ type: 'OfferRinging', callId: acdId, agentId, at: step.now });
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

