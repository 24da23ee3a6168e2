// What the daily report reads of the calls: each call's outcome (queue, wait, talk, who ended it,
// satisfaction), from the tickets kept. The db adapter implements it.
import type { CallOutcome } from '../../domain/reports/daily-report.js';

export type { CallOutcome };

export interface ReportRecords {
  /** Calls that started in [from, to); a callback we placed is our call, not one offered to us. */
  outcomes(from: number, to: number): Promise<CallOutcome[]>;
}
