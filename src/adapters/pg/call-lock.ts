// One call's writes in PostgreSQL take turns: the draft's save and the transaction that closes the
// call with its ticket each hold a transaction-scoped advisory lock on the call's id first. SQLite
// gets the same order from its single writer (an immediate transaction); PostgreSQL, at READ
// COMMITTED, would otherwise let a save check "no ticket yet", then the ticket commit and delete the
// draft, then the save insert a draft nobody will read.
import { sql } from 'drizzle-orm';
import type { PgDb } from './open-postgres.js';

type Tx = Parameters<Parameters<PgDb['transaction']>[0]>[0];

export async function lockCall(tx: Tx, callId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${callId}, 0))`);
}
