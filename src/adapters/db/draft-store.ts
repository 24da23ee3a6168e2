// Keeps the work order an agent types during a call, one row per call (its linkedid), replaced at
// each save. Plain SQL that PostgreSQL speaks too: an upsert on the primary key, guarded in the same
// transaction by the absence of the call's ticket, so a save that lands after the hang-up's
// transaction is refused instead of leaving a draft nobody will read.
import { eq, sql } from 'drizzle-orm';
import type { CallDraft, DraftRecords, DraftSaveOutcome } from '../../app/ports/draft-records.js';
import { isRequestType, isUrgency } from '../../domain/tickets/request-types.js';
import type { Db } from './open-database.js';
import { callDrafts, tickets } from './schema.js';

type DraftRow = typeof callDrafts.$inferSelect;

/** A row read back in app's words: a word an older server wrote and this one no longer knows reads as unset. */
export function draftOfRow(row: DraftRow): CallDraft {
  const { createdAt: _created, requestType, urgency, ...rest } = row;
  return { ...rest, requestType: requestType !== null && isRequestType(requestType) ? requestType : null, urgency: urgency !== null && isUrgency(urgency) ? urgency : null };
}

// The methods are async for the port (a networked database answers later); SQLite answers at once.
export class DraftStore implements DraftRecords {
  private readonly byCall;
  private readonly ticketOf;

  constructor(private readonly db: Db) {
    this.byCall = db.select().from(callDrafts).where(eq(callDrafts.callId, sql.placeholder('callId'))).prepare();
    this.ticketOf = db.select({ id: tickets.id }).from(tickets).where(eq(tickets.callId, sql.placeholder('callId'))).prepare();
  }

  async get(callId: string): Promise<CallDraft | undefined> {
    const row = this.byCall.get({ callId });
    return row ? draftOfRow(row) : undefined;
  }

  async save(draft: Omit<CallDraft, 'updatedAt'>, now: number): Promise<DraftSaveOutcome> {
    return this.db.transaction((tx) => {
      if (this.ticketOf.get({ callId: draft.callId })) return { saved: false, reason: 'closed' } as const;
      const row = tx
        .insert(callDrafts)
        .values({ ...draft, createdAt: now, updatedAt: now })
        .onConflictDoUpdate({ target: callDrafts.callId, set: { ...draft, updatedAt: now } })
        .returning()
        .get();
      return { saved: true, draft: draftOfRow(row) } as const;
    }, { behavior: 'immediate' });
  }
}
