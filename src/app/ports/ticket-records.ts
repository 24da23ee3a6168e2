// What app needs of the work orders kept: a call closed with its ticket, then read and changed version by version. The db adapter implements it.
import type { CallFacts, RecordingRef } from '../../domain/calls/call-facts.js';
import type { PastOrder } from '../../domain/tickets/dispatch-suggestion.js';
import type { UnitRequest } from '../../domain/tickets/unit-requests.js';
import type { ArticleRef } from '../../domain/tickets/used-articles.js';
import type { CallWrite } from './call-records.js';

/** A work order as kept: times are epoch milliseconds, durations milliseconds. */
export interface TicketRow {
  readonly id: number;
  readonly number: string;
  readonly callId: string;
  readonly channel: 'phone';
  readonly status: string;
  readonly callerNumber: string;
  readonly callerName: string | null;
  readonly dialedNumber: string;
  readonly callStartedAt: number;
  readonly callAnsweredAt: number | null;
  readonly callEndedAt: number;
  readonly ringMs: number;
  readonly ivrMs: number;
  readonly waitMs: number;
  readonly talkMs: number;
  /** Time the agent held the caller, within the talk time. */
  readonly holdMs: number;
  readonly totalMs: number;
  readonly queue: string | null;
  readonly agentId: string | null;
  readonly agentAnsweredAt: number | null;
  readonly satisfaction: string | null;
  readonly recordings: RecordingRef[];
  readonly elderly: boolean;
  readonly enterpriseName: string | null;
  readonly enterpriseCreditCode: string | null;
  readonly hangupCause: number | null;
  readonly hangupCauseText: string | null;
  readonly endedBy: string;
  readonly ivrPath: unknown[];
  readonly createdAt: number;
  /** Where a call no agent answered was lost: 'ivr' or 'queue' (null for answered calls). */
  readonly missedIn: string | null;
  readonly requestType: string | null;
  readonly categoryCode: string | null;
  readonly title: string | null;
  readonly description: string | null;
  readonly location: string | null;
  readonly area: string | null;
  readonly urgency: string;
  readonly confidential: boolean;
  readonly mainUnit: string | null;
  readonly assistingUnits: string[];
  readonly dueAt: number | null;
  readonly signBy: number | null;
  readonly replyBy: number | null;
  readonly followUpBy: number | null;
  readonly closeBy: number | null;
  readonly dispatchedAt: number | null;
  readonly firstResponseAt: number | null;
  readonly lastProgressAt: number | null;
  readonly handledAt: number | null;
  readonly closedAt: number | null;
  readonly filedBy: string | null;
  readonly filedAt: number | null;
  readonly warning: string | null;
  readonly warningSince: number | null;
  /** When the warnings can next change (null: nothing pending). */
  readonly warningCheckAt: number | null;
  /** 签收: a user id, or the number that answered a reminder call; null until signed. */
  readonly signedBy: string | null;
  /** How it was signed: 'web' or 'phone'. */
  readonly signedVia: string | null;
  /** The unit's latest 退单/延期 request and its decision (null: none ever). */
  readonly unitRequest: UnitRequest | null;
  /** The request's state apart (pending/approved/rejected), for the list of pending requests. */
  readonly unitRequestState: string | null;
  readonly updatedAt: number;
  /** The citizen said no to return visits (回访). */
  readonly returnVisitDeclined: boolean;
  /** The latest satisfaction result's time. */
  readonly ratedAt: number | null;
  /** The knowledge articles the agent used to answer (首呼解决的依据). */
  readonly articlesUsed: ArticleRef[];
  /** When the follow-up can next change (null: only an event will). */
  readonly followUpCheckAt: number | null;
  /** Since when the order waits on the list of return visits to make by hand. */
  readonly manualVisitAt: number | null;
  /** Optimistic concurrency: an update names the version it read. */
  readonly version: number;
}

