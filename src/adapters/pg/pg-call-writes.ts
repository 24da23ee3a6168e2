// The writes a call makes while it goes on, applied inside a PostgreSQL transaction: the start (a
// repeat keeps the first row), the first answer, and the facts so far (only while active).
import { and, eq, isNull } from 'drizzle-orm';
import type { CallWrite } from '../../app/ports/call-records.js';
import type { PgDb } from './open-postgres.js';
import { calls } from './schema.js';

export type PgTx = Parameters<Parameters<PgDb['transaction']>[0]>[0];
type Writer = Pick<PgDb, 'insert' | 'update'> | Pick<PgTx, 'insert' | 'update'>;

/** Applies one write; a call started here is stamped with `pbx` (null: no PBX named, the single box). */
export async function applyCallWrite(db: Writer, write: CallWrite, pbx: string | null = null): Promise<void> {
  switch (write.kind) {
    case 'start':
      await db
        .insert(calls)
        .values({ ...write.call, state: 'active', updatedAt: write.call.startedAt, pbx })
        .onConflictDoNothing();
      return;
    case 'answered':
      await db
        .update(calls)
        .set({ answeredAt: write.at, updatedAt: write.at })
        .where(and(eq(calls.id, write.id), isNull(calls.answeredAt)));
      return;
    case 'progress':
      await db
        .update(calls)
        .set({ ivrPath: [...write.facts.ivrPath], progress: write.facts, updatedAt: write.at })
        .where(and(eq(calls.id, write.id), eq(calls.state, 'active')));
      return;
  }
}
