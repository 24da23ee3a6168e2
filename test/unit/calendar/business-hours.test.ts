import { describe, expect, it } from 'vitest';
import {
  ALWAYS_OPEN,
  isOpen,
  nextChange,
  nextOpening,
  openRangesOn,
  parseBusinessHours,
  parseScheduleSet,
  parseTimeRange,
  type BusinessHoursSpec,
  type HoursErrorCode,
} from '../../../src/domain/calendar/business-hours.js';
import { cst, shippedCalendar } from './calendar-fixtures.js';

const calendar = shippedCalendar();

function spec(raw: unknown): BusinessHoursSpec {
  const parsed = parseBusinessHours(raw, { knownHolidays: calendar.holidayNames });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.value;
}

// The enterprise desk: working days only, with a lunch break.
const enterpriseDesk = spec({ workingDay: ['08:30-12:00', '13:30-17:30'] });

describe('business hours on the working-day calendar', () => {
  it('is open on a make-up Saturday and closed on a holiday weekday', () => {
    expect(isOpen(enterpriseDesk, calendar, cst('2026-02-14', '10:00'))).toBe(true); // 春节 make-up Saturday
    expect(isOpen(enterpriseDesk, calendar, cst('2025-09-28', '15:00'))).toBe(true); // 国庆 make-up Sunday
    expect(isOpen(enterpriseDesk, calendar, cst('2026-02-16', '10:00'))).toBe(false); // Monday in 春节
    expect(isOpen(enterpriseDesk, calendar, cst('2025-10-08', '10:00'))).toBe(false); // Wednesday in 国庆
    expect(isOpen(enterpriseDesk, calendar, cst('2026-03-07', '10:00'))).toBe(false); // ordinary Saturday
    expect(isOpen(enterpriseDesk, calendar, cst('2026-03-09', '10:00'))).toBe(true); // ordinary Monday
  });

  it('opens at the start of a range and closes at its end', () => {
    expect(isOpen(enterpriseDesk, calendar, cst('2026-03-09', '08:30'))).toBe(true);
    expect(isOpen(enterpriseDesk, calendar, cst('2026-03-09', '08:30') - 1)).toBe(false);
    expect(isOpen(enterpriseDesk, calendar, cst('2026-03-09', '12:00') - 1)).toBe(true);
    expect(isOpen(enterpriseDesk, calendar, cst('2026-03-09', '12:00'))).toBe(false); // lunch
    expect(isOpen(enterpriseDesk, calendar, cst('2026-03-09', '13:30'))).toBe(true);
    expect(isOpen(enterpriseDesk, calendar, cst('2026-03-09', '17:30'))).toBe(false);
  });

  it('judges by China local time whatever the UTC date', () => {
    // 00:30 UTC on Monday 2026-03-09 is 08:30 in Beijing; 16:00 UTC on Friday 2026-02-13 is Saturday 00:00.
    expect(isOpen(enterpriseDesk, calendar, Date.UTC(2026, 2, 9, 0, 30))).toBe(true);
    const allDayOnWorkingDays = spec({ workingDay: ['00:00-24:00'] });
    expect(isOpen(allDayOnWorkingDays, calendar, Date.UTC(2026, 1, 14, 15, 59, 59, 999))).toBe(true); // Sat 23:59 (make-up)
    expect(isOpen(allDayOnWorkingDays, calendar, Date.UTC(2026, 1, 14, 16, 0))).toBe(false); // Sun 00:00 (春节)
  });

  it('finds the next opening across a holiday break', () => {
    // Friday evening before 春节 2026: the make-up Saturday morning.
    expect(nextOpening(enterpriseDesk, calendar, cst('2026-02-13', '18:00'))).toBe(cst('2026-02-14', '08:30'));
    // That Saturday evening: the first working day after the nine days off.
    expect(nextOpening(enterpriseDesk, calendar, cst('2026-02-14', '18:00'))).toBe(cst('2026-02-24', '08:30'));
    // Lunch break: the afternoon range; open now: now.
    expect(nextOpening(enterpriseDesk, calendar, cst('2026-03-09', '12:15'))).toBe(cst('2026-03-09', '13:30'));
    expect(nextOpening(enterpriseDesk, calendar, cst('2026-03-09', '09:00'))).toBe(cst('2026-03-09', '09:00'));
    // 2025-09-30 after hours: 国庆节、中秋节 runs to 10-08.
    expect(nextOpening(enterpriseDesk, calendar, cst('2025-09-30', '17:30'))).toBe(cst('2025-10-09', '08:30'));
  });

  it('finds the next change: a closing when open, an opening when closed, none for 7×24', () => {
    // Open in the morning: it closes at noon; at lunch it opens again at 13:30.
    expect(nextChange(enterpriseDesk, calendar, cst('2026-03-09', '11:59') + 30_000)).toBe(cst('2026-03-09', '12:00'));
    expect(nextChange(enterpriseDesk, calendar, cst('2026-03-09', '12:00'))).toBe(cst('2026-03-09', '13:30'));
    // Friday evening before 春节 2026: the make-up Saturday's opening.
    expect(nextChange(enterpriseDesk, calendar, cst('2026-02-13', '18:00'))).toBe(cst('2026-02-14', '08:30'));
    expect(nextChange(ALWAYS_OPEN, calendar, cst('2026-03-09', '10:00'))).toBeNull();
    expect(nextChange(spec({ workingDay: [] }), calendar, cst('2026-03-09', '10:00'))).toBeNull();
  });

  it('treats ranges that meet, within a day or across midnight, as one stretch', () => {
    const meeting = spec({ workingDay: ['08:00-12:00', '12:00-13:00'] });
    expect(nextChange(meeting, calendar, cst('2026-03-09', '09:00'))).toBe(cst('2026-03-09', '13:00'));
    // Nights: 22:00 to 02:00 written as two ranges on each day type.
    const nights = spec({ workingDay: ['00:00-02:00', '22:00-24:00'], nonWorkingDay: ['00:00-02:00', '22:00-24:00'] });
    expect(nextChange(nights, calendar, cst('2026-03-09', '23:00'))).toBe(cst('2026-03-10', '02:00'));
    expect(nextChange(nights, calendar, cst('2026-03-10', '03:00'))).toBe(cst('2026-03-10', '22:00'));
  });

  it('lets a named holiday and a single date override the day type', () => {
    const elderlySeats = spec({
      workingDay: ['08:00-20:00'],
      nonWorkingDay: ['09:00-17:00'],
      holidays: { 春节: [] },
      dates: { '2026-02-17': ['10:00-12:00'] },
    });
    expect(isOpen(elderlySeats, calendar, cst('2026-03-07', '10:00'))).toBe(true); // ordinary Saturday
    expect(isOpen(elderlySeats, calendar, cst('2026-03-07', '18:00'))).toBe(false);
    expect(isOpen(elderlySeats, calendar, cst('2026-02-14', '18:00'))).toBe(true); // make-up Saturday: working-day hours
    expect(isOpen(elderlySeats, calendar, cst('2026-02-16', '10:00'))).toBe(false); // 春节: closed
    expect(isOpen(elderlySeats, calendar, cst('2026-02-17', '11:00'))).toBe(true); // 春节, but the date says open
    expect(isOpen(elderlySeats, calendar, cst('2026-04-06', '10:00'))).toBe(true); // 清明节 Monday: non-working hours
    expect(openRangesOn(elderlySeats, calendar, '2026-02-17')).toEqual([{ from: 600, to: 720 }]);
    expect(nextOpening(elderlySeats, calendar, cst('2026-02-15', '00:00'))).toBe(cst('2026-02-17', '10:00'));
  });

  it('treats 24×7 as always open and a schedule without hours as never opening', () => {
    expect(spec({ always: true })).toBe(ALWAYS_OPEN);
    expect(isOpen(ALWAYS_OPEN, calendar, cst('2026-02-17', '03:00'))).toBe(true);
    expect(nextOpening(ALWAYS_OPEN, calendar, 123)).toBe(123);
    const never = spec({ workingDay: [] });
    expect(isOpen(never, calendar, cst('2026-03-09', '10:00'))).toBe(false);
    expect(nextOpening(never, calendar, cst('2026-03-09', '10:00'), 30)).toBeNull();
  });

  it('falls back to Monday–Friday hours in a year without data', () => {
    // 2027-01-01 is a Friday; the data does not know it is 元旦 yet.
    expect(isOpen(enterpriseDesk, calendar, cst('2027-01-01', '10:00'))).toBe(true);
    expect(nextOpening(enterpriseDesk, calendar, cst('2026-12-31', '18:00'))).toBe(cst('2027-01-01', '08:30'));
  });
});

