// What the outbound service keeps of its call tasks and their attempts. A server takes a task for an
// attempt by an atomic claim that also writes the attempt row (committed before the dial), so two
// servers never dial the same task and a crash never hides that a dial may have happened.
import type { AttemptOrder, AttemptResult, CallTask } from '../../domain/outbound/outbound-protocol.js';

export interface AttemptRecord {
  readonly channelId: string;
  readonly taskId: string;
  readonly attempt: number;
  readonly number: string;
  readonly trunk: string;
  readonly owner: string;
  /** 'dialing', 'answered' while the call runs; closed: 'reached', 'reached-result-lost', 'not-reached' or 'not-placed'. */
  readonly status: string;
  readonly cause: string | null;
  readonly hangupCause: number | null;
  readonly variables: Readonly<Record<string, string>> | null;
  readonly startedAt: number;
  readonly endedAt: number | null;
}

export interface CallTaskRecords {
  /** Stores a new task; false when a task of that id exists already (a repeated request changes nothing). */
  create(task: CallTask, now: number): Promise<boolean>;
  /** Saves where a task stands, unless another server's lease on it is live (then false). */
  save(task: CallTask, owner: string, now: number): Promise<boolean>;
  /**
   * The claim: in one transaction, takes the task for `owner` until `leaseUntil` when it is still
   * waiting with `order.attempt - 1` attempts and no other server's lease is live, and writes the
   * attempt row. False when the claim lost (another server has it, or it moved on).
   */
  startAttempt(order: AttemptOrder, owner: string, now: number, leaseUntil: number): Promise<boolean>;
  /** Closes a 'dialing' or 'answered' attempt row with what became of it (once; a repeat changes nothing). */
  closeAttempt(channelId: string, result: AttemptResult, now: number): Promise<void>;
  /** Marks an attempt answered (its row stays open until the call ends). */
  attemptAnswered(channelId: string, now: number): Promise<void>;
  /** Extends every live lease `owner` holds (tasks dialing or answered); returns how many. */
  renewLeases(owner: string, now: number, leaseUntil: number): Promise<number>;
  /**
   * The tasks not ended, for an engine starting up: every waiting one, and those in flight whose lease
   * is `owner`'s or has run out (a dead server's: their attempts need reconciling).
   */
  listOpen(owner: string, now: number): Promise<CallTask[]>;
  get(taskId: string): Promise<CallTask | undefined>;
  attempts(taskId: string): Promise<AttemptRecord[]>;
}
