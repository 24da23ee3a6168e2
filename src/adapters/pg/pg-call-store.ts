// Calls as rows on PostgreSQL, as on SQLite (db/call-store.ts): written when the call starts,
// updated as it moves, closed with its ticket.
import { and, desc, eq } from 'drizzle-orm';
import type { CallRecords, CallRow, CallWrite, NewCall } from '../../app/ports/call-records.js';
import type { CallFacts } from '../../domain/calls/call-facts.js';
import type { PgDb } from './open-postgres.js';
import { applyCallWrite } from './pg-call-writes.js';
import { calls } from './schema.js';

// Scoped to a PBX as on SQLite: the calls it starts are stamped with it and only its active calls are
// listed; null (the single box) stamps nothing and lists all.
export class PgCallStore implements CallRecords {
  constructor(
    private readonly db: PgDb,
    private readonly pbx: string | null = null,
  ) {}

  start(call: NewCall): Promise<void> {
    return applyCallWrite(this.db, { kind: 'start', call }, this.pbx);
  }

  markAnswered(id: string, at: number): Promise<void> {
    return applyCallWrite(this.db, { kind: 'answered', id, at });
  }

  saveProgress(id: string, facts: CallFacts, at: number): Promise<void> {
    return applyCallWrite(this.db, { kind: 'progress', id, facts, at });
  }

  /** The writes in order, in one transaction (all or none): one commit for all of them. */
  async batch(writes: readonly CallWrite[]): Promise<void> {
    if (writes.length === 0) return;
    await this.db.transaction(async (tx) => {
      for (const write of writes) await applyCallWrite(tx, write, this.pbx);
    });
  }

  async get(id: string): Promise<CallRow | undefined> {
    const [row] = await this.db.select().from(calls).where(eq(calls.id, id)).limit(1);
    return row;
  }

  listActive(): Promise<CallRow[]> {
    const active = eq(calls.state, 'active');
    return this.db
      .select()
      .from(calls)
      .where(this.pbx === null ? active : and(active, eq(calls.pbx, this.pbx)))
      .orderBy(desc(calls.startedAt));
  }
}
