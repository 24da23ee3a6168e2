// Calendar days in queries (YYYY-MM-DD, China time), and from/to values that are a day or an
// instant. The schema checks the shape; this refuses a day that does not exist (2026-02-30) with
// the same code as any other bad query.
import { chinaInstant, isLocalDate } from '../domain/calendar/china-calendar.js';
import { httpError } from './http-error.js';

/** The instant China local midnight begins `day`. */
export function dayStart(day: string): number {
  if (!isLocalDate(day)) throw httpError('REQUEST_INVALID', `'${day}' is not a calendar day`);
  return chinaInstant(day);
}

/** A `from`/`to` query value: a China day (its start, or with `endOfDay` its end), or an ISO instant as given. */
export function instantOf(value: string | undefined, endOfDay: boolean): number | undefined {
  if (value === undefined) return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return dayStart(value) + (endOfDay ? 86_400_000 : 0);
  return Date.parse(value);
}
