// The list of return visits to make by hand (人工回访) as SQL, for either database: replied orders
// whose automatic visits all failed, that may be visited (not confidential, not declined) and have
// no rating since the reply, oldest wait first, with its keyset position and cursor.
import { and, asc, eq, gt, isNotNull, isNull, lt, or, type AnyColumn, type SQL } from 'drizzle-orm';

type Columns = 'id' | 'status' | 'confidential' | 'returnVisitDeclined' | 'manualVisitAt' | 'ratedAt' | 'handledAt';
export type ManualVisitColumns = Readonly<Record<Columns, AnyColumn>>;

/** Where a page continues: after the last row of the previous one (oldest first). */
export interface VisitPosition {
  readonly manualVisitAt: number;
  readonly id: number;
}

export function encodeVisitCursor(row: { readonly manualVisitAt: number | null; readonly id: number }): string {
  return Buffer.from(`visit:${row.manualVisitAt ?? 0}:${row.id}`).toString('base64url');
}

/** Null for a cursor this server did not hand out. */
export function decodeVisitCursor(cursor: string): VisitPosition | null {
  const match = /^visit:(\d{1,15}):(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString());
  return match ? { manualVisitAt: Number(match[1]), id: Number(match[2]) } : null;
}

export function manualVisitConditions(t: ManualVisitColumns, after: VisitPosition | null): SQL | undefined {
  return and(
    isNotNull(t.manualVisitAt),
    eq(t.status, 'replied'),
    eq(t.confidential, false),
    eq(t.returnVisitDeclined, false),
    // A rating given since the reply ends the wait, whoever took it (rate() also clears manualVisitAt).
    or(isNull(t.ratedAt), lt(t.ratedAt, t.handledAt)),
    after === null ? undefined : or(gt(t.manualVisitAt, after.manualVisitAt), and(eq(t.manualVisitAt, after.manualVisitAt), gt(t.id, after.id))),
  );
}

export function manualVisitOrder(t: ManualVisitColumns): SQL[] {
  return [asc(t.manualVisitAt), asc(t.id)];
}
