// Business hours as data, on China's working-day calendar. The 12345 line itself is open 7×24; desks
// such as the enterprise service desk (企业服务专席) or the elderly dialect seats may keep hours.
//
// The data format (one schedule; YAML shown):
//
//   always: true                          # 7×24: nothing else allowed
//
//   workingDay: ["08:30-12:00", "13:30-17:30"]   # working days, make-up working days (调休) included
//   nonWorkingDay: ["09:00-12:00"]               # weekends and holidays; omit or [] for closed
//   holidays:                                    # a named holiday of the calendar, overrides nonWorkingDay
//     春节: []
//   dates:                                       # one China local date, overrides everything
//     "2026-02-14": ["09:00-12:00"]
//
// A range is `HH:MM-HH:MM`, China local time, start included and end excluded; the end may be
// `24:00`. A range cannot cross midnight (write `22:00-24:00` and `00:00-02:00` on the two day types).
// For a year the calendar does not cover, days fall back to plain Monday–Friday (see china-calendar).
import {
  addDays,
  chinaInstant,
  isLocalDate,
  MINUTE_MS,
  MINUTES_PER_DAY,
  toChinaLocal,
  formatMinuteOfDay,
  type LocalDate,
  type WorkingCalendar,
} from './china-calendar.js';

export interface TimeRange {
  /** Minutes since local midnight, included. */
  readonly from: number;
  /** Minutes since local midnight, excluded; at most 1440. */
  readonly to: number;
}

export interface AlwaysOpen {
  readonly always: true;
}

export interface WeeklyHours {
  readonly always: false;
  readonly workingDay: readonly TimeRange[];
  readonly nonWorkingDay: readonly TimeRange[];
  readonly holidays: Readonly<Record<string, readonly TimeRange[]>>;
  readonly dates: Readonly<Record<LocalDate, readonly TimeRange[]>>;
}

export type BusinessHoursSpec = AlwaysOpen | WeeklyHours;

export const ALWAYS_OPEN: AlwaysOpen = { always: true };

export type HoursErrorCode =
  | 'HOURS_NOT_OBJECT'
  | 'HOURS_UNKNOWN_FIELD'
  | 'HOURS_MISSING_FIELD'
  | 'HOURS_BAD_FIELD'
  | 'HOURS_BAD_RANGE'
  | 'HOURS_OVERLAP'
  | 'HOURS_BAD_DATE'
  | 'HOURS_UNKNOWN_HOLIDAY'
  | 'HOURS_CONFLICT';

export interface HoursProblem {
  readonly code: HoursErrorCode;
  readonly path: string;
  readonly message: string;
}

export type HoursResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problems: readonly HoursProblem[] };

export interface HoursParseOptions {
  /** When given, a holiday name under `holidays` must be one of these (e.g. `calendar.holidayNames`). */
  readonly knownHolidays?: readonly string[];
}

const RANGE_PATTERN = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/;

/** Parses `HH:MM-HH:MM` into minutes; null when malformed, empty, reversed or past 24:00. */
export function parseTimeRange(text: string): TimeRange | null {
  const match = RANGE_PATTERN.exec(text);
  if (match === null) return null;
  const [fh, fm, th, tm] = [match[1], match[2], match[3], match[4]].map(Number) as [number, number, number, number];
  if (fh > 23 || fm > 59 || th > 24 || tm > 59 || (th === 24 && tm !== 0)) return null;
  const from = fh * 60 + fm;
  const to = th * 60 + tm;
  return from < to ? { from, to } : null;
}

export function formatTimeRange(range: TimeRange): string {
  return `${formatMinuteOfDay(range.from)}-${formatMinuteOfDay(range.to)}`;
}

type Raw = Record<string, unknown>;
const isRecord = (value: unknown): value is Raw => typeof value === 'object' && value !== null && !Array.isArray(value);
const join = (base: string, key: string | number): string =>
  typeof key === 'number' ? `${base}[${key}]` : base === '' ? key : `${base}.${key}`;

