// The repeat rule (屡办不成): an order created in the last `windowDays` whose caller brought the same major
// category, or whose place the same subcategory, to the hotline before (within `lookbackDays`) on an
// order the unit had already replied to. One finding per caller or place, with every order of it in the
// look-back as the evidence. A place repeats only at a building or road number, in one subcategory, and
// with more returns in the window than its traffic explains:
// two neighbours of a 3,000-flat estate, or a leak and a lift in one building, are not the same complaint
// coming back (on the generated year, major-level place repeats were nine in ten chance coincidences).
// The caller's number is compared and never written: a caller's finding names the place and category,
// and its key holds the first order's id.
import { chinaMidnight } from '../calendar/china-time.js';
import type { HotspotFinding, RecentOrder } from './hotspot-facts.js';
import type { HotspotSettings } from './hotspot-settings.js';
import { areaWords, categoryWords } from './finding-words.js';
import { CLUSTER_MAX_P, CLUSTER_WINDOW_FLOOR } from './cluster-rule.js';
import { dateOfIndex, dayIndex, dayIndexOfInstant, log10PoissonTail, majorNumber, MAX_EVIDENCE } from './hotspot-math.js';
import type { PlaceKey } from './place-key.js';

const DAY_MS = 86_400_000;
/** Per order beyond the first: a matter brought three times scores like a one-in-a-million surge. */
const SCORE_PER_RETURN = 3;

export interface RepeatContext {
  readonly day: string;
  readonly categoryNames?: Readonly<Record<string, string>>;
  readonly placeOf: (location: string) => PlaceKey | null;
}

interface Group {
  readonly by: 'caller' | 'place';
  /** The major (a caller's group) or the subcategory (a place's group) the orders share. */
  readonly category: string;
  readonly orders: RecentOrder[];
}

export function findRepeats(recent: readonly RecentOrder[], context: RepeatContext, settings: HotspotSettings['repeat']): HotspotFinding[] {
  const end = chinaMidnight(context.day) + DAY_MS;
  const windowStart = chinaMidnight(context.day) - (settings.windowDays - 1) * DAY_MS;
  const lookbackStart = windowStart - settings.lookbackDays * DAY_MS;
  const groups = new Map<string, Group>();
  const join = (key: string, by: Group['by'], category: string, order: RecentOrder): void => {
    let group = groups.get(key);
    if (group === undefined) {
      group = { by, category, orders: [] };
      groups.set(key, group);
    }
    group.orders.push(order);
  };
  // The window's orders say which callers and places to look for; an older order is looked at only
  // for those (most of 200,000 never are), its place from the call's memo of normalised addresses.
  const callers = new Map<string, Set<number>>();
  const places = new Map<string, Map<string, Set<string>>>();
  for (const order of recent) {
    if (order.createdAt >= end || order.createdAt < windowStart || order.categoryCode === null || order.categoryCode.length < 2) continue;
    const major = order.categoryCode.slice(0, 2);
    const caller = callerOf(order);
    if (caller !== null) {
      callers.set(caller, (callers.get(caller) ?? new Set<number>()).add(majorNumber(major)));
      join(`c\u0000${major}\u0000${caller}`, 'caller', major, order);
    }
    const place = context.placeOf(order.location);
    if (place?.detail != null) {
      const byCategory = places.get(order.area) ?? new Map<string, Set<string>>();
      byCategory.set(order.categoryCode, (byCategory.get(order.categoryCode) ?? new Set<string>()).add(place.label));
      places.set(order.area, byCategory);
      join(`p\u0000${order.categoryCode}\u0000${order.area}\u0000${place.label}`, 'place', order.categoryCode, order);
    }
  }
  for (const order of recent) {
    if (order.createdAt >= windowStart || order.createdAt < lookbackStart || order.categoryCode === null || order.categoryCode.length < 2) continue;
    const major = majorNumber(order.categoryCode);
    const caller = callerOf(order);
    if (caller !== null && callers.get(caller)?.has(major) === true) {
      const code = order.categoryCode.slice(0, 2);
      join(`c\u0000${code}\u0000${caller}`, 'caller', code, order);
    }
    const labels = places.get(order.area)?.get(order.categoryCode);
    if (labels === undefined) continue;
    const place = context.placeOf(order.location);
    if (place !== null && labels.has(place.label)) {
      join(`p\u0000${order.categoryCode}\u0000${order.area}\u0000${place.label}`, 'place', order.categoryCode, order);
    }
  }

  const findings: HotspotFinding[] = [];
  const byPlace: Set<number>[] = [];
  // Places first, so a caller whose orders a place finding already holds is not raised twice.
  const ordered = [...groups.values()].filter((g) => g.orders.length >= 2).sort((a, b) => (a.by === b.by ? 0 : a.by === 'place' ? -1 : 1));
  for (const group of ordered) {
    const orders = group.orders.sort((a, b) => a.createdAt - b.createdAt || a.id - b.id);
    const returns = orders.filter((o) => o.createdAt >= windowStart && comesBack(o, orders, settings.lookbackDays)).length;
    if (returns === 0) continue;
    if (group.by === 'place' && !unusualAtPlace(orders, returns, windowStart, lookbackStart, settings)) continue;
    const ids = new Set(orders.map((o) => o.id));
    if (group.by === 'caller' && byPlace.some((held) => [...ids].every((id) => held.has(id)))) continue;
    if (group.by === 'place') byPlace.push(ids);
    findings.push(repeatFinding(group, orders, returns, context));
  }
  return findings;
}

