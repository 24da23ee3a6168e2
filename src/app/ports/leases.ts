// What app needs to share a role between servers: a lease is held by one owner at a time for a
// time to live, renewed while the owner lives, and taken over once it lapses. Each acquisition
// gets a higher epoch (a fencing token), so a paused former holder's late writes can be told apart.
import type { LeaseAnswer } from '../../domain/cluster/lease-keeper.js';

export type { LeaseAnswer };

export interface Leases {
  /** Takes the lease if it is free (or already ours, which renews it) for `ttlMs` from now. */
  acquire(name: string, owner: string, ttlMs: number): Promise<LeaseAnswer>;
  /** Extends our hold; `held: false` when it lapsed or someone else holds it now. */
  renew(name: string, owner: string, ttlMs: number): Promise<LeaseAnswer>;
  /** Gives the lease up if we hold it (a clean stop lets a standby take over at once). */
  release(name: string, owner: string): Promise<void>;
  /** Who holds it now, if anyone. */
  holder(name: string): Promise<string | null>;
}
