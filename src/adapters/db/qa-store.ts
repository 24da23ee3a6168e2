// QA reviews and the daily samples of calls picked for review.
import { and, asc, eq, gte, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import type { AnsweredCall, NewQaReview, QaRecords, QaReviewRow } from '../../app/ports/qa-records.js';
import type { Db } from './open-database.js';
import { qaReviews, qaSamples, tickets } from './schema.js';

// The rows are app's (ports/qa-records.ts).
export type { NewQaReview, QaReviewRow };

// The methods are async for the port (a networked database answers later); SQLite answers at once.
export class QaStore implements QaRecords {
  constructor(private readonly db: Db) {}

  async addReview(review: NewQaReview): Promise<QaReviewRow> {
    return this.db.insert(qaReviews).values(review).returning().get();
  }

  async reviews(filter: { from: number; to: number; agentId?: string }): Promise<QaReviewRow[]> {
    return this.db
      .select()
      .from(qaReviews)
      .where(and(gte(qaReviews.createdAt, filter.from), lt(qaReviews.createdAt, filter.to), filter.agentId ? eq(qaReviews.agentId, filter.agentId) : undefined))
      .orderBy(asc(qaReviews.createdAt))
      .all();
  }

  async reviewsOfCalls(callIds: readonly string[]): Promise<QaReviewRow[]> {
    if (callIds.length === 0) return [];
    return this.db.select().from(qaReviews).where(inArray(qaReviews.callId, [...callIds])).all();
  }

  /** Calls an agent answered between two instants: what a day's sample is drawn from. */
  async answeredCalls(from: number, to: number): Promise<AnsweredCall[]> {
    return this.db
      .select({ callId: tickets.callId, agentId: sql<string>`${tickets.agentId}` })
      .from(tickets)
      .where(and(gte(tickets.callStartedAt, from), lt(tickets.callStartedAt, to), isNotNull(tickets.agentAnsweredAt), isNotNull(tickets.agentId)))
      .all();
  }

  /** Keeps an existing sample: drawing the same day twice must not change what QA already works on. */
  async saveSample(day: string, picks: readonly AnsweredCall[], percent: number, now: number): Promise<void> {
    this.db.transaction((tx) => {
      for (const pick of picks) tx.insert(qaSamples).values({ ...pick, day, percent, createdAt: now }).onConflictDoNothing().run();
    });
  }

  async sample(day: string): Promise<(AnsweredCall & { percent: number })[]> {
    return this.db.select({ callId: qaSamples.callId, agentId: qaSamples.agentId, percent: qaSamples.percent }).from(qaSamples).where(eq(qaSamples.day, day)).all();
  }
}
