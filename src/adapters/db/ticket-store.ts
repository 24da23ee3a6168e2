// Closes a call and opens its ticket in one transaction, keyed by the call's linkedid, so a repeated
// or late hang-up, or a restart, can never create a second ticket.
import { and, eq, sql } from 'drizzle-orm';
import type { CallFacts } from '../../domain/calls/call-facts.js';
import { hangupCauseText } from '../../domain/calls/hangup-cause.js';
import { buildTicket, ticketDayOf } from '../../domain/tickets/ticket-builder.js';
import type { Db } from './open-database.js';
import { calls, tickets, ticketSequences } from './schema.js';

export type TicketRow = typeof tickets.$inferSelect;

export interface CloseResult {
  readonly ticket: TicketRow;
  /** False when the call already had its ticket: nothing was written. */
  readonly created: boolean;
}

export class TicketStore {
  private readonly byCall;
  private readonly byNumber;

  constructor(private readonly db: Db) {
    this.byCall = db.select().from(tickets).where(eq(tickets.callId, sql.placeholder('callId'))).prepare();
    this.byNumber = db.select().from(tickets).where(eq(tickets.number, sql.placeholder('number'))).prepare();
  }

  closeCallWithTicket(facts: CallFacts, now: number): CloseResult {
    return this.db.transaction((tx) => {
      const existing = this.byCall.get({ callId: facts.callId });
      if (existing) return { ticket: existing, created: false };
      this.ensureCallRow(tx, facts);
      tx.update(calls)
        .set({
          state: 'ended',
          endedAt: facts.endedAt,
          hangupCause: facts.hangupCause,
          hangupCauseText: hangupCauseText(facts.hangupCause),
          endedBy: facts.endedBy,
          answeredAt: facts.answeredAt,
          ivrPath: [...facts.ivrPath],
          updatedAt: now,
        })
        .where(and(eq(calls.id, facts.callId)))
        .run();
      const day = ticketDayOf(now);
      const { last } = tx
        .insert(ticketSequences)
        .values({ day, last: 1 })
        .onConflictDoUpdate({ target: ticketSequences.day, set: { last: sql`${ticketSequences.last} + 1` } })
        .returning({ last: ticketSequences.last })
        .get();
      const draft = buildTicket(facts, last, now);
      const ticket = tx
        .insert(tickets)
        .values({ ...draft, ivrPath: [...draft.ivrPath], recordings: [...draft.recordings] })
        .returning()
        .get();
      return { ticket, created: true };
    }, { behavior: 'immediate' });
  }

  /** A call whose start was never recorded (e.g. adopted after a crash) still gets its row. */
  private ensureCallRow(tx: Pick<Db, 'insert'>, facts: CallFacts): void {
    tx.insert(calls)
      .values({
        id: facts.callId,
        channelId: facts.callId,
        callerNumber: facts.callerNumber,
        callerName: facts.callerName,
        dialedNumber: facts.dialedNumber,
        state: 'active',
        startedAt: facts.startedAt,
        updatedAt: facts.startedAt,
      })
      .onConflictDoNothing()
      .run();
  }

  getByCall(callId: string): TicketRow | undefined {
    return this.byCall.get({ callId });
  }

  getByNumber(number: string): TicketRow | undefined {
    return this.byNumber.get({ number });
  }
}
