// China's working-day calendar: public holidays and make-up working days (调休) as published each year
// by the State Council General Office (国务院办公厅关于20XX年部分节假日安排的通知), kept as data in
// fixtures/calendar/<year>.yaml. Pure: the adapter reads and parses the YAML; this module validates
// the parsed value and answers whether a China local date is a working day.
//
// The rule: Monday–Friday is a working day unless it is a public holiday; Saturday and Sunday are not
// working days unless they are make-up working days. For a year the data does not cover the
// calendar falls back to plain Monday–Friday and says so (`DayInfo.covered === false`,
// `covers(year) === false`), so callers can warn that their answer may be wrong around holidays.
import { addDays, isLocalDate, parseLocalDate, weekdayOf, yearOf, type IsoWeekday, type LocalDate } from './china-time.js';

export * from './china-time.js';

export interface CalendarHoliday {
  /** The holiday's Chinese name as in the notice, e.g. 春节, 国庆节、中秋节. */
  readonly name: string;
  readonly dates: readonly LocalDate[];
}

export interface MakeupWorkday {
  readonly date: LocalDate;
  /** The name of the holiday (in the same year's data) this working weekend day makes up for. */
  readonly holiday: string;
}

export interface CalendarYear {
  readonly year: number;
  /** The notice's title. */
  readonly source: string;
  readonly holidays: readonly CalendarHoliday[];
  readonly makeupWorkdays: readonly MakeupWorkday[];
}

export type CalendarErrorCode =
  | 'CALENDAR_NOT_OBJECT'
  | 'CALENDAR_MISSING_FIELD'
  | 'CALENDAR_BAD_FIELD'
  | 'CALENDAR_UNKNOWN_FIELD'
  | 'CALENDAR_BAD_YEAR'
  | 'CALENDAR_BAD_DATE'
  | 'CALENDAR_WRONG_YEAR'
  | 'CALENDAR_DUPLICATE_DATE'
  | 'CALENDAR_DUPLICATE_HOLIDAY'
  | 'CALENDAR_EMPTY_HOLIDAY'
  | 'CALENDAR_HOLIDAY_IS_MAKEUP'
  | 'CALENDAR_MAKEUP_NOT_WEEKEND'
  | 'CALENDAR_UNKNOWN_HOLIDAY'
  | 'CALENDAR_DUPLICATE_YEAR';

export interface CalendarProblem {
  readonly code: CalendarErrorCode;
  /** Where in the document, e.g. `holidays[1].dates[3]` (empty for the document itself). */
  readonly path: string;
  readonly message: string;
}

export type CalendarResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problems: readonly CalendarProblem[] };

type Raw = Record<string, unknown>;

const isRecord = (value: unknown): value is Raw => typeof value === 'object' && value !== null && !Array.isArray(value);
const join = (base: string, key: string | number): string =>
  typeof key === 'number' ? `${base}[${key}]` : base === '' ? key : `${base}.${key}`;

