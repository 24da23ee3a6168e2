// A text message's life as rules, without a clock: its statuses, when a failed submission is tried
// again (bounded attempts, doubling delays up to a cap) and what a delivery report may change.
// queued → submitted → delivered | failed | expired; queued → failed when no attempt is left or the
// message centre refused the message for good.

export type MessageStatus = 'queued' | 'submitted' | 'delivered' | 'failed' | 'expired';

export const FINAL_STATUSES: readonly MessageStatus[] = ['delivered', 'failed', 'expired'];

export interface RetryPolicy {
  /** Submissions in all, the first included. */
  readonly maxAttempts: number;
  /** Delay before the second attempt; each later one waits twice as long as the one before. */
  readonly firstDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 5, firstDelayMs: 2_000, maxDelayMs: 60_000 };

export type NextStep = { readonly action: 'retry'; readonly delayMs: number } | { readonly action: 'give-up'; readonly why: 'permanent' | 'attempts-used' };

/**
 * After attempt number `attemptsMade` (1 for the first) failed: try again later, or give up. A
 * permanent refusal (a bad number, a template the platform does not know) fails at once: sending the
 * same thing again would be refused the same way.
 */
export function afterFailedAttempt(policy: RetryPolicy, attemptsMade: number, transient: boolean): NextStep {
  if (!transient) return { action: 'give-up', why: 'permanent' };
  if (attemptsMade >= policy.maxAttempts) return { action: 'give-up', why: 'attempts-used' };
  const exponent = Math.min(attemptsMade - 1, 20);
  return { action: 'retry', delayMs: Math.min(policy.firstDelayMs * 2 ** exponent, policy.maxDelayMs) };
}

/** What a delivery report says happened at the handset. */
export type ReportedOutcome = 'delivered' | 'failed' | 'expired';

/**
 * The status after a report, or null when the report changes nothing: a message already settled keeps
 * its first outcome (message centres repeat receipts), and a report is never taken for a message
 * not yet submitted.
 */
export function statusAfterReport(status: MessageStatus, outcome: ReportedOutcome): MessageStatus | null {
  return status === 'submitted' ? outcome : null;
}
