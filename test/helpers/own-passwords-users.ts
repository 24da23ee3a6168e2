// A copy of fixtures/users.yaml whose users have passwords of their own (not the demo one), for
// starts that must get past the demo-password check (HOTLINE_PBX=external).
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { hashPassword } from '../../src/adapters/auth/password-hash.js';

interface UsersDoc {
  users: { id: string; passwordHash: string }[];
}

/** Writes the copy to a temporary folder; `demoFor` keeps the demo hash of the users named. */
export async function usersFileWithOwnPasswords(demoFor: readonly string[] = []): Promise<string> {
  const doc = parse(fs.readFileSync('fixtures/users.yaml', 'utf8')) as UsersDoc;
  // One hash for all: what matters is that it is not of the demo password.
  const own = await hashPassword(crypto.randomBytes(12).toString('base64url'));
  for (const user of doc.users) if (!demoFor.includes(user.id)) user.passwordHash = own;
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'users-')), 'users.yaml');
  fs.writeFileSync(file, stringify(doc));
  return file;
}
