// Calls as rows: written when the call starts, updated as it moves, closed with its ticket.
import { and, desc, eq, sql } from 'drizzle-orm';
import type { CallRecords, CallRow, CallWrite, NewCall } from '../../app/ports/call-records.js';
import type { CallFacts } from '../../domain/calls/call-facts.js';
import type { Db } from './open-database.js';
import { calls } from './schema.js';

/** Applies one write on the connection, inside whatever transaction is open (the batch's, the ticket's). */
export type CallWriteApplier = (write: CallWrite) => void;

/** The statements a call's writes run, prepared once: they run several times for every call. */
export function callWriteApplier(db: Db): CallWriteApplier {
  const insert = db
    .insert(calls)
    .values({
      id: sql.placeholder('id'),
      channelId: sql.placeholder('channelId'),
      callerNumber: sql.placeholder('callerNumber'),
      callerName: sql.placeholder('callerName'),
      dialedNumber: sql.placeholder('dialedNumber'),
      startedAt: sql.placeholder('startedAt'),
      state: 'active',
      updatedAt: sql.placeholder('startedAt'),
    })
    .onConflictDoNothing()
    .prepare();
  const answered = db
    .update(calls)
    .set({ answeredAt: sql`${sql.placeholder('at')}`, updatedAt: sql`${sql.placeholder('at')}` })
    .where(and(eq(calls.id, sql.placeholder('id')), sql`${calls.answeredAt} is null`))
    .prepare();
  const path = db
    .update(calls)
    .set({ ivrPath: sql`${sql.placeholder('ivrPath')}`, progress: sql`${sql.placeholder('progress')}`, updatedAt: sql`${sql.placeholder('at')}` })
    .where(and(eq(calls.id, sql.placeholder('id')), eq(calls.state, 'active')))
    .prepare();
  return (write) => {
    switch (write.kind) {
      case 'start':
        insert.run({ ...write.call });
        return;
      case 'answered':
        answered.run({ id: write.id, at: write.at });
        return;
      case 'progress':
        path.run({ id: write.id, ivrPath: JSON.stringify(write.facts.ivrPath), progress: JSON.stringify(write.facts), at: write.at });
        return;
    }
  };
}

// The methods are async for the port (a networked database answers later); SQLite answers at once.
export class CallStore implements CallRecords {
  private readonly byId;
  private readonly active;
  private readonly apply: CallWriteApplier;

  constructor(private readonly db: Db) {
    this.byId = db.select().from(calls).where(eq(calls.id, sql.placeholder('id'))).prepare();
    this.active = db.select().from(calls).where(eq(calls.state, 'active')).orderBy(desc(calls.startedAt)).prepare();
    this.apply = callWriteApplier(db);
  }

  /** Records a new call; a repeated start of the same call (e.g. after a restart) keeps the first row. */
  async start(call: NewCall): Promise<void> {
    this.apply({ kind: 'start', call });
  }

  async markAnswered(id: string, at: number): Promise<void> {
    this.apply({ kind: 'answered', id, at });
  }

  async saveProgress(id: string, facts: CallFacts, at: number): Promise<void> {
    this.apply({ kind: 'progress', id, facts, at });
  }

  /** Applies the writes in order in one transaction: one commit (and fsync) for all of them. */
  async batch(writes: readonly CallWrite[]): Promise<void> {
    if (writes.length === 0) return;
    this.db.transaction(() => {
      for (const write of writes) this.apply(write);
    });
  }

  async get(id: string): Promise<CallRow | undefined> {
    return this.byId.get({ id });
  }

  async listActive(): Promise<CallRow[]> {
    return this.active.all();
  }
}
