// The ticket list as app and the routes search it: filters that match the indexes, text search, and
// keyset pages, newest first. The db adapter implements it (adapters/db/ticket-query.ts).
import type { TicketRow } from './ticket-records.js';

/**
 * Searches of this many characters or more use a text index (two characters: the index of character
 * pairs; TRIGRAM_TEXT or more: the trigram index), over any time range; a single character reads the
 * rows of a bounded time range.
 */
export const MIN_INDEXED_TEXT = 2;
/** From this many characters on, the trigram index answers; shorter indexed searches use the pair index. */
export const TRIGRAM_TEXT = 3;
/** The longest time range a search shorter than MIN_INDEXED_TEXT (one character) may cover, so it stays fast. */
export const SHORT_TEXT_RANGE_MS = 31 * 86_400_000;

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
  /** Orders this handling unit is main or assisting unit of (what a unit user sees). */
  readonly unit?: string;
  /** Orders whose unit request is in this state (pending: what supervisors decide). */
  readonly unitRequestState?: string;
  /** Where to continue: the cursor of the previous page. */
  readonly cursor?: string;
  readonly limit: number;
}

export interface TicketPage {
  readonly tickets: TicketRow[];
  readonly nextCursor: string | null;
}

export interface TicketSearch {
  /** A page of the tickets that match, newest first; null when the cursor is not one this server handed out. */
  list(filter: TicketFilter): Promise<TicketPage | null>;
}
