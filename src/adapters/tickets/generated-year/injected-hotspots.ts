// Hotspots planted in a generated year, with the truth a backtest scores the rules on: surges (a
// category × area at several times its usual count for 1–5 days), clusters (4–10 orders about one
// building or road number within a week), seasons (a category rising before a festival or in a harvest
// two years running, so the second can be warned ahead) and repeats (a caller back on the same matter
// after the reply). `planHotspots` places them; `plannedDrafts` writes their orders.
import type { CityArea, CityAreas } from '../../../domain/areas/city-areas.js';
import { addDays, chinaInstant, DAY_MS, HOUR_MS, type LocalDate } from '../../../domain/calendar/china-calendar.js';
import type { HotspotPlan } from './generated-order.js';
import type { OrderDraft, OrderFacts } from './order-facts.js';
import type { SeasonCalendar } from './season-calendar.js';
import { harvestStart } from './season-calendar.js';
import { Draw, WeightedPick } from './seeded-random.js';
import { HARVESTS, HOUR_WEIGHTS } from './year-data.js';

const SURGE_CATEGORIES = ['0301', '0302', '0102', '0203', '0802', '0801', '0305', '0502', '0401', '0803', '0104', '1003', '0901'];
const BUILDING_CLUSTERS = ['0202', '0301', '0203', '1001', '0305', '1002'];
const ROAD_CLUSTERS = ['0401', '0901', '0805', '0104'];
const REPEAT_CATEGORIES = ['0201', '0202', '0203', '0802', '0805', '0401', '1001'];
/** Seasons planted two years running: the festival (or harvest), the category, and the rise's days. */
const SEASONS: readonly { readonly anchor: string; readonly category: string; readonly extra: number }[] = [
  { anchor: '春节', category: '0503', extra: 5 },
  { anchor: '清明节', category: '1002', extra: 5 },
  { anchor: '端午节', category: '0502', extra: 5 },
  { anchor: '夏收', category: '1703', extra: 4 },
];
const SEASON_DAYS = 20;

export interface PlanOptions {
  readonly seed: number;
  readonly areas: CityAreas;
  readonly seasons: SeasonCalendar;
  /** The span the surges, clusters and repeats fall in (the seasons follow the calendar). */
  readonly from: LocalDate;
  readonly to: LocalDate;
  readonly surges?: number;
  readonly clusters?: number;
  readonly repeats?: number;
}

/** About forty hotspots by default: 13 surges, 11 clusters, 12 repeats and 4 seasons (each in two years). */
export function planHotspots(options: PlanOptions): HotspotPlan[] {
  const draw = new Draw(options.seed ^ 0x5eed);
  const areas = new WeightedPick(options.areas.areas, (a) => a.size);
  const span = Math.round((Date.parse(options.to) - Date.parse(options.from)) / DAY_MS) - 20;
  const day = (): LocalDate => addDays(options.from, draw.int(0, span));
  const plans: HotspotPlan[] = [];
  const usedCells = new Set<string>();
  for (let i = 0; i < (options.surges ?? 13); i += 1) {
    let category = draw.pick(SURGE_CATEGORIES);
    let area = areas.pick(draw).name;
    while (usedCells.has(`${category}|${area}`)) [category, area] = [draw.pick(SURGE_CATEGORIES), areas.pick(draw).name];
    usedCells.add(`${category}|${area}`);
    const from = day();
    plans.push({ id: `surge-${i + 1}`, kind: 'surge', categoryCode: category, area, location: null, from, to: addDays(from, draw.int(0, 4)), extra: draw.int(6, 12), anchor: null });
  }
  for (let i = 0; i < (options.clusters ?? 11); i += 1) {
    const area = areas.pick(draw);
    const onRoad = i % 3 === 2;
    const from = day();
    const location = onRoad ? `${draw.pick(area.roads)}${draw.int(1, 300)}号` : oldBuilding(draw, area);
    plans.push({ id: `cluster-${i + 1}`, kind: 'cluster', categoryCode: draw.pick(onRoad ? ROAD_CLUSTERS : BUILDING_CLUSTERS), area: area.name, location, from, to: addDays(from, draw.int(1, 6)), extra: draw.int(4, 10), anchor: null });
  }
  for (let i = 0; i < (options.repeats ?? 12); i += 1) {
    const area = areas.pick(draw);
    const category = draw.pick(REPEAT_CATEGORIES);
    const location = category === '0401' || category === '0805' ? `${draw.pick(area.roads)}${draw.int(1, 300)}号` : oldBuilding(draw, area);
    const from = day();
    plans.push({ id: `repeat-${i + 1}`, kind: 'repeat', categoryCode: category, area: area.name, location, from, to: from, extra: draw.int(1, 2), anchor: null });
  }
  return [...plans, ...seasonPlans(options)];
}

