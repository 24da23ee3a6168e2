// The demo's order history on SQLite: past orders and their calls written in one IMMEDIATE transaction,
// only into an empty tickets table (the search triggers index each order as it is written).
import { count } from 'drizzle-orm';
import type { OrderHistoryRecords, PastOrderRow } from '../../app/ports/order-history-records.js';
import type { Db } from './open-database.js';
import { calls, tickets } from './schema.js';
import { pastCallValues, pastTicketValues } from './past-order-values.js';

/** Rows per INSERT: SQLite's limit on bound variables (32,766) over the ticket's ~30 columns, with room. */
const CHUNK = 500;

export class OrderHistoryStore implements OrderHistoryRecords {
  constructor(private readonly db: Db) {}

  async seedHistory(orders: readonly PastOrderRow[]): Promise<number> {
    return this.db.transaction((tx) => {
      if ((tx.select({ n: count() }).from(tickets).get()?.n ?? 0) > 0) return 0;
      for (let start = 0; start < orders.length; start += CHUNK) {
        const chunk = orders.slice(start, start + CHUNK);
        tx.insert(calls).values(chunk.map(pastCallValues)).run();
        tx.insert(tickets).values(chunk.map(pastTicketValues)).run();
      }
      return orders.length;
    }, { behavior: 'immediate' });
  }
}
