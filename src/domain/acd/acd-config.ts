// The ACD's configuration as data: queues, priority classes, routing weights and agents. Built by the
// parsers in this folder from plain objects (YAML or the API); the engine trusts what they return.

export interface OverflowRule {
  /** Seconds in this queue before the call moves on; null = only when nobody is logged in. */
  readonly afterSeconds: number | null;
  readonly to: string;
}

export interface CallbackRule {
  /** The caller is offered "press 1 for a callback" once they have waited this long. */
  readonly afterSeconds: number;
  /** Dial attempts in all; after the last failure the request becomes a ticket. */
  readonly maxAttempts: number;
  readonly retryDelaySeconds: number;
}

export interface QueueConfig {
  readonly id: string;
  /** Shown to agents and supervisors, e.g. 爱心专席. */
  readonly name: string;
  readonly priorityClass: string;
  /** An agent needs every one of these skills (any level) to take the queue's calls. */
  readonly skills: readonly string[];
  readonly serviceLevelSeconds: number;
  /**
   * A queue whose agents take this queue's calls whenever none of this queue's own agents is free
   * (null = none). The call stays in this queue, at its rank: it is not an overflow. See lane-book.ts.
   */
  readonly secondChoice: string | null;
  readonly overflow: OverflowRule | null;
  readonly maxLength: number;
  /** 0 = announce once on entry only. */
  readonly announceEverySeconds: number;
  readonly musicOnHold: string;
  readonly wrapUpSeconds: number;
  /** When true, filing the ticket ends wrap-up early; the timer always caps it so nobody is stuck. */
  readonly wrapUpEndsOnTicket: boolean;
  readonly ringTimeoutSeconds: number;
  /** Callers who hang up sooner than this are short abandons (misdials), not counted as abandoned. */
  readonly shortAbandonSeconds: number;
  readonly callback: CallbackRule | null;
}

export interface AcdSettings {
  /**
   * Head start per priority class, in seconds of waiting. Effective priority of a call at time t is
   * `boost(class) + (t - enqueuedAt)`; see call-rank.ts.
   */
  readonly priorityBoostSeconds: Readonly<Record<string, number>>;
  /** Each skill level above 1 counts as this many seconds of extra idle time when choosing an agent. */
  readonly levelBonusSeconds: number;
  /** Assumed handling time until a queue has handled calls of its own (for estimated wait). */
  readonly initialHandleSeconds: number;
}

export interface AcdConfig {
  readonly settings: AcdSettings;
  readonly queues: readonly QueueConfig[];
}

export type SkillLevel = 1 | 2 | 3;

export interface AgentProfile {
  readonly id: string;
  readonly name: string;
  /** PJSIP endpoint of the agent's phone; `agent-<id>` unless set. */
  readonly phone: string;
  readonly skills: Readonly<Record<string, SkillLevel>>;
  /** Queues the agent serves; null = every queue whose skills the agent has. */
  readonly queues: readonly string[] | null;
}

export interface ConfigError {
  readonly code: string;
  /** Where in the input, e.g. `queues[2].overflow.to`. */
  readonly path: string;
  readonly message: string;
}

export type ParseResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly errors: readonly ConfigError[] };

export const DEFAULT_SETTINGS: AcdSettings = {
  priorityBoostSeconds: { elderly: 300, enterprise: 120, general: 0 },
  levelBonusSeconds: 60,
  initialHandleSeconds: 240,
};
