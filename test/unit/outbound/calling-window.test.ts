import { describe, expect, it } from 'vitest';
import { DEFAULT_CALLING_WINDOW_SPEC, nextCallingTime, parseCallingWindow } from '../../../src/domain/outbound/calling-window.js';
import { notReachedCause } from '../../../src/domain/outbound/outbound-causes.js';
import { DEFAULT_RETRY_POLICY, DEFAULT_RETRY_TEXT, parseRetryPolicy } from '../../../src/domain/outbound/retry-policy.js';
import { cst, shippedCalendar } from '../calendar/calendar-fixtures.js';

const calendar = shippedCalendar();
const window = (() => {
  const parsed = parseCallingWindow(DEFAULT_CALLING_WINDOW_SPEC);
  if (!parsed.ok) throw new Error('bad window');
  return parsed.value;
})();

describe('nextCallingTime: 08:30–20:30 China time on working days', () => {
  it('is the instant itself inside the window', () => {
    expect(nextCallingTime(calendar, window, cst('2026-03-09', '10:00'))).toBe(cst('2026-03-09', '10:00'));
  });
  it('moves an evening to 08:30 the next working day, and a Friday evening over the weekend', () => {
    expect(nextCallingTime(calendar, window, cst('2026-03-09', '20:30'))).toBe(cst('2026-03-10', '08:30'));
    expect(nextCallingTime(calendar, window, cst('2026-03-13', '21:00'))).toBe(cst('2026-03-16', '08:30'));
  });
  it('counts a make-up Saturday as a working day and skips the Spring Festival holidays', () => {
    expect(nextCallingTime(calendar, window, cst('2026-02-13', '22:00'))).toBe(cst('2026-02-14', '08:30'));
    expect(nextCallingTime(calendar, window, cst('2026-02-15', '09:00'))).toBe(cst('2026-02-24', '08:30'));
  });
  it('never opens for a window without hours', () => {
    const closed = parseCallingWindow({ workingDay: [] });
    expect(closed.ok && nextCallingTime(calendar, closed.value, cst('2026-03-09', '10:00'))).toBeNull();
  });
});

describe('hang-up causes and retry policies', () => {
  it('reads Q.850 causes as outcomes', () => {
    expect([19, 18, 17, 21, 1, 3, 27, 34, 38, 16, null].map(notReachedCause)).toEqual(['no-answer', 'no-answer', 'busy', 'rejected', 'unreachable', 'unreachable', 'unreachable', 'unreachable', 'unreachable', 'failed', 'failed']);
  });
  it('parses the one-line form, and the default text is the default policy', () => {
    expect(parseRetryPolicy(DEFAULT_RETRY_TEXT)).toEqual({ ok: true, value: DEFAULT_RETRY_POLICY });
    expect(parseRetryPolicy('busy=30s,1h; max=2')).toEqual({ ok: true, value: { maxAttempts: 2, delaysMs: { 'no-answer': [], busy: [30_000, 3_600_000], unreachable: [], rejected: [], failed: [], unknown: [] } } });
  });
  it('refuses an unknown cause, a bad delay and a missing max', () => {
    expect(parseRetryPolicy('engaged=5m; max=2')).toMatchObject({ ok: false });
    expect(parseRetryPolicy('busy=5 minutes; max=2')).toMatchObject({ ok: false });
    expect(parseRetryPolicy('busy=5m')).toMatchObject({ ok: false, message: 'max=<attempts> is required' });
  });
});
