// What the hotspot rules (热点预警, 未诉先办) read and what they find: orders counted per China day,
// category and area for the surge and season rules, the recent orders themselves for the cluster and
// repeat rules, and each finding with the evidence behind it. Pure types; the rules are beside this file.
import type { LocalDate } from '../calendar/china-time.js';

export const HOTSPOT_KINDS = ['surge', 'cluster', 'season', 'repeat'] as const;
/**
 * - `surge`: a category × area whose count on a day (or over a week) is far above its own recent baseline;
 * - `cluster`: several orders about the same place (address, building, road) within a window;
 * - `season`: a category that rose at this time last year (before a festival, in the harvest months), warned ahead;
 * - `repeat` (屡办不成): the same caller or place back about the same matter after the order was replied.
 */
export type HotspotKind = (typeof HOTSPOT_KINDS)[number];

/** Orders created on one China day in one subcategory and one area ('' when the order names none). */
export interface DayCount {
  readonly day: LocalDate;
  readonly categoryCode: string;
  readonly area: string;
  readonly count: number;
}

/** One recent order as the cluster and repeat rules read it. */
export interface RecentOrder {
  readonly id: number;
  readonly createdAt: number;
  readonly categoryCode: string | null;
  readonly area: string;
  /** Free text as the agent typed it (小区, 楼号, 路名…). */
  readonly location: string;
  /** Compared only; never written into a finding. */
  readonly callerNumber: string;
  /** When the unit replied (答复); null while it has not. */
  readonly repliedAt: number | null;
}

/** A festival or harvest season, with the day it starts this year and the year before. */
export interface SeasonAnchor {
  readonly name: string;
  readonly kind: 'festival' | 'harvest';
  readonly start: LocalDate;
  readonly lastYearStart: LocalDate;
}

export interface HotspotInput {
  /** The China day evaluated: findings look at the days up to and including it. */
  readonly day: LocalDate;
  /** Every day × category × area with orders, over at least the baseline before `day` and last year's same season. */
  readonly dayCounts: readonly DayCount[];
  /** Orders created in the repeat rule's look-back up to the end of `day` (it covers the cluster window). */
  readonly recent: readonly RecentOrder[];
  /** Festivals and harvest seasons starting within the season rule's lead time, or all known ones. */
  readonly seasons: readonly SeasonAnchor[];
  /** zh-CN names of category codes (subcategories and majors) for the findings' reasons; a code stands in for a missing one. */
  readonly categoryNames?: Readonly<Record<string, string>>;
}

/** The orders of a category (and area) over a span of days: the evidence of a surge or a season. */
export interface EvidenceSelect {
  /** A subcategory (4 digits), or a major (2 digits) meaning every subcategory under it. */
  readonly categoryCode: string;
  readonly area: string | null;
  readonly from: LocalDate;
  readonly to: LocalDate;
}

export interface HotspotFinding {
  /** The same hotspot found again (next hour, next day of the same surge) has the same key, so it is updated rather than raised twice. */
  readonly key: string;
  readonly kind: HotspotKind;
  readonly categoryCode: string | null;
  readonly area: string | null;
  /** The place a cluster or repeat is about, as normalised (e.g. 幸福小区3号楼). */
  readonly place: string | null;
  /** The days the evidence covers; for a season, the coming days warned of. */
  readonly from: LocalDate;
  readonly to: LocalDate;
  readonly observed: number;
  readonly expected: number;
  /** Higher is stronger; lists sort by it. */
  readonly score: number;
  /** One zh-CN line a supervisor reads, e.g. 东城街道·屋顶漏水：今日 12 件，近 28 日日均 1.5 件. */
  readonly reason: string;
  /** The orders behind it: listed (cluster, repeat) or selected (surge, season; resolved by the app). */
  readonly orderIds: readonly number[];
  readonly select: EvidenceSelect | null;
}
