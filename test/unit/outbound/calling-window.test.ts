import { describe, expect, it } from 'vitest';
import { DEFAULT_CALLING_WINDOW_SPEC, nextCallingTime, parseCallingWindow } from '../../../src/domain/outbound/calling-window.js';
import { notReachedCause } from '../../../src/domain/outbound/outbound-causes.js';
import { DEFAULT_RETRY_POLICY, DEFAULT_RETRY_TEXT, parseRetryPolicy } from '../../../src/domain/outbound/retry-policy.js';
import { checkTaskRequest } from '../../../src/domain/outbound/task-request-check.js';
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

describe('checkTaskRequest', () => {
  const good = {
    taskId: 'visit-1', purpose: 'return-visit', number: '13800000001', trunk: 'default', flowId: 'return-visit', variables: { ticketNumber: 'T-1' }, notBefore: 0, notAfter: null, window: 'default', retry: DEFAULT_RETRY_POLICY,
  } as const;
  it('accepts a whole request', () => {
    expect(checkTaskRequest(good, ['default'])).toBeNull();
  });
  it.each([
    [{ taskId: 'a b/c' }, 'OUTBOUND_BAD_TASK_ID'],
    [{ number: '138-0000' }, 'OUTBOUND_BAD_NUMBER'],
    [{ trunk: 'carrier-2' }, 'OUTBOUND_UNKNOWN_TRUNK'],
    [{ flowId: ' ' }, 'OUTBOUND_BAD_FLOW'],
    [{ notAfter: -1 }, 'OUTBOUND_BAD_TIMES'],
    [{ retry: { maxAttempts: 0, delaysMs: DEFAULT_RETRY_POLICY.delaysMs } }, 'OUTBOUND_BAD_RETRY_POLICY'],
    [{ retry: { maxAttempts: 2, delaysMs: { ...DEFAULT_RETRY_POLICY.delaysMs, busy: [-5] } } }, 'OUTBOUND_BAD_RETRY_POLICY'],
  ])('refuses %o with %s', (change, code) => {
    expect(checkTaskRequest({ ...good, ...change }, ['default'])?.code).toBe(code);
  });
});
