// Scores the hotspot rules' findings over a backtest against the hotspots planted in a generated year.
//
// A finding (one per key, however many days it was raised) is a HIT when it is of the kind of a planted
// hotspot and points at it: listed evidence (cluster, repeat) sharing at least two of its orders, or at
// least half of the finding's orders; selected evidence (surge, season) of the same subcategory or its
// major, the same area (a city-wide finding matches any), and days overlapping the hotspot's. A season
// warning hits a planted season when raised from `leadDays` before the rise to the rise's last day.
// A finding that is no hit is EXPLAINED when it points (the same way) at a planted hotspot of another
// kind (a cluster of ten orders also lifts its area's count) or at a natural season of the generated
// year (heating in November, wage arrears before 春节…): the data does hold that rise. Otherwise FALSE.
//   precision = (hits + explained) / findings;  strict precision = hits / findings
//   recall of a kind = planted hotspots of the kind hit by at least one finding / planted hotspots of the kind
// Seasons count for recall only where the year before is in the data (the first year cannot be warned ahead).
import type { LocalDate } from '../../src/domain/calendar/china-time.js';
import { addDays } from '../../src/domain/calendar/china-time.js';
import { HOTSPOT_KINDS, type HotspotFinding, type HotspotKind } from '../../src/domain/hotspots/hotspot-facts.js';
import type { InjectedHotspot } from '../../src/adapters/tickets/generated-year/index.js';

export interface RaisedFinding {
  readonly finding: HotspotFinding;
  /** The first and last evaluated day it was raised on. */
  readonly firstDay: LocalDate;
  readonly lastDay: LocalDate;
}

export interface NaturalSpan {
  readonly name: string;
  readonly categories: readonly string[];
  readonly from: LocalDate;
  readonly to: LocalDate;
}

export interface KindScore {
  readonly kind: HotspotKind;
  readonly planted: number;
  readonly found: number;
  readonly recall: number;
  readonly findings: number;
  readonly hits: number;
  readonly explained: number;
  readonly falses: readonly RaisedFinding[];
}

export interface BacktestScore {
  readonly kinds: readonly KindScore[];
  readonly findings: number;
  readonly precision: number;
  readonly strictPrecision: number;
  readonly missed: readonly InjectedHotspot[];
}

const overlaps = (a: { from: string; to: string }, b: { from: string; to: string }): boolean => a.from <= b.to && b.from <= a.to;
const sameCategory = (finding: string | null, planted: string): boolean => finding !== null && (finding === planted || (finding.length === 2 && planted.startsWith(finding)));

function pointsAt(raised: RaisedFinding, hotspot: InjectedHotspot, leadDays: number): boolean {
  const f = raised.finding;
  if (f.orderIds.length > 0 && f.select === null) {
    const planted = new Set(hotspot.orderIds);
    const shared = f.orderIds.filter((id) => planted.has(id)).length;
    return shared >= 2 || shared * 2 >= f.orderIds.length;
  }
  if (!sameCategory(f.categoryCode, hotspot.categoryCode)) return false;
  if (f.area !== null && hotspot.area !== null && f.area !== hotspot.area) return false;
  if (f.kind === 'season') return raised.firstDay <= hotspot.to && raised.lastDay >= addDays(hotspot.from, -leadDays);
  return overlaps(f, hotspot);
}

function naturallyExplained(raised: RaisedFinding, spans: readonly NaturalSpan[]): boolean {
  const f = raised.finding;
  return spans.some((s) => s.categories.some((c) => sameCategory(f.categoryCode, c)) && overlaps({ from: f.from, to: f.to }, s));
}

export function scoreBacktest(raised: readonly RaisedFinding[], planted: readonly InjectedHotspot[], spans: readonly NaturalSpan[], options: { leadDays: number; scored: (h: InjectedHotspot) => boolean }): BacktestScore {
  const hitIds = new Set<string>();
  const kinds = HOTSPOT_KINDS.map((kind): KindScore => {
    const own = raised.filter((r) => r.finding.kind === kind);
    let hits = 0;
    let explained = 0;
    const falses: RaisedFinding[] = [];
    for (const r of own) {
      const matched = planted.filter((h) => h.kind === kind && pointsAt(r, h, options.leadDays));
      matched.forEach((h) => hitIds.add(h.id));
      if (matched.length > 0) hits += 1;
      else if (planted.some((h) => pointsAt(r, h, options.leadDays)) || naturallyExplained(r, spans)) explained += 1;
      else falses.push(r);
    }
    const scoredOfKind = planted.filter((h) => h.kind === kind && options.scored(h));
    const found = scoredOfKind.filter((h) => hitIds.has(h.id)).length;
    return { kind, planted: scoredOfKind.length, found, recall: scoredOfKind.length === 0 ? 1 : found / scoredOfKind.length, findings: own.length, hits, explained, falses };
  });
  const total = raised.length;
  const good = kinds.reduce((n, k) => n + k.hits + k.explained, 0);
  const hits = kinds.reduce((n, k) => n + k.hits, 0);
  return {
    kinds,
    findings: total,
    precision: total === 0 ? 1 : good / total,
    strictPrecision: total === 0 ? 1 : hits / total,
    missed: planted.filter((h) => options.scored(h) && !hitIds.has(h.id)),
  };
}

/** The backtest's table, one line per kind, for the test's output and the report. */
export function formatScore(score: BacktestScore): string {
  const lines = score.kinds.map((k) => `${k.kind.padEnd(8)} recall ${k.found}/${k.planted} = ${k.recall.toFixed(2)}   findings ${k.findings}: hits ${k.hits}, explained ${k.explained}, false ${k.falses.length}`);
  lines.push(`all      precision ${score.precision.toFixed(3)} (strict ${score.strictPrecision.toFixed(3)}) over ${score.findings} findings`);
  return lines.join('\n');
}
