// Retry policies as data, and their one-line form for a setting:
//   "no-answer=30m,2h; busy=5m,15m,30m; unreachable=2h; rejected=; failed=10m; unknown=; max=4"
// Each cause lists the delays before the next attempts (s, m or h); a cause left out retries never.
import { NOT_REACHED_CAUSES, type NotReachedCause, type RetryPolicy } from './outbound-protocol.js';

const MIN = 60_000;

/**
 * The default: a missed call twice more (30 min, 2 h), a busy line three more times (5, 15, 30 min), an
 * unreachable number once more after 2 h, a refusal never (a person said no), a failed dial once after
 * 10 min, an unknown outcome (a crash lost it) never: it goes to the manual list instead.
 */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 4,
  delaysMs: { 'no-answer': [30 * MIN, 120 * MIN], busy: [5 * MIN, 15 * MIN, 30 * MIN], unreachable: [120 * MIN], rejected: [], failed: [10 * MIN], unknown: [] },
};

export const DEFAULT_RETRY_TEXT = 'no-answer=30m,2h; busy=5m,15m,30m; unreachable=2h; rejected=; failed=10m; unknown=; max=4';

const UNIT_MS: Readonly<Record<string, number>> = { s: 1000, m: MIN, h: 60 * MIN };

function delayMs(text: string): number | null {
  const match = /^(\d+)([smh])$/.exec(text.trim());
  return match ? Number(match[1]) * (UNIT_MS[match[2] as string] as number) : null;
}

/** Parses the one-line form; the message says what is wrong. */
export function parseRetryPolicy(text: string): { readonly ok: true; readonly value: RetryPolicy } | { readonly ok: false; readonly message: string } {
  const delays: Record<NotReachedCause, number[]> = { 'no-answer': [], busy: [], unreachable: [], rejected: [], failed: [], unknown: [] };
  let maxAttempts = 0;
  for (const part of text.split(';').map((p) => p.trim()).filter((p) => p !== '')) {
    const [name = '', list = ''] = part.split('=').map((p) => p.trim());
    if (name === 'max') {
      maxAttempts = Number(list);
      if (!Number.isInteger(maxAttempts) || maxAttempts < 1) return { ok: false, message: `max must be a whole number of attempts (1 or more), got "${list}"` };
      continue;
    }
    if (!(NOT_REACHED_CAUSES as readonly string[]).includes(name)) return { ok: false, message: `unknown cause "${name}" (known: ${NOT_REACHED_CAUSES.join(', ')}, max)` };
    for (const item of list.split(',').filter((i) => i.trim() !== '')) {
      const ms = delayMs(item);
      if (ms === null) return { ok: false, message: `"${item.trim()}" is not a delay like 30s, 5m or 2h` };
      delays[name as NotReachedCause].push(ms);
    }
  }
  if (maxAttempts === 0) return { ok: false, message: 'max=<attempts> is required' };
  return { ok: true, value: { maxAttempts, delaysMs: delays } };
}
