// Calls as rows: written when the call starts, updated as it moves, closed with its ticket.
import { and, desc, eq, sql } from 'drizzle-orm';
import type { IvrStep } from '../../domain/calls/call-facts.js';
import type { Db } from './open-database.js';
import { calls } from './schema.js';

export type CallRow = typeof calls.$inferSelect;

export interface NewCall {
  readonly id: string;
  readonly channelId: string;
  readonly callerNumber: string;
  readonly callerName: string | null;
  readonly dialedNumber: string;
  readonly startedAt: number;
}

export class CallStore {
  private readonly byId;
  private readonly active;

  constructor(private readonly db: Db) {
    this.byId = db.select().from(calls).where(eq(calls.id, sql.placeholder('id'))).prepare();
    this.active = db.select().from(calls).where(eq(calls.state, 'active')).orderBy(desc(calls.startedAt)).prepare();
  }

  /** Records a new call; a repeated start of the same call (e.g. after a restart) keeps the first row. */
  start(call: NewCall): void {
    this.db
      .insert(calls)
      .values({ ...call, state: 'active', updatedAt: call.startedAt })
      .onConflictDoNothing()
      .run();
  }

  markAnswered(id: string, at: number): void {
    this.db
      .update(calls)
      .set({ answeredAt: at, updatedAt: at })
      .where(and(eq(calls.id, id), sql`${calls.answeredAt} is null`))
      .run();
  }

  saveIvrPath(id: string, ivrPath: readonly IvrStep[], at: number): void {
    this.db
      .update(calls)
      .set({ ivrPath: [...ivrPath], updatedAt: at })
      .where(and(eq(calls.id, id), eq(calls.state, 'active')))
      .run();
  }

  get(id: string): CallRow | undefined {
    return this.byId.get({ id });
  }

  listActive(): CallRow[] {
    return this.active.all();
  }
}