/** One entry of a ticket's history: a status change or a record of what was changed. */
export interface TicketEventRow {
  readonly id: number;
  readonly ticketId: number;
  readonly at: number;
  readonly kind: string;
  readonly actor: string;
  readonly fromStatus: string | null;
  readonly toStatus: string | null;
  readonly note: string | null;
  readonly data: Record<string, unknown> | null;
}

/** What an edit may change: anything but the ticket's identity and its version (the store counts that). */
export type TicketChanges = { -readonly [K in Exclude<keyof TicketRow, 'id' | 'number' | 'callId' | 'version'>]?: TicketRow[K] };

export interface TicketEventInput {
  readonly at: number;
  readonly kind: string;
  readonly actor: string;
  readonly fromStatus?: string | null;
  readonly toStatus?: string | null;
  readonly note?: string | null;
  readonly data?: Record<string, unknown> | null;
}

export type UpdateResult = { readonly ok: true; readonly ticket: TicketRow } | { readonly ok: false; readonly code: 'TICKET_NOT_FOUND' | 'TICKET_VERSION_CONFLICT' };

export interface CloseResult {
  readonly ticket: TicketRow;
  /** False when the call already had its ticket: nothing was written. */
  readonly created: boolean;
}

/** What a screen pop shows of a past order. */
export type HistoryRow = Pick<TicketRow, 'id' | 'number' | 'status' | 'requestType' | 'categoryCode' | 'title' | 'createdAt'>;

/** Open orders per warning colour (the wallboard). */
export interface WarningCounts {
  readonly red: number;
  readonly yellow: number;
  readonly green: number;
}

/** A page of the manual return-visit list and where the next one starts (null: none). */
export interface ManualVisitPage {
  readonly tickets: TicketRow[];
  readonly nextCursor: string | null;
}

export interface TicketRecords {
  /**
   * Ends the call and opens its ticket in one transaction, keyed by the call's id: a repeated or late
   * hang-up, or a restart, gets the ticket already there instead of a second one. `pending`: the
   * call's own writes not yet committed (its start, answer, progress), applied first in the same
   * transaction so its row is complete; with an existing ticket nothing at all is written.
   */
  closeCallWithTicket(facts: CallFacts, now: number, pending?: readonly CallWrite[]): Promise<CloseResult>;
  get(id: number): Promise<TicketRow | undefined>;
  getByCall(callId: string): Promise<TicketRow | undefined>;
  /** By its number as people read it (e.g. 20240501-0001). */
  getByNumber(number: string): Promise<TicketRow | undefined>;
  /** The ticket's history, oldest first. */
  events(ticketId: number): Promise<TicketEventRow[]>;
  /**
   * Applies changes made on the version the writer read (null: whatever is there), with the events
   * that explain them, in one transaction; a writer who read an older version is refused.
   */
  update(id: number, version: number | null, changes: TicketChanges, events: readonly TicketEventInput[]): Promise<UpdateResult>;
  /** Open tickets whose warnings may have changed by `now`, oldest check first. */
  warningChecksDue(now: number, limit: number): Promise<TicketRow[]>;
  /** Warnings are derived data: writing them is no edit, so the version stays. */
  setWarning(id: number, warning: { warning: string | null; warningSince: number | null; warningCheckAt: number | null }): Promise<void>;
  /** A caller's tickets since `since`, newest first: the history on the screen pop. */
  callerHistory(callerNumber: string, since: number, limit: number): Promise<HistoryRow[]>;
  /** How many times a number called since `since` (every call has its ticket). */
  callsSince(callerNumber: string, since: number): Promise<number>;
  warningCounts(): Promise<WarningCounts>;
  /** Recent dispatches of a category, newest first. */
  pastOrders(categoryCode: string, limit: number): Promise<PastOrder[]>;
  /**
   * The return visits to make by hand (人工回访): replied orders whose automatic visits all failed,
   * neither confidential nor declined, not rated since the reply; longest waiting first. Null when
   * the cursor is not one this server handed out.
   */
  manualVisits(limit: number, cursor?: string): Promise<ManualVisitPage | null>;
}
