// What the analysis page and the analysis report read on SQLite: calls and orders summed per China
// day and hour, per subcategory, area and main unit, by the database in one pass over the range each.
// Days are counted as whole numbers ((ms + 8 h) / 1 day) rather than formatted per row: a date
// string for each of a million rows costs more than the grouping itself.
import { and, gte, isNotNull, lt, ne, sql, type SQL } from 'drizzle-orm';
import { PLACED_CALL_DIALED } from '../../domain/calls/call-facts.js';
import type { AnalysisRecords, AreaCategoryRow, CallHourRow, CategoryDayRow, OrderHourRow, UnitRow } from '../../app/ports/analysis-records.js';
import { analysisWindow, dayOfNumber, SATISFIED_VALUES, RATED_VALUES } from '../../domain/reports/analysis-window.js';
import type { LocalDate } from '../../domain/calendar/china-time.js';
import type { Db } from './open-database.js';
import { tickets } from './schema.js';

// Constants inline (not bound): PostgreSQL matches a grouped expression to the selected one only when they are the same text.
const CHINA_OFFSET = sql.raw(String(8 * 3_600_000));
const dayNumber = sql<number>`(${tickets.createdAt} + ${CHINA_OFFSET}) / 86400000`.mapWith(Number);
const callDay = sql<number>`(${tickets.callStartedAt} + ${CHINA_OFFSET}) / 86400000`.mapWith(Number);
const callHour = sql<number>`((${tickets.callStartedAt} + ${CHINA_OFFSET}) % 86400000) / 3600000`.mapWith(Number);
const orderHour = sql<number>`((${tickets.createdAt} + ${CHINA_OFFSET}) % 86400000) / 3600000`.mapWith(Number);
const count = sql<number>`count(*)`.mapWith(Number);
const sumOf = (condition: SQL) => sql<number>`coalesce(sum(case when ${condition} then 1 else 0 end), 0)`.mapWith(Number);
const inList = (values: readonly string[]) => sql.join(values.map((v) => sql`${v}`), sql`, `);

// Async for the port (a networked database answers later); SQLite answers at once.
export class AnalysisStore implements AnalysisRecords {
  constructor(private readonly db: Db) {}

  async callHours(from: LocalDate, to: LocalDate, targetMs: number): Promise<CallHourRow[]> {
    const w = analysisWindow(from, to);
    const answered = sql`${tickets.agentAnsweredAt} is not null`;
    const rows = this.db
      .select({
        day: callDay,
        hour: callHour,
        calls: count,
        answered: sumOf(answered),
        answeredWithinTarget: sumOf(sql`${answered} and ${tickets.waitMs} <= ${targetMs}`),
        // A caller who chose a callback kept their place: not abandoned (as the daily report counts).
        abandoned: sumOf(sql`${tickets.agentAnsweredAt} is null and ${tickets.ivrPath} not like '%"callback-requested"%'`),
      })
      .from(tickets)
      // created_at (the call's end) bounds the scan through its index; the call's start picks the day, as the daily report does.
      .where(and(gte(tickets.createdAt, w.fromMs), lt(tickets.createdAt, w.toMs + w.callSlackMs), gte(tickets.callStartedAt, w.fromMs), lt(tickets.callStartedAt, w.toMs), isNotNull(tickets.queue), ne(tickets.dialedNumber, PLACED_CALL_DIALED), sql`${tickets.ivrPath} not like '%"callback-of"%'`))
      .groupBy(callDay, callHour)
      .all();
    return rows.map((r) => ({ ...r, day: dayOfNumber(r.day) }));
  }

  async orderHours(from: LocalDate, to: LocalDate): Promise<OrderHourRow[]> {
    const w = analysisWindow(from, to);
    const rows = this.db
      .select({ day: dayNumber, hour: orderHour, count })
      .from(tickets)
      .where(and(gte(tickets.createdAt, w.fromMs), lt(tickets.createdAt, w.toMs), isNotNull(tickets.requestType)))
      .groupBy(dayNumber, orderHour)
      .all();
    return rows.map((r) => ({ ...r, day: dayOfNumber(r.day) }));
  }

  async categoryDays(from: LocalDate, to: LocalDate): Promise<CategoryDayRow[]> {
    const w = analysisWindow(from, to);
    const code = sql<string>`coalesce(${tickets.categoryCode}, '')`;
    const rows = this.db
      .select({ day: dayNumber, categoryCode: code, count })
      .from(tickets)
      .where(and(gte(tickets.createdAt, w.fromMs), lt(tickets.createdAt, w.toMs), isNotNull(tickets.requestType)))
      .groupBy(dayNumber, code)
      .all();
    return rows.map((r) => ({ ...r, day: dayOfNumber(r.day) }));
  }

  async areaCategories(from: LocalDate, to: LocalDate): Promise<AreaCategoryRow[]> {
    const w = analysisWindow(from, to);
    const code = sql<string>`coalesce(${tickets.categoryCode}, '')`;
    const area = sql<string>`coalesce(${tickets.area}, '')`;
    return this.db
      .select({ area, categoryCode: code, count })
      .from(tickets)
      .where(and(gte(tickets.createdAt, w.fromMs), lt(tickets.createdAt, w.toMs), isNotNull(tickets.requestType)))
      .groupBy(area, code)
      .all();
  }

  async units(from: LocalDate, to: LocalDate): Promise<UnitRow[]> {
    const w = analysisWindow(from, to);
    return this.db
      .select({
        unitId: sql<string>`${tickets.mainUnit}`,
        orders: count,
        replied: sumOf(sql`${tickets.handledAt} is not null`),
        onTime: sumOf(sql`${tickets.handledAt} is not null and ${tickets.replyBy} is not null and ${tickets.handledAt} <= ${tickets.replyBy}`),
        rated: sumOf(sql`${tickets.satisfaction} in (${inList(RATED_VALUES)})`),
        satisfied: sumOf(sql`${tickets.satisfaction} in (${inList(SATISFIED_VALUES)})`),
      })
      .from(tickets)
      .where(and(gte(tickets.createdAt, w.fromMs), lt(tickets.createdAt, w.toMs), isNotNull(tickets.requestType), isNotNull(tickets.mainUnit)))
      .groupBy(tickets.mainUnit)
      .all();
  }
}
