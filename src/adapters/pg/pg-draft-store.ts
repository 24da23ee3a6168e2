// The work order typed during a call, on PostgreSQL: the same rules as on SQLite (db/draft-store.ts),
// with the call's advisory lock ordering a save against the hang-up's transaction.
import { eq } from 'drizzle-orm';
import type { CallDraft, DraftRecords, DraftSaveOutcome } from '../../app/ports/draft-records.js';
import { draftOfRow } from '../db/draft-store.js';
import { lockCall } from './call-lock.js';
import type { PgDb } from './open-postgres.js';
import { callDrafts, tickets } from './schema.js';

export class PgDraftStore implements DraftRecords {
  constructor(private readonly db: PgDb) {}

  async get(callId: string): Promise<CallDraft | undefined> {
    const [row] = await this.db.select().from(callDrafts).where(eq(callDrafts.callId, callId)).limit(1);
    return row ? draftOfRow(row) : undefined;
  }

  save(draft: Omit<CallDraft, 'updatedAt'>, now: number): Promise<DraftSaveOutcome> {
    return this.db.transaction(async (tx) => {
      await lockCall(tx, draft.callId);
      const [ticket] = await tx.select({ id: tickets.id }).from(tickets).where(eq(tickets.callId, draft.callId)).limit(1);
      if (ticket) return { saved: false, reason: 'closed' } as const;
      const [row] = await tx
        .insert(callDrafts)
        .values({ ...draft, createdAt: now, updatedAt: now })
        .onConflictDoUpdate({ target: callDrafts.callId, set: { ...draft, updatedAt: now } })
        .returning();
      if (!row) throw new Error('draft upsert returned no row');
      return { saved: true, draft: draftOfRow(row) } as const;
    });
  }
}
