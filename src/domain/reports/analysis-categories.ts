// The analysis' category figures: the top subcategories of a range with the same number of days just
// before it and their count per week, and the heat table of area × major category. Names come from
// the taxonomy; a code it does not know (retired since the order was filed) is shown as its code.
import { addDays, type LocalDate } from '../calendar/china-time.js';
import type { Taxonomy } from '../tickets/categories.js';
import { dayCount, mondayOf, type AreaCategorySum, type CategoryDaySum } from './analysis-rows.js';

export const TOP_CATEGORIES = 10;
export const UNCATEGORISED = '未分类';

export interface CategoryTrendFigures {
  readonly categoryCode: string;
  readonly name: string;
  readonly count: number;
  readonly previous: number;
  readonly change: number | null;
  readonly weeks: number[];
}

export interface HeatFigures {
  readonly areas: string[];
  readonly categories: { code: string; name: string }[];
  readonly cells: number[][];
}

/** Most first, then by key, so equal counts keep one order in every report. */
function ranked(totals: ReadonlyMap<string, number>): string[] {
  return [...totals.entries()].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0)).map(([key]) => key);
}

function add(map: Map<string, number>, key: string, count: number): void {
  map.set(key, (map.get(key) ?? 0) + count);
}

export function subcategoryName(taxonomy: Taxonomy, code: string): string {
  if (code === '') return UNCATEGORISED;
  return taxonomy.byCode.get(code)?.sub.name ?? code;
}

export function majorOf(taxonomy: Taxonomy, code: string): { code: string; name: string } {
  if (code === '') return { code: '', name: UNCATEGORISED };
  const known = taxonomy.byCode.get(code)?.major ?? taxonomy.categories.find((c) => c.code === code.slice(0, 2));
  return known === undefined ? { code: code.slice(0, 2), name: code.slice(0, 2) } : { code: known.code, name: known.name };
}

/** `weekStarts`: the Mondays of the range's weeks, as `volume.weeks` lists them. */
export function topCategories(rows: readonly CategoryDaySum[], from: LocalDate, to: LocalDate, weekStarts: readonly LocalDate[], taxonomy: Taxonomy): CategoryTrendFigures[] {
  const previousFrom = addDays(from, -dayCount(from, to));
  const current = new Map<string, number>();
  const previous = new Map<string, number>();
  for (const row of rows) {
    if (row.categoryCode === '') continue; // "not filled" is no category to rank
    if (row.day >= from && row.day <= to) add(current, row.categoryCode, row.count);
    else if (row.day >= previousFrom && row.day < from) add(previous, row.categoryCode, row.count);
  }
  const top = ranked(current).slice(0, TOP_CATEGORIES);
  const weekIndex = new Map(weekStarts.map((monday, index) => [monday, index]));
  const weeks = new Map(top.map((code) => [code, weekStarts.map(() => 0)]));
  for (const row of rows) {
    const counts = weeks.get(row.categoryCode);
    const index = weekIndex.get(mondayOf(row.day));
    if (counts !== undefined && index !== undefined && row.day >= from && row.day <= to) counts[index] = (counts[index] ?? 0) + row.count;
  }
  return top.map((code) => {
    const count = current.get(code) ?? 0;
    const before = previous.get(code) ?? 0;
    return { categoryCode: code, name: subcategoryName(taxonomy, code), count, previous: before, change: before === 0 ? null : Math.round((count / before - 1) * 10_000) / 10_000, weeks: weeks.get(code) ?? [] };
  });
}

/** Rows: areas, most orders first ('' is 未填区域); columns: major categories, most orders first. */
export function heatTable(rows: readonly AreaCategorySum[], taxonomy: Taxonomy): HeatFigures {
  const areaTotals = new Map<string, number>();
  const majorTotals = new Map<string, number>();
  const names = new Map<string, string>();
  const cells = new Map<string, number>();
  for (const row of rows) {
    const major = majorOf(taxonomy, row.categoryCode);
    names.set(major.code, major.name);
    add(areaTotals, row.area, row.count);
    add(majorTotals, major.code, row.count);
    add(cells, `${row.area}\u0000${major.code}`, row.count);
  }
  const areas = ranked(areaTotals);
  const majors = ranked(majorTotals);
  return {
    areas,
    categories: majors.map((code) => ({ code, name: names.get(code) ?? code })),
    cells: areas.map((area) => majors.map((code) => cells.get(`${area}\u0000${code}`) ?? 0)),
  };
}
