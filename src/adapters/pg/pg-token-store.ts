// Sign-in tokens on PostgreSQL: only each token's SHA-256 is kept, as on SQLite (db/token-store.ts).
import crypto from 'node:crypto';
import { eq, lt } from 'drizzle-orm';
import type { TokenOwner, TokenRecords } from '../../app/ports/token-records.js';
import type { Role } from '../../domain/auth/roles.js';
import type { PgDb } from './open-postgres.js';
import { authTokens } from './schema.js';

const digest = (token: string): string => crypto.createHash('sha256').update(token).digest('hex');

export class PgTokenStore implements TokenRecords {
  constructor(private readonly db: PgDb) {}

  async issue(userId: string, role: Role, now: number, ttlMs: number): Promise<{ token: string; expiresAt: number }> {
    const token = crypto.randomBytes(32).toString('base64url');
    const expiresAt = now + ttlMs;
    await this.db.insert(authTokens).values({ tokenHash: digest(token), userId, role, createdAt: now, expiresAt });
    return { token, expiresAt };
  }

  /** The owner of a live token, or null for an unknown, expired or revoked one. */
  async verify(token: string, now: number): Promise<TokenOwner | null> {
    const [row] = await this.db.select().from(authTokens).where(eq(authTokens.tokenHash, digest(token))).limit(1);
    if (!row || row.revokedAt !== null || row.expiresAt <= now) return null;
    return { userId: row.userId, role: row.role as Role, expiresAt: row.expiresAt };
  }

  async revoke(token: string, now: number): Promise<void> {
    await this.db.update(authTokens).set({ revokedAt: now }).where(eq(authTokens.tokenHash, digest(token)));
  }

  /** Drops tokens that expired before `before`, so the table does not grow forever. */
  async purge(before: number): Promise<number> {
    const removed = await this.db.delete(authTokens).where(lt(authTokens.expiresAt, before)).returning({ hash: authTokens.tokenHash });
    return removed.length;
  }
}
