// What the daily report reads of the calls: each call's outcome (queue, wait, talk, who ended it,
// satisfaction), from the tickets kept. The db adapter implements it.
import type { CallOutcome } from '../../domain/reports/daily-report.js';
import type { DispatchRow, FollowUpCallRow, MessageRow } from '../../domain/reports/follow-up-figures.js';

export type { CallOutcome };

export interface ReportRecords {
  /** Calls that started in [from, to); a callback we placed is our call, not one offered to us. */
  outcomes(from: number, to: number): Promise<CallOutcome[]>;
  /** The work after the call in [from, to): dispatches by their time, messages and follow-up calls by when they were asked for. */
  followUpRows(from: number, to: number): Promise<FollowUpRows>;
}

export interface FollowUpRows {
  readonly dispatches: DispatchRow[];
  readonly messages: MessageRow[];
  readonly calls: FollowUpCallRow[];
}
