// Which entries of the responsibility lists a request is about: the request's subcategory listed by
// the entry (its major, less), and the entry's words found in the title and description. Every
// point comes with its reason, so the agent sees why an entry was chosen; ties go to the smaller id.
import type { ResponsibilityEntry, ResponsibilityList } from './responsibility-list.js';

const EXACT_CATEGORY_POINTS = 3;
const MAJOR_CATEGORY_POINTS = 1;
const KEYWORD_POINTS = 2;

export interface ResponsibilityRequest {
  readonly categoryCode: string | null;
  /** Title and description, as typed. */
  readonly text: string;
}

export interface ResponsibilityMatch {
  readonly entry: ResponsibilityEntry;
  readonly score: number;
  /** The category (4 or 2 digits) that matched, or null. */
  readonly category: string | null;
  readonly keywords: readonly string[];
}

export function matchResponsibilities(list: ResponsibilityList, request: ResponsibilityRequest, limit = 5): ResponsibilityMatch[] {
  const text = request.text.toLowerCase();
  const matches = list.entries.flatMap((entry) => {
    const category = categoryHit(entry, request.categoryCode);
    const keywords = keywordHits(entry.keywords, text);
    const score = (category === null ? 0 : category.length === 4 ? EXACT_CATEGORY_POINTS : MAJOR_CATEGORY_POINTS) + KEYWORD_POINTS * keywords.length;
    return score > 0 ? [{ entry, score, category, keywords }] : [];
  });
  return matches.sort((a, b) => b.score - a.score || (a.entry.id < b.entry.id ? -1 : 1)).slice(0, Math.max(1, limit));
}

function categoryHit(entry: ResponsibilityEntry, code: string | null): string | null {
  if (code === null) return null;
  if (entry.categoryCodes.includes(code)) return code;
  const major = code.slice(0, 2);
  return entry.categoryCodes.includes(major) ? major : null;
}

/** A word inside a longer hit of the same entry (电梯 in 电梯故障) is the same evidence, counted once. */
function keywordHits(keywords: readonly string[], text: string): string[] {
  const hits = [...new Set(keywords)].filter((keyword) => text.includes(keyword.toLowerCase()));
  return hits.filter((hit) => !hits.some((other) => other.length > hit.length && other.toLowerCase().includes(hit.toLowerCase())));
}

/** Entries a unit leads or assists on, or whose words or matter contain `q`, for the list route. */
export function filterResponsibilities(list: ResponsibilityList, filter: { readonly unit?: string; readonly category?: string; readonly q?: string }): ResponsibilityEntry[] {
  const q = filter.q?.toLowerCase();
  return list.entries.filter(
    (e) =>
      (filter.unit === undefined || e.leadUnit === filter.unit || e.assistingUnits.includes(filter.unit)) &&
      (filter.category === undefined || e.categoryCodes.some((c) => c === filter.category || c.startsWith(filter.category ?? '') || filter.category?.startsWith(c))) &&
      (q === undefined || [e.matter, e.boundary ?? '', e.basis ?? '', ...e.keywords].some((t) => t.toLowerCase().includes(q))),
  );
}
