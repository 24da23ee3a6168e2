// What a finished follow-up call means: the flow's variables say whether the unit signed (签收, key 1)
// or how the citizen rated the handling (回访, keys 1/2/3). A call that reached someone who did not
// say yes counts as failed for the ladder: the superior unit is called next, the visit goes to the list.
import { isRating, type SatisfactionRating } from '../tickets/ticket-warnings.js';
import type { CallPurpose, CallState } from './follow-up-plan.js';

/** A finished call as the outbound engine reports it. */
export interface FollowUpCallOutcome {
  /** Someone answered and the flow ran. */
  readonly reached: boolean;
  /** The flow's variables when the call ended. */
  readonly variables: Readonly<Record<string, string>>;
}

export type FollowUpCallEffect = { readonly kind: 'Signed' } | { readonly kind: 'Rated'; readonly rating: SatisfactionRating } | { readonly kind: 'None' };

/** The IVR flow each purpose runs. */
export const FOLLOW_UP_FLOWS: Readonly<Record<CallPurpose, string>> = {
  'sign-reminder': 'sign-reminder',
  'reply-reminder': 'reply-reminder',
  'return-visit': 'return-visit',
};

export function followUpCallEffect(purpose: CallPurpose, outcome: FollowUpCallOutcome): FollowUpCallEffect {
  if (!outcome.reached) return { kind: 'None' };
  if (purpose === 'sign-reminder' && outcome.variables['signed'] === 'yes') return { kind: 'Signed' };
  const rating = outcome.variables['satisfaction'];
  if (purpose === 'return-visit' && rating !== undefined && isRating(rating)) return { kind: 'Rated', rating };
  return { kind: 'None' };
}

/** The planner's view of a call: still going, done its job, or not (after every retry). */
export function followUpCallState(purpose: CallPurpose, outcome: FollowUpCallOutcome | null): CallState {
  if (outcome === null) return 'pending';
  if (purpose === 'reply-reminder') return outcome.reached ? 'succeeded' : 'failed';
  return followUpCallEffect(purpose, outcome).kind === 'None' ? 'failed' : 'succeeded';
}
