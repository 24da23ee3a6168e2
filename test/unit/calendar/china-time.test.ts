import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  chinaDate,
  chinaInstant,
  chinaMidnight,
  formatChinaDateTime,
  parseLocalDate,
  toChinaLocal,
  weekdayOf,
} from '../../../src/domain/calendar/china-time.js';

describe('China local time (fixed UTC+8)', () => {
  it('puts UTC instants near China midnight on the right local day', () => {
    // 2026-02-14 (a make-up Saturday) ends at 16:00 UTC.
    expect(chinaDate(Date.UTC(2026, 1, 14, 15, 59, 59, 999))).toBe('2026-02-14');
    expect(chinaDate(Date.UTC(2026, 1, 14, 16, 0, 0, 0))).toBe('2026-02-15');
    // Late evening UTC on 31 December is already New Year's Day in China.
    expect(chinaDate(Date.UTC(2025, 11, 31, 16, 0, 0, 0))).toBe('2026-01-01');
    expect(chinaDate(Date.UTC(2025, 11, 31, 15, 59, 59, 999))).toBe('2025-12-31');
    // Early morning UTC is the same China day, eight hours on.
    expect(chinaDate(Date.UTC(2025, 9, 1, 0, 0))).toBe('2025-10-01');
  });

  it('breaks an instant into China local fields', () => {
    const local = toChinaLocal(Date.UTC(2026, 1, 13, 10, 0, 30, 250)); // Friday 18:00:30.250 in Beijing
    expect(local).toEqual({
      date: '2026-02-13',
      year: 2026,
      month: 2,
      day: 13,
      weekday: 5,
      hour: 18,
      minute: 0,
      second: 30,
      millisecond: 250,
      minuteOfDay: 18 * 60,
    });
    expect(toChinaLocal(Date.UTC(2026, 1, 14, 16, 0)).weekday).toBe(7); // Sunday 00:00 in Beijing
    expect(formatChinaDateTime(Date.UTC(2026, 1, 13, 10, 0))).toBe('2026-02-13 18:00');
  });

  it('turns a local date and time back into the instant', () => {
    expect(chinaMidnight('2026-02-15')).toBe(Date.UTC(2026, 1, 14, 16, 0));
    expect(chinaInstant('2026-02-14', 8 * 60 + 30)).toBe(Date.parse('2026-02-14T08:30:00+08:00'));
    expect(chinaInstant('2026-02-14', 1440)).toBe(chinaMidnight('2026-02-15'));
    expect(() => chinaInstant('2026-02-14', 1441)).toThrow(RangeError);
    expect(() => chinaInstant('2026-02-30')).toThrow(RangeError);
  });

  it('round-trips every minute of any date', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 365 * 60 }), fc.integer({ min: 0, max: 1439 }), (offset, minute) => {
        const date = addDays('1995-01-01', offset);
        const local = toChinaLocal(chinaInstant(date, minute));
        return local.date === date && local.minuteOfDay === minute;
      }),
    );
  });

  it('validates dates and does day arithmetic across months, years and leap days', () => {
    expect(parseLocalDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    expect(parseLocalDate('2025-02-29')).toBeNull();
    expect(parseLocalDate('2025-13-01')).toBeNull();
    expect(parseLocalDate('2025-1-01')).toBeNull();
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(weekdayOf('2026-02-14')).toBe(6);
    expect(weekdayOf('2025-09-28')).toBe(7);
    expect(weekdayOf('2025-01-01')).toBe(3);
  });
});