function oldBuilding(draw: Draw, area: CityArea): string {
  const estates = area.communities.flatMap((c) => c.estates);
  const estate = draw.pick(estates.filter((e) => e.old).length > 0 ? estates.filter((e) => e.old) : estates);
  return `${estate.name}${draw.int(1, estate.buildings)}号楼`;
}

/** Each planted season in every year of the span the calendar knows: the 20 days before a festival, the first 20 of a harvest. */
function seasonPlans(options: PlanOptions): HotspotPlan[] {
  const plans: HotspotPlan[] = [];
  const first = Number(options.from.slice(0, 4)) - 1;
  for (let year = first; year <= Number(options.to.slice(0, 4)); year += 1) {
    for (const season of SEASONS) {
      const harvest = HARVESTS.find((h) => h.name === season.anchor);
      const start = harvest ? harvestStart(harvest, year) : options.seasons.start(season.anchor, year);
      if (start === undefined) continue;
      const from = harvest ? start : addDays(start, -SEASON_DAYS);
      plans.push({ id: `season-${season.anchor}-${year}`, kind: 'season', categoryCode: season.category, area: null, location: null, from, to: addDays(from, SEASON_DAYS - 1), extra: season.extra, anchor: season.anchor });
    }
  }
  return plans;
}

export interface DraftContext {
  readonly draw: Draw;
  readonly facts: OrderFacts;
  readonly areas: CityAreas;
  /** Days outside [from, to] get no orders. */
  readonly from: LocalDate;
  readonly to: LocalDate;
}

const hours = new WeightedPick(HOUR_WEIGHTS.map((_, hour) => hour), (hour) => HOUR_WEIGHTS[hour] ?? 0);

/** An instant on a day, its hour drawn from the day's curve. */
export function instantOn(draw: Draw, day: LocalDate): number {
  return chinaInstant(day, hours.pick(draw) * 60 + draw.int(0, 59)) + draw.int(0, 59_999);
}

/** The orders of one planned hotspot. */
export function plannedDrafts(plan: HotspotPlan, ctx: DraftContext): OrderDraft[] {
  const { draw, facts } = ctx;
  const days: LocalDate[] = [];
  for (let d = plan.from; d <= plan.to; d = addDays(d, 1)) if (d >= ctx.from && d <= ctx.to) days.push(d);
  if (days.length === 0) return [];
  const area = plan.area === null ? null : ctx.areas.byName.get(plan.area);
  const areaPick = new WeightedPick(ctx.areas.areas, (a) => a.size);
  const draft = (createdAt: number, where: CityArea, location: string, callerNumber = facts.callerNumber()): OrderDraft => ({
    createdAt, categoryCode: plan.categoryCode, area: where.name, location, callerNumber, hotspotId: plan.id,
  });
  switch (plan.kind) {
    case 'surge':
      return days.flatMap((d) => Array.from({ length: plan.extra }, () => draft(instantOn(draw, d), area as CityArea, facts.location(area as CityArea, plan.categoryCode))));
    case 'season':
      return days.flatMap((d) => Array.from({ length: draw.poisson(plan.extra) }, () => {
        const where = areaPick.pick(draw);
        return draft(instantOn(draw, d), where, facts.location(where, plan.categoryCode));
      }));
    case 'cluster':
      return Array.from({ length: plan.extra }, (_, i) => draft(instantOn(draw, days[Math.min(i, days.length - 1)] as LocalDate), area as CityArea, insideOf(draw, plan.location as string)));
    case 'repeat':
      return repeatDrafts(plan, draft(instantOn(draw, days[0] as LocalDate), area as CityArea, insideOf(draw, plan.location as string)), draw);
  }
}

/** A room of a building, or the door of a road number: the same place typed the way callers say it. */
function insideOf(draw: Draw, place: string): string {
  if (place.endsWith('号楼')) return `${place}${draw.int(1, 4)}单元${draw.int(1, 18)}0${draw.int(1, 4)}室`;
  return `${place}${draw.pick(['', '门口', '附近', '对面'])}`;
}

/** The first order is replied within three days; the caller comes back 2–15 days after, once or twice. */
function repeatDrafts(plan: HotspotPlan, first: OrderDraft, draw: Draw): OrderDraft[] {
  const handledInMs = Math.round((0.5 + 2.5 * draw.next()) * DAY_MS);
  const drafts: OrderDraft[] = [{ ...first, requestType: 'complaint', handledInMs }];
  let at = first.createdAt + handledInMs;
  for (let i = 0; i < plan.extra; i += 1) {
    at += Math.round((2 + 13 * draw.next()) * DAY_MS) + draw.int(0, 8) * HOUR_MS;
    // Back after a reply that did not solve it: each return is replied in turn before the next.
    drafts.push({ ...first, createdAt: at, requestType: 'complaint', handledInMs });
    at += handledInMs;
  }
  return drafts;
}
