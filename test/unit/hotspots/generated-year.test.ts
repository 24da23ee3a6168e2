// The generated year: deterministic from its seed, with the rhythm of a city (weekends about half a
// weekday, peaks at 9–11 and 14–16, quiet festivals, heating in winter, a skewed category mix), units
// with their own on-time habits, planted hotspots with their truth, and the rules' input built at the
// database's grain.
import { describe, expect, it } from 'vitest';
import { generateYear, hotspotInputs, loadYearSources, planHotspots, SeasonCalendar, type GeneratedOrder } from '../../../src/adapters/tickets/generated-year/index.js';
import { chinaDate, chinaInstant, toChinaLocal, weekdayOf } from '../../../src/domain/calendar/china-time.js';
import { DEFAULT_HOTSPOT_SETTINGS } from '../../../src/domain/hotspots/find-hotspots.js';
import { hotspotInputSpan } from '../../../src/domain/hotspots/input-span.js';

const sources = loadYearSources();
const seasons = new SeasonCalendar(sources.calendar);
const hotspots = planHotspots({ seed: 5, areas: sources.areas, seasons, from: '2025-03-01', to: '2025-12-31' });
const year = generateYear({ ...sources, seed: 5, from: '2025-01-01', to: '2025-12-31', ordersPerDay: 120, hotspots });
const taken = year.orders.filter((o) => o.categoryCode !== null && o.hotspotId === null);
const share = (pick: (o: GeneratedOrder) => boolean, of: readonly GeneratedOrder[] = taken): number => of.filter(pick).length / of.length;
const perDay = (pick: (day: string) => boolean): number => {
  const days = new Set(taken.map((o) => chinaDate(o.createdAt)).filter(pick));
  return taken.filter((o) => days.has(chinaDate(o.createdAt))).length / days.size;
};

