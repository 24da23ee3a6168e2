// The follow-up's view of the work orders on SQLite: the orders whose check is due, and the two
// derived columns it writes (the next check, the manual return-visit list). Neither write is an
// edit of the order, so its version stays.
import { and, eq, isNull, lte } from 'drizzle-orm';
import type { FollowUpTickets } from '../../app/ports/follow-ups.js';
import { FOLLOW_UP_FIELDS } from '../../domain/follow-up/follow-up-columns.js';
import type { FollowUpTicket } from '../../domain/follow-up/follow-up-plan.js';
import type { Db } from './open-database.js';
import { tickets } from './schema.js';

const columns = Object.fromEntries(FOLLOW_UP_FIELDS.map((field) => [field, tickets[field]])) as { [K in (typeof FOLLOW_UP_FIELDS)[number]]: (typeof tickets)[K] };

export class FollowUpStore implements FollowUpTickets {
  constructor(private readonly db: Db) {}

  async followUpsDue(now: number, limit: number): Promise<FollowUpTicket[]> {
    return this.db.select(columns).from(tickets).where(lte(tickets.followUpCheckAt, now)).orderBy(tickets.followUpCheckAt).limit(limit).all();
  }

  async followUpTicket(id: number): Promise<FollowUpTicket | undefined> {
    return this.db.select(columns).from(tickets).where(eq(tickets.id, id)).get();
  }

  async setFollowUpCheck(id: number, at: number | null): Promise<void> {
    this.db.update(tickets).set({ followUpCheckAt: at }).where(eq(tickets.id, id)).run();
  }

  async listForManualVisit(id: number, now: number): Promise<void> {
    // The first failure's time stays: the list is worked oldest first.
    this.db.update(tickets).set({ manualVisitAt: now }).where(and(eq(tickets.id, id), isNull(tickets.manualVisitAt))).run();
  }
}
