import { describe, expect, it } from 'vitest';
import {
  addDays,
  createWorkingCalendar,
  loadWorkingCalendar,
  parseCalendarYear,
  WEEKDAYS_ONLY_CALENDAR,
  weekdayOf,
  type CalendarErrorCode,
} from '../../../src/domain/calendar/china-calendar.js';
import { calendarFiles, shippedCalendar, shippedYear } from './calendar-fixtures.js';

const range = (from: string, to: string): string[] => {
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
  return days;
};

// Transcribed from the State Council General Office notices (see the comments in the fixture files).
const NOTICES = {
  2025: {
    holidays: {
      元旦: ['2025-01-01'],
      春节: range('2025-01-28', '2025-02-04'),
      清明节: range('2025-04-04', '2025-04-06'),
      劳动节: range('2025-05-01', '2025-05-05'),
      端午节: range('2025-05-31', '2025-06-02'),
      '国庆节、中秋节': range('2025-10-01', '2025-10-08'),
    },
    makeup: { '2025-01-26': '春节', '2025-02-08': '春节', '2025-04-27': '劳动节', '2025-09-28': '国庆节、中秋节', '2025-10-11': '国庆节、中秋节' },
  },
  2026: {
    holidays: {
      元旦: range('2026-01-01', '2026-01-03'),
      春节: range('2026-02-15', '2026-02-23'),
      清明节: range('2026-04-04', '2026-04-06'),
      劳动节: range('2026-05-01', '2026-05-05'),
      端午节: range('2026-06-19', '2026-06-21'),
      中秋节: range('2026-09-25', '2026-09-27'),
      国庆节: range('2026-10-01', '2026-10-07'),
    },
    makeup: {
      '2026-01-04': '元旦',
      '2026-02-14': '春节',
      '2026-02-28': '春节',
      '2026-05-09': '劳动节',
      '2026-09-20': '国庆节',
      '2026-10-10': '国庆节',
    },
  },
} as const;

describe('the shipped calendar data', () => {
  const calendar = shippedCalendar();

  it('covers 2025 and 2026 and cites the notices', () => {
    expect(calendar.years).toEqual([2025, 2026]);
    expect(shippedYear(2025).source).toBe('国务院办公厅关于2025年部分节假日安排的通知');
    expect(shippedYear(2026).source).toBe('国务院办公厅关于2026年部分节假日安排的通知');
  });

  for (const year of [2025, 2026] as const) {
    it(`holds exactly the ${year} notice's holidays and make-up working days`, () => {
      const data = shippedYear(year);
      expect(Object.fromEntries(data.holidays.map((h) => [h.name, [...h.dates]]))).toEqual(NOTICES[year].holidays);
      expect(Object.fromEntries(data.makeupWorkdays.map((m) => [m.date, m.holiday]))).toEqual(NOTICES[year].makeup);
    });

    it(`makes every ${year} holiday a day off and every make-up date a working weekend day`, () => {
      const data = shippedYear(year);
      for (const holiday of data.holidays) {
        for (const date of holiday.dates) {
          expect(calendar.dayInfo(date), date).toMatchObject({ kind: 'holiday', working: false, holiday: holiday.name, covered: true });
          expect(calendar.isWorkingDay(date), date).toBe(false);
        }
      }
      for (const makeup of data.makeupWorkdays) {
        expect(weekdayOf(makeup.date), makeup.date).toBeGreaterThanOrEqual(6);
        expect(calendar.dayInfo(makeup.date), makeup.date).toMatchObject({ kind: 'makeup-workday', working: true, holiday: makeup.holiday });
        expect(calendar.isWorkingDay(makeup.date), makeup.date).toBe(true);
      }
    });

    it(`counts 248 working days in ${year}`, () => {
      // 261 weekdays, minus the weekday holidays, plus the make-up days: 248 in both years.
      expect(range(`${year}-01-01`, `${year}-12-31`).filter((d) => calendar.isWorkingDay(d))).toHaveLength(248);
    });
  }

  it('counts a make-up Saturday as a working day and a holiday weekday as not', () => {
    expect(calendar.isWorkingDay('2026-02-14')).toBe(true); // Saturday, 春节 make-up
    expect(calendar.isWorkingDay('2026-02-28')).toBe(true); // Saturday, 春节 make-up
    expect(calendar.isWorkingDay('2025-09-28')).toBe(true); // Sunday, 国庆 make-up
    expect(calendar.isWorkingDay('2026-02-16')).toBe(false); // Monday in the Spring Festival break
    expect(calendar.isWorkingDay('2025-10-08')).toBe(false); // Wednesday, last day of 国庆节、中秋节
    expect(calendar.isWorkingDay('2026-02-21')).toBe(false); // Saturday inside the break
    expect(calendar.dayInfo('2026-03-07')).toMatchObject({ kind: 'weekend', working: false, holiday: null });
    expect(calendar.dayInfo('2026-03-09')).toMatchObject({ kind: 'workday', working: true, holiday: null });
  });

  it('finds the next working day across breaks', () => {
    expect(calendar.nextWorkingDay('2026-02-13')).toBe('2026-02-14');
    expect(calendar.nextWorkingDay('2026-02-14')).toBe('2026-02-24');
    expect(calendar.nextWorkingDay('2025-09-30')).toBe('2025-10-09');
    expect(calendar.nextWorkingDay('2025-12-31')).toBe('2026-01-04');
  });

  it('falls back to plain Monday–Friday outside the data and says so', () => {
    expect(calendar.covers(2027)).toBe(false);
    expect(calendar.covers(2024)).toBe(false);
    // 2027-01-01 is a Friday: a working day by the fallback, although it will surely be 元旦.
    expect(calendar.dayInfo('2027-01-01')).toEqual({ date: '2027-01-01', weekday: 5, kind: 'workday', working: true, holiday: null, covered: false });
    expect(calendar.dayInfo('2027-01-02')).toMatchObject({ kind: 'weekend', working: false, covered: false });
    expect(WEEKDAYS_ONLY_CALENDAR.isWorkingDay('2026-02-16')).toBe(true);
    expect(WEEKDAYS_ONLY_CALENDAR.isWorkingDay('2026-02-14')).toBe(false);
  });

  it('lists the holiday names for business-hours checks', () => {
    expect([...calendar.holidayNames].sort()).toEqual(['中秋节', '元旦', '国庆节', '国庆节、中秋节', '春节', '清明节', '劳动节', '端午节'].sort());
  });
});

