// The demo's order history on PostgreSQL: past orders and their calls written in one transaction, only
// into an empty tickets table; the table is locked first so two servers starting at once seed it once.
import { count, sql } from 'drizzle-orm';
import type { OrderHistoryRecords, PastOrderRow } from '../../app/ports/order-history-records.js';
import { pastCallValues, pastTicketValues } from '../db/past-order-values.js';
import type { PgDb } from './open-postgres.js';
import { calls, tickets } from './schema.js';

/** Rows per INSERT, well inside PostgreSQL's 65,535 bound parameters. */
const CHUNK = 500;

export class PgOrderHistoryStore implements OrderHistoryRecords {
  constructor(private readonly db: PgDb) {}

  async seedHistory(orders: readonly PastOrderRow[]): Promise<number> {
    return this.db.transaction(async (tx) => {
      await tx.execute(sql`lock table tickets in exclusive mode`);
      const [existing] = await tx.select({ n: count() }).from(tickets);
      if ((existing?.n ?? 0) > 0) return 0;
      for (let start = 0; start < orders.length; start += CHUNK) {
        const chunk = orders.slice(start, start + CHUNK);
        await tx.insert(calls).values(chunk.map(pastCallValues));
        await tx.insert(tickets).values(chunk.map(pastTicketValues));
      }
      return orders.length;
    });
  }
}
