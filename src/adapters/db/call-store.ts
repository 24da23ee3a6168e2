// Calls as rows: written when the call starts, updated as it moves, closed with its ticket.
import { and, desc, eq, sql } from 'drizzle-orm';
import type { CallRecords, CallRow, NewCall } from '../../app/ports/call-records.js';
import type { CallFacts } from '../../domain/calls/call-facts.js';
import type { Db } from './open-database.js';
import { calls } from './schema.js';

export class CallStore implements CallRecords {
  private readonly byId;
  private readonly active;
  // Prepared once: these run several times for every call.
  private readonly insert;
  private readonly answered;
  private readonly path;

  constructor(private readonly db: Db) {
    this.byId = db.select().from(calls).where(eq(calls.id, sql.placeholder('id'))).prepare();
    this.active = db.select().from(calls).where(eq(calls.state, 'active')).orderBy(desc(calls.startedAt)).prepare();
    this.insert = db
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
    this.answered = db
      .update(calls)
      .set({ answeredAt: sql`${sql.placeholder('at')}`, updatedAt: sql`${sql.placeholder('at')}` })
      .where(and(eq(calls.id, sql.placeholder('id')), sql`${calls.answeredAt} is null`))
      .prepare();
    this.path = db
      .update(calls)
      .set({ ivrPath: sql`${sql.placeholder('ivrPath')}`, progress: sql`${sql.placeholder('progress')}`, updatedAt: sql`${sql.placeholder('at')}` })
      .where(and(eq(calls.id, sql.placeholder('id')), eq(calls.state, 'active')))
      .prepare();
  }

  /** Records a new call; a repeated start of the same call (e.g. after a restart) keeps the first row. */
  start(call: NewCall): void {
    this.insert.run({ ...call });
  }

  markAnswered(id: string, at: number): void {
    this.answered.run({ id, at });
  }

  saveProgress(id: string, facts: CallFacts, at: number): void {
    this.path.run({ id, ivrPath: JSON.stringify(facts.ivrPath), progress: JSON.stringify(facts), at });
  }

  /** Runs the writes in one transaction: one commit (and fsync) for all of them. */
  batch(writes: () => void): void {
    this.db.transaction(() => writes());
  }

  get(id: string): CallRow | undefined {
    return this.byId.get({ id });
  }

  listActive(): CallRow[] {
    return this.active.all();
  }
}
