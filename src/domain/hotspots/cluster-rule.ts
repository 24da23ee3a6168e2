// The cluster rule (聚集): several orders of one major category about the same place within `windowDays`
// (up to the end of the evaluated day). The place is the normalised address (place-key.ts): a building
// (幸福小区3号楼) or road number (人民路128号) when one has `minOrders`, else the estate or road as a whole.
// A place that is always busy (a large estate's property complaints) is not a cluster for that alone:
// its count must also be unlikely under its own earlier rate, P(X ≥ n | λ) < CLUSTER_MAX_P for a building
// or road number, CLUSTER_WHOLE_PLACE_MAX_P for a whole estate, road or village, where λ is the place's
// orders per window over the look-back held before the cluster began (floored).
import { chinaMidnight } from '../calendar/china-time.js';
import type { HotspotFinding, RecentOrder } from './hotspot-facts.js';
import type { HotspotSettings } from './hotspot-settings.js';
import { areaWords, categoryWords } from './finding-words.js';
import { dateOfIndex, dayIndex, dayIndexOfInstant, log10PoissonTail, majorNumber, MAX_EVIDENCE, round1, tailScore } from './hotspot-math.js';
import type { PlaceKey } from './place-key.js';

// One in 10,000: a city has thousands of buildings and roads each tested every day, so a looser bound
// raises chance coincidences daily (at 0.01, eight in ten clusters on the generated year were chance).
export const CLUSTER_MAX_P = 0.0001;
// A whole estate, road or village is busier than any one of its buildings, so its λ is larger and
// better known, and a tail of 1e-4 there is met by chance: on the generated year 14 of its 23 clusters
// that were no planted or seasonal event passed 1e-4 and failed 1e-5, and every planted one passed 1e-5.
export const CLUSTER_WHOLE_PLACE_MAX_P = 0.00001;
/** A place with no earlier orders still expects this many per window, so its first three orders can be unlikely but a pair cannot. */
export const CLUSTER_WINDOW_FLOOR = 0.2;

export interface ClusterContext {
  readonly day: string;
  readonly categoryNames?: Readonly<Record<string, string>>;
  /** Place keys already worked out for this call (the repeat rule reads the same orders). */
  readonly placeOf: (location: string) => PlaceKey | null;
}

const DAY_MS = 86_400_000;

interface Estate {
  readonly major: string;
  readonly area: string;
  readonly base: string;
  readonly orders: Located[];
}

interface Located {
  readonly order: RecentOrder;
  readonly day: number;
}

