// Hotspot warning rows ↔ the port's shapes, and the SQL pieces both databases share: the same columns
// on SQLite and PostgreSQL (schema-parity.ts), so one mapping serves both stores.
import type { HotspotHistoryRow, StoredHotspot } from '../../app/ports/hotspot-records.js';
import { chinaMidnight, addDays, type LocalDate } from '../../domain/calendar/china-time.js';
import type { HotspotFinding, HotspotKind } from '../../domain/hotspots/hotspot-facts.js';
import { MAX_EVIDENCE } from '../../domain/hotspots/hotspot-math.js';
import type { HotspotState, HotspotStep } from '../../domain/hotspots/hotspot-states.js';
import type { hotspotHistory, hotspotWarnings } from './schema.js';

export type WarningRow = typeof hotspotWarnings.$inferSelect;
type HistoryRow = typeof hotspotHistory.$inferSelect;

/** The evidence kept per warning (the rules' own bound): a supervisor opens orders, not a year of them. */
export const EVIDENCE_LIMIT = MAX_EVIDENCE;

/** The figures a refresh writes (state, unit, history and version are the supervisors'). */
export function findingColumns(finding: HotspotFinding, orderCount: number, at: number) {
  return {
    kind: finding.kind,
    categoryCode: finding.categoryCode,
    area: finding.area,
    place: finding.place,
    fromDay: finding.from,
    toDay: finding.to,
    observed: finding.observed,
    expected: finding.expected,
    score: finding.score,
    reason: finding.reason,
    selection: finding.select,
    orderCount,
    updatedAt: at,
  };
}

/** True when a refresh would show a supervisor something new. */
export function figuresDiffer(row: WarningRow, finding: HotspotFinding, evidence: readonly number[], kept: readonly number[]): boolean {
  const same =
    row.observed === finding.observed &&
    row.expected === finding.expected &&
    row.score === finding.score &&
    row.fromDay === finding.from &&
    row.toDay === finding.to &&
    row.reason === finding.reason &&
    row.place === finding.place;
  if (!same) return true;
  const wanted = new Set(evidence);
  return kept.length !== wanted.size || kept.some((id) => !wanted.has(id));
}

export function storedOfRow(row: WarningRow): StoredHotspot {
  return {
    id: row.id,
    finding: {
      key: row.key,
      kind: row.kind as HotspotKind,
      categoryCode: row.categoryCode,
      area: row.area,
      place: row.place,
      from: row.fromDay,
      to: row.toDay,
      observed: row.observed,
      expected: row.expected,
      score: row.score,
      reason: row.reason,
      orderIds: [],
      select: row.selection ?? null,
    },
    orderCount: row.orderCount,
    state: row.state as HotspotState,
    unitId: row.unitId,
    proactiveTicketId: row.proactiveTicketId,
    raisedAt: row.raisedAt,
    updatedAt: row.updatedAt,
    version: row.version,
  };
}

export const historyOfRow = (row: HistoryRow): HotspotHistoryRow => ({ step: row.step as HotspotStep | 'raised' | 'order', by: row.by, at: row.at, unitId: row.unitId, note: row.note });

/** The unique, newest-first evidence, at most EVIDENCE_LIMIT. */
export const keptEvidence = (ids: readonly number[]): number[] => [...new Set(ids)].sort((a, b) => b - a).slice(0, EVIDENCE_LIMIT);

/** [start, end) in ms of the China days [from, to]. */
export const dayRange = (from: LocalDate, to: LocalDate): { start: number; end: number } => ({ start: chinaMidnight(from), end: chinaMidnight(addDays(to, 1)) });

/** Open warnings (new, sent) first, then the strongest. */
export const OPEN_FIRST = "case when state in ('new', 'sent') then 0 else 1 end";
