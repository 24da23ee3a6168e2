// The engine's two judgements, as plain functions: what follows a failed attempt (retry when, or give
// up), and what an attempt left behind by a dead server became (the reconciliation rule).
import type { WindowLookup } from './calling-window.js';
import { notReachedCause } from './outbound-causes.js';
import type { CallTask, ChannelFinding, NotReachedCause } from './outbound-protocol.js';

export type RetryDecision = { readonly kind: 'retry'; readonly dueAt: number } | { readonly kind: 'give-up' };

/**
 * After a not-reached attempt: the policy's next delay for this cause (indexed by how many attempts
 * already failed for it), moved into the calling window; give up past maxAttempts, past the list, when
 * the window never opens again or the next turn falls after `notAfter`.
 */
export function retryAfter(task: CallTask, cause: NotReachedCause, failuresOfCause: number, at: number, windows: WindowLookup): RetryDecision {
  const { retry, notBefore, notAfter, window } = task.request;
  const delay = retry.delaysMs[cause][failuresOfCause - 1];
  if (delay === undefined || task.attempts >= retry.maxAttempts) return { kind: 'give-up' };
  const dueAt = windows(window, Math.max(at + delay, notBefore));
  if (dueAt === null || (notAfter !== null && dueAt > notAfter)) return { kind: 'give-up' };
  return { kind: 'retry', dueAt };
}

/** What the engine makes of an attempt it did not see end (see docs/decisions.md, outbound reconciliation). */
export type Reconciled =
  /** The channel lives and still rings: adopt it and wait for its answer or its end. */
  | { readonly kind: 'adopt' }
  /** It was answered and is gone: the party was reached, the flow's result is lost with the dead server. */
  | { readonly kind: 'reached-result-lost' }
  /** It ended unanswered (or nothing says it was answered): a not-reached attempt of this cause. */
  | { readonly kind: 'not-reached'; readonly cause: NotReachedCause; readonly hangupCause: number | null };

/**
 * The rule: an attempt is never dialed again. A ringing channel is adopted. An answered one is reached,
 * whether it lives (the restart recovery hands the person to an agent: the flow that ran it died with
 * its server) or is gone; its flow's result is lost. Known
 * unanswered follows its hang-up cause, and so does a gone channel whose recorded cause only an
 * unanswered call can have (busy, no answer, refused, unroutable); with nothing to tell, the cause is 'unknown', whose retry list
 * (empty by default) decides, and any retry is a new attempt with a new row and a new channel id.
 */
export function reconcile(finding: ChannelFinding): Reconciled {
  if (finding.kind === 'alive') return finding.answered ? { kind: 'reached-result-lost' } : { kind: 'adopt' };
  if (finding.answered === true) return { kind: 'reached-result-lost' };
  if (finding.answered === false) return { kind: 'not-reached', cause: notReachedCause(finding.cause), hangupCause: finding.cause };
  // Only a call that was never answered ends busy, unanswered, refused or unroutable (Asterisk's
  // records keep the cause): those causes tell the answer too. Normal clearing (16) and the rest do not.
  const cause = notReachedCause(finding.cause);
  if (cause !== 'failed') return { kind: 'not-reached', cause, hangupCause: finding.cause };
  return { kind: 'not-reached', cause: 'unknown', hangupCause: finding.cause };
}
