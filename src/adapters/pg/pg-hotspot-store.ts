// Hotspot warnings on PostgreSQL: the same rules as on SQLite (db/hotspot-store.ts). A refresh locks
// the warning's row (FOR UPDATE) so a step and a refresh never interleave, a new key inserted by two
// servers at once is kept once (ON CONFLICT), and a step is an UPDATE conditional on the version read.
import { and, asc, between, desc, eq, gt, gte, lt, sql } from 'drizzle-orm';
import type { HotspotHistoryRow, HotspotListFilter, HotspotRecords, StoredHotspot } from '../../app/ports/hotspot-records.js';
import type { LocalDate } from '../../domain/calendar/china-time.js';
import type { DayCount, EvidenceSelect, HotspotFinding, RecentOrder } from '../../domain/hotspots/hotspot-facts.js';
import type { HotspotState } from '../../domain/hotspots/hotspot-states.js';
import { chinaDayNumber, dateOfChinaDayNumber } from '../../domain/calendar/china-time.js';
import { figuresDiffer, findingColumns, historyOfRow, keptEvidence, OPEN_FIRST, storedOfRow } from '../db/hotspot-rows.js';
import { listWhere, recentOfRow, selectionWhere } from '../db/hotspot-store.js';
import type { PgDb } from './open-postgres.js';
import { hotspotEvidence as evidence, hotspotHistory as history, hotspotWarnings as warnings, ticketCellSums as cells, tickets } from './schema.js';

// The WHERE builders are written against the SQLite tables; the PostgreSQL ones have the same column
// names (schema-parity.ts), and drizzle renders a column by its name, so they serve both.
type PgTx = Parameters<Parameters<PgDb['transaction']>[0]>[0];

export class PgHotspotStore implements HotspotRecords {
  constructor(private readonly db: PgDb) {}

  async dayCounts(from: LocalDate, to: LocalDate): Promise<DayCount[]> {
    // The categorised tickets per day, subcategory and area, as the tickets' sums keep them ('' = no area named).
    const rows = await this.db
      .select({ day: cells.day, categoryCode: cells.categoryCode, area: cells.area, count: cells.categorized })
      .from(cells)
      .where(and(between(cells.day, chinaDayNumber(from), chinaDayNumber(to)), gt(cells.categorized, 0)));
    return rows.map((row) => ({ day: dateOfChinaDayNumber(row.day), categoryCode: row.categoryCode, area: row.area, count: row.count }));
  }

  async recentOrders(from: number, to: number): Promise<RecentOrder[]> {
    const rows = await this.db
      .select({ id: tickets.id, createdAt: tickets.createdAt, categoryCode: tickets.categoryCode, area: tickets.area, location: tickets.location, callerNumber: tickets.callerNumber, repliedAt: tickets.handledAt })
      .from(tickets)
      .where(and(gte(tickets.createdAt, from), lt(tickets.createdAt, to)))
      .orderBy(asc(tickets.createdAt), asc(tickets.id));
    return rows.map(recentOfRow);
  }

  async orderIds(select: EvidenceSelect, limit: number): Promise<number[]> {
    const rows = await this.db.select({ id: tickets.id }).from(tickets).where(selectionWhere(select)).orderBy(desc(tickets.createdAt), desc(tickets.id)).limit(limit);
    return rows.map((row) => row.id);
  }

  async upsert(finding: HotspotFinding, orderIds: readonly number[], at: number): Promise<{ id: number; created: boolean; changed: boolean }> {
    const kept = keptEvidence(orderIds);
    return this.db.transaction(async (tx) => {
      const [inserted] = await tx
        .insert(warnings)
        .values({ key: finding.key, ...findingColumns(finding, kept.length, at), state: 'new', raisedAt: at, version: 1 })
        .onConflictDoNothing({ target: warnings.key })
        .returning({ id: warnings.id });
      if (inserted) {
        await insertEvidence(tx, inserted.id, kept);
        await tx.insert(history).values({ warningId: inserted.id, step: 'raised', by: null, at, unitId: null, note: null });
        return { id: inserted.id, created: true, changed: true };
      }
      const [known] = await tx.select().from(warnings).where(eq(warnings.key, finding.key)).for('update');
      if (!known) throw new Error(`hotspot ${finding.key} neither inserted nor found`);
      const before = (await tx.select({ id: evidence.ticketId }).from(evidence).where(eq(evidence.warningId, known.id))).map((row) => row.id);
      if (!figuresDiffer(known, finding, kept, before)) return { id: known.id, created: false, changed: false };
      await tx.update(warnings).set(findingColumns(finding, kept.length, at)).where(eq(warnings.id, known.id));
      await tx.delete(evidence).where(eq(evidence.warningId, known.id));
      await insertEvidence(tx, known.id, kept);
      return { id: known.id, created: false, changed: true };
    });
  }

  async get(id: number): Promise<StoredHotspot | null> {
    const [row] = await this.db.select().from(warnings).where(eq(warnings.id, id));
    return row ? storedOfRow(row) : null;
  }

  async list(filter: HotspotListFilter): Promise<StoredHotspot[]> {
    const rows = await this.db.select().from(warnings).where(listWhere(filter)).orderBy(sql.raw(OPEN_FIRST), desc(warnings.score), desc(warnings.id)).limit(filter.limit);
    return rows.map(storedOfRow);
  }

  async evidence(id: number): Promise<number[]> {
    return (await this.db.select({ id: evidence.ticketId }).from(evidence).where(eq(evidence.warningId, id)).orderBy(desc(evidence.ticketId))).map((row) => row.id);
  }

  async history(id: number): Promise<HotspotHistoryRow[]> {
    return (await this.db.select().from(history).where(eq(history.warningId, id)).orderBy(asc(history.id))).map(historyOfRow);
  }

  async step(id: number, version: number, change: { state: HotspotState; unitId?: string | null; proactiveTicketId?: number; entry: HotspotHistoryRow }): Promise<StoredHotspot | null> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx
        .update(warnings)
        .set({ state: change.state, updatedAt: change.entry.at, version: version + 1, ...(change.unitId === undefined ? {} : { unitId: change.unitId }), ...(change.proactiveTicketId === undefined ? {} : { proactiveTicketId: change.proactiveTicketId }) })
        .where(and(eq(warnings.id, id), eq(warnings.version, version)))
        .returning();
      if (!row) return null;
      await tx.insert(history).values({ warningId: id, ...change.entry });
      return storedOfRow(row);
    });
  }
}

async function insertEvidence(tx: PgTx, warningId: number, ids: readonly number[]): Promise<void> {
  if (ids.length > 0) await tx.insert(evidence).values(ids.map((ticketId) => ({ warningId, ticketId })));
}
