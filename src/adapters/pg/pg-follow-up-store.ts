// The follow-up's view of the work orders on PostgreSQL, as on SQLite (db/follow-up-store.ts).
import { and, eq, isNull, lte } from 'drizzle-orm';
import type { FollowUpTickets } from '../../app/ports/follow-ups.js';
import { FOLLOW_UP_FIELDS } from '../../domain/follow-up/follow-up-columns.js';
import type { FollowUpTicket } from '../../domain/follow-up/follow-up-plan.js';
import type { PgDb } from './open-postgres.js';
import { tickets } from './schema.js';

const columns = Object.fromEntries(FOLLOW_UP_FIELDS.map((field) => [field, tickets[field]])) as { [K in (typeof FOLLOW_UP_FIELDS)[number]]: (typeof tickets)[K] };

export class PgFollowUpStore implements FollowUpTickets {
  constructor(private readonly db: PgDb) {}

  followUpsDue(now: number, limit: number): Promise<FollowUpTicket[]> {
    return this.db.select(columns).from(tickets).where(lte(tickets.followUpCheckAt, now)).orderBy(tickets.followUpCheckAt, tickets.id).limit(limit);
  }

  async followUpTicket(id: number): Promise<FollowUpTicket | undefined> {
    const [row] = await this.db.select(columns).from(tickets).where(eq(tickets.id, id));
    return row;
  }

  async setFollowUpCheck(id: number, at: number | null): Promise<void> {
    await this.db.update(tickets).set({ followUpCheckAt: at }).where(eq(tickets.id, id));
  }

  async listForManualVisit(id: number, now: number): Promise<void> {
    // The first failure's time stays: the list is worked oldest first.
    await this.db.update(tickets).set({ manualVisitAt: now }).where(and(eq(tickets.id, id), isNull(tickets.manualVisitAt)));
  }
}
