// Human-friendly ticket numbers: the China calendar day and a daily sequence, e.g. 20261123-000042.
import { chinaDate } from '../calendar/china-time.js';

/** The China calendar day (YYYYMMDD) of an instant. */
export function chinaDay(epochMs: number): string {
  return chinaDate(epochMs).replaceAll('-', '');
}

export function formatTicketNumber(day: string, sequence: number): string {
  if (!/^\d{8}$/.test(day)) throw new RangeError(`day must be YYYYMMDD, got ${day}`);
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 999_999) throw new RangeError(`sequence out of range: ${sequence}`);
  return `${day}-${String(sequence).padStart(6, '0')}`;
}
