// Failed sign-ins counted per key (a user name, a client address): a key that reaches its limit is
// refused until its lock ends. The caller says what time it is; the map stays bounded however many
// keys an attacker rotates through.

export interface FailureLimit {
  /** Failures within `windowMs` that lock the key. */
  readonly maxFailures: number;
  /** How long failures are remembered, counted from the first one. */
  readonly windowMs: number;
  /** How long a key stays refused once it reached `maxFailures`. */
  readonly lockMs: number;
  /** Most keys remembered at once; past it the keys that failed longest ago are forgotten first. */
  readonly maxKeys?: number;
}

interface Failures {
  count: number;
  readonly firstAt: number;
  lockedUntil: number;
}

const DEFAULT_MAX_KEYS = 10_000;
// Eviction goes below the cap, so the sweep that precedes it runs once per tenth of the cap, not per failure.
const EVICT_TO = 0.9;

export class FailureLimiter {
  private readonly keys = new Map<string, Failures>();
  private readonly maxKeys: number;

  constructor(private readonly limit: FailureLimit) {
    this.maxKeys = limit.maxKeys ?? DEFAULT_MAX_KEYS;
  }

  /** Milliseconds until `key` may try again; 0 when it may now. */
  retryAfterMs(key: string, now: number): number {
    const failures = this.current(key, now);
    return failures && failures.lockedUntil > now ? failures.lockedUntil - now : 0;
  }

  /** Counts one failure of `key`; returns how many its window now holds. */
  fail(key: string, now: number): number {
    const failures = this.current(key, now) ?? { count: 0, firstAt: now, lockedUntil: 0 };
    failures.count += 1;
    if (failures.count >= this.limit.maxFailures) failures.lockedUntil = now + this.limit.lockMs;
    // Deleted and set again: the map's order is then the order of last failure, oldest first.
    this.keys.delete(key);
    this.keys.set(key, failures);
    if (this.keys.size > this.maxKeys) this.shrink(now);
    return failures.count;
  }

  /** Clears `key`'s failures (its owner proved who they are). */
  forget(key: string): void {
    this.keys.delete(key);
  }

  /** How many keys are remembered. */
  get size(): number {
    return this.keys.size;
  }

  private current(key: string, now: number): Failures | undefined {
    const failures = this.keys.get(key);
    if (!failures || !this.expired(failures, now)) return failures;
    this.keys.delete(key);
    return undefined;
  }

  private expired(failures: Failures, now: number): boolean {
    return failures.lockedUntil > 0 ? failures.lockedUntil <= now : now - failures.firstAt >= this.limit.windowMs;
  }

  /** Drops what expired, then, if still too many, the keys whose last failure is oldest. */
  private shrink(now: number): void {
    for (const [key, failures] of this.keys) if (this.expired(failures, now)) this.keys.delete(key);
    const target = Math.floor(this.maxKeys * EVICT_TO);
    for (const key of this.keys.keys()) {
      if (this.keys.size <= target) break;
      this.keys.delete(key);
    }
  }
}
