// China local dates and times from epoch milliseconds and back. China has kept one zone at UTC+8
// with no daylight saving since 1991, so a fixed offset is exact for every instant this system
// handles. Nothing here reads the clock: every function takes the instant it works on.

export const CHINA_UTC_OFFSET_MS = 8 * 60 * 60 * 1000;
export const MINUTE_MS = 60 * 1000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
export const MINUTES_PER_DAY = 24 * 60;

/** A China local calendar date, `YYYY-MM-DD`. */
export type LocalDate = string;

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface ChinaLocalDateTime {
  readonly date: LocalDate;
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly weekday: IsoWeekday;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millisecond: number;
  /** Minutes since local midnight, 0–1439. */
  readonly minuteOfDay: number;
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

/** Parses a `YYYY-MM-DD` string naming a real calendar date; null for anything else. */
export function parseLocalDate(text: string): { readonly year: number; readonly month: number; readonly day: number } | null {
  const match = DATE_PATTERN.exec(text);
  if (match === null) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1) return null;
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  return { year, month, day };
}

export function isLocalDate(text: unknown): text is LocalDate {
  return typeof text === 'string' && parseLocalDate(text) !== null;
}

function requireDate(date: LocalDate): { readonly year: number; readonly month: number; readonly day: number } {
  const parsed = parseLocalDate(date);
  if (parsed === null) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return parsed;
}

/** The instant of a China local date and minute of day (0–1440; 1440 is the next day's midnight). */
export function chinaInstant(date: LocalDate, minuteOfDay = 0): number {
  const { year, month, day } = requireDate(date);
  if (!Number.isInteger(minuteOfDay) || minuteOfDay < 0 || minuteOfDay > MINUTES_PER_DAY) {
    throw new RangeError(`minute of day out of range: ${minuteOfDay}`);
  }
  return Date.UTC(year, month - 1, day) - CHINA_UTC_OFFSET_MS + minuteOfDay * MINUTE_MS;
}

/** The instant China local midnight begins `date`. */
export function chinaMidnight(date: LocalDate): number {
  return chinaInstant(date, 0);
}

/** Days since 1970-01-01 of a China local date: the integer a span of days is indexed or keyed by (the hotspot rules, the tickets' sums). */
export function chinaDayNumber(date: LocalDate): number {
  const { year, month, day } = requireDate(date);
  return Math.round(Date.UTC(year, month - 1, day) / DAY_MS);
}

/** The China local date of a day number. */
export function dateOfChinaDayNumber(dayNumber: number): LocalDate {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

/** The China local date and time of an instant. */
export function toChinaLocal(epochMs: number): ChinaLocalDateTime {
  if (!Number.isFinite(epochMs)) throw new RangeError(`not an instant: ${epochMs}`);
  const shifted = new Date(epochMs + CHINA_UTC_OFFSET_MS);
  const year = shifted.getUTCFullYear();
  const month = shifted.getUTCMonth() + 1;
  const day = shifted.getUTCDate();
  const hour = shifted.getUTCHours();
  const minute = shifted.getUTCMinutes();
  const jsDay = shifted.getUTCDay();
  return {
    date: `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`,
    year,
    month,
    day,
    weekday: (jsDay === 0 ? 7 : jsDay) as IsoWeekday,
    hour,
    minute,
    second: shifted.getUTCSeconds(),
    millisecond: shifted.getUTCMilliseconds(),
    minuteOfDay: hour * 60 + minute,
  };
}

/** The China local date of an instant. */
export function chinaDate(epochMs: number): LocalDate {
  return toChinaLocal(epochMs).date;
}

/** The date `days` calendar days after (or before, when negative) `date`. */
export function addDays(date: LocalDate, days: number): LocalDate {
  const { year, month, day } = requireDate(date);
  if (!Number.isInteger(days)) throw new RangeError(`days must be an integer, got ${days}`);
  const shifted = new Date(Date.UTC(year, month - 1, day) + days * DAY_MS);
  return `${pad(shifted.getUTCFullYear(), 4)}-${pad(shifted.getUTCMonth() + 1, 2)}-${pad(shifted.getUTCDate(), 2)}`;
}

/** The ISO weekday of a date (1 = Monday … 7 = Sunday). */
export function weekdayOf(date: LocalDate): IsoWeekday {
  const { year, month, day } = requireDate(date);
  const jsDay = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return (jsDay === 0 ? 7 : jsDay) as IsoWeekday;
}

export function yearOf(date: LocalDate): number {
  return requireDate(date).year;
}

/** Formats minutes since midnight as `HH:MM` (1440 → `24:00`). */
export function formatMinuteOfDay(minuteOfDay: number): string {
  return `${pad(Math.floor(minuteOfDay / 60), 2)}:${pad(minuteOfDay % 60, 2)}`;
}

/** Formats an instant as China local `YYYY-MM-DD HH:MM` (for messages and logs). */
export function formatChinaDateTime(epochMs: number): string {
  const local = toChinaLocal(epochMs);
  return `${local.date} ${formatMinuteOfDay(local.minuteOfDay)}`;
}
