// The surge rule (激增): a category × area whose orders on the day, or over the last 7 days, are far above
// its own baseline. The baseline is the cell's orders per day over the `baselineDays` days before the
// period, corrected for the day of the week by the whole city's weekend/weekday ratio (a quiet cell has too
// few weekend days of its own to learn that), floored so one order in a quiet cell is not a surge. A
// period is a surge when observed ≥ minCount, observed ≥ minRatio × expected and the Poisson tail
// P(X ≥ observed | expected) < maxPValue. The same test runs on the major category (summing its
// subcategories) so a rise spread over siblings is caught; of a major and its subcategories only the
// stronger is raised. docs/hotspot-rules.md explains the values.
import type { DayCount, HotspotFinding } from './hotspot-facts.js';
import type { HotspotSettings } from './hotspot-settings.js';
import { areaWords, categoryWords } from './finding-words.js';
import { dateOfIndex, dayIndexer, isWeekendIndex, log10PoissonTail, round1, tailScore } from './hotspot-math.js';

/** Expected orders per day never go below this: a cell with no orders in a month expects one in five days. */
export const SURGE_DAILY_FLOOR = 0.2;
/** How many days back a surge's run is followed to find its first day (the key). */
export const SURGE_RUN_DAYS = 14;
const WEEK = 7;

interface Series {
  readonly categoryCode: string;
  readonly area: string;
  /** Prefix sums of the counts from the first day held: sum of days [a, b) is prefix[b−start] − prefix[a−start]. */
  readonly prefix: Float64Array;
}

interface Test {
  readonly span: 'day' | 'week';
  readonly observed: number;
  readonly expected: number;
  readonly log10P: number;
}

/** What the rule needs beyond the counts and settings: the day evaluated and the names for its reasons. */
export interface SurgeContext {
  readonly day: string;
  readonly categoryNames?: Readonly<Record<string, string>>;
}

export function findSurges(dayCounts: readonly DayCount[], context: SurgeContext, settings: HotspotSettings['surge']): HotspotFinding[] {
  const index = dayIndexer();
  const today = index(context.day);
  const start = today - (SURGE_RUN_DAYS + WEEK + settings.baselineDays);
  const length = today - start + 1;
  let firstHeld = Infinity;
  const cells = new Map<string, { categoryCode: string; area: string; counts: Float64Array }>();
  const add = (categoryCode: string, area: string, offset: number, count: number): void => {
    const key = `${categoryCode}\u0000${area}`;
    let cell = cells.get(key);
    if (cell === undefined) {
      cell = { categoryCode, area, counts: new Float64Array(length) };
      cells.set(key, cell);
    }
    cell.counts[offset] = (cell.counts[offset] as number) + count;
  };
  const cityPerDay = new Float64Array(length);
  for (const row of dayCounts) {
    const day = index(row.day);
    if (day < firstHeld) firstHeld = day;
    if (day < start || day > today || row.categoryCode.length < 2) continue;
    const offset = day - start;
    cityPerDay[offset] = (cityPerDay[offset] as number) + row.count;
    if (row.categoryCode.length > 2) add(row.categoryCode, row.area, offset, row.count);
    add(row.categoryCode.slice(0, 2), row.area, offset, row.count);
  }
  if (cells.size === 0) return [];
  const dataStart = Math.max(start, firstHeld);

  const weight = dayWeights(cityPerDay, start, today, dataStart, settings.baselineDays);
  const weightPrefix = prefixOf(weight);
  const series: Series[] = [];
  for (const cell of cells.values()) series.push({ categoryCode: cell.categoryCode, area: cell.area, prefix: prefixOf(cell.counts) });

  const sum = (prefix: Float64Array, from: number, to: number): number => (prefix[to - start + 1] as number) - (prefix[from - start] as number);
  // The cell's expected orders over [from, to], from its weekday-corrected level over the baseline before `from`.
  const expectedOver = (s: Series, from: number, to: number): number | null => {
    const baseFrom = Math.max(from - settings.baselineDays, dataStart);
    if (from - baseFrom < WEEK) return null;
    const level = sum(s.prefix, baseFrom, from - 1) / Math.max(sum(weightPrefix, baseFrom, from - 1), 1e-9);
    return Math.max(level * sum(weightPrefix, from, to), SURGE_DAILY_FLOOR * (to - from + 1));
  };
  const testAt = (s: Series, day: number, span: 'day' | 'week'): Test | null => {
    const from = span === 'day' ? day : day - WEEK + 1;
    const observed = sum(s.prefix, from, day);
    if (observed < settings.minCount) return null;
    const expected = expectedOver(s, from, day);
    if (expected === null || observed < settings.minRatio * expected) return null;
    const log10P = log10PoissonTail(observed, expected);
    return log10P < Math.log10(settings.maxPValue) ? { span, observed, expected, log10P } : null;
  };
  const strongest = (s: Series, day: number): Test | null => {
    const byDay = testAt(s, day, 'day');
    const byWeek = day - WEEK + 1 >= start ? testAt(s, day, 'week') : null;
    if (byDay === null) return byWeek;
    return byWeek === null || byDay.log10P <= byWeek.log10P ? byDay : byWeek;
  };

  const found: HotspotFinding[] = [];
  for (const s of series) {
    const test = strongest(s, today);
    if (test === null) continue;
    let runStart = today;
    while (runStart - 1 >= today - SURGE_RUN_DAYS && strongest(s, runStart - 1) !== null) runStart -= 1;
    found.push(surgeFinding(s, test, runStart, today, context));
  }
  return keepStronger(found);
}

