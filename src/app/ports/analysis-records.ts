// What the analysis page and the analysis report read of the calls and orders: sums per China day and
// hour, per category, area and unit, each summed by the database at the grain its figure needs (a few
// thousand rows at most for a year) from sums it keeps as tickets are written, never by reading every order. All ranges are China days, inclusive. The db (SQLite) and pg (PostgreSQL) adapters implement it.
import type { LocalDate } from '../../domain/calendar/china-time.js';

/** Calls offered to the hotline (not those it placed) by China day and hour. */
export interface CallHourRow {
  readonly day: LocalDate;
  readonly hour: number;
  readonly calls: number;
  readonly answered: number;
  /** Answered within ANSWER_TARGET_MS (15 s, GB/T 33358's 人工应答及时率), the target the sums are kept for. */
  readonly answeredWithinTarget: number;
  readonly abandoned: number;
}

/** Orders by China day and hour. */
export interface OrderHourRow {
  readonly day: LocalDate;
  readonly hour: number;
  readonly count: number;
}

/** Orders by China day and subcategory ('' when not filled). */
export interface CategoryDayRow {
  readonly day: LocalDate;
  readonly categoryCode: string;
  readonly count: number;
}

/** Orders by area and subcategory ('' when not filled); the domain rolls them up to major categories. */
export interface AreaCategoryRow {
  readonly area: string;
  readonly categoryCode: string;
  readonly count: number;
}

/** Orders by main unit: replied, replied by the reply deadline, rated, rated satisfied or basically satisfied. */
export interface UnitRow {
  readonly unitId: string;
  readonly orders: number;
  readonly replied: number;
  readonly onTime: number;
  readonly rated: number;
  readonly satisfied: number;
}

export interface AnalysisRecords {
  callHours(from: LocalDate, to: LocalDate): Promise<CallHourRow[]>;
  orderHours(from: LocalDate, to: LocalDate): Promise<OrderHourRow[]>;
  categoryDays(from: LocalDate, to: LocalDate): Promise<CategoryDayRow[]>;
  areaCategories(from: LocalDate, to: LocalDate): Promise<AreaCategoryRow[]>;
  units(from: LocalDate, to: LocalDate): Promise<UnitRow[]>;
}
