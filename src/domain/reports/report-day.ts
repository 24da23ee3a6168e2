// China days and hours as plain integers. China keeps UTC+8 with no daylight saving, so the China day
// of an instant is floor((ms + 8 h) / 24 h) days since 1970-01-01, and its hour is what is left over.
// Integer arithmetic keeps the report free of time-zone libraries and of the host's zone.
import { CHINA_UTC_OFFSET_MS, DAY_MS, HOUR_MS, parseLocalDate } from '../calendar/china-time.js';

// Reports name a day YYYYMMDD like ticket numbers do; the calendar module's YYYY-MM-DD is accepted too
// so callers holding a LocalDate need not reformat it.
const COMPACT_DAY = /^(\d{4})(\d{2})(\d{2})$/;

/** Days since 1970-01-01 of the China local date of an instant. */
export function chinaDayNumber(epochMs: number): number {
  return Math.floor((epochMs + CHINA_UTC_OFFSET_MS) / DAY_MS);
}

/** China local hour (0–23) of an instant. */
export function chinaHour(epochMs: number): number {
  const shifted = epochMs + CHINA_UTC_OFFSET_MS;
  return Math.floor((shifted - Math.floor(shifted / DAY_MS) * DAY_MS) / HOUR_MS);
}

/** Days since 1970-01-01 of a `YYYYMMDD` (or `YYYY-MM-DD`) China date; throws on anything else. */
export function parseReportDay(day: string): number {
  const compact = COMPACT_DAY.exec(day);
  const dashed = compact === null ? day : `${compact[1]}-${compact[2]}-${compact[3]}`;
  const date = parseLocalDate(dashed);
  if (date === null) throw new RangeError(`not a YYYYMMDD date: ${day}`);
  return Date.UTC(date.year, date.month - 1, date.day) / DAY_MS;
}
