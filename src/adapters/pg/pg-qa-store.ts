// QA reviews and the daily samples on PostgreSQL, as on SQLite (db/qa-store.ts).
import { and, asc, eq, gte, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import type { NewQaReview, QaRecords, QaReviewRow } from '../../app/ports/qa-records.js';
import type { PgDb } from './open-postgres.js';
import { qaReviews, qaSamples, tickets } from './schema.js';

export class PgQaStore implements QaRecords {
  constructor(private readonly db: PgDb) {}

  async addReview(review: NewQaReview): Promise<QaReviewRow> {
    const [row] = await this.db.insert(qaReviews).values(review).returning();
    if (!row) throw new Error('review insert returned no row');
    return row;
  }

  reviews(filter: { from: number; to: number; agentId?: string }): Promise<QaReviewRow[]> {
    return this.db
      .select()
      .from(qaReviews)
      .where(and(gte(qaReviews.createdAt, filter.from), lt(qaReviews.createdAt, filter.to), filter.agentId ? eq(qaReviews.agentId, filter.agentId) : undefined))
      .orderBy(asc(qaReviews.createdAt), asc(qaReviews.id));
  }

  async reviewsOfCalls(callIds: readonly string[]): Promise<QaReviewRow[]> {
    if (callIds.length === 0) return [];
    return this.db.select().from(qaReviews).where(inArray(qaReviews.callId, [...callIds])).orderBy(asc(qaReviews.id));
  }

  /** Calls an agent answered between two instants: what a day's sample is drawn from. */
  answeredCalls(from: number, to: number): Promise<{ callId: string; agentId: string }[]> {
    return this.db
      .select({ callId: tickets.callId, agentId: sql<string>`${tickets.agentId}` })
      .from(tickets)
      .where(and(gte(tickets.callStartedAt, from), lt(tickets.callStartedAt, to), isNotNull(tickets.agentAnsweredAt), isNotNull(tickets.agentId)))
      .orderBy(asc(tickets.id));
  }

  /** Keeps an existing sample: drawing the same day twice must not change what QA already works on. */
  async saveSample(day: string, picks: readonly { callId: string; agentId: string }[], percent: number, now: number): Promise<void> {
    if (picks.length === 0) return;
    await this.db
      .insert(qaSamples)
      .values(picks.map((pick) => ({ ...pick, day, percent, createdAt: now })))
      .onConflictDoNothing();
  }

  sample(day: string): Promise<{ callId: string; agentId: string; percent: number }[]> {
    return this.db.select({ callId: qaSamples.callId, agentId: qaSamples.agentId, percent: qaSamples.percent }).from(qaSamples).where(eq(qaSamples.day, day)).orderBy(asc(qaSamples.callId));
  }
}
