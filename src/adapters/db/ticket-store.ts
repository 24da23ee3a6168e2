// Closes a call and opens its ticket in one transaction, keyed by the call's linkedid, so a repeated
// or late hang-up, or a restart, can never create a second ticket. The same transaction first applies
// the call's own writes not yet committed (its start, answer, progress), and takes in what the agent
// typed during the call (the call's draft) and deletes it: one commit per ticket.
// The methods are async for the port (a networked database answers later); SQLite answers at once.
import { and, desc, eq, gte, isNotNull, lte, ne, sql } from 'drizzle-orm';
import { PLACED_CALL_DIALED } from '../../domain/calls/call-facts.js';
import type { CallWrite } from '../../app/ports/call-records.js';
import type { CloseResult, HistoryRow, ManualVisitPage, TicketChanges, TicketEventInput, TicketEventRow, TicketRecords, TicketRow, UpdateResult, WarningCounts } from '../../app/ports/ticket-records.js';
import type { TicketSearch } from '../../app/ports/ticket-search.js';
import type { PastOrder } from '../../domain/tickets/dispatch-suggestion.js';
import type { CallFacts } from '../../domain/calls/call-facts.js';
import { hangupCauseText } from '../../domain/calls/hangup-cause.js';
import { draftColumns } from '../../domain/tickets/call-draft.js';
import { buildTicket, ticketDayOf } from '../../domain/tickets/ticket-builder.js';
import { callWriteApplier, type CallWriteApplier } from './call-store.js';
import { draftOfRow } from './draft-store.js';
import type { Db } from './open-database.js';
import { decodeVisitCursor, encodeVisitCursor, manualVisitConditions, manualVisitOrder } from '../sql/manual-visit-conditions.js';
import { TicketCloseStatements } from './ticket-close-statements.js';
import { listTickets, type TicketFilter, type TicketPage } from './ticket-query.js';
import { ticketEvents, tickets } from './schema.js';

// The routes and the socket adapter read rows from here; the rows are app's (ports/ticket-records.ts).
export type { TicketEventRow, TicketRow };

export class TicketStore implements TicketRecords, TicketSearch {
  private readonly byCall;
  private readonly byNumber;
  private readonly byId;
  private readonly eventsOf;
  // Every screen pop reads both: prepared once, and only the columns a pop shows.
  private readonly history;
  private readonly callCount;
  private readonly applyCallWrite: CallWriteApplier;
  private readonly close: TicketCloseStatements;

