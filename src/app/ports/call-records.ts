// What app keeps of a call while it goes on: a row written when it starts and updated as it moves. The db adapter implements it.
import type { CallFacts } from '../../domain/calls/call-facts.js';

/** A call as kept: times are epoch milliseconds. */
export interface CallRow {
  /** The call's unique id (Asterisk's linkedid): one id for the whole call, whatever legs it grows. */
  readonly id: string;
  readonly channelId: string;
  readonly callerNumber: string;
  readonly callerName: string | null;
  readonly dialedNumber: string;
  readonly state: 'active' | 'ended';
  readonly startedAt: number;
  readonly answeredAt: number | null;
  readonly endedAt: number | null;
  readonly hangupCause: number | null;
  readonly hangupCauseText: string | null;
  readonly endedBy: 'caller' | 'system' | 'agent' | 'supervisor' | 'unknown' | null;
  /** The IVR steps as they were saved: read back, they are what was written, not yet checked. */
  readonly ivrPath: unknown[];
  /** The call's facts as last saved while it went on (what its ticket would say then); not yet checked. */
  readonly progress: unknown;
  readonly updatedAt: number;
  /** The PBX that ran the call when servers of a cluster share the database; null on a single box. */
  readonly pbx: string | null;
}

export interface NewCall {
  readonly id: string;
  readonly channelId: string;
  readonly callerNumber: string;
  readonly callerName: string | null;
  readonly dialedNumber: string;
  readonly startedAt: number;
}

/**
 * One write made while a call goes on, as data rather than code, so any database can apply a list of
 * them in one transaction: the call's start, its answer, or what it did so far (its facts then).
 */
export type CallWrite =
  | { readonly kind: 'start'; readonly call: NewCall }
  | { readonly kind: 'answered'; readonly id: string; readonly at: number }
  | { readonly kind: 'progress'; readonly id: string; readonly facts: CallFacts; readonly at: number };

export interface CallRecords {
  /** Records a new call; a repeated start of the same call (e.g. after a restart) keeps the first row. */
  start(call: NewCall): Promise<void>;
  /** The first answer counts; a later one changes nothing. */
  markAnswered(id: string, at: number): Promise<void>;
  /** Replaces what is saved of the call so far, its path with it (only while the call is active). */
  saveProgress(id: string, facts: CallFacts, at: number): Promise<void>;
  /** Applies the writes in order in one transaction (all or none): one commit (and fsync) for all of them. */
  batch(writes: readonly CallWrite[]): Promise<void>;
  get(id: string): Promise<CallRow | undefined>;
  /** Calls still marked active, newest first (at start: those a previous run left), of this server's PBX when the store is scoped to one. */
  listActive(): Promise<CallRow[]>;
}
