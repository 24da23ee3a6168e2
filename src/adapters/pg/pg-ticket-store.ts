// Work orders on PostgreSQL, with the rules of SQLite's store (db/ticket-store.ts): the call closed
// and its ticket opened in one transaction keyed by the call's id (a repeated hang-up gets the ticket
// already there), the agent's draft taken in, numbers per China day, versioned edits with their events.
// Two servers may close the same call at once here, which one SQLite writer never saw: the call's
// advisory lock (call-lock.ts) makes the second wait and then find the first one's ticket.
import { and, count, desc, eq, gte, isNotNull, lte, ne, sql } from 'drizzle-orm';
import { PLACED_CALL_DIALED } from '../../domain/calls/call-facts.js';
import type { CallWrite } from '../../app/ports/call-records.js';
import type { CloseResult, HistoryRow, ManualVisitPage, TicketChanges, TicketEventInput, TicketEventRow, TicketRecords, TicketRow, UpdateResult, WarningCounts } from '../../app/ports/ticket-records.js';
import type { TicketFilter, TicketPage, TicketSearch } from '../../app/ports/ticket-search.js';
import type { PastOrder } from '../../domain/tickets/dispatch-suggestion.js';
import type { CallFacts } from '../../domain/calls/call-facts.js';
import { hangupCauseText } from '../../domain/calls/hangup-cause.js';
import { draftColumns } from '../../domain/tickets/call-draft.js';
import { buildTicket, ticketDayOf } from '../../domain/tickets/ticket-builder.js';
import { draftOfRow } from '../db/draft-store.js';
import { decodeVisitCursor, encodeVisitCursor, manualVisitConditions, manualVisitOrder } from '../sql/manual-visit-conditions.js';
import { lockCall } from './call-lock.js';
import type { PgDb } from './open-postgres.js';
import { applyCallWrite, type PgTx } from './pg-call-writes.js';
import { PgTicketSearch } from './pg-ticket-search.js';
import { callDrafts, calls, recordings, ticketEvents, tickets, ticketSequences } from './schema.js';

export class PgTicketStore implements TicketRecords, TicketSearch {
  private readonly search: PgTicketSearch;

  constructor(private readonly db: PgDb) {
    this.search = new PgTicketSearch(db);
  }

  /** The ticket list (pg-ticket-search.ts), here too so the routes get one object, as on SQLite. */
  list(filter: TicketFilter): Promise<TicketPage | null> {
    return this.search.list(filter);
  }

  closeCallWithTicket(facts: CallFacts, now: number, pending: readonly CallWrite[] = []): Promise<CloseResult> {
    return this.db.transaction(async (tx) => {
      await lockCall(tx, facts.callId);
      const [existing] = await tx.select().from(tickets).where(eq(tickets.callId, facts.callId)).limit(1);
      if (existing) return { ticket: existing, created: false };
      for (const write of pending) await applyCallWrite(tx, write);
      await this.ensureCallRow(tx, facts);
      await tx
        .update(calls)
        .set({ state: 'ended', endedAt: facts.endedAt, hangupCause: facts.hangupCause, hangupCauseText: hangupCauseText(facts.hangupCause), endedBy: facts.endedBy, answeredAt: facts.answeredAt, ivrPath: [...facts.ivrPath], updatedAt: now })
        .where(eq(calls.id, facts.callId));
      const day = ticketDayOf(now);
      const [sequence] = await tx
        .insert(ticketSequences)
        .values({ day, last: 1 })
        .onConflictDoUpdate({ target: ticketSequences.day, set: { last: sql`${ticketSequences.last} + 1` } })
        .returning({ last: ticketSequences.last });
      const draft = buildTicket(facts, sequence?.last ?? 1, now);
      const typed = await this.typedDuringCall(tx, facts.callId);
      const [ticket] = await tx
        .insert(tickets)
        .values({ ...draft, ...typed.columns, ivrPath: [...draft.ivrPath], recordings: [...draft.recordings] })
        .returning();
      if (!ticket) throw new Error('ticket insert returned no row');
      await tx.insert(ticketEvents).values({ ticketId: ticket.id, at: now, kind: 'created', actor: 'system', toStatus: ticket.status });
      if (typed.event) await tx.insert(ticketEvents).values({ ticketId: ticket.id, at: now, ...typed.event });
      for (const recording of facts.recordings) {
        await tx
          .insert(recordings)
          .values({ id: recording.name, callId: facts.callId, kind: recording.kind, format: recording.format, file: `${recording.name}.${recording.format}`, state: 'pending', startedAt: recording.startedAt, createdAt: now, updatedAt: now })
          .onConflictDoNothing();
      }
      return { ticket, created: true };
    });
  }

  /** The agent's draft of the call, as ticket columns, taken out of its table. */
  private async typedDuringCall(tx: PgTx, callId: string): Promise<ReturnType<typeof draftColumns>> {
    const [row] = await tx.delete(callDrafts).where(eq(callDrafts.callId, callId)).returning();
    return row ? draftColumns(draftOfRow(row)) : { columns: {}, event: null };
  }

