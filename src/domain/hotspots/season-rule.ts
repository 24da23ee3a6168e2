// The season rule (季节性预警, 未诉先办): ahead of a festival or harvest season, the categories that rose at
// that time last year. For each anchor starting within `leadDays` after the evaluated day, last year's
// window (`windowDays` before last year's start to a week into it) is compared with that category's
// ordinary level last year (the 2 × windowDays days before the window, or after it when the data does
// not reach back): observed ≥ minCount and observed ≥ minRatio × expected raise a warning now, for this
// year's same window. Month starts are anchors too (11月 for heating, 7月 for power cuts), so a season no
// festival names is still seen; a major category a festival or harvest already warns of is not warned of again
// for a month.
// City-wide (areas summed); subcategories and their majors, the stronger kept as in the surge rule.
import type { DayCount, HotspotFinding, SeasonAnchor } from './hotspot-facts.js';
import type { HotspotSettings } from './hotspot-settings.js';
import { categoryWords } from './finding-words.js';
import { dateOfIndex, dayIndexer, round1, tailScore } from './hotspot-math.js';
import { keepStronger } from './major-roll-up.js';

/** Last year's window runs this many days into the season (wage claims go on after 春节 starts). */
export const SEASON_INTO_DAYS = 7;

export interface SeasonContext {
  readonly day: string;
  readonly categoryNames?: Readonly<Record<string, string>>;
}

interface Anchor {
  readonly name: string;
  readonly start: number;
  readonly lastYearStart: number;
  readonly month: boolean;
}

export function findSeasons(
  dayCounts: readonly DayCount[],
  anchors: readonly SeasonAnchor[],
  context: SeasonContext,
  settings: HotspotSettings['season'],
): HotspotFinding[] {
  const index = dayIndexer();
  const today = index(context.day);
  const due: Anchor[] = anchors
    .map((a) => ({ name: a.name, start: index(a.start), lastYearStart: index(a.lastYearStart), month: false }))
    .filter((a) => a.start > today && a.start <= today + settings.leadDays);
  due.push(...monthAnchors(today, settings.leadDays));
  if (due.length === 0 || dayCounts.length === 0) return [];

  // Per category (sub and major), orders per day as an array from the first day held to the last.
  let first = Infinity;
  let last = -Infinity;
  for (const row of dayCounts) {
    const day = index(row.day);
    if (day < first) first = day;
    if (day > last) last = day;
  }
  const perCategory = new Map<string, Float64Array>();
  const add = (code: string, offset: number, count: number): void => {
    let days = perCategory.get(code);
    if (days === undefined) {
      days = new Float64Array(last - first + 2);
      perCategory.set(code, days);
    }
    days[offset + 1] = (days[offset + 1] as number) + count;
  };
  for (const row of dayCounts) {
    if (row.categoryCode.length < 2) continue;
    const offset = index(row.day) - first;
    if (row.categoryCode.length > 2) add(row.categoryCode, offset, row.count);
    add(row.categoryCode.slice(0, 2), offset, row.count);
  }
  // Prefix sums in place: days[i] becomes the orders of the i days from `first`.
  for (const days of perCategory.values()) for (let i = 1; i < days.length; i++) days[i] = (days[i] as number) + (days[i - 1] as number);
  const sum = (days: Float64Array, from: number, to: number): number => (days[to - first + 1] as number) - (days[from - first] as number);

  const findings: HotspotFinding[] = [];
  const warned = new Set<string>();
  // Festivals and harvests first, so a month start does not repeat what they say.
  for (const anchor of due.sort((a, b) => Number(a.month) - Number(b.month) || a.start - b.start)) {
    const from = anchor.lastYearStart - settings.windowDays;
    const to = anchor.lastYearStart + SEASON_INTO_DAYS;
    if (from < first || to > last) continue;
    const baseLength = 2 * settings.windowDays;
    const base = from - baseLength >= first ? { from: from - baseLength, to: from - 1 } : to + baseLength <= last ? { from: to + 1, to: to + baseLength } : null;
    if (base === null) continue;
    const raised: HotspotFinding[] = [];
    for (const [code, days] of perCategory) {
      const observed = sum(days, from, to);
      const expected = (sum(days, base.from, base.to) / baseLength) * (to - from + 1);
      if (observed < settings.minCount || observed < settings.minRatio * expected) continue;
      if (anchor.month && warned.has(code.slice(0, 2))) continue;
      raised.push(seasonFinding(anchor, code, observed, expected, { from, to }, settings, context));
    }
    for (const finding of keepStronger(raised)) {
      warned.add((finding.categoryCode as string).slice(0, 2));
      findings.push(finding);
    }
  }
  return findings;
}

/** The first day of each month starting within the lead, as an anchor against the same day last year. */
function monthAnchors(today: number, leadDays: number): Anchor[] {
  const anchors: Anchor[] = [];
  for (let day = today + 1; day <= today + leadDays; day++) {
    const date = dateOfIndex(day);
    if (!date.endsWith('-01')) continue;
    const lastYear = `${Number(date.slice(0, 4)) - 1}${date.slice(4)}`;
    anchors.push({ name: `${Number(date.slice(5, 7))}月`, start: day, lastYearStart: dayIndexer()(lastYear), month: true });
  }
  return anchors;
}

function seasonFinding(
  anchor: Anchor,
  code: string,
  observed: number,
  expected: number,
  lastYear: { readonly from: number; readonly to: number },
  settings: HotspotSettings['season'],
  context: SeasonContext,
): HotspotFinding {
  const ratio = expected > 0 ? `为平时的 ${round1(observed / expected)} 倍` : '平时几乎没有';
  return {
    key: `season:${anchor.name}:${code}:${dateOfIndex(anchor.start)}`,
    kind: 'season',
    categoryCode: code,
    area: null,
    place: null,
    from: dateOfIndex(anchor.start - settings.windowDays),
    to: dateOfIndex(anchor.start + SEASON_INTO_DAYS),
    observed,
    expected: round1(expected),
    score: tailScore(observed, Math.max(expected, 1)),
    reason: `${anchor.name}（${dateOfIndex(anchor.start)} 起）将至：去年同期「${categoryWords(code, context.categoryNames)}」${observed} 件，${ratio}（平时同样天数约 ${round1(expected)} 件）`,
    orderIds: [],
    select: { categoryCode: code, area: null, from: dateOfIndex(lastYear.from), to: dateOfIndex(lastYear.to) },
  };
}
