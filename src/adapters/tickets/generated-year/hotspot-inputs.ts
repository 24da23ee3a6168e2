// The hotspot rules' input for a day, built from generated orders the way the database adapters build it
// from the tickets table (the same grain): orders counted per China day × subcategory × area (missed
// calls, which have no category, left out), the orders of the repeat rule's look-back up to the end of
// the day, and the festivals and harvests starting within the season rule's lead time. `OrderHistory`
// indexes the orders once so a backtest can step day by day.
import { addDays, CHINA_UTC_OFFSET_MS, chinaInstant, type LocalDate, type WorkingCalendar } from '../../../domain/calendar/china-calendar.js';
import type { DayCount, HotspotInput, RecentOrder } from '../../../domain/hotspots/hotspot-facts.js';
import type { HotspotSettings } from '../../../domain/hotspots/hotspot-settings.js';
import { SURGE_RUN_DAYS } from '../../../domain/hotspots/surge-rule.js';
import type { GeneratedOrder } from './generated-order.js';
import { SeasonCalendar } from './season-calendar.js';

const WEEK = 7;
const YEAR = 365;

/** The days of counts the rules read for `day`: the surge's run, week and baseline, and last year's season around the same days. */
export function countSpans(day: LocalDate, settings: HotspotSettings): { from: LocalDate; to: LocalDate }[] {
  const recentFrom = addDays(day, -(SURGE_RUN_DAYS + WEEK + settings.surge.baselineDays));
  const lastYear = addDays(day, -YEAR);
  const lastFrom = addDays(lastYear, -(settings.season.windowDays + settings.surge.baselineDays));
  const lastTo = addDays(lastYear, settings.season.leadDays + settings.season.windowDays);
  return lastTo < recentFrom ? [{ from: lastFrom, to: lastTo }, { from: recentFrom, to: day }] : [{ from: lastFrom < recentFrom ? lastFrom : recentFrom, to: day }];
}

export class OrderHistory {
  /** Count rows per China day. */
  private readonly countsByDay = new Map<LocalDate, DayCount[]>();
  private readonly recent: RecentOrder[];
  private readonly seasons: SeasonCalendar;

  constructor(orders: readonly GeneratedOrder[], calendar: WorkingCalendar, private readonly categoryNames?: Readonly<Record<string, string>>) {
    this.seasons = new SeasonCalendar(calendar);
    const cells = new Map<string, { day: LocalDate; categoryCode: string; area: string; count: number }>();
    const sorted = [...orders].filter((o) => o.categoryCode !== null).sort((a, b) => a.createdAt - b.createdAt);
    for (const order of sorted) {
      const day = chinaDay(order.createdAt);
      const key = `${day}|${order.categoryCode as string}|${order.area}`;
      const cell = cells.get(key);
      if (cell) cell.count += 1;
      else cells.set(key, { day, categoryCode: order.categoryCode as string, area: order.area, count: 1 });
    }
    for (const cell of cells.values()) {
      const rows = this.countsByDay.get(cell.day) ?? [];
      rows.push(cell);
      this.countsByDay.set(cell.day, rows);
    }
    this.recent = sorted.map((o) => ({ id: o.id, createdAt: o.createdAt, categoryCode: o.categoryCode, area: o.area, location: o.location, callerNumber: o.callerNumber, repliedAt: o.handledAt }));
  }

  input(day: LocalDate, settings: HotspotSettings): HotspotInput {
    const dayCounts: DayCount[] = [];
    for (const span of countSpans(day, settings)) {
      for (let d = span.from; d <= span.to; d = addDays(d, 1)) dayCounts.push(...(this.countsByDay.get(d) ?? []));
    }
    const from = chinaInstant(addDays(day, -settings.repeat.lookbackDays + 1));
    const end = chinaInstant(addDays(day, 1));
    // A reply after the end of the day is not known yet on that day.
    const recent = this.recent.slice(firstAtOrAfter(this.recent, from), firstAtOrAfter(this.recent, end)).map((o) => (o.repliedAt !== null && o.repliedAt >= end ? { ...o, repliedAt: null } : o));
    const input = { day, dayCounts, recent, seasons: this.seasons.anchors(day, settings.season.leadDays) };
    return this.categoryNames ? { ...input, categoryNames: this.categoryNames } : input;
  }
}

/** The input of one day from the orders (indexes them each call; a backtest keeps one `OrderHistory`). */
export function hotspotInputs(orders: readonly GeneratedOrder[], day: LocalDate, settings: HotspotSettings, calendar: WorkingCalendar): HotspotInput {
  return new OrderHistory(orders, calendar).input(day, settings);
}

function firstAtOrAfter(orders: readonly RecentOrder[], at: number): number {
  let lo = 0;
  let hi = orders.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((orders[mid] as RecentOrder).createdAt < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The China date of an instant without building a calendar object (called once per order). */
function chinaDay(at: number): LocalDate {
  return new Date(at + CHINA_UTC_OFFSET_MS).toISOString().slice(0, 10);
}
