// Sign-in and sign-out. Five wrong passwords in a row lock a user name for a minute, so a password
// cannot be guessed at the speed of the network; every attempt is written to the audit log.
import type { UserEntry } from '../domain/auth/parse-users.js';
import type { AuthUser } from '../domain/auth/roles.js';
import type { AuditLog } from './ports/audit-log.js';
import type { PasswordVerifier } from './ports/password-verifier.js';
import type { TokenRecords } from './ports/token-records.js';

export type LoginResult =
  | { readonly ok: true; readonly token: string; readonly expiresAt: number; readonly ttlMs: number; readonly user: AuthUser }
  | { readonly ok: false; readonly code: 'AUTH_INVALID_CREDENTIALS' | 'AUTH_LOCKED'; readonly retryAfterMs?: number };

export interface AuthServiceDeps {
  readonly users: ReadonlyMap<string, UserEntry>;
  readonly tokens: TokenRecords;
  readonly audit: AuditLog;
  readonly verifyPassword: PasswordVerifier;
  readonly now: () => number;
  /** How long a sign-in lasts: a shift and some. */
  readonly tokenTtlMs?: number;
}

const MAX_FAILURES = 5;
const LOCK_MS = 60_000;
// Verified against when the user name is unknown, so a wrong name costs as long as a wrong password.
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

export class AuthService {
  private readonly failures = new Map<string, { count: number; lockedUntil: number }>();

  constructor(private readonly deps: AuthServiceDeps) {}

  async login(username: string, password: string): Promise<LoginResult> {
    const now = this.deps.now();
    const lock = this.failures.get(username);
    if (lock && lock.lockedUntil > now) {
      this.audit(username, this.deps.users.get(username)?.role ?? 'unknown', 'denied', { reason: 'locked' });
      return { ok: false, code: 'AUTH_LOCKED', retryAfterMs: lock.lockedUntil - now };
    }
    const entry = this.deps.users.get(username);
    const valid = await this.deps.verifyPassword(password, entry?.passwordHash ?? DUMMY_HASH);
    if (!entry || !valid) return this.failed(username, entry?.role ?? 'unknown');
    this.failures.delete(username);
    const ttlMs = this.deps.tokenTtlMs ?? 14 * 3_600_000;
    const { token, expiresAt } = this.deps.tokens.issue(entry.id, entry.role, this.deps.now(), ttlMs);
    this.audit(entry.id, entry.role, 'ok');
    return { ok: true, token, expiresAt, ttlMs, user: publicUser(entry) };
  }

  logout(token: string): void {
    this.deps.tokens.revoke(token, this.deps.now());
  }

  userForToken(token: string): AuthUser | null {
    const owner = this.deps.tokens.verify(token, this.deps.now());
    const entry = owner ? this.deps.users.get(owner.userId) : undefined;
    // A user removed from the file, or whose role changed, loses the old sign-in.
    return entry && entry.role === owner?.role ? publicUser(entry) : null;
  }

  get users(): AuthUser[] {
    return [...this.deps.users.values()].map(publicUser);
  }

  private failed(username: string, role: string): LoginResult {
    const now = this.deps.now();
    const previous = this.failures.get(username);
    const count = (previous && previous.lockedUntil <= now && previous.lockedUntil > 0 ? 0 : (previous?.count ?? 0)) + 1;
    this.failures.set(username, { count, lockedUntil: count >= MAX_FAILURES ? now + LOCK_MS : 0 });
    this.audit(username, role, 'denied', { reason: 'bad-credentials', failures: count });
    return { ok: false, code: 'AUTH_INVALID_CREDENTIALS' };
  }

  private audit(actor: string, role: string, result: 'ok' | 'denied', detail?: Record<string, unknown>): void {
    this.deps.audit.write({ at: this.deps.now(), actor: actor.slice(0, 64), role, action: 'auth.login', target: `user:${actor.slice(0, 64)}`, result, ...(detail ? { detail } : {}) });
  }
}

function publicUser(entry: UserEntry): AuthUser {
  return { id: entry.id, name: entry.name, role: entry.role, agentId: entry.agentId };
}
