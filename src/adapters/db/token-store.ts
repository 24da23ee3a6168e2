// Sign-in tokens. The token itself is only ever in the client's hands; the database keeps its
// SHA-256, so a copy of the database does not let anyone sign in.
import crypto from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { TokenOwner, TokenRecords } from '../../app/ports/token-records.js';
import type { Role } from '../../domain/auth/roles.js';
import type { Db } from './open-database.js';
import { authTokens } from './schema.js';

const digest = (token: string): string => crypto.createHash('sha256').update(token).digest('hex');

// The methods are async for the port (a networked database answers later); SQLite answers at once.
export class TokenStore implements TokenRecords {
  private readonly byHash;

  constructor(private readonly db: Db) {
    this.byHash = db.select().from(authTokens).where(eq(authTokens.tokenHash, sql.placeholder('hash'))).prepare();
  }

  async issue(userId: string, role: Role, now: number, ttlMs: number): Promise<{ token: string; expiresAt: number }> {
    const token = crypto.randomBytes(32).toString('base64url');
    const expiresAt = now + ttlMs;
    this.db.insert(authTokens).values({ tokenHash: digest(token), userId, role, createdAt: now, expiresAt }).run();
    return { token, expiresAt };
  }

  /** The owner of a live token, or null for an unknown, expired or revoked one. */
  async verify(token: string, now: number): Promise<TokenOwner | null> {
    const row = this.byHash.get({ hash: digest(token) });
    if (!row || row.revokedAt !== null || row.expiresAt <= now) return null;
    return { userId: row.userId, role: row.role as Role, expiresAt: row.expiresAt };
  }

  async revoke(token: string, now: number): Promise<void> {
    this.db.update(authTokens).set({ revokedAt: now }).where(eq(authTokens.tokenHash, digest(token))).run();
  }

  /** Drops tokens that expired before `before`, so the table does not grow forever. */
  async purge(before: number): Promise<number> {
    return this.db.delete(authTokens).where(sql`${authTokens.expiresAt} < ${before}`).run().changes;
  }
}
