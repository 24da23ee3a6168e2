// Calls as rows: written when the call starts, updated as it moves, closed with its ticket.
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { CallRecords, CallRow, CallWrite, NewCall } from '../../app/ports/call-records.js';
import type { CallFacts } from '../../domain/calls/call-facts.js';
import type { Db } from './open-database.js';
import { calls } from './schema.js';

/** Applies one write on the connection, inside whatever transaction is open (the batch's, the ticket's). */
export type CallWriteApplier = (write: CallWrite) => void;

/**
 * The statements a call's writes run, prepared once: they run several times for every call. A call
 * started here is stamped with `pbx` (null: no PBX named, the single box).
 */
export function callWriteApplier(db: Db, pbx: string | null = null): CallWriteApplier {
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
      pbx,
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

/** Active calls: all of them, or only those of one PBX when the store is scoped to it. */
function activeCalls(pbx: string | null): SQL | undefined {
  return pbx === null ? eq(calls.state, 'active') : and(eq(calls.state, 'active'), eq(calls.pbx, pbx));
}

// The methods are async for the port (a networked database answers later); SQLite answers at once.
// Scoped to a PBX (servers of a cluster sharing the database, each running one PBX's calls), the store
// stamps the calls it starts with it and lists only its active calls, so a server taking over settles
// its own PBX's calls and never another's live ones; null (the single box) stamps nothing and lists all.
export class CallStore implements CallRecords {
  private readonly byId;
  private readonly active;
  private readonly apply: CallWriteApplier;

  constructor(
    private readonly db: Db,
    pbx: string | null = null,
  ) {
    this.byId = db.select().from(calls).where(eq(calls.id, sql.placeholder('id'))).prepare();
    this.active = db.select().from(calls).where(activeCalls(pbx)).orderBy(desc(calls.startedAt)).prepare();
    this.apply = callWriteApplier(db, pbx);
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
