// What the analysis page and the analysis report read on SQLite: the sums the triggers of
// drizzle/0018_ticket_sums.sql keep per China day (and hour, subcategory, area, main unit), summed
// again over the range: a year is a few thousand rows to add up, not a million orders to scan.
import { and, between, gt, sql, type AnyColumn } from 'drizzle-orm';
import type { AnalysisRecords, AreaCategoryRow, CallHourRow, CategoryDayRow, OrderHourRow, UnitRow } from '../../app/ports/analysis-records.js';
import { chinaDayNumber, dateOfChinaDayNumber } from '../../domain/calendar/china-time.js';
import type { LocalDate } from '../../domain/calendar/china-time.js';
import type { Db } from './open-database.js';
import { ticketCellSums as cells, ticketHourSums as hours, ticketUnitSums as units } from './schema.js';

const total = (column: AnyColumn) => sql<number>`sum(${column})`.mapWith(Number);

// Async for the port (a networked database answers later); SQLite answers at once.
export class AnalysisStore implements AnalysisRecords {
  constructor(private readonly db: Db) {}

  async callHours(from: LocalDate, to: LocalDate): Promise<CallHourRow[]> {
    const rows = this.db
      .select({ day: hours.day, hour: hours.hour, calls: hours.calls, answered: hours.answered, answeredWithinTarget: hours.answeredInTarget, abandoned: hours.abandoned })
      .from(hours)
      .where(and(between(hours.day, chinaDayNumber(from), chinaDayNumber(to)), gt(hours.calls, 0)))
      .all();
    return rows.map((r) => ({ ...r, day: dateOfChinaDayNumber(r.day) }));
  }

  async orderHours(from: LocalDate, to: LocalDate): Promise<OrderHourRow[]> {
    const rows = this.db
      .select({ day: hours.day, hour: hours.hour, count: hours.orders })
      .from(hours)
      .where(and(between(hours.day, chinaDayNumber(from), chinaDayNumber(to)), gt(hours.orders, 0)))
      .all();
    return rows.map((r) => ({ ...r, day: dateOfChinaDayNumber(r.day) }));
  }

  async categoryDays(from: LocalDate, to: LocalDate): Promise<CategoryDayRow[]> {
    const rows = this.db
      .select({ day: cells.day, categoryCode: cells.categoryCode, count: total(cells.orders) })
      .from(cells)
      .where(and(between(cells.day, chinaDayNumber(from), chinaDayNumber(to)), gt(cells.orders, 0)))
      .groupBy(cells.day, cells.categoryCode)
      .all();
    return rows.map((r) => ({ ...r, day: dateOfChinaDayNumber(r.day) }));
  }

  async areaCategories(from: LocalDate, to: LocalDate): Promise<AreaCategoryRow[]> {
    return this.db
      .select({ area: cells.area, categoryCode: cells.categoryCode, count: total(cells.orders) })
      .from(cells)
      .where(and(between(cells.day, chinaDayNumber(from), chinaDayNumber(to)), gt(cells.orders, 0)))
      .groupBy(cells.area, cells.categoryCode)
      .all();
  }

  async units(from: LocalDate, to: LocalDate): Promise<UnitRow[]> {
    return this.db
      .select({ unitId: units.unitId, orders: total(units.orders), replied: total(units.replied), onTime: total(units.onTime), rated: total(units.rated), satisfied: total(units.satisfied) })
      .from(units)
      .where(and(between(units.day, chinaDayNumber(from), chinaDayNumber(to)), gt(units.orders, 0)))
      .groupBy(units.unitId)
      .all();
  }
}
