// Per-queue counters since the last reset (the application resets them at the start of each China
// day, or each reporting interval). Every call that enters a queue leaves it in exactly one way:
// answered, abandoned, short-abandoned, overflowed, rejected, callback connected or callback failed.

export interface QueueCounters {
  /** Calls that entered the queue, including by overflow from another queue. */
  offered: number;
  answered: number;
  /** Of `answered`, those taken by an agent of the queue's second choice (none of its own was free). */
  answeredBySecondChoice: number;
  /** Answered within the queue's service-level threshold, counted from the caller's first enqueue. */
  answeredInThreshold: number;
  totalAnswerWaitMs: number;
  abandoned: number;
  /** Hung up before the short-abandon threshold: misdials, not counted as abandoned. */
  shortAbandoned: number;
  totalAbandonWaitMs: number;
  overflowed: number;
  rejected: number;
  /** Offers the agent did not answer (RONA). */
  ringNoAnswer: number;
  /** Offers the phone system could not ring (a failed or slow request): the agent was not paused. */
  offerFailures: number;
  /** Calls whose wrap-up finished: the basis of AHT (talk + wrap-up). */
  handled: number;
  totalHandleMs: number;
  callbacksRequested: number;
  callbacksConnected: number;
  callbacksFailed: number;
}

export function emptyCounters(): QueueCounters {
  return {
    offered: 0,
    answered: 0,
    answeredBySecondChoice: 0,
    answeredInThreshold: 0,
    totalAnswerWaitMs: 0,
    abandoned: 0,
    shortAbandoned: 0,
    totalAbandonWaitMs: 0,
    overflowed: 0,
    rejected: 0,
    ringNoAnswer: 0,
    offerFailures: 0,
    handled: 0,
    totalHandleMs: 0,
    callbacksRequested: 0,
    callbacksConnected: 0,
    callbacksFailed: 0,
  };
}

export function addCounters(a: QueueCounters, b: QueueCounters): QueueCounters {
  const sum = emptyCounters();
  for (const key of Object.keys(sum) as (keyof QueueCounters)[]) sum[key] = a[key] + b[key];
  return sum;
}
