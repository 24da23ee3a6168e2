// The retry rule of a failed submission and what a delivery report may change.
import { describe, expect, it } from 'vitest';
import { afterFailedAttempt, DEFAULT_RETRY_POLICY, statusAfterReport, type MessageStatus } from '../../../src/domain/messages/message-attempts.js';

describe('message attempts', () => {
  it('waits twice as long after each transient failure, up to the cap, then gives up', () => {
    const policy = { maxAttempts: 6, firstDelayMs: 1_000, maxDelayMs: 5_000 };
    const steps = [1, 2, 3, 4, 5, 6].map((attempt) => afterFailedAttempt(policy, attempt, true));
    expect(steps).toEqual([
      { action: 'retry', delayMs: 1_000 },
      { action: 'retry', delayMs: 2_000 },
      { action: 'retry', delayMs: 4_000 },
      { action: 'retry', delayMs: 5_000 },
      { action: 'retry', delayMs: 5_000 },
      { action: 'give-up', why: 'attempts-used' },
    ]);
  });

  it('gives up at once on a permanent refusal', () => {
    expect(afterFailedAttempt(DEFAULT_RETRY_POLICY, 1, false)).toEqual({ action: 'give-up', why: 'permanent' });
  });

  it('a delay never overflows, however many attempts a policy allows', () => {
    expect(afterFailedAttempt({ maxAttempts: 10_000, firstDelayMs: 1_000, maxDelayMs: 60_000 }, 9_999, true)).toEqual({ action: 'retry', delayMs: 60_000 });
  });

  it('takes a report only for a submitted message, and keeps the first outcome', () => {
    expect(statusAfterReport('submitted', 'delivered')).toBe('delivered');
    expect(statusAfterReport('submitted', 'failed')).toBe('failed');
    expect(statusAfterReport('submitted', 'expired')).toBe('expired');
    for (const settled of ['delivered', 'failed', 'expired', 'queued'] as MessageStatus[]) expect(statusAfterReport(settled, 'delivered')).toBeNull();
  });
});
