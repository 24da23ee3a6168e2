// The weekly and monthly analysis report (民情分析报告): which days a period covers (a week is Monday
// to Sunday, a month the 1st to its last day, China dates), the last whole period before a day, the
// report's title, the period before it, and which warnings it lists. Pure: "today" is handed in.
import { addDays, parseLocalDate, weekdayOf, type LocalDate } from '../calendar/china-time.js';
import type { AnalysisFigures } from './analysis.js';
import { FIRST_DAY, LAST_DAY } from './analysis-rows.js';

export type ReportPeriodKind = 'week' | 'month';

export interface PeriodRange {
  readonly from: LocalDate;
  readonly to: LocalDate;
}

/** At most this many warnings are listed, strongest first. */
export const REPORT_WARNINGS = 20;

const pad = (n: number): string => String(n).padStart(2, '0');

function monthStart(year: number, month: number): LocalDate {
  const shifted = new Date(Date.UTC(year, month - 1, 1));
  return `${shifted.getUTCFullYear()}-${pad(shifted.getUTCMonth() + 1)}-01`;
}

/** Why a start day does not begin a period, or null when it does. */
export function periodStartProblem(period: ReportPeriodKind, start: LocalDate): string | null {
  const date = parseLocalDate(start);
  if (date === null) return `'${start}' is not a calendar day`;
  if (start < FIRST_DAY || start > LAST_DAY) return `${start} is outside ${FIRST_DAY}..${LAST_DAY}`;
  if (period === 'week' && weekdayOf(start) !== 1) return `a weekly report starts on a Monday; ${start} is not one`;
  if (period === 'month' && date.day !== 1) return `a monthly report starts on the 1st of a month; ${start} is not`;
  return null;
}

/** The days of the period starting `start` (which must begin one: see periodStartProblem). */
export function periodRange(period: ReportPeriodKind, start: LocalDate): PeriodRange {
  if (period === 'week') return { from: start, to: addDays(start, 6) };
  const date = parseLocalDate(start);
  if (date === null) throw new RangeError(`not a YYYY-MM-DD date: ${start}`);
  return { from: start, to: addDays(monthStart(date.year, date.month + 1), -1) };
}

/** The last whole period that ended before `today` (China date). */
export function lastWholePeriod(period: ReportPeriodKind, today: LocalDate): PeriodRange {
  if (period === 'week') return periodRange('week', addDays(today, 1 - weekdayOf(today) - 7));
  const date = parseLocalDate(today);
  if (date === null) throw new RangeError(`not a YYYY-MM-DD date: ${today}`);
  return periodRange('month', monthStart(date.year, date.month - 1));
}

/** The period just before the one starting `from`. */
export function previousPeriod(period: ReportPeriodKind, from: LocalDate): PeriodRange {
  if (period === 'week') return periodRange('week', addDays(from, -7));
  const date = parseLocalDate(from);
  if (date === null) throw new RangeError(`not a YYYY-MM-DD date: ${from}`);
  return periodRange('month', monthStart(date.year, date.month - 1));
}

/** ISO 8601 week-numbering year and week of a day: week 1 holds the year's first Thursday. */
export function isoWeek(day: LocalDate): { year: number; week: number } {
  const thursday = addDays(day, 4 - weekdayOf(day));
  const year = Number(thursday.slice(0, 4));
  const ordinal = Math.round((Date.parse(`${thursday}T00:00:00Z`) - Date.UTC(year, 0, 1)) / 86_400_000);
  return { year, week: Math.floor(ordinal / 7) + 1 };
}

const monthDay = (day: LocalDate): string => `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;

/** 2026年11月民情分析报告, or 2026年第48周民情分析报告 (11月23日—11月29日). */
export function reportTitle(period: ReportPeriodKind, range: PeriodRange): string {
  if (period === 'month') return `${range.from.slice(0, 4)}年${Number(range.from.slice(5, 7))}月民情分析报告`;
  const { year, week } = isoWeek(range.from);
  return `${year}年第${week}周民情分析报告 (${monthDay(range.from)}—${monthDay(range.to)})`;
}

/** The figures of the period before, as the report sets them beside the period's own. */
export function headline(analysis: AnalysisFigures): { from: LocalDate; to: LocalDate; calls: number; orders: number; serviceLevel: number | null; satisfactionRate: number | null; onTimeRate: number | null } {
  const t = analysis.totals;
  return { from: analysis.from, to: analysis.to, calls: t.calls, orders: t.orders, serviceLevel: t.serviceLevel, satisfactionRate: t.satisfactionRate, onTimeRate: t.onTimeRate };
}

export interface RankedWarning {
  readonly id: number;
  readonly kind: string;
  readonly score: number;
  readonly orderCount: number;
}

/** The report's warnings (strongest first, then the newest id, at most 20) and 屡办不成: the orders behind the period's repeat warnings. */
export function reportWarnings<W extends RankedWarning>(warnings: readonly W[]): { listed: W[]; repeats: number } {
  const listed = [...warnings].sort((a, b) => b.score - a.score || b.id - a.id).slice(0, REPORT_WARNINGS);
  const repeats = warnings.filter((w) => w.kind === 'repeat').reduce((n, w) => n + w.orderCount, 0);
  return { listed, repeats };
}
