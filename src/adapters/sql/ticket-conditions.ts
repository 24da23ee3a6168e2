// The ticket list's filters and keyset position as SQL conditions, for either database. Only the
// text condition differs (SQLite's FTS5 tables, PostgreSQL's ILIKE over its GIN indexes), so each
// side passes its own, and so is the test of a unit among a ticket's assisting units (a JSON array).
import { and, eq, gte, inArray, isNotNull, lt, lte, or, type AnyColumn, type SQL } from 'drizzle-orm';
import type { TicketFilter } from '../../app/ports/ticket-search.js';

type Columns = 'id' | 'createdAt' | 'status' | 'requestType' | 'categoryCode' | 'agentId' | 'callerNumber' | 'queue' | 'warning' | 'agentAnsweredAt' | 'talkMs' | 'satisfaction' | 'mainUnit' | 'unitRequestState';
export type TicketColumns = Readonly<Record<Columns, AnyColumn>>;

/** Where a page continues: after the last row of the previous one (newest first). */
export interface TicketPosition {
  readonly createdAt: number;
  readonly id: number;
}

/** The dialect's test that a unit is among a ticket's assisting units. */
export type AssistingTest = (unit: string) => SQL;

export function ticketConditions(t: TicketColumns, filter: TicketFilter, text: SQL | undefined, after: TicketPosition | null, assisting: AssistingTest): (SQL | undefined)[] {
  const category = filter.category;
  return [
    filter.from === undefined ? undefined : gte(t.createdAt, filter.from),
    filter.to === undefined ? undefined : lt(t.createdAt, filter.to),
    filter.statuses?.length ? inArray(t.status, [...filter.statuses]) : undefined,
    filter.requestType === undefined ? undefined : eq(t.requestType, filter.requestType),
    category === undefined ? undefined : category.length === 2 ? and(gte(t.categoryCode, category), lt(t.categoryCode, `${category}~`)) : eq(t.categoryCode, category),
    filter.agentId === undefined ? undefined : eq(t.agentId, filter.agentId),
    filter.callerNumber === undefined ? undefined : eq(t.callerNumber, filter.callerNumber),
    filter.queue === undefined ? undefined : eq(t.queue, filter.queue),
    filter.warning === undefined ? undefined : eq(t.warning, filter.warning),
    text,
    filter.answered ? isNotNull(t.agentAnsweredAt) : undefined,
    filter.minTalkMs === undefined ? undefined : gte(t.talkMs, filter.minTalkMs),
    filter.maxTalkMs === undefined ? undefined : lte(t.talkMs, filter.maxTalkMs),
    filter.satisfaction === undefined ? undefined : eq(t.satisfaction, filter.satisfaction),
    filter.unit === undefined ? undefined : or(eq(t.mainUnit, filter.unit), assisting(filter.unit)),
    filter.unitRequestState === undefined ? undefined : eq(t.unitRequestState, filter.unitRequestState),
    // The plain bound lets the time index start at the cursor: the OR alone makes PostgreSQL read
    // down from the newest ticket to get there (page 21 of a common word cost 190 ms instead of 50).
    after === null ? undefined : lte(t.createdAt, after.createdAt),
    after === null ? undefined : or(lt(t.createdAt, after.createdAt), and(eq(t.createdAt, after.createdAt), lt(t.id, after.id))),
  ];
}
