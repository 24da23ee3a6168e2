// What the ACD remembers about one call while it waits, rings and is talked on.

export type CallStatus = 'waiting' | 'offered' | 'on_call' | 'retry_wait';

export type CallTimer = 'overflow' | 'announce' | 'ring' | 'retry';

export interface CallbackRequest {
  readonly number: string;
  /** Dial attempts made so far. */
  attempts: number;
  /** The rule in force when the caller asked, kept even if the call later overflows. */
  readonly maxAttempts: number;
  readonly retryDelaySeconds: number;
}

export interface CallRecord {
  readonly id: string;
  /** Enqueue order across the whole ACD: the final tie-break. */
  readonly seq: number;
  readonly priorityClass: string;
  /** When the caller first entered any queue; kept through overflow, RONA and callbacks. */
  readonly enqueuedAt: number;
  /** See call-rank.ts. */
  readonly rank: number;
  readonly extraSkills: readonly string[];
  queueId: string;
  /** The lane of its own queue's agents. */
  laneId: string;
  /** The lane where its queue's second choice may take it too (lane-book.ts); null when none. */
  secondLaneId: string | null;
  /** When the call entered its current queue; a queue's own max wait counts from here. */
  enteredQueueAt: number;
  overflowAt: number | null;
  status: CallStatus;
  agentId: string | null;
  answeredAt: number | null;
  /** When the offered agent's phone began to ring (its leg exists); null while the offer is being set up. */
  ringingSince: number | null;
  callback: CallbackRequest | null;
  /** Announced positions never go up: a caller is not told they moved backwards. */
  announcedPosition: number | null;
  readonly timers: Partial<Record<CallTimer, string>>;
}