/** Validates one year's parsed data (the value of fixtures/calendar/<year>.yaml). */
export function parseCalendarYear(raw: unknown): CalendarResult<CalendarYear> {
  const problems: CalendarProblem[] = [];
  const report = (code: CalendarErrorCode, path: string, message: string): void => {
    problems.push({ code, path, message });
  };
  if (!isRecord(raw)) {
    report('CALENDAR_NOT_OBJECT', '', 'calendar data must be a mapping with year, source, holidays and makeupWorkdays');
    return { ok: false, problems };
  }
  for (const key of Object.keys(raw)) {
    if (!['year', 'source', 'holidays', 'makeupWorkdays'].includes(key)) report('CALENDAR_UNKNOWN_FIELD', key, `unknown field '${key}'`);
  }

  const year = raw['year'];
  let yearOk = false;
  if (year === undefined) report('CALENDAR_MISSING_FIELD', 'year', 'year is required');
  else if (typeof year !== 'number' || !Number.isInteger(year) || year < 1991 || year > 9999) {
    report('CALENDAR_BAD_YEAR', 'year', `year must be an integer from 1991 on, got ${JSON.stringify(year)}`);
  } else yearOk = true;

  const source = raw['source'];
  if (source === undefined) report('CALENDAR_MISSING_FIELD', 'source', 'source (the notice title) is required');
  else if (typeof source !== 'string' || source.trim() === '') report('CALENDAR_BAD_FIELD', 'source', 'source must be a non-empty string');

  // A date is checked once for shape and year; returns it when usable.
  const checkDate = (value: unknown, path: string): LocalDate | null => {
    if (!isLocalDate(value)) {
      report('CALENDAR_BAD_DATE', path, `not a real YYYY-MM-DD date: ${JSON.stringify(value)}`);
      return null;
    }
    if (yearOk && yearOf(value) !== year) {
      report('CALENDAR_WRONG_YEAR', path, `${value} is not in ${String(year)}`);
      return null;
    }
    return value;
  };

  const holidays: CalendarHoliday[] = [];
  const holidayDatePaths = new Map<LocalDate, string>();
  const rawHolidays = raw['holidays'];
  if (rawHolidays === undefined) report('CALENDAR_MISSING_FIELD', 'holidays', 'holidays is required');
  else if (!Array.isArray(rawHolidays)) report('CALENDAR_BAD_FIELD', 'holidays', 'holidays must be a list');
  else {
    const names = new Set<string>();
    rawHolidays.forEach((entry: unknown, index) => {
      const path = join('holidays', index);
      if (!isRecord(entry)) {
        report('CALENDAR_BAD_FIELD', path, 'a holiday must be a mapping with name and dates');
        return;
      }
      for (const key of Object.keys(entry)) {
        if (key !== 'name' && key !== 'dates') report('CALENDAR_UNKNOWN_FIELD', join(path, key), `unknown field '${key}'`);
      }
      const name = entry['name'];
      let nameOk = false;
      if (name === undefined) report('CALENDAR_MISSING_FIELD', join(path, 'name'), 'name is required');
      else if (typeof name !== 'string' || name.trim() === '') report('CALENDAR_BAD_FIELD', join(path, 'name'), 'name must be a non-empty string');
      else if (names.has(name)) report('CALENDAR_DUPLICATE_HOLIDAY', join(path, 'name'), `holiday '${name}' is listed twice`);
      else nameOk = true;
      const rawDates = entry['dates'];
      const dates: LocalDate[] = [];
      if (rawDates === undefined) report('CALENDAR_MISSING_FIELD', join(path, 'dates'), 'dates is required');
      else if (!Array.isArray(rawDates)) report('CALENDAR_BAD_FIELD', join(path, 'dates'), 'dates must be a list');
      else if (rawDates.length === 0) report('CALENDAR_EMPTY_HOLIDAY', join(path, 'dates'), 'a holiday needs at least one date');
      else {
        rawDates.forEach((value: unknown, dateIndex) => {
          const datePath = join(join(path, 'dates'), dateIndex);
          const date = checkDate(value, datePath);
          if (date === null) return;
          const earlier = holidayDatePaths.get(date);
          if (earlier !== undefined) {
            report('CALENDAR_DUPLICATE_DATE', datePath, `${date} is already a holiday at ${earlier}`);
            return;
          }
          holidayDatePaths.set(date, datePath);
          dates.push(date);
        });
      }
      if (nameOk && typeof name === 'string') {
        names.add(name);
        holidays.push({ name, dates });
      }
    });
  }

  const makeupWorkdays: MakeupWorkday[] = [];
  const rawMakeups = raw['makeupWorkdays'];
  if (rawMakeups === undefined) report('CALENDAR_MISSING_FIELD', 'makeupWorkdays', 'makeupWorkdays is required (an empty list when there are none)');
  else if (!Array.isArray(rawMakeups)) report('CALENDAR_BAD_FIELD', 'makeupWorkdays', 'makeupWorkdays must be a list');
  else {
    const seen = new Map<LocalDate, string>();
    const holidayNames = new Set(holidays.map((h) => h.name));
    rawMakeups.forEach((entry: unknown, index) => {
      const path = join('makeupWorkdays', index);
      if (!isRecord(entry)) {
        report('CALENDAR_BAD_FIELD', path, 'a make-up working day must be a mapping with date and holiday');
        return;
      }
      for (const key of Object.keys(entry)) {
        if (key !== 'date' && key !== 'holiday') report('CALENDAR_UNKNOWN_FIELD', join(path, key), `unknown field '${key}'`);
      }
      const holiday = entry['holiday'];
      let holidayOk = false;
      if (holiday === undefined) report('CALENDAR_MISSING_FIELD', join(path, 'holiday'), 'holiday is required');
      else if (typeof holiday !== 'string' || holiday.trim() === '') report('CALENDAR_BAD_FIELD', join(path, 'holiday'), 'holiday must be a non-empty string');
      else if (Array.isArray(rawHolidays) && !holidayNames.has(holiday)) {
        report('CALENDAR_UNKNOWN_HOLIDAY', join(path, 'holiday'), `no holiday named '${holiday}' in this year`);
      } else holidayOk = true;
      const datePath = join(path, 'date');
      if (entry['date'] === undefined) {
        report('CALENDAR_MISSING_FIELD', datePath, 'date is required');
        return;
      }
      const date = checkDate(entry['date'], datePath);
      if (date === null) return;
      const earlier = seen.get(date);
      if (earlier !== undefined) {
        report('CALENDAR_DUPLICATE_DATE', datePath, `${date} is already a make-up working day at ${earlier}`);
        return;
      }
      seen.set(date, datePath);
      const asHoliday = holidayDatePaths.get(date);
      if (asHoliday !== undefined) {
        report('CALENDAR_HOLIDAY_IS_MAKEUP', datePath, `${date} is both a make-up working day and a holiday (${asHoliday})`);
        return;
      }
      if (weekdayOf(date) < 6) {
        report('CALENDAR_MAKEUP_NOT_WEEKEND', datePath, `${date} is a weekday, which is a working day anyway`);
        return;
      }
      if (holidayOk && typeof holiday === 'string') makeupWorkdays.push({ date, holiday });
    });
  }

  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: { year: year as number, source: source as string, holidays, makeupWorkdays } };
}

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeup-workday';

