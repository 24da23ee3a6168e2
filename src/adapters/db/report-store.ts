// What the daily report needs of each call, read straight from the ticket rows.
import { and, gte, lt, sql } from 'drizzle-orm';
import type { CallOutcome, ReportRecords } from '../../app/ports/report-records.js';
import type { Db } from './open-database.js';
import { tickets } from './schema.js';

// Async for the port (a networked database answers later); SQLite answers at once.
export class ReportStore implements ReportRecords {
  constructor(private readonly db: Db) {}

  /** Calls that started in [from, to); a callback we placed is our call, not one offered to us. */
  async outcomes(from: number, to: number): Promise<CallOutcome[]> {
    return this.db
      .select({
        callStartedAt: tickets.callStartedAt,
        queue: tickets.queue,
        waitMs: tickets.waitMs,
        talkMs: tickets.talkMs,
        agentAnsweredAt: tickets.agentAnsweredAt,
        endedBy: tickets.endedBy,
        satisfaction: tickets.satisfaction,
        callbackRequested: sql<boolean>`${tickets.ivrPath} like '%"callback-requested"%'`.mapWith(Boolean),
      })
      .from(tickets)
      .where(and(gte(tickets.callStartedAt, from), lt(tickets.callStartedAt, to), sql`${tickets.ivrPath} not like '%"callback-of"%'`))
      .all();
  }
}