describe('the generated year', () => {
  it('is the same for the same seed, and another for another', () => {
    const again = generateYear({ ...sources, seed: 5, from: '2025-03-01', to: '2025-03-10', ordersPerDay: 50 });
    expect(generateYear({ ...sources, seed: 5, from: '2025-03-01', to: '2025-03-10', ordersPerDay: 50 })).toEqual(again);
    expect(generateYear({ ...sources, seed: 6, from: '2025-03-01', to: '2025-03-10', ordersPerDay: 50 }).orders).not.toEqual(again.orders);
  });

  it('has the rhythm of a city: weekends about half a weekday, holidays quieter, peaks in the morning and afternoon', () => {
    const weekday = perDay((d) => weekdayOf(d) <= 5 && sources.calendar.dayInfo(d).kind === 'workday');
    const weekend = perDay((d) => sources.calendar.dayInfo(d).kind === 'weekend');
    expect(weekend / weekday).toBeGreaterThan(0.4);
    expect(weekend / weekday).toBeLessThan(0.6);
    expect(perDay((d) => sources.calendar.dayInfo(d).kind === 'holiday')).toBeLessThan(weekend);
    const hour = (h: number) => share((o) => toChinaLocal(o.createdAt).hour === h);
    expect(hour(10)).toBeGreaterThan(3 * hour(20));
    expect(hour(15)).toBeGreaterThan(3 * hour(20));
    expect(hour(3)).toBeLessThan(0.005);
  });

  it('skews the categories (top ten about half) and follows their seasons (heating in winter)', () => {
    const counts = new Map<string, number>();
    for (const o of taken) counts.set(o.categoryCode as string, (counts.get(o.categoryCode as string) ?? 0) + 1);
    const top = [...counts.values()].sort((a, b) => b - a).slice(0, 10).reduce((a, b) => a + b, 0) / taken.length;
    expect(top).toBeGreaterThan(0.4);
    expect(top).toBeLessThan(0.6);
    const heatingIn = (months: number[]) => share((o) => o.categoryCode === '0304', taken.filter((o) => months.includes(toChinaLocal(o.createdAt).month)));
    expect(heatingIn([12, 1])).toBeGreaterThan(8 * heatingIn([7, 8]));
  });

  it('gives each order a unit from the dispatch rules, a reply against its due time, and missed calls about 5%', () => {
    expect(share((o) => o.status === 'missed', year.orders)).toBeGreaterThan(0.03);
    expect(share((o) => o.status === 'missed', year.orders)).toBeLessThan(0.07);
    const heating = taken.find((o) => o.categoryCode === '0304' && o.mainUnit !== null);
    expect(heating?.mainUnit).toBe('heating-company');
    const replied = taken.filter((o) => o.mainUnit !== null && o.handledAt !== null);
    const onTime = share((o) => (o.handledAt as number) <= (o.replyBy as number), replied);
    expect(onTime).toBeGreaterThan(0.7);
    expect(onTime).toBeLessThan(0.98);
    expect(replied.every((o) => o.replyBy !== null && (o.handledAt as number) > o.createdAt)).toBe(true);
  });

  it('plants hotspots whose orders say what the truth says', () => {
    for (const h of year.hotspots) {
      const orders = h.orderIds.map((id) => year.orders[id - 1] as GeneratedOrder);
      expect(orders.every((o) => o.hotspotId === h.id && o.categoryCode === h.categoryCode)).toBe(true);
      if (h.area !== null) expect(orders.every((o) => o.area === h.area)).toBe(true);
      if (h.kind === 'cluster' || h.kind === 'repeat') expect(orders.every((o) => o.location.startsWith(h.place as string))).toBe(true);
      if (h.kind === 'repeat') expect(new Set(orders.map((o) => o.callerNumber)).size).toBe(1);
    }
    const repeat = year.hotspots.find((h) => h.kind === 'repeat');
    const [first, back] = (repeat?.orderIds ?? []).map((id) => year.orders[id - 1] as GeneratedOrder);
    expect(first?.handledAt).toBeLessThan(back?.createdAt ?? 0);
  });

  it('builds the rules input at the database grain: day × subcategory × area counts, the look-back orders, replies known by then', () => {
    const day = '2025-11-12';
    const input = hotspotInputs(year.orders, day, DEFAULT_HOTSPOT_SETTINGS, sources.calendar);
    const ofDay = year.orders.filter((o) => o.categoryCode !== null && chinaDate(o.createdAt) === day);
    const counted = input.dayCounts.filter((c) => c.day === day);
    expect(counted.reduce((n, c) => n + c.count, 0)).toBe(ofDay.length);
    expect(counted.find((c) => c.categoryCode === ofDay[0]?.categoryCode && c.area === ofDay[0]?.area)?.count).toBe(ofDay.filter((o) => o.categoryCode === ofDay[0]?.categoryCode && o.area === ofDay[0]?.area).length);
    expect(input.recent.every((o) => o.categoryCode !== null && chinaDate(o.createdAt) <= day)).toBe(true);
    const { recentFrom } = hotspotInputSpan(day, input.seasons, DEFAULT_HOTSPOT_SETTINGS);
    expect(Math.min(...input.recent.map((o) => o.createdAt))).toBeGreaterThanOrEqual(chinaInstant(recentFrom));
    expect(Math.min(...input.recent.map((o) => o.createdAt))).toBeLessThan(chinaInstant(recentFrom) + 86_400_000);
    const end = Date.parse('2025-11-12T16:00:00Z');
    expect(input.recent.every((o) => o.repliedAt === null || o.repliedAt < end)).toBe(true);
    expect(input.recent.some((o) => o.repliedAt === null && (year.orders[o.id - 1]?.handledAt ?? 0) >= end)).toBe(true);
    // Festivals within the lead time, with last year's start (none for 2025: the calendar begins with it).
    expect(hotspotInputs(year.orders, '2026-06-01', DEFAULT_HOTSPOT_SETTINGS, sources.calendar).seasons).toContainEqual({ name: '端午节', kind: 'festival', start: '2026-06-19', lastYearStart: '2025-05-31' });
    expect(hotspotInputs(year.orders, '2025-05-20', DEFAULT_HOTSPOT_SETTINGS, sources.calendar).seasons.map((s) => s.name)).toEqual(['夏收']);
  });
});
