// What the demo's order history needs of the work orders kept: a past order with its call, written in
// bulk into an empty tickets table (the generated year of src/adapters/tickets/generated-year). The db
// (SQLite) and pg (PostgreSQL) adapters implement it.

/** One past order and the call that brought it; times are epoch milliseconds. */
export interface PastOrderRow {
  /** The order's number as people read it (YYYYMMDD-NNNNNN). */
  readonly number: string;
  /** The call's unique id, kept apart from the live calls' Asterisk ids. */
  readonly callId: string;
  readonly callerNumber: string;
  readonly callStartedAt: number;
  /** Null for a caller who hung up while queued (a missed call). */
  readonly callAnsweredAt: number | null;
  readonly callEndedAt: number;
  readonly waitMs: number;
  readonly talkMs: number;
  readonly queue: string;
  readonly status: string;
  readonly missedIn: 'queue' | null;
  readonly requestType: string | null;
  readonly categoryCode: string | null;
  readonly title: string;
  readonly description: string | null;
  readonly location: string | null;
  readonly area: string | null;
  readonly mainUnit: string | null;
  readonly dispatchedAt: number | null;
  readonly replyBy: number | null;
  readonly handledAt: number | null;
  readonly closedAt: number | null;
  readonly satisfaction: string | null;
}

export interface OrderHistoryRecords {
  /** Writes the orders with their calls when the tickets table is empty, in one transaction; how many were written (0 when any order existed). */
  seedHistory(orders: readonly PastOrderRow[]): Promise<number>;
}