/** The caller's digits; null for withheld and short numbers (switchboards, transfers), which are not one person. */
function callerOf(order: RecentOrder): string | null {
  const digits = /^\d+$/.test(order.callerNumber) ? order.callerNumber : order.callerNumber.replace(/\D/g, '');
  return digits.length >= 7 ? digits : null;
}

/**
 * A building's returns count only when they are unlikely for it: P(X ≥ returns | λ) < CLUSTER_MAX_P, λ
 * being its orders of the subcategory per window before the window (floored as a cluster's). A busy
 * building's property complaints come back every week by sheer traffic (on the generated year, place
 * returns without this test were chance 19 times in 20); a caller's return needs no such test.
 */
function unusualAtPlace(orders: readonly RecentOrder[], returns: number, windowStart: number, lookbackStart: number, settings: HotspotSettings['repeat']): boolean {
  const before = orders.reduce((n, o) => (o.createdAt < windowStart ? n + 1 : n), 0);
  const lambda = Math.max((before * settings.windowDays) / Math.max((windowStart - lookbackStart) / DAY_MS, 1), CLUSTER_WINDOW_FLOOR);
  return log10PoissonTail(returns, lambda) < Math.log10(CLUSTER_MAX_P);
}

/** An order comes back when an earlier one of its group, within the look-back, had been replied before it was made. */
function comesBack(order: RecentOrder, group: readonly RecentOrder[], lookbackDays: number): boolean {
  const since = order.createdAt - lookbackDays * DAY_MS;
  return group.some((earlier) => earlier.createdAt < order.createdAt && earlier.createdAt >= since && earlier.repliedAt !== null && earlier.repliedAt < order.createdAt);
}

function repeatFinding(group: Group, orders: readonly RecentOrder[], returns: number, context: RepeatContext): HotspotFinding {
  const first = orders[0] as RecentOrder;
  const last = orders[orders.length - 1] as RecentOrder;
  const place = context.placeOf(last.location)?.label ?? null;
  const category = categoryWords(group.category, context.categoryNames);
  const who = group.by === 'place' ? (place as string) : `同一来电人${place === null ? '' : `（${place}）`}`;
  const replied = orders.filter((o) => o.repliedAt !== null && o.repliedAt <= last.createdAt).length;
  return {
    key: group.by === 'place' ? `repeat:place:${group.category}:${last.area}:${place as string}:${first.id}` : `repeat:caller:${group.category}:${first.id}`,
    kind: 'repeat',
    categoryCode: group.category,
    area: last.area === '' ? null : last.area,
    place,
    from: dateOfIndex(dayIndexOfInstant(first.createdAt)),
    to: dateOfIndex(dayIndex(context.day)),
    observed: orders.length,
    expected: 1,
    score: SCORE_PER_RETURN * (orders.length - 1),
    reason: `${areaWords(last.area)}·${who}：「${category}」已答复 ${replied} 件后仍再次反映，共 ${orders.length} 件（近期再次反映 ${returns} 件）`,
    orderIds: orders.slice(-MAX_EVIDENCE).map((o) => o.id),
    select: null,
  };
}
