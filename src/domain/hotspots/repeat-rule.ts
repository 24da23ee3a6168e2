// The repeat rule (屡办不成): an order created in the last `windowDays` whose caller, or whose place,
// brought the same major category to the hotline before (within `lookbackDays`) on an order the unit had
// already replied to. One finding per caller or place, with every order of it in the look-back as the
// evidence. A place repeats only at a building or road number: two neighbours of a 3,000-flat estate are
// not the same complaint coming back. The caller's number is compared and never written: a caller's
// finding names the place and category, and its key holds the first order's id.
import { chinaMidnight } from '../calendar/china-time.js';
import type { HotspotFinding, RecentOrder } from './hotspot-facts.js';
import type { HotspotSettings } from './hotspot-settings.js';
import { areaWords, categoryWords } from './finding-words.js';
import { dateOfIndex, dayIndex, dayIndexOfInstant, MAX_EVIDENCE } from './hotspot-math.js';
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
  readonly major: string;
  readonly orders: RecentOrder[];
}

export function findRepeats(recent: readonly RecentOrder[], context: RepeatContext, settings: HotspotSettings['repeat']): HotspotFinding[] {
  const end = chinaMidnight(context.day) + DAY_MS;
  const windowStart = chinaMidnight(context.day) - (settings.windowDays - 1) * DAY_MS;
  const lookbackStart = windowStart - settings.lookbackDays * DAY_MS;
  const groups = new Map<string, Group>();
  const join = (key: string, by: Group['by'], major: string, order: RecentOrder): void => {
    let group = groups.get(key);
    if (group === undefined) {
      group = { by, major, orders: [] };
      groups.set(key, group);
    }
    group.orders.push(order);
  };
  for (const order of recent) {
    if (order.createdAt >= end || order.createdAt < lookbackStart || order.categoryCode === null || order.categoryCode.length < 2) continue;
    const major = order.categoryCode.slice(0, 2);
    const digits = order.callerNumber.replace(/\D/g, '');
    // Withheld and short numbers (switchboards, 110 transfers) are not one person.
    if (digits.length >= 7) join(`c\u0000${major}\u0000${digits}`, 'caller', major, order);
    const place = context.placeOf(order.location);
    if (place?.detail != null) join(`p\u0000${major}\u0000${order.area}\u0000${place.label}`, 'place', major, order);
  }

  const findings: HotspotFinding[] = [];
  const byPlace: Set<number>[] = [];
  // Places first, so a caller whose orders a place finding already holds is not raised twice.
  const ordered = [...groups.values()].filter((g) => g.orders.length >= 2).sort((a, b) => (a.by === b.by ? 0 : a.by === 'place' ? -1 : 1));
  for (const group of ordered) {
    const orders = group.orders.sort((a, b) => a.createdAt - b.createdAt || a.id - b.id);
    const returns = orders.filter((o) => o.createdAt >= windowStart && comesBack(o, orders, settings.lookbackDays)).length;
    if (returns === 0) continue;
    const ids = new Set(orders.map((o) => o.id));
    if (group.by === 'caller' && byPlace.some((held) => [...ids].every((id) => held.has(id)))) continue;
    if (group.by === 'place') byPlace.push(ids);
    findings.push(repeatFinding(group, orders, returns, context));
  }
  return findings;
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
  const category = categoryWords(group.major, context.categoryNames);
  const who = group.by === 'place' ? (place as string) : `同一来电人${place === null ? '' : `（${place}）`}`;
  const replied = orders.filter((o) => o.repliedAt !== null && o.repliedAt <= last.createdAt).length;
  return {
    key: group.by === 'place' ? `repeat:place:${group.major}:${last.area}:${place as string}:${first.id}` : `repeat:caller:${group.major}:${first.id}`,
    kind: 'repeat',
    categoryCode: group.major,
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