/**
 * How busy each day is relative to an average day, from the whole city's baseline: weekend days weigh
 * weekendMean / allMean, working days weekdayMean / allMean. One ratio for the city, not one per cell.
 */
function dayWeights(cityPerDay: Float64Array, start: number, today: number, dataStart: number, baselineDays: number): Float64Array {
  let weekday = 0;
  let weekdayDays = 0;
  let weekend = 0;
  let weekendDays = 0;
  for (let day = Math.max(today - baselineDays, dataStart); day < today; day++) {
    const count = cityPerDay[day - start] as number;
    if (isWeekendIndex(day)) {
      weekend += count;
      weekendDays += 1;
    } else {
      weekday += count;
      weekdayDays += 1;
    }
  }
  const all = (weekday + weekend) / Math.max(weekdayDays + weekendDays, 1);
  const weekendWeight = weekendDays > 0 && weekdayDays > 0 && all > 0 ? weekend / weekendDays / all : 1;
  const weekdayWeight = weekendDays > 0 && weekdayDays > 0 && all > 0 ? weekday / weekdayDays / all : 1;
  const weights = new Float64Array(cityPerDay.length);
  // A city with no weekend orders at all still leaves a weekend some weight, so expectations never vanish.
  for (let i = 0; i < weights.length; i++) weights[i] = isWeekendIndex(start + i) ? Math.max(weekendWeight, 0.05) : weekdayWeight;
  return weights;
}

function prefixOf(values: Float64Array): Float64Array {
  const prefix = new Float64Array(values.length + 1);
  for (let i = 0; i < values.length; i++) prefix[i + 1] = (prefix[i] as number) + (values[i] as number);
  return prefix;
}

function surgeFinding(s: Series, test: Test, runStart: number, today: number, context: SurgeContext): HotspotFinding {
  const from = Math.min(runStart, test.span === 'week' ? today - WEEK + 1 : today);
  const expected = round1(test.expected);
  const where = `${areaWords(s.area)}·${categoryWords(s.categoryCode, context.categoryNames)}`;
  const figures =
    test.span === 'day'
      ? `今日 ${test.observed} 件，按近期基线应约 ${expected} 件`
      : `近 7 日 ${test.observed} 件，按近期基线应约 ${expected} 件`;
  const run = runStart < today ? `（自 ${dateOfIndex(runStart)} 起持续偏高）` : '';
  return {
    key: `surge:${s.categoryCode}:${s.area}:${dateOfIndex(runStart)}`,
    kind: 'surge',
    categoryCode: s.categoryCode,
    area: s.area === '' ? null : s.area,
    place: null,
    from: dateOfIndex(from),
    to: dateOfIndex(today),
    observed: test.observed,
    expected,
    score: tailScore(test.observed, test.expected),
    reason: `${where}：${figures}${run}`,
    orderIds: [],
    select: { categoryCode: s.categoryCode, area: s.area === '' ? null : s.area, from: dateOfIndex(from), to: dateOfIndex(today) },
  };
}

/** Of a major and its subcategories in one area, only the stronger side is raised: the major alone, or its subcategories. */
function keepStronger(findings: HotspotFinding[]): HotspotFinding[] {
  const bestSub = new Map<string, number>();
  for (const f of findings) {
    if ((f.categoryCode as string).length <= 2) continue;
    const key = `${(f.categoryCode as string).slice(0, 2)}\u0000${f.area ?? ''}`;
    bestSub.set(key, Math.max(bestSub.get(key) ?? -Infinity, f.score));
  }
  const majorWins = new Set<string>();
  for (const f of findings) {
    if ((f.categoryCode as string).length > 2) continue;
    const key = `${f.categoryCode as string}\u0000${f.area ?? ''}`;
    const sub = bestSub.get(key);
    if (sub === undefined || f.score > sub) majorWins.add(key);
  }
  return findings.filter((f) => {
    const code = f.categoryCode as string;
    const key = `${code.slice(0, 2)}\u0000${f.area ?? ''}`;
    return code.length <= 2 ? majorWins.has(key) : !majorWins.has(key);
  });
}
