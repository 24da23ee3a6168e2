// What the hotspot warnings need of storage: the rules' inputs read from the orders (counts per day,
// category and area; the recent orders themselves), and the warnings kept with their state and
// history. The db (SQLite) and pg (PostgreSQL) adapters implement it.
import type { DayCount, EvidenceSelect, HotspotFinding, HotspotKind, RecentOrder } from '../../domain/hotspots/hotspot-facts.js';
import type { HotspotState, HotspotStep } from '../../domain/hotspots/hotspot-states.js';
import type { LocalDate } from '../../domain/calendar/china-time.js';

export interface StoredHotspot {
  readonly id: number;
  /** The finding as last refreshed; its `orderIds` are left empty here (`evidence(id)` reads them, `orderCount` counts them). */
  readonly finding: HotspotFinding;
  /** How many orders are kept as its evidence (at most 500). */
  readonly orderCount: number;
  readonly state: HotspotState;
  readonly unitId: string | null;
  readonly proactiveTicketId: number | null;
  readonly raisedAt: number;
  readonly updatedAt: number;
  /** Optimistic concurrency: a step names the version it read. */
  readonly version: number;
}

export interface HotspotHistoryRow {
  readonly step: HotspotStep | 'raised' | 'order';
  readonly by: string | null;
  readonly at: number;
  readonly unitId: string | null;
  readonly note: string | null;
}

export interface HotspotListFilter {
  readonly state?: HotspotState;
  readonly kind?: HotspotKind;
  /** Warnings raised or still seen in [from, to] (China days), for a report's period. */
  readonly from?: LocalDate;
  readonly to?: LocalDate;
  readonly limit: number;
}

export interface HotspotRecords {
  /** Orders per China day × subcategory × area created on days in [from, to]. */
  dayCounts(from: LocalDate, to: LocalDate): Promise<DayCount[]>;
  /** Orders created in [from, to) (ms), as the cluster and repeat rules read them. */
  recentOrders(from: number, to: number): Promise<RecentOrder[]>;
  /** The ids of the orders a selection covers, newest first, at most `limit`; area '' selects orders naming none. */
  orderIds(select: EvidenceSelect, limit: number): Promise<number[]>;
  /**
   * Inserts a new finding (state new, history `raised`) or refreshes the one with its key: its figures
   * and evidence replaced, its state, unit, history and version kept (a dismissed warning found again
   * stays dismissed). `created`: it is new; `changed`: new, or its figures or evidence differ from those kept.
   */
  upsert(finding: HotspotFinding, evidence: readonly number[], at: number): Promise<{ id: number; created: boolean; changed: boolean }>;
  get(id: number): Promise<StoredHotspot | null>;
  list(filter: HotspotListFilter): Promise<StoredHotspot[]>;
  /** The orders kept as its evidence, newest (highest id) first. */
  evidence(id: number): Promise<number[]>;
  history(id: number): Promise<HotspotHistoryRow[]>;
  /** Moves the state if the version is still the one read; null when another step came first. */
  step(id: number, version: number, change: { state: HotspotState; unitId?: string | null; proactiveTicketId?: number; entry: HotspotHistoryRow }): Promise<StoredHotspot | null>;
}