export interface DayInfo {
  readonly date: LocalDate;
  readonly weekday: IsoWeekday;
  readonly kind: DayKind;
  readonly working: boolean;
  /** The holiday the day belongs to (for a make-up working day: the holiday it makes up for). */
  readonly holiday: string | null;
  /** False when the date's year is not in the data: the answer is the plain Monday–Friday fallback. */
  readonly covered: boolean;
}

export interface WorkingCalendar {
  /** The years the data covers, ascending. */
  readonly years: readonly number[];
  /** Every holiday name in the data (for checking business-hours specs that name holidays). */
  readonly holidayNames: readonly string[];
  covers(year: number): boolean;
  dayInfo(date: LocalDate): DayInfo;
  isWorkingDay(date: LocalDate): boolean;
  /** The first working day strictly after `date`. */
  nextWorkingDay(date: LocalDate): LocalDate;
}

/**
 * Builds the calendar from validated years. Throws RangeError when a year is given twice (use
 * `loadWorkingCalendar` to get that as a problem instead).
 */
export function createWorkingCalendar(years: readonly CalendarYear[]): WorkingCalendar {
  const holidayOf = new Map<LocalDate, string>();
  const makeupOf = new Map<LocalDate, string>();
  const covered = new Set<number>();
  const names = new Set<string>();
  for (const data of years) {
    if (covered.has(data.year)) throw new RangeError(`calendar year ${data.year} given twice`);
    covered.add(data.year);
    for (const holiday of data.holidays) {
      names.add(holiday.name);
      for (const date of holiday.dates) holidayOf.set(date, holiday.name);
    }
    for (const makeup of data.makeupWorkdays) makeupOf.set(makeup.date, makeup.holiday);
  }
  const sortedYears = [...covered].sort((a, b) => a - b);

  const dayInfo = (date: LocalDate): DayInfo => {
    const parsed = parseLocalDate(date);
    if (parsed === null) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
    const weekday = weekdayOf(date);
    const weekend = weekday >= 6;
    const isCovered = covered.has(parsed.year);
    if (isCovered) {
      const holiday = holidayOf.get(date);
      if (holiday !== undefined) return { date, weekday, kind: 'holiday', working: false, holiday, covered: true };
      const makeup = makeupOf.get(date);
      if (makeup !== undefined) return { date, weekday, kind: 'makeup-workday', working: true, holiday: makeup, covered: true };
    }
    return { date, weekday, kind: weekend ? 'weekend' : 'workday', working: !weekend, holiday: null, covered: isCovered };
  };

  return {
    years: sortedYears,
    holidayNames: [...names],
    covers: (year) => covered.has(year),
    dayInfo,
    isWorkingDay: (date) => dayInfo(date).working,
    nextWorkingDay(date) {
      // The longest run of non-working days China has had is 10 (a 9-day break plus a weekend day);
      // a year of days is a generous guard against broken data.
      let day = date;
      for (let i = 0; i < 366; i++) {
        day = addDays(day, 1);
        if (dayInfo(day).working) return day;
      }
      throw new RangeError(`no working day within a year after ${date}`);
    },
  };
}

export interface CalendarFileProblem extends CalendarProblem {
  readonly file: string;
}

/** Parses several year files and builds one calendar; problems carry the file name. */
export function loadWorkingCalendar(
  files: readonly { readonly file: string; readonly data: unknown }[],
): { readonly ok: true; readonly value: WorkingCalendar } | { readonly ok: false; readonly problems: readonly CalendarFileProblem[] } {
  const problems: CalendarFileProblem[] = [];
  const years: CalendarYear[] = [];
  const fileOfYear = new Map<number, string>();
  for (const { file, data } of files) {
    const parsed = parseCalendarYear(data);
    if (!parsed.ok) {
      for (const problem of parsed.problems) problems.push({ ...problem, file });
      continue;
    }
    const earlier = fileOfYear.get(parsed.value.year);
    if (earlier !== undefined) {
      problems.push({ file, code: 'CALENDAR_DUPLICATE_YEAR', path: 'year', message: `year ${parsed.value.year} is also in ${earlier}` });
      continue;
    }
    fileOfYear.set(parsed.value.year, file);
    years.push(parsed.value);
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: createWorkingCalendar(years) };
}

/** A calendar without holiday data: plain Monday–Friday, every year uncovered. */
export const WEEKDAYS_ONLY_CALENDAR: WorkingCalendar = createWorkingCalendar([]);