/** Validates one schedule's parsed data. `basePath` prefixes problem paths (e.g. the schedule id). */
export function parseBusinessHours(raw: unknown, options: HoursParseOptions = {}, basePath = ''): HoursResult<BusinessHoursSpec> {
  const problems: HoursProblem[] = [];
  const report = (code: HoursErrorCode, path: string, message: string): void => {
    problems.push({ code, path, message });
  };
  if (!isRecord(raw)) {
    report('HOURS_NOT_OBJECT', basePath, 'business hours must be a mapping (always: true, or workingDay and friends)');
    return { ok: false, problems };
  }
  const allowed = ['always', 'workingDay', 'nonWorkingDay', 'holidays', 'dates'];
  for (const key of Object.keys(raw)) {
    if (!allowed.includes(key)) report('HOURS_UNKNOWN_FIELD', join(basePath, key), `unknown field '${key}'`);
  }

  const always = raw['always'];
  if (always !== undefined && typeof always !== 'boolean') report('HOURS_BAD_FIELD', join(basePath, 'always'), 'always must be true or false');
  if (always === true) {
    const extra = allowed.filter((key) => key !== 'always' && raw[key] !== undefined);
    for (const key of extra) report('HOURS_CONFLICT', join(basePath, key), `'${key}' means nothing when always is true`);
    return problems.length > 0 ? { ok: false, problems } : { ok: true, value: ALWAYS_OPEN };
  }

  const ranges = (value: unknown, path: string): TimeRange[] => {
    if (!Array.isArray(value)) {
      report('HOURS_BAD_FIELD', path, 'must be a list of HH:MM-HH:MM ranges ([] for closed)');
      return [];
    }
    const parsed: { range: TimeRange; path: string }[] = [];
    value.forEach((item: unknown, index) => {
      const itemPath = join(path, index);
      const range = typeof item === 'string' ? parseTimeRange(item) : null;
      if (range === null) report('HOURS_BAD_RANGE', itemPath, `not an HH:MM-HH:MM range ending after it starts, within 00:00-24:00: ${JSON.stringify(item)}`);
      else parsed.push({ range, path: itemPath });
    });
    const sorted = [...parsed].sort((a, b) => a.range.from - b.range.from);
    for (let i = 1; i < sorted.length; i++) {
      const previous = sorted[i - 1];
      const current = sorted[i];
      if (previous !== undefined && current !== undefined && current.range.from < previous.range.to) {
        report('HOURS_OVERLAP', current.path, `${formatTimeRange(current.range)} overlaps ${formatTimeRange(previous.range)}`);
      }
    }
    return sorted.map((entry) => entry.range);
  };

  let workingDay: TimeRange[] = [];
  if (raw['workingDay'] === undefined) report('HOURS_MISSING_FIELD', join(basePath, 'workingDay'), 'workingDay is required unless always is true');
  else workingDay = ranges(raw['workingDay'], join(basePath, 'workingDay'));
  const nonWorkingDay = raw['nonWorkingDay'] === undefined ? [] : ranges(raw['nonWorkingDay'], join(basePath, 'nonWorkingDay'));

  const holidays: Record<string, readonly TimeRange[]> = {};
  const rawHolidays = raw['holidays'];
  if (rawHolidays !== undefined) {
    if (!isRecord(rawHolidays)) report('HOURS_BAD_FIELD', join(basePath, 'holidays'), 'holidays must map holiday names to ranges');
    else {
      for (const [name, value] of Object.entries(rawHolidays)) {
        const path = join(join(basePath, 'holidays'), name);
        if (options.knownHolidays !== undefined && !options.knownHolidays.includes(name)) {
          report('HOURS_UNKNOWN_HOLIDAY', path, `the calendar has no holiday named '${name}'`);
        }
        holidays[name] = ranges(value, path);
      }
    }
  }

  const dates: Record<LocalDate, readonly TimeRange[]> = {};
  const rawDates = raw['dates'];
  if (rawDates !== undefined) {
    if (!isRecord(rawDates)) report('HOURS_BAD_FIELD', join(basePath, 'dates'), 'dates must map YYYY-MM-DD dates to ranges');
    else {
      for (const [date, value] of Object.entries(rawDates)) {
        const path = join(join(basePath, 'dates'), date);
        if (!isLocalDate(date)) report('HOURS_BAD_DATE', path, `not a real YYYY-MM-DD date: ${date}`);
        dates[date] = ranges(value, path);
      }
    }
  }

  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: { always: false, workingDay, nonWorkingDay, holidays, dates } };
}

