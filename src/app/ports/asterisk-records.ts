// What Asterisk itself recorded about calls (its channel events, written to a file as they
// happen): read after a restart, for what the server missed while it was down. AMI keeps no backlog.
import type { RecordedStep } from '../../domain/calls/recovered-facts.js';

/** A call to look up: our call id (Asterisk's linkedid) and the caller's channel in the application. */
export interface RecordedCallKey {
  readonly callId: string;
  readonly channelId: string;
}

export interface AsteriskRecordsPort {
  /**
   * What Asterisk recorded for these calls from `since` (ms since the epoch) on, by call id, in the
   * order it happened; a call with nothing recorded is absent. Never rejects: records that cannot
   * be read are logged and count as none, so a restart never waits on them.
   */
  stepsOf(calls: readonly RecordedCallKey[], since: number): Promise<ReadonlyMap<string, readonly RecordedStep[]>>;
}

export type { RecordedStep };
