// What the daily report needs of each call on PostgreSQL, as on SQLite (db/report-store.ts). The
// IVR path is jsonb here: its text form keeps each outcome's quoted word, so the same test applies.
import { and, gte, lt, ne, sql } from 'drizzle-orm';
import { PLACED_CALL_DIALED } from '../../domain/calls/call-facts.js';
import type { FollowUpRows, ReportRecords } from '../../app/ports/report-records.js';
import type { CallOutcome } from '../../domain/reports/daily-report.js';
import type { PgDb } from './open-postgres.js';
import { callTasks, textMessages, tickets } from './schema.js';
import { followUpCallRow } from '../../domain/reports/follow-up-figures.js';

export class PgReportStore implements ReportRecords {
  constructor(private readonly db: PgDb) {}

  /** Calls that started in [from, to); a callback, a reminder or a return visit we placed is our call, not one offered to us. */
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
        requestType: tickets.requestType,
        articlesUsed: sql<number>`jsonb_array_length(${tickets.articlesUsed})`.mapWith(Number),
      })
      .from(tickets)
      .where(and(gte(tickets.callStartedAt, from), lt(tickets.callStartedAt, to), sql`${tickets.ivrPath}::text not like '%"callback-of"%'`, ne(tickets.dialedNumber, PLACED_CALL_DIALED)))
      .orderBy(tickets.callStartedAt, tickets.id);
  }

  async followUpRows(from: number, to: number): Promise<FollowUpRows> {
    const dispatches = await this.db
      .select({ dispatchedAt: tickets.dispatchedAt, signedAt: tickets.firstResponseAt })
      .from(tickets)
      .where(and(gte(tickets.dispatchedAt, from), lt(tickets.dispatchedAt, to)));
    const messages = await this.db
      .select({ createdAt: textMessages.createdAt, status: textMessages.status })
      .from(textMessages)
      .where(and(gte(textMessages.createdAt, from), lt(textMessages.createdAt, to)));
    const tasks = await this.db
      .select({ createdAt: callTasks.createdAt, purpose: callTasks.purpose, attempts: callTasks.attempts, outcome: callTasks.outcome })
      .from(callTasks)
      .where(and(gte(callTasks.createdAt, from), lt(callTasks.createdAt, to)));
    return {
      // Only the latest dispatch of an order is kept on it: an order dispatched again counts once, at its last dispatch.
      dispatches: dispatches.flatMap((d) => (d.dispatchedAt === null ? [] : [{ dispatchedAt: d.dispatchedAt, signedAt: d.signedAt }])),
      messages: messages.map((m) => ({ createdAt: m.createdAt, status: m.status as FollowUpRows['messages'][number]['status'] })),
      calls: tasks.flatMap((task) => followUpCallRow(task) ?? []),
    };
  }
}
