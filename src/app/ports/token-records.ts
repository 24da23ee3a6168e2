// What app keeps of sign-ins: a token handed to the user, verified on each request, revoked at sign-out. The db adapter implements it.
import type { Role } from '../../domain/auth/roles.js';

export interface TokenOwner {
  readonly userId: string;
  readonly role: Role;
  readonly expiresAt: number;
}

export interface TokenRecords {
  /** A new token for the user; only the user ever holds the token itself. */
  issue(userId: string, role: Role, now: number, ttlMs: number): Promise<{ token: string; expiresAt: number }>;
  /** The owner of a live token, or null for an unknown, expired or revoked one. */
  verify(token: string, now: number): Promise<TokenOwner | null>;
  revoke(token: string, now: number): Promise<void>;
  /** Drops tokens that expired before `before`, so the table does not grow forever; how many went. */
  purge(before: number): Promise<number>;
}
