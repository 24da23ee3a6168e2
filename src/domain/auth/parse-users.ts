// The users file (fixtures/users.yaml) as checked data: every problem reported at once, with a path.
import type { ParseResult } from '../acd/acd-config.js';
import { FieldReader, join } from '../acd/field-reader.js';
import { isDuty, isRole, type AuthUser, type Duty } from './roles.js';

export interface UserEntry extends AuthUser {
  readonly passwordHash: string;
}

/** How a stored password looks: `scrypt$N$r$p$<salt base64>$<hash base64>` (see adapters/auth). */
export const PASSWORD_HASH_FORMAT = /^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/;
const ID = /^[A-Za-z0-9._-]{1,64}$/;

export function parseUsers(raw: unknown): ParseResult<readonly UserEntry[]> {
  const r = new FieldReader('USERS');
  const top = r.object(raw, '');
  if (!top) return { ok: false, errors: r.errors };
  r.onlyFields(top, '', ['users']);
  const seen = new Set<string>();
  const users = r.list(top.users, 'users').flatMap((item, i) => {
    const user = readUser(r, item, join('users', i), seen);
    return user ? [user] : [];
  });
  if (r.errors.length > 0) return { ok: false, errors: r.errors };
  return { ok: true, value: users };
}

function readUser(r: FieldReader, raw: unknown, path: string, seen: Set<string>): UserEntry | null {
  const o = r.object(raw, path);
  if (!o) return null;
  r.onlyFields(o, path, ['id', 'name', 'role', 'agentId', 'unitId', 'duties', 'passwordHash']);
  const id = r.string(o, 'id', path);
  if (id !== '' && !ID.test(id)) r.fail('INVALID_ID', join(path, 'id'), 'letters, digits, dot, dash and underscore only');
  if (id !== '' && seen.has(id)) r.fail('DUPLICATE_ID', join(path, 'id'), `user '${id}' appears twice`);
  seen.add(id);
  const role = r.string(o, 'role', path);
  if (role !== '' && !isRole(role)) r.fail('INVALID_ROLE', join(path, 'role'), `'${role}' is not agent, supervisor, qa, unit, kb-editor or admin`);
  const agentId = o.agentId === undefined ? null : r.string(o, 'agentId', path);
  if (role === 'agent' && agentId === null) r.fail('MISSING_FIELD', join(path, 'agentId'), 'an agent user names its ACD agent');
  const unitId = o.unitId === undefined ? null : r.string(o, 'unitId', path);
  if (role === 'unit' && unitId === null) r.fail('MISSING_FIELD', join(path, 'unitId'), 'a unit user names its handling unit');
  if (role !== 'unit' && unitId !== null) r.fail('INVALID_FIELD', join(path, 'unitId'), 'only a unit user names a handling unit');
  const passwordHash = r.string(o, 'passwordHash', path);
  if (passwordHash !== '' && !PASSWORD_HASH_FORMAT.test(passwordHash)) r.fail('INVALID_HASH', join(path, 'passwordHash'), 'expected a hash from npm run user:hash');
  const duties = o.duties === undefined ? [] : readDuties(r, o.duties, join(path, 'duties'));
  const user = { id, name: r.string(o, 'name', path), role: isRole(role) ? role : 'agent', agentId, duties, passwordHash };
  return unitId === null ? user : { ...user, unitId };
}

/**
 * Unit users whose unit the dispatch rules do not declare: checked at start-up once both files are
 * read (USERS_UNIT_UNKNOWN), since a unit user who could never see an order is a typo.
 */
export function usersOfUnknownUnits(users: readonly UserEntry[], unitIds: ReadonlySet<string> | ReadonlyMap<string, unknown>): UserEntry[] {
  return users.filter((user) => user.unitId !== undefined && !unitIds.has(user.unitId));
}

function readDuties(r: FieldReader, raw: unknown, path: string): Duty[] {
  return r.list(raw, path).flatMap((item, i) => {
    if (typeof item === 'string' && isDuty(item)) return [item];
    r.fail('INVALID_DUTY', join(path, i), `'${String(item)}' is not a duty (return-visits)`);
    return [];
  });
}
