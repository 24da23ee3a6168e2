// Dispatch suggestion (派单建议): which handling units a new ticket should go to, from the dispatch rules
// and from where past orders of the same kind went. The agent confirms or changes it, so every point of
// a score comes with its reason, and the same input always gives the same ranking.
//
// Points per unit (a candidate's score is the sum of its reasons' points):
//   keyword   each keyword of an applicable rule found in the text: the rule's weight. A keyword inside
//             a longer hit of the same rule (电梯 in 电梯故障) is the same evidence and does not count again.
//   category  the ticket's subcategory listed by the rule: 2 × weight; only its major listed: 1 × weight.
//             The agent chose the category, so an exact one says more than a single word.
//   history   4 × the share of past orders of the same subcategory (and area, when the request has
//             one) that went to the unit. Past orders of units no longer declared are left out.
// A rule with areas applies only to requests from one of them. Ties go to the smaller unit id.
//   responsibility  an entry of the responsibility lists (职责清单) the request matches: its lead unit
//             the entry's match score, each assisting unit half of it. Each candidate cites the best
//             entry that names it (id, matter, basis), so the agent sees which duty the unit follows.
// Urgent: a matching rule marked urgent, or a utility subcategory (供水, 供电, 燃气, 供暖), which must be
// dispatched within URGENT_DISPATCH_MINUTES.
import type { ResponsibilityList } from '../knowledge/responsibility-list.js';
import { matchResponsibilities, type ResponsibilityMatch } from '../knowledge/responsibility-match.js';
import type { DispatchRule, DispatchRules } from './dispatch-rules.js';

export const URGENT_CATEGORIES: ReadonlySet<string> = new Set(['0301', '0302', '0303', '0304']);
export const URGENT_DISPATCH_MINUTES = 10;

const EXACT_CATEGORY_FACTOR = 2;
const HISTORY_POINTS = 4;
/** Another unit assists when it scores at least this share of the main unit's score. */
const ASSIST_SHARE = 0.5;
const MAX_ASSISTING = 2;
const DEFAULT_LIMIT = 5;
/** An assisting unit of a matched entry gets this share of the entry's points. */
const ASSISTING_SHARE = 0.5;
/** Entries of the responsibility lists considered for one request. */
const ENTRIES_CONSIDERED = 3;

export interface DispatchRequest {
  readonly text: string;
  /** The subcategory the agent chose, or null while not chosen. */
  readonly categoryCode: string | null;
  /** The area (街道, 镇) the request concerns, or null when unknown. */
  readonly area: string | null;
}

export interface PastOrder {
  readonly unitId: string;
  readonly categoryCode: string;
  readonly area: string | null;
}

export type DispatchReason =
  | { readonly kind: 'keyword'; readonly keyword: string; readonly points: number }
  | { readonly kind: 'category'; readonly code: string; readonly points: number }
  | { readonly kind: 'history'; readonly count: number; readonly of: number; readonly points: number }
  | { readonly kind: 'responsibility'; readonly entryId: string; readonly role: 'lead' | 'assisting'; readonly points: number };

/** The responsibility entry a candidate follows: what the desktop shows as 依据. */
export interface CitedResponsibility {
  readonly id: string;
  readonly matter: string;
  readonly basis: string | null;
}

export interface DispatchCandidate {
  readonly unitId: string;
  readonly name: string;
  readonly score: number;
  readonly reasons: readonly DispatchReason[];
  /** The best entry of the responsibility lists naming the unit, or null. */
  readonly responsibility: CitedResponsibility | null;
}

export interface DispatchSuggestion {
  /** Best first, only units with points, at most `limit` of them. */
  readonly candidates: readonly DispatchCandidate[];
  /** The suggested main unit (主办), or null when nothing points anywhere. */
  readonly main: string | null;
  /** Suggested assisting units (协办), drawn from the candidates so each comes with its reasons. */
  readonly assisting: readonly string[];
  readonly urgent: boolean;
}

export interface SuggestOptions {
  /** How many candidates to list; default 5, at least 1. */
  readonly limit?: number;
  /** The units' responsibility lists; without them no candidate cites an entry. */
  readonly responsibilities?: ResponsibilityList;
}

export function suggestUnits(
  rules: DispatchRules,
  request: DispatchRequest,
  pastOrders: readonly PastOrder[],
  options: SuggestOptions = {},
): DispatchSuggestion {
  const text = request.text.toLowerCase();
  const reasons = new Map<string, DispatchReason[]>();
  let urgent = request.categoryCode !== null && URGENT_CATEGORIES.has(request.categoryCode);
  for (const rule of rules.rules) {
    const found = appliesIn(rule, request.area) ? ruleReasons(rule, text, request.categoryCode) : [];
    if (found.length === 0) continue;
    addReasons(reasons, rule.unit, found);
    urgent ||= rule.urgent;
  }
  for (const [unitId, reason] of historyReasons(rules, request, pastOrders)) addReasons(reasons, unitId, [reason]);
  const matches = options.responsibilities ? matchResponsibilities(options.responsibilities, { categoryCode: request.categoryCode, text: request.text }, ENTRIES_CONSIDERED) : [];
  for (const [unitId, reason] of responsibilityReasons(matches, rules)) addReasons(reasons, unitId, [reason]);
  const candidates = rank(rules, reasons, matches).slice(0, limitOf(options.limit));
  return { candidates, main: candidates[0]?.unitId ?? null, assisting: assistingOf(candidates), urgent };
}

