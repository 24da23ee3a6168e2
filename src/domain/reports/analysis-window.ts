// A China date's day number and back (the tickets' sums key their rows by it), and which stored
// satisfaction values count as rated and as satisfied: shared by both databases' stores so they agree.
import { chinaMidnight, DAY_MS, type LocalDate } from '../calendar/china-time.js';

/** The day number of a China date (days since 1970-01-01 of the China local date), as the sums tables key their rows. */
export function dayNumberOf(date: LocalDate): number {
  return Math.round((chinaMidnight(date) + CHINA_OFFSET_MS) / DAY_MS);
}

const CHINA_OFFSET_MS = 8 * 3_600_000;

/** The China date of a day number (days since 1970-01-01 of the China local date). */
export function dayOfNumber(dayNumber: number): LocalDate {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

// 满意率 counts 满意 and 基本满意 as satisfied, over every rated order, as the daily report does
// (report-indicators.ts). Both spellings of 基本满意 are stored (the survey flow's and the tickets').
export const SATISFIED_VALUES: readonly string[] = ['satisfied', 'basically-satisfied', 'basically_satisfied'];
export const RATED_VALUES: readonly string[] = [...SATISFIED_VALUES, 'dissatisfied'];
