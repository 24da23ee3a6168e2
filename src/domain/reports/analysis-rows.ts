// The sums the analysis is shaped from, as the storage adapters give them (app/ports/analysis-records.ts
// names the same shapes for the port), and the calendar arithmetic the shaping shares: the days of a
// range, its Monday-started weeks, and a rate rounded as the daily report rounds it.
import { addDays, weekdayOf, type LocalDate } from '../calendar/china-time.js';

export interface CallHourSum { readonly day: LocalDate; readonly hour: number; readonly calls: number; readonly answered: number; readonly answeredWithinTarget: number; readonly abandoned: number }
export interface OrderHourSum { readonly day: LocalDate; readonly hour: number; readonly count: number }
export interface CategoryDaySum { readonly day: LocalDate; readonly categoryCode: string; readonly count: number }
export interface AreaCategorySum { readonly area: string; readonly categoryCode: string; readonly count: number }
export interface UnitSum { readonly unitId: string; readonly orders: number; readonly replied: number; readonly onTime: number; readonly rated: number; readonly satisfied: number }

export interface AnalysisSums {
  readonly callHours: readonly CallHourSum[];
  readonly orderHours: readonly OrderHourSum[];
  /** Over the range and the same number of days before it (the top categories' `previous`). */
  readonly categoryDays: readonly CategoryDaySum[];
  readonly areaCategories: readonly AreaCategorySum[];
  readonly units: readonly UnitSum[];
}

/** The days the analysis and the report take: the epoch's day numbers on one side, four-digit years (and the period after) on the other. */
export const FIRST_DAY = '1970-01-01';
export const LAST_DAY = '9998-12-31';

/** Every day of from..to inclusive; empty when from is after to. */
export function daysOf(from: LocalDate, to: LocalDate): LocalDate[] {
  const days: LocalDate[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
  return days;
}

/** The Monday starting the week of a day. */
export function mondayOf(day: LocalDate): LocalDate {
  return addDays(day, 1 - weekdayOf(day));
}

/** The number of days of from..to inclusive. */
export function dayCount(from: LocalDate, to: LocalDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** part / whole in 0..1 rounded to 4 decimals; null when whole is 0 ("nothing" is not 0 %). */
export function rateOf(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;
}