function appliesIn(rule: DispatchRule, area: string | null): boolean {
  return rule.areas.length === 0 || (area !== null && rule.areas.includes(area));
}

function ruleReasons(rule: DispatchRule, text: string, categoryCode: string | null): DispatchReason[] {
  const keywords = keywordHits(rule.keywords, text).map((keyword): DispatchReason => ({ kind: 'keyword', keyword, points: rule.weight }));
  const category = categoryReason(rule, categoryCode);
  return category ? [...keywords, category] : keywords;
}

function keywordHits(keywords: readonly string[], text: string): string[] {
  const hits = [...new Set(keywords)].filter((keyword) => text.includes(keyword.toLowerCase()));
  return hits.filter((hit) => !hits.some((other) => other.length > hit.length && other.toLowerCase().includes(hit.toLowerCase())));
}

function categoryReason(rule: DispatchRule, code: string | null): DispatchReason | null {
  if (code === null) return null;
  if (code.length === 4 && rule.categories.includes(code)) return { kind: 'category', code, points: EXACT_CATEGORY_FACTOR * rule.weight };
  const major = code.slice(0, 2);
  return rule.categories.includes(major) ? { kind: 'category', code: major, points: rule.weight } : null;
}

function historyReasons(rules: DispatchRules, request: DispatchRequest, pastOrders: readonly PastOrder[]): Map<string, DispatchReason> {
  const { categoryCode, area } = request;
  const similar = pastOrders.filter(
    (order) => order.categoryCode === categoryCode && (area === null || order.area === area) && rules.unitsById.has(order.unitId),
  );
  const counts = new Map<string, number>();
  for (const { unitId } of similar) counts.set(unitId, (counts.get(unitId) ?? 0) + 1);
  const of = similar.length;
  return new Map([...counts].map(([unitId, count]) => [unitId, { kind: 'history', count, of, points: round((HISTORY_POINTS * count) / of) }]));
}

/** Each unit an entry names, with the points of the best entry naming it (best entries come first). */
function responsibilityReasons(matches: readonly ResponsibilityMatch[], rules: DispatchRules): Map<string, DispatchReason> {
  const found = new Map<string, DispatchReason>();
  for (const { entry, score } of matches) {
    const named = [[entry.leadUnit, 'lead', score], ...entry.assistingUnits.map((unit) => [unit, 'assisting', score * ASSISTING_SHARE] as const)] as const;
    for (const [unitId, role, points] of named) {
      if (!found.has(unitId) && rules.unitsById.has(unitId)) found.set(unitId, { kind: 'responsibility', entryId: entry.id, role, points: round(points) });
    }
  }
  return found;
}

function citedFor(unitId: string, matches: readonly ResponsibilityMatch[]): CitedResponsibility | null {
  const entry = matches.find((m) => m.entry.leadUnit === unitId || m.entry.assistingUnits.includes(unitId))?.entry;
  return entry ? { id: entry.id, matter: entry.matter, basis: entry.basis } : null;
}

function addReasons(reasons: Map<string, DispatchReason[]>, unitId: string, found: readonly DispatchReason[]): void {
  reasons.set(unitId, [...(reasons.get(unitId) ?? []), ...found]);
}

function rank(rules: DispatchRules, reasons: ReadonlyMap<string, readonly DispatchReason[]>, matches: readonly ResponsibilityMatch[]): DispatchCandidate[] {
  const candidates = [...reasons].map(([unitId, list]) => ({
    unitId,
    name: rules.unitsById.get(unitId)?.name ?? unitId,
    score: round(list.reduce((sum, reason) => sum + reason.points, 0)),
    reasons: list,
    responsibility: citedFor(unitId, matches),
  }));
  // Plain code-unit order, not localeCompare: the tie-break must not depend on the machine's locale.
  return candidates.filter((c) => c.score > 0).sort((a, b) => b.score - a.score || (a.unitId < b.unitId ? -1 : 1));
}

function assistingOf(ranked: readonly DispatchCandidate[]): string[] {
  const top = ranked[0];
  if (!top) return [];
  const near = ranked.slice(1).filter((c) => c.score >= top.score * ASSIST_SHARE);
  return near.slice(0, MAX_ASSISTING).map((c) => c.unitId);
}

function limitOf(limit: number | undefined): number {
  return limit === undefined || Number.isNaN(limit) ? DEFAULT_LIMIT : Math.max(1, Math.floor(limit));
}

/** Hundredths keep shares like 1/3 readable and stop float noise from splitting equal scores. */
function round(value: number): number {
  return Math.round(value * 100) / 100;
}
