// The instants a range of China days covers, the day of a day number, and which stored satisfaction
// values count as rated and as satisfied: shared by both databases' analysis stores so they agree.
import { addDays, chinaMidnight, DAY_MS, type LocalDate } from '../calendar/china-time.js';

export interface AnalysisWindow {
  /** China midnight starting `from`. */
  readonly fromMs: number;
  /** China midnight ending `to` (exclusive). */
  readonly toMs: number;
  /** A call's row is written when it ends: rows up to this long after `toMs` may hold calls started in the range. */
  readonly callSlackMs: number;
}

export function analysisWindow(from: LocalDate, to: LocalDate): AnalysisWindow {
  return { fromMs: chinaMidnight(from), toMs: chinaMidnight(addDays(to, 1)), callSlackMs: DAY_MS };
}

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
