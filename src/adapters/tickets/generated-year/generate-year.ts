// A seeded, deterministic year (or any span) of a city's orders for the demo, the analysis and the
// hotspot backtest: each day's volume from the weekday, the festivals of the calendar and the seasons;
// each order's category from a skewed mix, its area by size, its hour from the day's curve; callers who
// hung up in the queue as missed calls; and the planted hotspots with their truth. Same seed, same year.
import { addDays, chinaDate, chinaInstant, type LocalDate } from '../../../domain/calendar/china-calendar.js';
import type { GeneratedOrder, GeneratedYear, InjectedHotspot, YearOptions } from './generated-order.js';
import { instantOn, plannedDrafts } from './injected-hotspots.js';
import { OrderFacts, type OrderDraft } from './order-facts.js';
import { SeasonCalendar } from './season-calendar.js';
import { Draw, WeightedPick } from './seeded-random.js';
import { AFTER_HOLIDAY_FACTOR, HOLIDAY_FACTOR, tailWeight, TOP_CATEGORIES, WEEKDAY_FACTORS } from './year-data.js';

/** Callers who hang up while queued, over all calls: more at the peaks. */
const ABANDON_SHARE = 0.05;

type Draft = OrderDraft | { readonly missedAt: number; readonly area: string };

export function generateYear(options: YearOptions): GeneratedYear {
  const draw = new Draw(options.seed);
  const asOf = chinaInstant(addDays(options.to, 1)) - 1;
  const facts = new OrderFacts(options, draw, asOf);
  const seasons = new SeasonCalendar(options.calendar);
  const mix = new CategoryMix(options, seasons);
  const areas = new WeightedPick(options.areas.areas, (a) => a.size);
  const towns = options.areas.areas.filter((a) => a.kind === 'town');
  const townPick = towns.length > 0 ? new WeightedPick(towns, (a) => a.size) : areas;
  const drafts: Draft[] = [];
  for (let day = options.from; day <= options.to; day = addDays(day, 1)) {
    const count = draw.poisson(options.ordersPerDay * dayFactor(options, day) * mix.volume(day));
    const pick = mix.pickerOn(day);
    for (let i = 0; i < count; i += 1) {
      const categoryCode = pick.pick(draw);
      const area = (categoryCode.startsWith('17') ? townPick : areas).pick(draw);
      drafts.push({ createdAt: instantOn(draw, day), categoryCode, area: area.name, location: facts.location(area, categoryCode), callerNumber: facts.callerNumber(), hotspotId: null });
    }
    for (let i = draw.poisson((count * ABANDON_SHARE) / (1 - ABANDON_SHARE)); i > 0; i -= 1) drafts.push({ missedAt: instantOn(draw, day), area: areas.pick(draw).name });
  }
  for (const plan of options.hotspots ?? []) drafts.push(...plannedDrafts(plan, { draw, facts, areas: options.areas, from: options.from, to: options.to }));
  drafts.sort((a, b) => at(a) - at(b));
  const orders = drafts.map((d, i): GeneratedOrder => ('missedAt' in d ? facts.missed(d.missedAt, d.area, i + 1) : facts.order(d, i + 1)));
  return { orders, hotspots: truthOf(options, orders) };
}

const at = (draft: Draft): number => ('missedAt' in draft ? draft.missedAt : draft.createdAt);

/** The weekday, a public holiday (quieter), and the two working days after one (busier). */
function dayFactor(options: YearOptions, day: LocalDate): number {
  const info = options.calendar.dayInfo(day);
  if (info.kind === 'holiday') return HOLIDAY_FACTOR;
  const base = info.kind === 'makeup-workday' ? 1 : (WEEKDAY_FACTORS[info.weekday - 1] ?? 1);
  const afterHoliday = info.working && [1, 2, 3].some((back) => options.calendar.dayInfo(addDays(day, -back)).kind === 'holiday') && countWorkingSince(options, day) <= 2;
  return afterHoliday ? base * AFTER_HOLIDAY_FACTOR : base;
}

/** 1 on the first working day after a holiday, 2 on the second. */
function countWorkingSince(options: YearOptions, day: LocalDate): number {
  let n = 0;
  for (let d = day; options.calendar.dayInfo(d).kind !== 'holiday'; d = addDays(d, -1)) if (options.calendar.dayInfo(d).working) n += 1;
  return n;
}

/** The category weights of a day (the base mix times the seasons in force), cached by which seasons are in force. */
class CategoryMix {
  private readonly codes: readonly string[];
  private readonly base: ReadonlyMap<string, number>;
  private readonly baseTotal: number;
  private readonly pickers = new Map<string, { pick: WeightedPick<string>; volume: number }>();

  constructor(options: YearOptions, private readonly seasons: SeasonCalendar) {
    this.codes = [...options.taxonomy.byCode.keys()];
    this.base = new Map(this.codes.map((code) => [code, TOP_CATEGORIES[code] ?? tailWeight(code)]));
    this.baseTotal = [...this.base.values()].reduce((a, b) => a + b, 0);
  }

  /** The day's volume relative to a day without seasons. */
  volume(day: LocalDate): number {
    return this.entry(day).volume;
  }

  pickerOn(day: LocalDate): WeightedPick<string> {
    return this.entry(day).pick;
  }

  private entry(day: LocalDate): { pick: WeightedPick<string>; volume: number } {
    const factors = this.codes.map((code) => this.seasons.factor(code, day));
    const key = factors.join(',');
    let entry = this.pickers.get(key);
    if (entry === undefined) {
      const weight = (code: string): number => (this.base.get(code) ?? 0) * (factors[this.codes.indexOf(code)] ?? 1);
      const total = this.codes.reduce((sum, code) => sum + weight(code), 0);
      entry = { pick: new WeightedPick(this.codes, weight), volume: total / this.baseTotal };
      this.pickers.set(key, entry);
    }
    return entry;
  }
}

/** The planted hotspots with their orders' ids and the days those orders were made (seasons: the rise's days). */
function truthOf(options: YearOptions, orders: readonly GeneratedOrder[]): InjectedHotspot[] {
  const idsOf = new Map<string, number[]>();
  for (const order of orders) {
    if (order.hotspotId === null) continue;
    const ids = idsOf.get(order.hotspotId) ?? [];
    ids.push(order.id);
    idsOf.set(order.hotspotId, ids);
  }
  return (options.hotspots ?? []).flatMap((plan): InjectedHotspot[] => {
    const ids = idsOf.get(plan.id) ?? [];
    if (ids.length === 0) return [];
    const days = ids.map((id) => chinaDate((orders[id - 1] as GeneratedOrder).createdAt));
    const span = plan.kind === 'season' ? { from: plan.from, to: plan.to } : { from: days[0] as LocalDate, to: days[days.length - 1] as LocalDate };
    return [{ id: plan.id, kind: plan.kind, categoryCode: plan.categoryCode, area: plan.area, place: plan.location, ...span, anchor: plan.anchor, orderIds: ids }];
  });
}