describe('the business-hours parser', () => {
  const codes = (raw: unknown): [HoursErrorCode, string][] => {
    const result = parseBusinessHours(raw, { knownHolidays: calendar.holidayNames });
    return result.ok ? [] : result.problems.map((p) => [p.code, p.path]);
  };

  it('parses ranges, 24:00 included', () => {
    expect(parseTimeRange('08:30-12:00')).toEqual({ from: 510, to: 720 });
    expect(parseTimeRange('00:00-24:00')).toEqual({ from: 0, to: 1440 });
    for (const bad of ['12:00-08:00', '08:00-08:00', '8:30-12:00', '23:00-24:30', '24:00-24:00', '10:60-11:00', '22:00-02:00']) {
      expect(parseTimeRange(bad), bad).toBeNull();
    }
  });

  it('reports each problem with a stable code and path', () => {
    expect(codes('9-5')).toEqual([['HOURS_NOT_OBJECT', '']]);
    expect(codes({ workingDay: ['08:30-12:00'], weekends: [] })).toEqual([['HOURS_UNKNOWN_FIELD', 'weekends']]);
    expect(codes({ nonWorkingDay: [] })).toEqual([['HOURS_MISSING_FIELD', 'workingDay']]);
    expect(codes({ workingDay: '08:30-12:00' })).toEqual([['HOURS_BAD_FIELD', 'workingDay']]);
    expect(codes({ workingDay: ['08:30-12:00', '17:30-13:30'] })).toEqual([['HOURS_BAD_RANGE', 'workingDay[1]']]);
    expect(codes({ workingDay: ['08:30-12:00', '11:00-13:00'] })).toEqual([['HOURS_OVERLAP', 'workingDay[1]']]);
    expect(codes({ workingDay: [], holidays: { 春假: [] } })).toEqual([['HOURS_UNKNOWN_HOLIDAY', 'holidays.春假']]);
    expect(codes({ workingDay: [], dates: { '2026-02-30': [] } })).toEqual([['HOURS_BAD_DATE', 'dates.2026-02-30']]);
    expect(codes({ always: true, workingDay: ['08:30-12:00'] })).toEqual([['HOURS_CONFLICT', 'workingDay']]);
    expect(codes({ always: 'yes', workingDay: [] })).toEqual([['HOURS_BAD_FIELD', 'always']]);
  });

  it('parses a set of schedules with the id leading each path', () => {
    const good = parseScheduleSet({ hotline: { always: true }, 'enterprise-desk': { workingDay: ['08:30-12:00', '13:30-17:30'] } });
    expect(good.ok).toBe(true);
    if (good.ok) expect(Object.keys(good.value)).toEqual(['hotline', 'enterprise-desk']);
    const bad = parseScheduleSet({ 'enterprise-desk': { workingDay: ['8:30-12:00'] } });
    expect(bad).toEqual({
      ok: false,
      problems: [{ code: 'HOURS_BAD_RANGE', path: 'enterprise-desk.workingDay[0]', message: expect.stringContaining('8:30-12:00') }],
    });
  });
});