  /** A call whose start was never recorded (adopted after a crash) still gets its row. */
  private async ensureCallRow(tx: PgTx, facts: CallFacts): Promise<void> {
    await tx
      .insert(calls)
      .values({ id: facts.callId, channelId: facts.callId, callerNumber: facts.callerNumber, callerName: facts.callerName, dialedNumber: facts.dialedNumber, state: 'active', startedAt: facts.startedAt, updatedAt: facts.startedAt })
      .onConflictDoNothing();
  }

  async get(id: number): Promise<TicketRow | undefined> {
    const [row] = await this.db.select().from(tickets).where(eq(tickets.id, id)).limit(1);
    return row;
  }

  async getByCall(callId: string): Promise<TicketRow | undefined> {
    const [row] = await this.db.select().from(tickets).where(eq(tickets.callId, callId)).limit(1);
    return row;
  }

  async getByNumber(number: string): Promise<TicketRow | undefined> {
    const [row] = await this.db.select().from(tickets).where(eq(tickets.number, number)).limit(1);
    return row;
  }

  events(ticketId: number): Promise<TicketEventRow[]> {
    return this.db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, ticketId)).orderBy(ticketEvents.id);
  }

  /** A caller's tickets since `since`, newest first: the history on the screen pop. */
  callerHistory(callerNumber: string, since: number, limit: number): Promise<HistoryRow[]> {
    return this.db
      .select({ id: tickets.id, number: tickets.number, status: tickets.status, requestType: tickets.requestType, categoryCode: tickets.categoryCode, title: tickets.title, createdAt: tickets.createdAt })
      .from(tickets)
      .where(and(eq(tickets.callerNumber, callerNumber), gte(tickets.createdAt, since)))
      .orderBy(desc(tickets.createdAt), desc(tickets.id))
      .limit(limit);
  }

  async callsSince(callerNumber: string, since: number): Promise<number> {
    const [row] = await this.db
      .select({ n: count() })
      .from(tickets)
      // The calls the number made: the reminders and return visits the hotline placed to it are not theirs.
      .where(and(eq(tickets.callerNumber, callerNumber), gte(tickets.createdAt, since), ne(tickets.dialedNumber, PLACED_CALL_DIALED)));
    return row?.n ?? 0;
  }

  async warningCounts(): Promise<WarningCounts> {
    const rows = await this.db.select({ warning: tickets.warning, n: count() }).from(tickets).where(isNotNull(tickets.warning)).groupBy(tickets.warning);
    const of = (colour: string): number => rows.find((row) => row.warning === colour)?.n ?? 0;
    return { red: of('red'), yellow: of('yellow'), green: of('green') };
  }

  async pastOrders(categoryCode: string, limit: number): Promise<PastOrder[]> {
    const rows = await this.db
      .select({ unitId: tickets.mainUnit, area: tickets.area })
      .from(tickets)
      .where(and(eq(tickets.categoryCode, categoryCode), isNotNull(tickets.mainUnit)))
      .orderBy(desc(tickets.createdAt))
      .limit(limit);
    return rows.map((row) => ({ unitId: row.unitId ?? '', categoryCode, area: row.area }));
  }

  warningChecksDue(now: number, limit: number): Promise<TicketRow[]> {
    return this.db.select().from(tickets).where(lte(tickets.warningCheckAt, now)).orderBy(tickets.warningCheckAt).limit(limit);
  }

  async setWarning(id: number, warning: { warning: string | null; warningSince: number | null; warningCheckAt: number | null }): Promise<void> {
    await this.db.update(tickets).set(warning).where(eq(tickets.id, id));
  }

  /** Changes made on the version the writer read, with their events, in one transaction; an older version is refused. */
  update(id: number, version: number | null, changes: TicketChanges, events: readonly TicketEventInput[]): Promise<UpdateResult> {
    return this.db.transaction(async (tx) => {
      // FOR UPDATE: a second writer waits here, then reads the version the first one made.
      const [current] = await tx.select().from(tickets).where(eq(tickets.id, id)).for('update');
      if (!current) return { ok: false, code: 'TICKET_NOT_FOUND' } as const;
      if (version !== null && current.version !== version) return { ok: false, code: 'TICKET_VERSION_CONFLICT' } as const;
      const [ticket] = await tx
        .update(tickets)
        .set({ ...changes, version: current.version + 1 })
        .where(and(eq(tickets.id, id), eq(tickets.version, current.version)))
        .returning();
      if (!ticket) return { ok: false, code: 'TICKET_VERSION_CONFLICT' } as const;
      for (const event of events) await tx.insert(ticketEvents).values({ ticketId: id, ...event });
      return { ok: true, ticket } as const;
    });
  }

  /** The return visits to make by hand (人工回访), longest waiting first; null for a cursor not ours. */
  async manualVisits(limit: number, cursor?: string): Promise<ManualVisitPage | null> {
    const after = cursor === undefined ? null : decodeVisitCursor(cursor);
    if (cursor !== undefined && after === null) return null;
    const rows = await this.db.select().from(tickets).where(manualVisitConditions(tickets, after)).orderBy(...manualVisitOrder(tickets)).limit(limit + 1);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return { tickets: page, nextCursor: rows.length > limit && last ? encodeVisitCursor(last) : null };
  }
}
