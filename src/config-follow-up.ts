// The follow-up settings' values (read from the environment by config.ts) checked and typed: when a
// unit's contact is messaged and called about an order, and when a citizen gets the return visit.
import type { Setting } from './config-setting.js';
import type { FollowUpSettings } from './domain/follow-up/follow-up-plan.js';
import type { RetryPolicy } from './domain/outbound/outbound-protocol.js';
import { parseRetryPolicy } from './domain/outbound/retry-policy.js';

export interface FollowUpConfig {
  readonly plan: FollowUpSettings;
  /** How often due orders are planned (the plan's own times are exact to this). */
  readonly sweepMs: number;
  /** Retries of a call to a unit's contact (sign reminder, 催办) before the superior unit is called. */
  readonly unitCallRetry: RetryPolicy;
}

export const FOLLOW_UP_SETTINGS: readonly Setting[] = [
  { name: 'HOTLINE_SIGN_WITHIN_MINUTES', fallback: '5', doc: "A dispatched order not signed (签收) within this is called about: the unit's contact first, then its superior unit's." },
  { name: 'HOTLINE_REPLY_REMINDER_HOURS', fallback: '4', doc: 'The 催办 message goes to the unit this long before an order’s reply deadline (another at the deadline).' },
  { name: 'HOTLINE_OVERDUE_CALL_MINUTES', fallback: '60', doc: "Past the reply deadline without a reply, the unit's contact is called after this (then its superior unit's)." },
  { name: 'HOTLINE_RETURN_VISIT_AFTER_MINUTES', fallback: '30', doc: "The automatic return visit (回访) calls the citizen this long after the unit's reply, inside the outbound calling window." },
  { name: 'HOTLINE_FOLLOW_UP_SWEEP_SECONDS', fallback: '15', doc: 'How often orders are checked for reminders and return visits due.' },
  { name: 'HOTLINE_UNIT_CALL_RETRY', fallback: 'no-answer=2m,5m; busy=2m,5m; unreachable=5m; rejected=2m; failed=2m; unknown=; max=3', doc: "Retries of a reminder call to a unit's contact (as HOTLINE_OUTBOUND_RETRY); after the last, the superior unit's contact is called." },
];

type FollowUpSettingsText = Readonly<Record<'SIGN_WITHIN_MINUTES' | 'REPLY_REMINDER_HOURS' | 'OVERDUE_CALL_MINUTES' | 'RETURN_VISIT_AFTER_MINUTES' | 'FOLLOW_UP_SWEEP_SECONDS' | 'UNIT_CALL_RETRY', string>>;

const MIN = 60_000;

/** The checked settings read by `read` (a setting's text by its full name), or what is wrong with them (config.ts makes it a ConfigError). */
export function parseFollowUpConfig(read: (name: string) => string): FollowUpConfig | string {
  const names = ['SIGN_WITHIN_MINUTES', 'REPLY_REMINDER_HOURS', 'OVERDUE_CALL_MINUTES', 'RETURN_VISIT_AFTER_MINUTES', 'FOLLOW_UP_SWEEP_SECONDS', 'UNIT_CALL_RETRY'] as const;
  const text = Object.fromEntries(names.map((name) => [name, read(`HOTLINE_${name}`)])) as FollowUpSettingsText;
  const numbers: Partial<Record<keyof FollowUpSettingsText, number>> = {};
  for (const name of ['SIGN_WITHIN_MINUTES', 'REPLY_REMINDER_HOURS', 'OVERDUE_CALL_MINUTES', 'RETURN_VISIT_AFTER_MINUTES', 'FOLLOW_UP_SWEEP_SECONDS'] as const) {
    const value = Number(text[name]);
    if (!Number.isInteger(value) || value < (name === 'FOLLOW_UP_SWEEP_SECONDS' ? 1 : 0)) return `HOTLINE_${name} must be a whole number${name === 'FOLLOW_UP_SWEEP_SECONDS' ? ' (1 or more)' : ' (0 or more)'}, got "${text[name]}"`;
    numbers[name] = value;
  }
  const retry = parseRetryPolicy(text.UNIT_CALL_RETRY);
  if (!retry.ok) return `HOTLINE_UNIT_CALL_RETRY: ${retry.message}`;
  const n = numbers as Record<keyof FollowUpSettingsText, number>;
  return {
    plan: { signWithinMs: n.SIGN_WITHIN_MINUTES * MIN, replySoonMs: n.REPLY_REMINDER_HOURS * 60 * MIN, overdueCallAfterMs: n.OVERDUE_CALL_MINUTES * MIN, visitAfterMs: n.RETURN_VISIT_AFTER_MINUTES * MIN },
    sweepMs: n.FOLLOW_UP_SWEEP_SECONDS * 1000,
    unitCallRetry: retry.value,
  };
}
