// The statements that close a call with its ticket, prepared once. The close runs once per call;
// drizzle building and SQLite preparing its statements each time was about half of its CPU
// (bench/ticket-commit.bench.ts: 3.9–4.2 ms per close before, 2.0–2.1 ms after).
import { eq, sql } from 'drizzle-orm';
import type { Db } from './open-database.js';
import { callDrafts, calls, recordings, ticketEvents, tickets, ticketSequences } from './schema.js';

type TicketValues = typeof tickets.$inferInsert;
type TicketInsert = ReturnType<typeof prepareTicketInsert>;

/**
 * A ticket's columns vary with what the agent typed during the call (call-draft.ts leaves out what
 * is empty, and the table's defaults fill it), so its insert is prepared once per set of columns.
 * There are few such sets; past this many, an unusual one is built and prepared on the spot.
 */
const TICKET_SHAPES_KEPT = 64;

export class TicketCloseStatements {
  readonly draftOf;
  readonly deleteDraft;
  readonly endCall;
  readonly nextSequence;
  readonly insertEvent;
  readonly insertTypedEvent;
  readonly insertRecording;
  private readonly ticketInserts = new Map<string, TicketInsert>();

  constructor(private readonly db: Db) {
    const callId = sql.placeholder('callId');
    this.draftOf = db.select().from(callDrafts).where(eq(callDrafts.callId, callId)).prepare();
    this.deleteDraft = db.delete(callDrafts).where(eq(callDrafts.callId, callId)).prepare();
    this.endCall = db
      .update(calls)
      // A placeholder in an update's set is bound as it is given: ivrPath comes as its JSON text.
      .set({
        state: 'ended',
        endedAt: sql`${sql.placeholder('endedAt')}`,
        hangupCause: sql`${sql.placeholder('hangupCause')}`,
        hangupCauseText: sql`${sql.placeholder('hangupCauseText')}`,
        endedBy: sql`${sql.placeholder('endedBy')}`,
        answeredAt: sql`${sql.placeholder('answeredAt')}`,
        ivrPath: sql`${sql.placeholder('ivrPath')}`,
        updatedAt: sql`${sql.placeholder('now')}`,
      })
      .where(eq(calls.id, callId))
      .prepare();
    this.nextSequence = db
      .insert(ticketSequences)
      .values({ day: sql.placeholder('day'), last: 1 })
      .onConflictDoUpdate({ target: ticketSequences.day, set: { last: sql`${ticketSequences.last} + 1` } })
      .returning({ last: ticketSequences.last })
      .prepare();
    this.insertEvent = db
      .insert(ticketEvents)
      .values({ ticketId: sql.placeholder('ticketId'), at: sql.placeholder('at'), kind: 'created', actor: 'system', toStatus: sql.placeholder('toStatus') })
      .prepare();
    this.insertTypedEvent = db
      .insert(ticketEvents)
      .values({ ticketId: sql.placeholder('ticketId'), at: sql.placeholder('at'), kind: sql.placeholder('kind'), actor: sql.placeholder('actor'), data: sql.placeholder('data') })
      .prepare();
    this.insertRecording = db
      .insert(recordings)
      .values({
        id: sql.placeholder('id'),
        callId,
        kind: sql.placeholder('kind'),
        format: sql.placeholder('format'),
        file: sql.placeholder('file'),
        state: 'pending',
        startedAt: sql.placeholder('startedAt'),
        createdAt: sql.placeholder('now'),
        updatedAt: sql.placeholder('now'),
      })
      .onConflictDoNothing()
      .prepare();
  }

  /** Inserts the ticket and returns its row, with a statement prepared for these columns. */
  insertTicket(values: TicketValues): typeof tickets.$inferSelect {
    const columns = Object.keys(values).filter((key) => values[key as keyof TicketValues] !== undefined);
    const shape = columns.join(',');
    let insert = this.ticketInserts.get(shape);
    if (!insert) {
      insert = prepareTicketInsert(this.db, columns);
      if (this.ticketInserts.size < TICKET_SHAPES_KEPT) this.ticketInserts.set(shape, insert);
    }
    const row = insert.get(values as Record<string, unknown>);
    if (!row) throw new Error('ticket insert returned no row');
    return row;
  }
}

function prepareTicketInsert(db: Db, columns: readonly string[]) {
  const values = Object.fromEntries(columns.map((column) => [column, sql.placeholder(column)])) as unknown as TicketValues;
  return db.insert(tickets).values(values).returning().prepare();
}
