// The ticket list on PostgreSQL, with SQLite's filters, order and cursors (db/ticket-query.ts). Text
// is matched as typed, as a substring of the number, title, description or location, ignoring the
// case of ASCII letters: SQLite's FTS5 trigram phrase and its LIKE fallback do exactly that, and
// ILIKE does it here, served by pg_trgm's GIN indexes from three characters on (shorter text reads
// the rows in range, as on SQLite).
import { and, desc, or, sql, type SQL } from 'drizzle-orm';
import type { TicketFilter, TicketPage, TicketSearch } from '../../app/ports/ticket-search.js';
import { decodeCursor, encodeCursor } from '../db/ticket-query.js';
import { ticketConditions } from '../sql/ticket-conditions.js';
import type { PgDb } from './open-postgres.js';
import { tickets } from './schema.js';

const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

function textCondition(text: string | undefined): SQL | undefined {
  if (text === undefined) return undefined;
  const pattern = `%${escapeLike(text)}%`;
  return or(...[tickets.description, tickets.title, tickets.location, tickets.number].map((column) => sql`${column} ilike ${pattern} escape '\\'`));
}

// A unit among the assisting units, a jsonb array: containment of a one-element array.
const assistingUnit = (unit: string): SQL => sql`${tickets.assistingUnits} @> ${JSON.stringify([unit])}::jsonb`;

export class PgTicketSearch implements TicketSearch {
  constructor(private readonly db: PgDb) {}

  /** A page of the tickets that match, newest first; null when the cursor is not one this server handed out. */
  async list(filter: TicketFilter): Promise<TicketPage | null> {
    const after = filter.cursor === undefined ? null : decodeCursor(filter.cursor);
    if (filter.cursor !== undefined && after === null) return null;
    const rows = await this.db
      .select()
      .from(tickets)
      .where(and(...ticketConditions(tickets, filter, textCondition(filter.text), after, assistingUnit)))
      .orderBy(desc(tickets.createdAt), desc(tickets.id))
      .limit(filter.limit + 1);
    const page = rows.slice(0, filter.limit);
    const last = page[page.length - 1];
    return { tickets: page, nextCursor: rows.length > filter.limit && last ? encodeCursor(last) : null };
  }
}
