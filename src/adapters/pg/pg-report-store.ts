// What the daily report needs of each call on PostgreSQL, as on SQLite (db/report-store.ts). The
// IVR path is jsonb here: its text form keeps each outcome's quoted word, so the same test applies.
import { and, gte, lt, sql } from 'drizzle-orm';
import type { ReportRecords } from '../../app/ports/report-records.js';
import type { CallOutcome } from '../../domain/reports/daily-report.js';
import type { PgDb } from './open-postgres.js';
import { tickets } from './schema.js';

export class PgReportStore implements ReportRecords {
  constructor(private readonly db: PgDb) {}

  /** Calls that started in [from, to); a callback we placed is our call, not one offered to us. */
  outcomes(from: number, to: number): Promise<CallOutcome[]> {
    return this.db
      .select({
        callStartedAt: tickets.callStartedAt,
        queue: tickets.queue,
        waitMs: tickets.waitMs,
        talkMs: tickets.talkMs,
        agentAnsweredAt: tickets.agentAnsweredAt,
        endedBy: tickets.endedBy,
        satisfaction: tickets.satisfaction,
        callbackRequested: sql<boolean>`${tickets.ivrPath}::text like '%"callback-requested"%'`.mapWith(Boolean),
      })
      .from(tickets)
      .where(and(gte(tickets.callStartedAt, from), lt(tickets.callStartedAt, to), sql`${tickets.ivrPath}::text not like '%"callback-of"%'`))
      .orderBy(tickets.callStartedAt, tickets.id);
  }
}