describe('the calendar parser', () => {
  const good = {
    year: 2026,
    source: 'test',
    holidays: [{ name: '春节', dates: ['2026-02-16', '2026-02-17'] }],
    makeupWorkdays: [{ date: '2026-02-14', holiday: '春节' }],
  };
  const codes = (raw: unknown): [CalendarErrorCode, string][] => {
    const result = parseCalendarYear(raw);
    return result.ok ? [] : result.problems.map((p) => [p.code, p.path]);
  };

  it('accepts a small good year', () => {
    const result = parseCalendarYear(good);
    expect(result).toEqual({ ok: true, value: good });
  });

  it('rejects what is not a mapping, and missing or unknown fields', () => {
    expect(codes([])).toEqual([['CALENDAR_NOT_OBJECT', '']]);
    expect(codes({ year: 2026 })).toEqual([
      ['CALENDAR_MISSING_FIELD', 'source'],
      ['CALENDAR_MISSING_FIELD', 'holidays'],
      ['CALENDAR_MISSING_FIELD', 'makeupWorkdays'],
    ]);
    expect(codes({ ...good, holidayz: [] })).toEqual([['CALENDAR_UNKNOWN_FIELD', 'holidayz']]);
    expect(codes({ ...good, holidays: 'none' })).toContainEqual(['CALENDAR_BAD_FIELD', 'holidays']);
  });

  it('CALENDAR_BAD_YEAR', () => {
    expect(codes({ ...good, year: '2026' })).toContainEqual(['CALENDAR_BAD_YEAR', 'year']);
    expect(codes({ ...good, year: 2026.5 })).toContainEqual(['CALENDAR_BAD_YEAR', 'year']);
  });

  it('CALENDAR_BAD_DATE for impossible or misshapen dates', () => {
    expect(codes({ ...good, holidays: [{ name: '春节', dates: ['2026-02-30'] }], makeupWorkdays: [] })).toEqual([
      ['CALENDAR_BAD_DATE', 'holidays[0].dates[0]'],
    ]);
    expect(codes({ ...good, makeupWorkdays: [{ date: '2026/2/14', holiday: '春节' }] })).toEqual([['CALENDAR_BAD_DATE', 'makeupWorkdays[0].date']]);
    expect(codes({ ...good, makeupWorkdays: [{ date: 20260214, holiday: '春节' }] })).toEqual([['CALENDAR_BAD_DATE', 'makeupWorkdays[0].date']]);
  });

  it('CALENDAR_WRONG_YEAR for a date outside the file’s year', () => {
    expect(codes({ ...good, holidays: [{ name: '春节', dates: ['2026-02-16', '2025-02-17'] }] })).toEqual([
      ['CALENDAR_WRONG_YEAR', 'holidays[0].dates[1]'],
    ]);
  });

  it('CALENDAR_DUPLICATE_DATE within and across holidays, and among make-up days', () => {
    expect(codes({ ...good, holidays: [{ name: '春节', dates: ['2026-02-16', '2026-02-16'] }] })).toEqual([
      ['CALENDAR_DUPLICATE_DATE', 'holidays[0].dates[1]'],
    ]);
    expect(
      codes({
        ...good,
        holidays: [
          { name: '春节', dates: ['2026-02-16'] },
          { name: '元宵', dates: ['2026-02-16'] },
        ],
      }),
    ).toEqual([['CALENDAR_DUPLICATE_DATE', 'holidays[1].dates[0]']]);
    expect(
      codes({
        ...good,
        makeupWorkdays: [
          { date: '2026-02-14', holiday: '春节' },
          { date: '2026-02-14', holiday: '春节' },
        ],
      }),
    ).toEqual([['CALENDAR_DUPLICATE_DATE', 'makeupWorkdays[1].date']]);
  });

  it('CALENDAR_HOLIDAY_IS_MAKEUP when a date is both', () => {
    expect(codes({ ...good, makeupWorkdays: [{ date: '2026-02-21', holiday: '春节' }], holidays: [{ name: '春节', dates: ['2026-02-21'] }] })).toEqual([
      ['CALENDAR_HOLIDAY_IS_MAKEUP', 'makeupWorkdays[0].date'],
    ]);
  });

  it('CALENDAR_MAKEUP_NOT_WEEKEND for a make-up day on a weekday', () => {
    expect(codes({ ...good, makeupWorkdays: [{ date: '2026-02-13', holiday: '春节' }] })).toEqual([['CALENDAR_MAKEUP_NOT_WEEKEND', 'makeupWorkdays[0].date']]);
  });

  it('CALENDAR_UNKNOWN_HOLIDAY, CALENDAR_DUPLICATE_HOLIDAY and CALENDAR_EMPTY_HOLIDAY', () => {
    expect(codes({ ...good, makeupWorkdays: [{ date: '2026-02-14', holiday: '春截' }] })).toEqual([['CALENDAR_UNKNOWN_HOLIDAY', 'makeupWorkdays[0].holiday']]);
    expect(
      codes({
        ...good,
        holidays: [
          { name: '春节', dates: ['2026-02-16'] },
          { name: '春节', dates: ['2026-02-17'] },
        ],
      }),
    ).toEqual([['CALENDAR_DUPLICATE_HOLIDAY', 'holidays[1].name']]);
    expect(codes({ ...good, holidays: [{ name: '春节', dates: [] }] })).toEqual([['CALENDAR_EMPTY_HOLIDAY', 'holidays[0].dates']]);
  });

  it('reports every problem at once, each with a message', () => {
    const result = parseCalendarYear({ year: 2026, source: '', holidays: [{ name: '春节', dates: ['2026-02-30', '2027-01-01'] }], makeupWorkdays: [{ date: '2026-02-13', holiday: '春节' }] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.code)).toEqual(['CALENDAR_BAD_FIELD', 'CALENDAR_BAD_DATE', 'CALENDAR_WRONG_YEAR', 'CALENDAR_MAKEUP_NOT_WEEKEND']);
    for (const problem of result.problems) expect(problem.message.length).toBeGreaterThan(0);
  });

  it('CALENDAR_DUPLICATE_YEAR when two files hold the same year, naming the file', () => {
    const files = calendarFiles();
    const first = files[0];
    if (first === undefined) throw new Error('no calendar files');
    const result = loadWorkingCalendar([...files, { file: 'copy.yaml', data: first.data }]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([{ file: 'copy.yaml', code: 'CALENDAR_DUPLICATE_YEAR', path: 'year', message: 'year 2025 is also in 2025.yaml' }]);
    expect(() => createWorkingCalendar([shippedYear(2025), shippedYear(2025)])).toThrow(RangeError);
  });

  it('names the file of a bad year file', () => {
    const result = loadWorkingCalendar([{ file: '2027.yaml', data: { year: 2027 } }]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]).toMatchObject({ file: '2027.yaml', code: 'CALENDAR_MISSING_FIELD', path: 'source' });
  });
});
