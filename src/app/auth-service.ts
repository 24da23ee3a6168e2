// Sign-in and sign-out. Five wrong passwords within a quarter of an hour lock a user name for a
// minute, and many failures from one client address refuse that address for a while (a guesser
// spreading over user names), so a password cannot be guessed at the speed of the network; every
// attempt is written to the audit log.
import { addressBlock } from '../domain/auth/address-block.js';
import { FailureLimiter } from '../domain/auth/failure-limiter.js';
import type { UserEntry } from '../domain/auth/parse-users.js';
import type { AuthUser } from '../domain/auth/roles.js';
import type { AuditLog } from './ports/audit-log.js';
import type { PasswordVerifier } from './ports/password-verifier.js';
import type { TokenRecords } from './ports/token-records.js';

export type LoginResult =
  | { readonly ok: true; readonly token: string; readonly expiresAt: number; readonly ttlMs: number; readonly user: AuthUser }
  | { readonly ok: false; readonly code: 'AUTH_INVALID_CREDENTIALS' | 'AUTH_LOCKED'; readonly retryAfterMs?: number };

/** Failed sign-ins one client address may make within `windowMs`; it is then refused for `windowMs`. */
export interface AddressLimit {
  readonly maxFailures: number;
  readonly windowMs: number;
}

export interface AuthServiceDeps {
  readonly users: ReadonlyMap<string, UserEntry>;
  readonly tokens: TokenRecords;
  readonly audit: AuditLog;
  readonly verifyPassword: PasswordVerifier;
  readonly now: () => number;
  /** How long a sign-in lasts: a shift and some. */
  readonly tokenTtlMs?: number;
  readonly addressLimit?: AddressLimit;
}

// Failures of one name are forgotten after a quarter of an hour without a lock, so names tried once
// and never again do not stay in memory.
const NAME_LIMIT = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 60_000 };
const DEFAULT_ADDRESS_LIMIT: AddressLimit = { maxFailures: 20, windowMs: 10 * 60_000 };
// Verified against when the user name is unknown, so a wrong name costs as long as a wrong password.
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

type LimitName = 'user-name' | 'address';

export class AuthService {
  private readonly names = new FailureLimiter(NAME_LIMIT);
  private readonly addresses: FailureLimiter;

  constructor(private readonly deps: AuthServiceDeps) {
    const { maxFailures, windowMs } = deps.addressLimit ?? DEFAULT_ADDRESS_LIMIT;
    this.addresses = new FailureLimiter({ maxFailures, windowMs, lockMs: windowMs });
  }

  /** Signs `username` in from the client at `address` (its IP address), unless a limit refuses it. */
  async login(username: string, password: string, address: string): Promise<LoginResult> {
    const refused = await this.refused(username, address);
    if (refused) return refused;
    const entry = this.deps.users.get(username);
    const valid = await this.deps.verifyPassword(password, entry?.passwordHash ?? DUMMY_HASH);
    if (!entry || !valid) return await this.failed(username, entry?.role ?? 'unknown', address);
    // Only the name's failures: a success does not clear an address that other names were guessed from.
    this.names.forget(username);
    const ttlMs = this.deps.tokenTtlMs ?? 14 * 3_600_000;
    const { token, expiresAt } = await this.deps.tokens.issue(entry.id, entry.role, this.deps.now(), ttlMs);
    await this.audit(entry.id, entry.role, 'ok');
    return { ok: true, token, expiresAt, ttlMs, user: publicUser(entry) };
  }

  async logout(token: string): Promise<void> {
    await this.deps.tokens.revoke(token, this.deps.now());
  }

  async userForToken(token: string): Promise<AuthUser | null> {
    const owner = await this.deps.tokens.verify(token, this.deps.now());
    const entry = owner ? this.deps.users.get(owner.userId) : undefined;
    // A user removed from the file, or whose role changed, loses the old sign-in.
    return entry && entry.role === owner?.role ? publicUser(entry) : null;
  }

  get users(): AuthUser[] {
    return [...this.deps.users.values()].map(publicUser);
  }

  /** AUTH_LOCKED, written to the audit log with the limit that refused it; null when none does. */
  private async refused(username: string, address: string): Promise<LoginResult | null> {
    const lock = this.lockOf(username, address, this.deps.now());
    if (!lock) return null;
    await this.audit(username, this.deps.users.get(username)?.role ?? 'unknown', 'denied', { reason: 'locked', limit: lock.limit, address });
    return { ok: false, code: 'AUTH_LOCKED', retryAfterMs: lock.retryAfterMs };
  }

  /** The address's limit first: a guesser spreading over names is stopped before any name is looked at. */
  private lockOf(username: string, address: string, now: number): { limit: LimitName; retryAfterMs: number } | null {
    const byAddress = this.addresses.retryAfterMs(addressBlock(address), now);
    if (byAddress > 0) return { limit: 'address', retryAfterMs: byAddress };
    const byName = this.names.retryAfterMs(username, now);
    return byName > 0 ? { limit: 'user-name', retryAfterMs: byName } : null;
  }

  private async failed(username: string, role: string, address: string): Promise<LoginResult> {
    const now = this.deps.now();
    const failures = this.names.fail(username, now);
    const addressFailures = this.addresses.fail(addressBlock(address), now);
    await this.audit(username, role, 'denied', { reason: 'bad-credentials', failures, address, addressFailures });
    return { ok: false, code: 'AUTH_INVALID_CREDENTIALS' };
  }

  private audit(actor: string, role: string, result: 'ok' | 'denied', detail?: Record<string, unknown>): Promise<void> {
    return this.deps.audit.write({ at: this.deps.now(), actor: actor.slice(0, 64), role, action: 'auth.login', target: `user:${actor.slice(0, 64)}`, result, ...(detail ? { detail } : {}) });
  }
}

function publicUser(entry: UserEntry): AuthUser {
  const user = { id: entry.id, name: entry.name, role: entry.role, agentId: entry.agentId, duties: entry.duties };
  return entry.unitId === undefined ? user : { ...user, unitId: entry.unitId };
}
