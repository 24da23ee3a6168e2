// What the analysis page and the analysis report read on PostgreSQL, as on SQLite (db/analysis-store.ts):
// the sums the trigger of drizzle-pg/0013_ticket_sums.sql keeps per China day (and hour, subcategory,
// area, main unit), summed again over the range: a year is a few thousand rows, not a million orders.
import { and, between, gt, sql, type AnyColumn } from 'drizzle-orm';
import type { AnalysisRecords, AreaCategoryRow, CallHourRow, CategoryDayRow, OrderHourRow, UnitRow } from '../../app/ports/analysis-records.js';
import { chinaDayNumber, dateOfChinaDayNumber } from '../../domain/calendar/china-time.js';
import type { LocalDate } from '../../domain/calendar/china-time.js';
import type { PgDb } from './open-postgres.js';
import { ticketCellSums as cells, ticketHourSums as hours, ticketUnitSums as units } from './schema.js';

const total = (column: AnyColumn) => sql<number>`sum(${column})`.mapWith(Number);

export class PgAnalysisStore implements AnalysisRecords {
  constructor(private readonly db: PgDb) {}

  async callHours(from: LocalDate, to: LocalDate): Promise<CallHourRow[]> {
    const rows = await this.db
      .select({ day: hours.day, hour: hours.hour, calls: hours.calls, answered: hours.answered, answeredWithinTarget: hours.answeredInTarget, abandoned: hours.abandoned })
      .from(hours)
      .where(and(between(hours.day, chinaDayNumber(from), chinaDayNumber(to)), gt(hours.calls, 0)));
    return rows.map((r) => ({ ...r, day: dateOfChinaDayNumber(r.day) }));
  }

  async orderHours(from: LocalDate, to: LocalDate): Promise<OrderHourRow[]> {
    const rows = await this.db
      .select({ day: hours.day, hour: hours.hour, count: hours.orders })
      .from(hours)
      .where(and(between(hours.day, chinaDayNumber(from), chinaDayNumber(to)), gt(hours.orders, 0)));
    return rows.map((r) => ({ ...r, day: dateOfChinaDayNumber(r.day) }));
  }

  async categoryDays(from: LocalDate, to: LocalDate): Promise<CategoryDayRow[]> {
    const rows = await this.db
      .select({ day: cells.day, categoryCode: cells.categoryCode, count: total(cells.orders) })
      .from(cells)
      .where(and(between(cells.day, chinaDayNumber(from), chinaDayNumber(to)), gt(cells.orders, 0)))
      .groupBy(cells.day, cells.categoryCode);
    return rows.map((r) => ({ ...r, day: dateOfChinaDayNumber(r.day) }));
  }

  async areaCategories(from: LocalDate, to: LocalDate): Promise<AreaCategoryRow[]> {
    return this.db
      .select({ area: cells.area, categoryCode: cells.categoryCode, count: total(cells.orders) })
      .from(cells)
      .where(and(between(cells.day, chinaDayNumber(from), chinaDayNumber(to)), gt(cells.orders, 0)))
      .groupBy(cells.area, cells.categoryCode);
  }

  async units(from: LocalDate, to: LocalDate): Promise<UnitRow[]> {
    return this.db
      .select({ unitId: units.unitId, orders: total(units.orders), replied: total(units.replied), onTime: total(units.onTime), rated: total(units.rated), satisfied: total(units.satisfied) })
      .from(units)
      .where(and(between(units.day, chinaDayNumber(from), chinaDayNumber(to)), gt(units.orders, 0)))
      .groupBy(units.unitId);
  }
}