/** Validates a mapping of schedule id → business hours (e.g. ivr-flows/schedules.yaml). Paths start with the id. */
export function parseScheduleSet(raw: unknown, options: HoursParseOptions = {}): HoursResult<Readonly<Record<string, BusinessHoursSpec>>> {
  if (!isRecord(raw)) {
    return { ok: false, problems: [{ code: 'HOURS_NOT_OBJECT', path: '', message: 'schedules must be a mapping of schedule id to business hours' }] };
  }
  const problems: HoursProblem[] = [];
  const schedules: Record<string, BusinessHoursSpec> = {};
  for (const [id, value] of Object.entries(raw)) {
    const parsed = parseBusinessHours(value, options, id);
    if (parsed.ok) schedules[id] = parsed.value;
    else problems.push(...parsed.problems);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: schedules };
}

const WHOLE_DAY: readonly TimeRange[] = [{ from: 0, to: MINUTES_PER_DAY }];

/** The open ranges on a China local date, sorted: a date override, else a named holiday, else the day type. */
export function openRangesOn(spec: BusinessHoursSpec, calendar: WorkingCalendar, date: LocalDate): readonly TimeRange[] {
  if (spec.always) return WHOLE_DAY;
  const byDate = spec.dates[date];
  if (byDate !== undefined) return byDate;
  const info = calendar.dayInfo(date);
  if (info.kind === 'holiday' && info.holiday !== null) {
    const byHoliday = spec.holidays[info.holiday];
    if (byHoliday !== undefined) return byHoliday;
  }
  return info.working ? spec.workingDay : spec.nonWorkingDay;
}

/** Whether the schedule is open at an instant. */
export function isOpen(spec: BusinessHoursSpec, calendar: WorkingCalendar, epochMs: number): boolean {
  if (spec.always) return true;
  const local = toChinaLocal(epochMs);
  const offset = epochMs - chinaInstant(local.date);
  return openRangesOn(spec, calendar, local.date).some((range) => offset >= range.from * MINUTE_MS && offset < range.to * MINUTE_MS);
}

/**
 * The earliest instant at or after `epochMs` when the schedule is open: `epochMs` itself when open
 * now; null when it does not open within `horizonDays` China local days (e.g. a schedule with no hours).
 */
export function nextOpening(spec: BusinessHoursSpec, calendar: WorkingCalendar, epochMs: number, horizonDays = 400): number | null {
  if (isOpen(spec, calendar, epochMs)) return epochMs;
  let date = toChinaLocal(epochMs).date;
  for (let i = 0; i <= horizonDays; i++) {
    for (const range of openRangesOn(spec, calendar, date)) {
      const start = chinaInstant(date, range.from);
      if (start >= epochMs) return start;
    }
    date = addDays(date, 1);
  }
  return null;
}

/**
 * The instant after `epochMs` at which the schedule next opens or closes; null when it stays as it
 * is for `horizonDays` China local days (always open, or no hours at all). Ranges that meet, within a
 * day or across midnight, are one stretch: their meeting point is no change.
 */
export function nextChange(spec: BusinessHoursSpec, calendar: WorkingCalendar, epochMs: number, horizonDays = 14): number | null {
  if (spec.always) return null;
  if (!isOpen(spec, calendar, epochMs)) return nextOpening(spec, calendar, epochMs, horizonDays);
  let date = toChinaLocal(epochMs).date;
  let offsetMs = epochMs - chinaInstant(date);
  for (let day = 0; day <= horizonDays; day++) {
    const ranges = openRangesOn(spec, calendar, date);
    for (;;) {
      const range = ranges.find((r) => offsetMs >= r.from * MINUTE_MS && offsetMs < r.to * MINUTE_MS);
      if (range === undefined) return chinaInstant(date) + offsetMs;
      if (range.to >= MINUTES_PER_DAY) break;
      offsetMs = range.to * MINUTE_MS;
    }
    date = addDays(date, 1);
    offsetMs = 0;
  }
  return null;
}
