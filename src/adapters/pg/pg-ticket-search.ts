// The ticket list on PostgreSQL, with SQLite's filters, order and cursors (db/ticket-query.ts). Text
// is matched as typed, as a substring of the number, title, description or location, ignoring the
// case of ASCII letters: SQLite's FTS5 trigram phrase and its LIKE fallback do exactly that, and
// ILIKE does it here, served by pg_trgm's GIN indexes from three characters on (shorter text reads
// the rows in range, as on SQLite).
import { and, desc, eq, gte, inArray, isNotNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { TicketFilter, TicketPage, TicketSearch } from '../../app/ports/ticket-search.js';
import { decodeCursor, encodeCursor } from '../db/ticket-query.js';
import type { PgDb } from './open-postgres.js';
import { tickets } from './schema.js';

const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

function textCondition(text: string | undefined): SQL | undefined {
  if (text === undefined) return undefined;
  const pattern = `%${escapeLike(text)}%`;
  return or(...[tickets.description, tickets.title, tickets.location, tickets.number].map((column) => sql`${column} ilike ${pattern} escape '\\'`));
}

function conditions(filter: TicketFilter, after: { createdAt: number; id: number } | null): (SQL | undefined)[] {
  const category = filter.category;
  return [
    filter.from === undefined ? undefined : gte(tickets.createdAt, filter.from),
    filter.to === undefined ? undefined : lt(tickets.createdAt, filter.to),
    filter.statuses?.length ? inArray(tickets.status, [...filter.statuses]) : undefined,
    filter.requestType === undefined ? undefined : eq(tickets.requestType, filter.requestType),
    category === undefined ? undefined : category.length === 2 ? and(gte(tickets.categoryCode, category), lt(tickets.categoryCode, `${category}~`)) : eq(tickets.categoryCode, category),
    filter.agentId === undefined ? undefined : eq(tickets.agentId, filter.agentId),
    filter.callerNumber === undefined ? undefined : eq(tickets.callerNumber, filter.callerNumber),
    filter.queue === undefined ? undefined : eq(tickets.queue, filter.queue),
    filter.warning === undefined ? undefined : eq(tickets.warning, filter.warning),
    textCondition(filter.text),
    filter.answered ? isNotNull(tickets.agentAnsweredAt) : undefined,
    filter.minTalkMs === undefined ? undefined : gte(tickets.talkMs, filter.minTalkMs),
    filter.maxTalkMs === undefined ? undefined : lte(tickets.talkMs, filter.maxTalkMs),
    filter.satisfaction === undefined ? undefined : eq(tickets.satisfaction, filter.satisfaction),
    after === null ? undefined : or(lt(tickets.createdAt, after.createdAt), and(eq(tickets.createdAt, after.createdAt), lt(tickets.id, after.id))),
  ];
}

export class PgTicketSearch implements TicketSearch {
  constructor(private readonly db: PgDb) {}

  /** A page of the tickets that match, newest first; null when the cursor is not one this server handed out. */
  async list(filter: TicketFilter): Promise<TicketPage | null> {
    const after = filter.cursor === undefined ? null : decodeCursor(filter.cursor);
    if (filter.cursor !== undefined && after === null) return null;
    const rows = await this.db
      .select()
      .from(tickets)
      .where(and(...conditions(filter, after)))
      .orderBy(desc(tickets.createdAt), desc(tickets.id))
      .limit(filter.limit + 1);
    const page = rows.slice(0, filter.limit);
    const last = page[page.length - 1];
    return { tickets: page, nextCursor: rows.length > filter.limit && last ? encodeCursor(last) : null };
  }
}
