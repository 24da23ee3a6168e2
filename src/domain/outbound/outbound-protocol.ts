// What the outbound engine speaks: the task a caller asks for, the policy that retries it, the events the
// application feeds the engine (each stamped with its time) and the commands it returns.
// Timers are commands: `WakeAt` asks for a `Tick` at that time, so the engine never reads a clock.

/** Why a call was not reached, in the words a retry policy is written in. */
export type NotReachedCause = 'no-answer' | 'busy' | 'unreachable' | 'rejected' | 'failed' | 'unknown';

export const NOT_REACHED_CAUSES: readonly NotReachedCause[] = ['no-answer', 'busy', 'unreachable', 'rejected', 'failed', 'unknown'];

/**
 * Delays (ms) before each further attempt, per cause of the last failed one: `busy: [300000, 900000]`
 * means at most two more attempts after busy lines, 5 then 15 minutes later. An empty list: no retry.
 * `maxAttempts` caps all attempts together, whatever mix of causes led there.
 */
export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly delaysMs: Readonly<Record<NotReachedCause, readonly number[]>>;
}

/** What a caller (the reminder or return-visit policy) asks for: call this number, for this, like so. */
export interface CallTaskRequest {
  readonly taskId: string;
  /** Free words saying what the call is for, e.g. `sign-reminder`, `return-visit`. */
  readonly purpose: string;
  readonly number: string;
  /** The trunk whose lines dial it (a key of the engine's trunk limits). */
  readonly trunk: string;
  /** The IVR flow run once the called party answers, and the variables it starts with. */
  readonly flowId: string;
  readonly variables: Readonly<Record<string, string>>;
  /** Not called before this instant (epoch ms). */
  readonly notBefore: number;
  /** Past this instant no new attempt starts: the task fails with cause 'expired'. Null: no limit. */
  readonly notAfter: number | null;
  /** The name of the calling window (the engine is handed what each name means). */
  readonly window: string;
  readonly retry: RetryPolicy;
}

/** What the owner of a task hears back at its end. */
export type CallTaskOutcome =
  | {
      readonly kind: 'reached';
      readonly attempts: number;
      /** The flow's variables when the call ended (e.g. `signed`, `satisfaction`). */
      readonly variables: Readonly<Record<string, string>>;
      /** Reached, but the server lost the call (crash) before the flow's result was known. */
      readonly resultLost: boolean;
      readonly at: number;
    }
  | { readonly kind: 'not-reached'; readonly attempts: number; readonly cause: NotReachedCause | 'expired'; readonly at: number }
  | { readonly kind: 'cancelled'; readonly attempts: number; readonly at: number };

/** A task's place in its life. `attempt` counts attempts started so far (the first is 1). */
export type TaskStatus =
  | { readonly kind: 'pending'; readonly dueAt: number }
  | { readonly kind: 'waiting-retry'; readonly dueAt: number; readonly lastCause: NotReachedCause }
  | { readonly kind: 'dialing'; readonly channelId: string; readonly since: number }
  | { readonly kind: 'answered'; readonly channelId: string; readonly since: number }
  | { readonly kind: 'done'; readonly outcome: CallTaskOutcome }
  | { readonly kind: 'failed-final'; readonly outcome: CallTaskOutcome }
  | { readonly kind: 'cancelled'; readonly outcome: CallTaskOutcome };

export interface CallTask {
  readonly request: CallTaskRequest;
  readonly attempts: number;
  /** Failed attempts so far by cause: which delay of the policy's list comes next. */
  readonly failures: Readonly<Partial<Record<NotReachedCause, number>>>;
  readonly status: TaskStatus;
}

/** What Asterisk said of a channel left 'dialing' by a server that died (the rule: outbound-decisions.ts, reconcile). */
export type ChannelFinding =
  | { readonly kind: 'alive'; readonly answered: boolean }
  | { readonly kind: 'gone'; readonly answered: boolean | null; readonly cause: number | null };

export type NotPlacedReason = 'claimed-elsewhere' | 'not-stored' | 'dial-failed';

export type OutboundEvent =
  | { readonly type: 'TaskRequested'; readonly request: CallTaskRequest; readonly at: number }
  /** A task read back from storage at start-up, as it was saved. */
  | { readonly type: 'TaskRestored'; readonly task: CallTask; readonly at: number }
  | { readonly type: 'TaskCancelled'; readonly taskId: string; readonly at: number }
  | { readonly type: 'Tick'; readonly at: number }
  /**
   * The attempt was not placed: storage refused the claim (another server holds the task), storage
   * failed before writing the attempt (nothing was dialed; the turn comes again later), or the PBX refused.
   */
  | { readonly type: 'AttemptNotPlaced'; readonly taskId: string; readonly channelId: string; readonly reason: NotPlacedReason; readonly at: number }
  | { readonly type: 'AttemptAnswered'; readonly taskId: string; readonly channelId: string; readonly at: number }
  /** The channel ended before it was answered, with Asterisk's hang-up cause. */
  | { readonly type: 'AttemptUnanswered'; readonly taskId: string; readonly channelId: string; readonly cause: number | null; readonly at: number }
  /** The answered call ended; the flow's variables as they were then. */
  | { readonly type: 'CallFinished'; readonly taskId: string; readonly channelId: string; readonly variables: Readonly<Record<string, string>>; readonly at: number }
  /** What Asterisk said of an attempt a dead server left 'dialing' or 'answered'. */
  | { readonly type: 'AttemptReconciled'; readonly taskId: string; readonly channelId: string; readonly finding: ChannelFinding; readonly at: number };

export interface AttemptOrder {
  readonly taskId: string;
  readonly attempt: number;
  /** Chosen here, so the attempt row written before the dial names the channel Asterisk will create. */
  readonly channelId: string;
  readonly number: string;
  readonly trunk: string;
  readonly flowId: string;
  readonly variables: Readonly<Record<string, string>>;
}

export type OutboundCommand =
  /**
   * Claim the task and write the attempt row (one transaction, committed), THEN dial with `channelId`.
   * If the claim fails or the dial is refused, answer with AttemptNotPlaced.
   */
  | { readonly type: 'PlaceAttempt'; readonly order: AttemptOrder; readonly at: number }
  /** Save the task as it is now (status, attempts, next due time). */
  | { readonly type: 'SaveTask'; readonly task: CallTask }
  /** Close the attempt row with what became of it. */
  | { readonly type: 'CloseAttempt'; readonly taskId: string; readonly channelId: string; readonly result: AttemptResult; readonly at: number }
  /** Tell the task's owner how it ended (once, at its end). */
  | { readonly type: 'ReportOutcome'; readonly taskId: string; readonly purpose: string; readonly outcome: CallTaskOutcome }
  /** Feed a Tick at this time (replaces any earlier wake-up asked for). */
  | { readonly type: 'WakeAt'; readonly at: number }
  /** Ask the PBX whether the channel of an attempt found unfinished at start-up still lives. */
  | { readonly type: 'CheckChannel'; readonly taskId: string; readonly channelId: string }
  /** Wait for a still ringing channel found after a restart; its answer or end comes back as usual. */
  | { readonly type: 'AdoptChannel'; readonly taskId: string; readonly channelId: string };

export type AttemptResult =
  | { readonly kind: 'answered'; readonly variables: Readonly<Record<string, string>> }
  | { readonly kind: 'answered-result-lost' }
  | { readonly kind: 'not-reached'; readonly cause: NotReachedCause; readonly hangupCause: number | null }
  | { readonly kind: 'not-placed' };
