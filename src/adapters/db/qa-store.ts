// QA reviews and the daily samples of calls picked for review.
import { and, asc, eq, gte, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import type { Db } from './open-database.js';
import { qaReviews, qaSamples, tickets } from './schema.js';

export type QaReviewRow = typeof qaReviews.$inferSelect;
export type NewQaReview = Omit<typeof qaReviews.$inferInsert, 'id'>;

export class QaStore {
  constructor(private readonly db: Db) {}

  addReview(review: NewQaReview): QaReviewRow {
    return this.db.insert(qaReviews).values(review).returning().get();
  }

  reviews(filter: { from: number; to: number; agentId?: string }): QaReviewRow[] {
    return this.db
      .select()
      .from(qaReviews)
      .where(and(gte(qaReviews.createdAt, filter.from), lt(qaReviews.createdAt, filter.to), filter.agentId ? eq(qaReviews.agentId, filter.agentId) : undefined))
      .orderBy(asc(qaReviews.createdAt))
      .all();
  }

  reviewsOfCalls(callIds: readonly string[]): QaReviewRow[] {
    if (callIds.length === 0) return [];
    return this.db.select().from(qaReviews).where(inArray(qaReviews.callId, [...callIds])).all();
  }

  /** Calls an agent answered between two instants: what a day's sample is drawn from. */
  answeredCalls(from: number, to: number): { callId: string; agentId: string }[] {
    return this.db
      .select({ callId: tickets.callId, agentId: sql<string>`${tickets.agentId}` })
      .from(tickets)
      .where(and(gte(tickets.callStartedAt, from), lt(tickets.callStartedAt, to), isNotNull(tickets.agentAnsweredAt), isNotNull(tickets.agentId)))
      .all();
  }

  /** Keeps an existing sample: drawing the same day twice must not change what QA already works on. */
  saveSample(day: string, picks: readonly { callId: string; agentId: string }[], percent: number, now: number): void {
    this.db.transaction((tx) => {
      for (const pick of picks) tx.insert(qaSamples).values({ ...pick, day, percent, createdAt: now }).onConflictDoNothing().run();
    });
  }

  sample(day: string): { callId: string; agentId: string; percent: number }[] {
    return this.db.select({ callId: qaSamples.callId, agentId: qaSamples.agentId, percent: qaSamples.percent }).from(qaSamples).where(eq(qaSamples.day, day)).all();
  }
}
