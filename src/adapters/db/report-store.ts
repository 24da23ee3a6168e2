// What the daily report needs of each call, read straight from the ticket rows.
import { and, gte, lt, ne, sql } from 'drizzle-orm';
import { PLACED_CALL_DIALED } from '../../domain/calls/call-facts.js';
import type { CallOutcome, FollowUpRows, ReportRecords } from '../../app/ports/report-records.js';
import type { Db } from './open-database.js';
import { callTasks, textMessages, tickets } from './schema.js';
import { followUpCallRow } from '../../domain/reports/follow-up-figures.js';

// Async for the port (a networked database answers later); SQLite answers at once.
export class ReportStore implements ReportRecords {
  constructor(private readonly db: Db) {}

  /** Calls that started in [from, to); a callback, a reminder or a return visit we placed is our call, not one offered to us. */
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
        requestType: tickets.requestType,
        articlesUsed: sql<number>`json_array_length(${tickets.articlesUsed})`.mapWith(Number),
      })
      .from(tickets)
      .where(and(gte(tickets.callStartedAt, from), lt(tickets.callStartedAt, to), sql`${tickets.ivrPath} not like '%"callback-of"%'`, ne(tickets.dialedNumber, PLACED_CALL_DIALED)))
      .all();
  }

  async followUpRows(from: number, to: number): Promise<FollowUpRows> {
    const dispatches = await this.db
      .select({ dispatchedAt: tickets.dispatchedAt, signedAt: tickets.firstResponseAt })
      .from(tickets)
      .where(and(gte(tickets.dispatchedAt, from), lt(tickets.dispatchedAt, to))).all();
    const messages = await this.db
      .select({ createdAt: textMessages.createdAt, status: textMessages.status })
      .from(textMessages)
      .where(and(gte(textMessages.createdAt, from), lt(textMessages.createdAt, to))).all();
    const tasks = await this.db
      .select({ createdAt: callTasks.createdAt, purpose: callTasks.purpose, attempts: callTasks.attempts, outcome: callTasks.outcome })
      .from(callTasks)
      .where(and(gte(callTasks.createdAt, from), lt(callTasks.createdAt, to))).all();
    return {
      // Only the latest dispatch of an order is kept on it: an order dispatched again counts once, at its last dispatch.
      dispatches: dispatches.flatMap((d) => (d.dispatchedAt === null ? [] : [{ dispatchedAt: d.dispatchedAt, signedAt: d.signedAt }])),
      messages: messages.map((m) => ({ createdAt: m.createdAt, status: m.status as FollowUpRows['messages'][number]['status'] })),
      calls: tasks.flatMap((task) => followUpCallRow(task) ?? []),
    };
  }
}
