// A real deployment (an external Asterisk) does not start while a user still has the demo password
// of fixtures/users.yaml: a centre that forgot to replace the file would run with a password anyone
// can read in this repository.
import { verifyPassword } from '../adapters/auth/password-hash.js';
import type { PasswordVerifier } from '../app/ports/password-verifier.js';
import type { Config } from '../config.js';
import type { UserEntry } from '../domain/auth/parse-users.js';
import { StartupError } from './startup-error.js';

/** The password of every demo user (fixtures/users.yaml), printed by `npm start`. */
export const DEMO_PASSWORD = 'hotline-demo';

/** The ids of the users whose password is the demo one, checked against each user's own hash. */
export async function usersWithDemoPassword(users: Iterable<UserEntry>, verify: PasswordVerifier = verifyPassword): Promise<string[]> {
  // All at once: scrypt runs on libuv's pool, so a few users cost about as long as one.
  const list = [...users];
  const matches = await Promise.all(list.map((user) => verify(DEMO_PASSWORD, user.passwordHash)));
  return list.filter((_, i) => matches[i]).map((user) => user.id);
}

/** Throws USERS_DEMO_PASSWORD naming the users and what to change; the demo (local PBX) is left alone. */
export async function refuseDemoPasswords(config: Config, users: ReadonlyMap<string, UserEntry>, verify: PasswordVerifier = verifyPassword): Promise<void> {
  if (config.pbxMode !== 'external') return;
  const found = await usersWithDemoPassword(users.values(), verify);
  if (found.length === 0) return;
  throw new StartupError(
    'USERS_DEMO_PASSWORD',
    `Users ${found.join(', ')} in ${config.files.users} still have the demo password "${DEMO_PASSWORD}": ` +
      'give each a password of its own (its hash from `npm run user:hash -- <password>`), or point HOTLINE_USERS_FILE at your own users file.',
  );
}