export function findClusters(recent: readonly RecentOrder[], context: ClusterContext, settings: HotspotSettings['cluster']): HotspotFinding[] {
  const today = dayIndex(context.day);
  const windowStart = today - settings.windowDays + 1;
  const end = chinaMidnight(context.day) + DAY_MS;
  const windowStartMs = chinaMidnight(context.day) - (settings.windowDays - 1) * DAY_MS;
  let firstAt = Infinity;
  const estates = new Map<string, Estate>();
  for (const order of recent) {
    if (order.createdAt >= end) continue;
    if (order.createdAt < firstAt) firstAt = order.createdAt;
    if (order.createdAt < windowStartMs || order.categoryCode === null || order.categoryCode.length < 2) continue;
    const place = context.placeOf(order.location);
    if (place === null) continue;
    const major = order.categoryCode.slice(0, 2);
    const key = `${major}\u0000${order.area}\u0000${place.base}`;
    let estate = estates.get(key);
    if (estate === undefined) {
      estate = { major, area: order.area, base: place.base, orders: [] };
      estates.set(key, estate);
    }
    estate.orders.push({ order, day: dayIndexOfInstant(order.createdAt) });
  }
  const firstDay = dayIndexOfInstant(firstAt);
  // Only a place with enough orders in the window needs its history. The look-up goes by area, then
  // the major's two characters as a number, then the place, so the 200,000 older orders make no
  // strings; an older order's place comes from the call's memo (placeKey costs under a microsecond,
  // less than testing its text against every candidate place of a busy area).
  const candidates = new Map<string, Map<number, Map<string, Estate>>>();
  for (const estate of estates.values()) {
    if (estate.orders.length < settings.minOrders) continue;
    const byMajor = candidates.get(estate.area) ?? new Map<number, Map<string, Estate>>();
    const major = majorNumber(estate.major);
    const byBase = byMajor.get(major) ?? new Map<string, Estate>();
    byBase.set(estate.base, estate);
    byMajor.set(major, byBase);
    candidates.set(estate.area, byMajor);
  }
  for (const order of candidates.size === 0 ? [] : recent) {
    if (order.createdAt >= windowStartMs || order.categoryCode === null || order.categoryCode.length < 2) continue;
    const byBase = candidates.get(order.area)?.get(majorNumber(order.categoryCode));
    if (byBase === undefined) continue;
    const place = context.placeOf(order.location);
    const estate = place === null ? undefined : byBase.get(place.base);
    if (estate !== undefined) estate.orders.push({ order, day: dayIndexOfInstant(order.createdAt) });
  }

  const findings: HotspotFinding[] = [];
  for (const estate of estates.values()) {
    const inWindow = estate.orders.filter((o) => o.day >= windowStart);
    if (inWindow.length < settings.minOrders) continue;
    const byBuilding = new Map<string, Located[]>();
    for (const o of estate.orders) {
      const detail = context.placeOf(o.order.location)?.detail ?? null;
      if (detail === null) continue;
      const list = byBuilding.get(detail) ?? [];
      list.push(o);
      byBuilding.set(detail, list);
    }
    let raised = false;
    for (const [detail, orders] of byBuilding) {
      const finding = clusterOf(orders, estate, estate.base + detail, today, firstDay, context, settings, CLUSTER_MAX_P);
      if (finding !== null) {
        findings.push(finding);
        raised = true;
      }
    }
    if (!raised) {
      // A whole estate, village or road holds many buildings' orders: it needs twice the count.
      const finding = clusterOf(estate.orders, estate, estate.base, today, firstDay, context, { ...settings, minOrders: 2 * settings.minOrders }, CLUSTER_WHOLE_PLACE_MAX_P);
      if (finding !== null) findings.push(finding);
    }
  }
  return findings;
}

function clusterOf(
  orders: readonly Located[],
  estate: { readonly major: string; readonly area: string },
  label: string,
  today: number,
  firstDay: number,
  context: ClusterContext,
  settings: HotspotSettings['cluster'],
  maxP: number,
): HotspotFinding | null {
  const window = settings.windowDays;
  const countEnding = (day: number): number => orders.reduce((n, o) => (o.day <= day && o.day > day - window ? n + 1 : n), 0);
  const inWindow = orders.filter((o) => o.day > today - window).sort((a, b) => a.order.createdAt - b.order.createdAt);
  const observed = inWindow.length;
  if (observed < settings.minOrders) return null;
  // The cluster's first day: back while the window ending on the day before still held enough orders,
  // at most two windows back: a place busy for longer than that is judged against its own busy weeks.
  let runStart = today;
  const earliest = Math.max(firstDay, today - 2 * window);
  while (runStart - 1 >= earliest && countEnding(runStart - 1) >= settings.minOrders) runStart -= 1;
  // The place's usual rate is read before the cluster began (its own orders would inflate it), and only
  // from at least two windows of history; with less, the floor stands.
  const historyEnd = runStart - window + 1;
  const heldDays = historyEnd - firstDay;
  const before = orders.reduce((n, o) => (o.day < historyEnd ? n + 1 : n), 0);
  const expected = heldDays >= 2 * window ? (before * window) / heldDays : 0;
  const lambda = Math.max(expected, CLUSTER_WINDOW_FLOOR);
  if (log10PoissonTail(observed, lambda) >= Math.log10(maxP)) return null;
  const major = categoryWords(estate.major, context.categoryNames);
  const history = expected > 0 ? `，此前每 ${window} 日平均 ${round1(expected)} 件` : '，此前无同类诉求';
  return {
    key: `cluster:${estate.major}:${estate.area}:${label}:${dateOfIndex(runStart)}`,
    kind: 'cluster',
    categoryCode: estate.major,
    area: estate.area === '' ? null : estate.area,
    place: label,
    from: dateOfIndex((inWindow[0] as Located).day),
    to: dateOfIndex(today),
    observed,
    expected: round1(expected),
    score: tailScore(observed, lambda),
    reason: `${areaWords(estate.area)}·${label}：近 ${window} 日 ${observed} 件「${major}」诉求${history}`,
    orderIds: inWindow.slice(-MAX_EVIDENCE).map((o) => o.order.id),
    select: null,
  };
}
