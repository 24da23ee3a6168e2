// The ticket list: filters that match the indexes (time, status, type, category, agent, caller,
// warning) and keyset pagination, newest first, so page 1,000 costs what page 1 costs.
import { and, desc, eq, gte, inArray, isNotNull, like, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from './open-database.js';
import { tickets } from './schema.js';
export type TicketRow = typeof tickets.$inferSelect;

export interface TicketFilter {
  readonly from?: number;
  readonly to?: number;
  readonly statuses?: readonly string[];
  readonly requestType?: string;
  /** A subcategory (4 digits) or a whole major (2 digits). */
  readonly category?: string;
  readonly agentId?: string;
  readonly callerNumber?: string;
  readonly queue?: string;
  readonly warning?: string;
  readonly text?: string;
  /** Only calls an agent answered (the QA view of call records). */
  readonly answered?: boolean;
  readonly minTalkMs?: number;
  readonly maxTalkMs?: number;
  readonly satisfaction?: string;
  /** Where to continue: the cursor of the previous page. */
  readonly cursor?: string;
  readonly limit: number;
}

export interface TicketPage {
  readonly tickets: TicketRow[];
  readonly nextCursor: string | null;
}

export function encodeCursor(row: Pick<TicketRow, 'createdAt' | 'id'>): string {
  return Buffer.from(`${row.createdAt}:${row.id}`).toString('base64url');
}

/** Null for a cursor this server did not hand out. */
export function decodeCursor(cursor: string): { createdAt: number; id: number } | null {
  const match = /^(\d{1,15}):(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString());
  return match ? { createdAt: Number(match[1]), id: Number(match[2]) } : null;
}

const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

function conditions(filter: TicketFilter, after: { createdAt: number; id: number } | null): (SQL | undefined)[] {
  const text = filter.text === undefined ? undefined : `%${escapeLike(filter.text)}%`;
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
    text === undefined ? undefined : or(sql`${tickets.description} like ${text} escape '\\'`, sql`${tickets.title} like ${text} escape '\\'`, sql`${tickets.location} like ${text} escape '\\'`, like(tickets.number, text)),
    filter.answered ? isNotNull(tickets.agentAnsweredAt) : undefined,
    filter.minTalkMs === undefined ? undefined : gte(tickets.talkMs, filter.minTalkMs),
    filter.maxTalkMs === undefined ? undefined : lte(tickets.talkMs, filter.maxTalkMs),
    filter.satisfaction === undefined ? undefined : eq(tickets.satisfaction, filter.satisfaction),
    after === null ? undefined : or(lt(tickets.createdAt, after.createdAt), and(eq(tickets.createdAt, after.createdAt), lt(tickets.id, after.id))),
  ];
}

export function listTickets(db: Db, filter: TicketFilter): TicketPage | null {
  const after = filter.cursor === undefined ? null : decodeCursor(filter.cursor);
  if (filter.cursor !== undefined && after === null) return null;
  const rows = db
    .select()
    .from(tickets)
    .where(and(...conditions(filter, after)))
    .orderBy(desc(tickets.createdAt), desc(tickets.id))
    .limit(filter.limit + 1)
    .all();
  const page = rows.slice(0, filter.limit);
  const last = page[page.length - 1];
  return { tickets: page, nextCursor: rows.length > filter.limit && last ? encodeCursor(last) : null };
}
