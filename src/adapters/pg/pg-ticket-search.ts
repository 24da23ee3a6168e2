// The ticket list on PostgreSQL, with SQLite's filters, order and cursors (db/ticket-query.ts). Text
// is matched as typed, as a substring of the number, title, description or location, ignoring the
// case of ASCII letters: SQLite's FTS5 phrases and its LIKE check do exactly that, and ILIKE does it
// here, served by pg_trgm's GIN indexes from three characters on, and for two characters by the GIN
// index of character pairs (ticket_text_pairs); a single character reads the rows in range, as on SQLite.
import { and, desc, or, sql, type SQL } from 'drizzle-orm';
import { MIN_INDEXED_TEXT, TRIGRAM_TEXT, type TicketFilter, type TicketPage, type TicketSearch } from '../../app/ports/ticket-search.js';
import { decodeCursor, encodeCursor } from '../db/ticket-query.js';
import { ticketConditions } from '../sql/ticket-conditions.js';
import type { PgDb } from './open-postgres.js';
import { tickets } from './schema.js';

const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Above this many matches a pair is common: reading the newest rows finds a page of them sooner than the index (as on SQLite). */
const COMMON_PAIR_MATCHES = 2000;

function likeCondition(text: string): SQL | undefined {
  const pattern = `%${escapeLike(text)}%`;
  return or(...[tickets.description, tickets.title, tickets.location, tickets.number].map((column) => sql`${column} ilike ${pattern} escape '\\'`));
}

// The expression of the migration's index, word for word, so the planner uses it; the pair is
// folded by lower() as the index is.
const holdsPair = (pair: string): SQL => sql`ticket_text_pairs(${tickets.number}, ${tickets.title}, ${tickets.description}, ${tickets.location}) @> array[lower(${pair}::text)]`;
// A unit among the assisting units, a jsonb array: containment of a one-element array.
const assistingUnit = (unit: string): SQL => sql`${tickets.assistingUnits} @> ${JSON.stringify([unit])}::jsonb`;

export class PgTicketSearch implements TicketSearch {
  constructor(private readonly db: PgDb) {}

  /** A page of the tickets that match, newest first; null when the cursor is not one this server handed out. */
  async list(filter: TicketFilter): Promise<TicketPage | null> {
    const after = filter.cursor === undefined ? null : decodeCursor(filter.cursor);
    if (filter.cursor !== undefined && after === null) return null;
    const text = await this.textCondition(filter.text);
    // Read by ids, the rows are few: "+ 0" keeps the planner from walking the time index down from
    // the newest ticket to find them (the same order, sorted after reading).
    const newest = text.byIds ? sql`${tickets.createdAt} + 0` : tickets.createdAt;
    const rows = await this.db
      .select()
      .from(tickets)
      .where(and(...ticketConditions(tickets, filter, text.condition, after, assistingUnit)))
      .orderBy(desc(newest), desc(tickets.id))
      .limit(filter.limit + 1);
    const page = rows.slice(0, filter.limit);
    const last = page[page.length - 1];
    return { tickets: page, nextCursor: rows.length > filter.limit && last ? encodeCursor(last) : null };
  }

  /**
   * Two characters: the ids of the tickets holding the pair come from the pair index first (at most
   * COMMON_PAIR_MATCHES of them), and the page is read by those ids, as SQLite does; the planner is
   * not left to walk the newest rows computing every ticket's pairs. A pair common enough to reach
   * the limit is matched on the newest rows instead, which fill a page sooner. The rows are always
   * checked for the text as typed.
   */
  private async textCondition(text: string | undefined): Promise<{ readonly condition: SQL | undefined; readonly byIds: boolean }> {
    if (text === undefined) return { condition: undefined, byIds: false };
    const length = [...text].length;
    if (length < MIN_INDEXED_TEXT || length >= TRIGRAM_TEXT) return { condition: likeCondition(text), byIds: false };
    const hits = await this.db.execute<{ id: number }>(sql`select ${tickets.id} as id from ${tickets} where ${holdsPair(text)} limit ${COMMON_PAIR_MATCHES}`);
    if (hits.rows.length >= COMMON_PAIR_MATCHES) return { condition: likeCondition(text), byIds: false };
    const ids = `{${hits.rows.map((row) => Number(row.id)).join(',')}}`;
    return { condition: and(sql`${tickets.id} = any(${ids}::integer[])`, likeCondition(text)), byIds: true };
  }
}