  constructor(private readonly db: Db) {
    this.byCall = db.select().from(tickets).where(eq(tickets.callId, sql.placeholder('callId'))).prepare();
    this.byNumber = db.select().from(tickets).where(eq(tickets.number, sql.placeholder('number'))).prepare();
    this.byId = db.select().from(tickets).where(eq(tickets.id, sql.placeholder('id'))).prepare();
    this.eventsOf = db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, sql.placeholder('id'))).orderBy(ticketEvents.id).prepare();
    const recent = and(eq(tickets.callerNumber, sql.placeholder('number')), gte(tickets.createdAt, sql.placeholder('since')));
    this.history = db
      .select({ id: tickets.id, number: tickets.number, status: tickets.status, requestType: tickets.requestType, categoryCode: tickets.categoryCode, title: tickets.title, createdAt: tickets.createdAt })
      .from(tickets)
      .where(recent)
      .orderBy(desc(tickets.createdAt), desc(tickets.id))
      .limit(sql.placeholder('limit'))
      .prepare();
    // The calls the number made: the reminders and return visits the hotline placed to it are not theirs.
    this.callCount = db.select({ n: sql<number>`count(*)` }).from(tickets).where(and(recent, ne(tickets.dialedNumber, PLACED_CALL_DIALED))).prepare();
    this.applyCallWrite = callWriteApplier(db);
    this.close = new TicketCloseStatements(db);
  }

  async closeCallWithTicket(facts: CallFacts, now: number, pending: readonly CallWrite[] = []): Promise<CloseResult> {
    const close = this.close;
    return this.db.transaction(() => {
      const existing = this.byCall.get({ callId: facts.callId });
      if (existing) return { ticket: existing, created: false };
      // The call's own writes still waiting for their window: its row gets its real channel and
      // caller name before it is closed, in this same commit.
      for (const write of pending) this.applyCallWrite(write);
      const callId = facts.callId;
      // A call whose start was never recorded (e.g. adopted after a crash) still gets its row: the
      // call's own start write, which keeps a row already there.
      this.applyCallWrite({ kind: 'start', call: { id: callId, channelId: callId, callerNumber: facts.callerNumber, callerName: facts.callerName, dialedNumber: facts.dialedNumber, startedAt: facts.startedAt } });
      close.endCall.run({
        callId,
        endedAt: facts.endedAt,
        hangupCause: facts.hangupCause,
        hangupCauseText: hangupCauseText(facts.hangupCause),
        endedBy: facts.endedBy,
        answeredAt: facts.answeredAt,
        ivrPath: JSON.stringify(facts.ivrPath),
        now,
      });
      const sequence = close.nextSequence.get({ day: ticketDayOf(now) });
      if (!sequence) throw new Error('ticket sequence not returned');
      const draft = buildTicket(facts, sequence.last, now);
      const typed = this.typedDuringCall(callId);
      const ticket = close.insertTicket({ ...draft, ...typed.columns, ivrPath: [...draft.ivrPath], recordings: [...draft.recordings] });
      close.insertEvent.run({ ticketId: ticket.id, at: now, toStatus: ticket.status });
      if (typed.event) close.insertTypedEvent.run({ ticketId: ticket.id, at: now, kind: typed.event.kind, actor: typed.event.actor, data: typed.event.data });
      for (const recording of facts.recordings) {
        close.insertRecording.run({ id: recording.name, callId, kind: recording.kind, format: recording.format, file: `${recording.name}.${recording.format}`, startedAt: recording.startedAt, now });
      }
      return { ticket, created: true };
    }, { behavior: 'immediate' });
  }

  /** The agent's draft of the call, as ticket columns (see domain/tickets/call-draft.ts), taken out of its table. */
  private typedDuringCall(callId: string): ReturnType<typeof draftColumns> {
    const row = this.close.draftOf.get({ callId });
    if (!row) return { columns: {}, event: null };
    this.close.deleteDraft.run({ callId });
    return draftColumns(draftOfRow(row));
  }

  async getByCall(callId: string): Promise<TicketRow | undefined> {
    return this.byCall.get({ callId });
  }

  async getByNumber(number: string): Promise<TicketRow | undefined> {
    return this.byNumber.get({ number });
  }

  async get(id: number): Promise<TicketRow | undefined> {
    return this.byId.get({ id });
  }

  async events(ticketId: number): Promise<TicketEventRow[]> {
    return this.eventsOf.all({ id: ticketId });
  }

  async list(filter: TicketFilter): Promise<TicketPage | null> {
    return listTickets(this.db, filter);
  }

  /** A caller's tickets since `since`, newest first: the history on the screen pop. */
  async callerHistory(callerNumber: string, since: number, limit: number): Promise<HistoryRow[]> {
    return this.history.all({ number: callerNumber, since, limit });
  }

  /** How many times a number called since `since` (every call has its ticket). */
  async callsSince(callerNumber: string, since: number): Promise<number> {
    return this.callCount.get({ number: callerNumber, since })?.n ?? 0;
  }

  /** Open orders per warning colour, for the wallboard. */
  async warningCounts(): Promise<WarningCounts> {
    const rows = this.db.select({ warning: tickets.warning, n: sql<number>`count(*)` }).from(tickets).where(isNotNull(tickets.warning)).groupBy(tickets.warning).all();
    const count = (colour: string): number => rows.find((row) => row.warning === colour)?.n ?? 0;
    return { red: count('red'), yellow: count('yellow'), green: count('green') };
  }

  /** Recent dispatches of a category (and area), for the dispatch suggestion. */
  async pastOrders(categoryCode: string, limit: number): Promise<PastOrder[]> {
    return this.db
      .select({ unitId: tickets.mainUnit, categoryCode: tickets.categoryCode, area: tickets.area })
      .from(tickets)
      .where(and(eq(tickets.categoryCode, categoryCode), isNotNull(tickets.mainUnit)))
      .orderBy(desc(tickets.createdAt))
      .limit(limit)
      .all()
      .map((row) => ({ unitId: row.unitId ?? '', categoryCode, area: row.area }));
  }

  /** Open tickets whose warnings may have changed by `now`, oldest check first. */
  async warningChecksDue(now: number, limit: number): Promise<TicketRow[]> {
    return this.db.select().from(tickets).where(lte(tickets.warningCheckAt, now)).orderBy(tickets.warningCheckAt).limit(limit).all();
  }

  /** Warnings are derived data: writing them is no edit, so the version stays. */
  async setWarning(id: number, warning: { warning: string | null; warningSince: number | null; warningCheckAt: number | null }): Promise<void> {
    this.db.update(tickets).set(warning).where(eq(tickets.id, id)).run();
  }

  /**
   * Applies changes made on the version the writer read, with the events that explain them, in one
   * transaction: a writer who read an older version is refused rather than silently overwriting.
   */
  async update(id: number, version: number | null, changes: TicketChanges, events: readonly TicketEventInput[]): Promise<UpdateResult> {
    return this.db.transaction((tx) => {
      const current = this.byId.get({ id });
      if (!current) return { ok: false, code: 'TICKET_NOT_FOUND' } as const;
      if (version !== null && current.version !== version) return { ok: false, code: 'TICKET_VERSION_CONFLICT' } as const;
      const ticket = tx
        .update(tickets)
        .set({ ...changes, version: current.version + 1 })
        .where(and(eq(tickets.id, id), eq(tickets.version, current.version)))
        .returning()
        .get();
      if (!ticket) return { ok: false, code: 'TICKET_VERSION_CONFLICT' } as const;
      for (const event of events) tx.insert(ticketEvents).values({ ticketId: id, ...event }).run();
      return { ok: true, ticket } as const;
    }, { behavior: 'immediate' });
  }

  /** The return visits to make by hand (人工回访), longest waiting first; null for a cursor not ours. */
  async manualVisits(limit: number, cursor?: string): Promise<ManualVisitPage | null> {
    const after = cursor === undefined ? null : decodeVisitCursor(cursor);
    if (cursor !== undefined && after === null) return null;
    const rows = this.db.select().from(tickets).where(manualVisitConditions(tickets, after)).orderBy(...manualVisitOrder(tickets)).limit(limit + 1).all();
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return { tickets: page, nextCursor: rows.length > limit && last ? encodeVisitCursor(last) : null };
  }
}
