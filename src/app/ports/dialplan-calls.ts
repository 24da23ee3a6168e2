// The calls the dialplan answered without the server (shed under overload, or while no server was
// registered), as Asterisk's records tell them once they ended.
import type { FinishedDialplanCall } from '../../domain/calls/dialplan-call.js';

export interface DialplanCallSource {
  /** The calls that ended since the last poll (the first poll: those of the records' recent past). */
  poll(): Promise<readonly FinishedDialplanCall[]>;
  /** Calls marked and not yet ended. */
  readonly open: number;
}

export type { FinishedDialplanCall };
