// What the daily report needs of each call, read straight from the ticket rows.
import { and, gte, lt, sql } from 'drizzle-orm';
import type { CallOutcome } from '../../domain/reports/daily-report.js';
import type { Db } from './open-database.js';
import { tickets } from './schema.js';

export class ReportStore {
  constructor(private readonly db: Db) {}

  /** Calls that started in [from, to); a callback we placed is our call, not one offered to us. */
  outcomes(from: number, to: number): CallOutcome[] {
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
