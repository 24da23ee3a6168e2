// The ticket list: filters that match the indexes (time, status, type, category, agent, caller,
// warning) and keyset pagination, newest first, so page 1,000 costs what page 1 costs.
import { and, desc, or, sql, type SQL } from 'drizzle-orm';
import type { TicketRow } from '../../app/ports/ticket-records.js';
import { MIN_INDEXED_TEXT, TRIGRAM_TEXT, type TicketFilter, type TicketPage } from '../../app/ports/ticket-search.js';
import { ticketConditions } from '../sql/ticket-conditions.js';
import type { Db } from './open-database.js';
import { tickets } from './schema.js';
import { pairToken } from './text-pairs.js';

// The filter and page are app's (ports/ticket-search.ts); the bench and older importers name them here.
export type { TicketFilter, TicketPage, TicketRow };
export { MIN_INDEXED_TEXT, SHORT_TEXT_RANGE_MS, TRIGRAM_TEXT } from '../../app/ports/ticket-search.js';

export function encodeCursor(row: Pick<TicketRow, 'createdAt' | 'id'>): string {
  return Buffer.from(`${row.createdAt}:${row.id}`).toString('base64url');
}

/** Null for a cursor this server did not hand out. */
export function decodeCursor(cursor: string): { createdAt: number; id: number } | null {
  const match = /^(\d{1,15}):(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString());
  return match ? { createdAt: Number(match[1]), id: Number(match[2]) } : null;
}

const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Above this many matches a term is common: reading the newest rows finds a page of them sooner than the index. */
const COMMON_TERM_MATCHES = 2000;

// A quoted FTS5 phrase: the text is matched as it is, never read as query syntax.
const phraseOf = (text: string): string => `"${text.replaceAll('"', '""')}"`;

function likeCondition(text: string): SQL | undefined {
  const pattern = `%${escapeLike(text)}%`;
  return or(...[tickets.description, tickets.title, tickets.location, tickets.number].map((column) => sql`${column} like ${pattern} escape '\\'`));
}

// The index that answers a text: the pair index for two characters (its token is the pair's code
// points), the trigram index for three or more (the text itself, as a phrase).
function indexQuery(text: string): { readonly table: SQL; readonly phrase: string } {
  return [...text].length < TRIGRAM_TEXT ? { table: sql`tickets_pairs`, phrase: phraseOf(pairToken(text)) } : { table: sql`tickets_fts`, phrase: phraseOf(text) };
}

/**
 * Rare terms (most searches: a name, an address, an order number) go through an index; a term
 * found in thousands of orders is matched on the newest rows instead, which fill a page at once,
 * where collecting every match from the index would not. The pair index only says which tickets
 * hold the two characters somewhere, so the rows are checked for the text as typed as well.
 */
function textCondition(db: Db, text: string | undefined): SQL | undefined {
  if (text === undefined) return undefined;
  if ([...text].length < MIN_INDEXED_TEXT) return likeCondition(text);
  const { table, phrase } = indexQuery(text);
  const probe = db.get<{ n: number }>(sql`select count(*) as n from (select rowid from ${table} where ${table} match ${phrase} limit ${COMMON_TERM_MATCHES})`);
  if (probe.n >= COMMON_TERM_MATCHES) return likeCondition(text);
  const indexed = sql`${tickets.id} in (select rowid from ${table} where ${table} match ${phrase})`;
  return [...text].length < TRIGRAM_TEXT ? and(indexed, likeCondition(text)) : indexed;
}

// A unit among the assisting units, a JSON array in a text column.
const assistingUnit = (unit: string): SQL => sql`exists (select 1 from json_each(${tickets.assistingUnits}) where value = ${unit})`;

export function listTickets(db: Db, filter: TicketFilter): TicketPage | null {
  const after = filter.cursor === undefined ? null : decodeCursor(filter.cursor);
  if (filter.cursor !== undefined && after === null) return null;
  const rows = db
    .select()
    .from(tickets)
    .where(and(...ticketConditions(tickets, filter, textCondition(db, filter.text), after, assistingUnit)))
    .orderBy(desc(tickets.createdAt), desc(tickets.id))
    .limit(filter.limit + 1)
    .all();
  const page = rows.slice(0, filter.limit);
  const last = page[page.length - 1];
  return { tickets: page, nextCursor: rows.length > filter.limit && last ? encodeCursor(last) : null };
}
