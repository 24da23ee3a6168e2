// Calendar days in queries (YYYY-MM-DD, China time). The schema checks the shape; this refuses a
// day that does not exist (2026-02-30) with the same code as any other bad query.
import { chinaInstant, isLocalDate } from '../domain/calendar/china-calendar.js';
import { httpError } from './http-error.js';

/** The instant China local midnight begins `day`. */
export function dayStart(day: string): number {
  if (!isLocalDate(day)) throw httpError('REQUEST_INVALID', `'${day}' is not a calendar day`);
  return chinaInstant(day);
}
