// Hand-made inputs for the hotspot rule tests: day counts for a cell over a span, orders at a place and time.
import { addDays, chinaInstant, type LocalDate } from '../../../src/domain/calendar/china-time.js';
import type { DayCount, HotspotInput, RecentOrder } from '../../../src/domain/hotspots/hotspot-facts.js';

/** `perDay(date)` orders of one cell on each of the `days` days ending `last`. */
export function cellDays(categoryCode: string, area: string, last: LocalDate, days: number, perDay: (date: LocalDate) => number): DayCount[] {
  const rows: DayCount[] = [];
  for (let i = days - 1; i >= 0; i--) {
    const day = addDays(last, -i);
    const count = perDay(day);
    if (count > 0) rows.push({ day, categoryCode, area, count });
  }
  return rows;
}

let nextId = 1;
export function order(fields: Partial<RecentOrder> & { readonly at: [LocalDate, string] }): RecentOrder {
  const [date, time] = fields.at;
  const [h, m] = time.split(':').map(Number) as [number, number];
  return {
    id: fields.id ?? nextId++,
    createdAt: chinaInstant(date, h * 60 + m),
    categoryCode: fields.categoryCode === undefined ? '0202' : fields.categoryCode,
    area: fields.area ?? '东城街道',
    location: fields.location ?? '',
    callerNumber: fields.callerNumber ?? '13800000000',
    repliedAt: fields.repliedAt ?? null,
  };
}

export function input(day: LocalDate, parts: Partial<HotspotInput>): HotspotInput {
  return { day, dayCounts: parts.dayCounts ?? [], recent: parts.recent ?? [], seasons: parts.seasons ?? [], categoryNames: parts.categoryNames };
}
