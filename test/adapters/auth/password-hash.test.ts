import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { hashPassword, isPasswordHash, verifyPassword } from '../../../src/adapters/auth/password-hash.js';
import { parseUsers, type UserEntry } from '../../../src/domain/auth/parse-users.js';

const DEMO_PASSWORD = 'hotline-demo';

describe('password hashes', () => {
  let stored: string;

  beforeAll(async () => {
    stored = await hashPassword('correct horse battery staple');
  });

  it('hashes in the documented form: scrypt$N$r$p$salt$key with a 16-byte salt and a 32-byte key', () => {
    const parts = stored.split('$');
    expect(parts).toHaveLength(6);
    expect(parts.slice(0, 4)).toEqual(['scrypt', '16384', '8', '1']);
    expect(Buffer.from(parts[4] ?? '', 'base64')).toHaveLength(16);
    expect(Buffer.from(parts[5] ?? '', 'base64')).toHaveLength(32);
    expect(isPasswordHash(stored)).toBe(true);
  });

  it('verifies the password it was made from', async () => {
    expect(await verifyPassword('correct horse battery staple', stored)).toBe(true);
  });

  it('refuses a wrong password', async () => {
    expect(await verifyPassword('correct horse battery stapler', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
    expect(await verifyPassword('Correct horse battery staple', stored)).toBe(false);
  });

  it('refuses anything against a malformed stored hash', async () => {
    for (const bad of ['', 'correct horse battery staple', 'scrypt$16384$8$1$onlysalt', 'bcrypt$16384$8$1$c2FsdA==$a2V5', '$2b$10$abcdefghijklmnopqrstuv']) {
      expect(isPasswordHash(bad)).toBe(false);
      expect(await verifyPassword('correct horse battery staple', bad)).toBe(false);
    }
  });

  it('refuses a well-formed hash whose key is not the right length', async () => {
    const [scheme, n, r, p, salt] = stored.split('$');
    const shortKey = [scheme, n, r, p, salt, Buffer.alloc(16).toString('base64')].join('$');
    expect(await verifyPassword('correct horse battery staple', shortKey)).toBe(false);
  });

  it('salts: two hashes of the same password differ, and both verify', async () => {
    const again = await hashPassword('correct horse battery staple');
    expect(again).not.toBe(stored);
    expect(again.split('$')[4]).not.toBe(stored.split('$')[4]);
    expect(await verifyPassword('correct horse battery staple', again)).toBe(true);
  });

  it('hashes and verifies non-ASCII passwords', async () => {
    const hash = await hashPassword('热线12345');
    expect(await verifyPassword('热线12345', hash)).toBe(true);
    expect(await verifyPassword('热线1234', hash)).toBe(false);
  });
});

describe('fixtures/users.yaml', () => {
  let users: readonly UserEntry[];

  beforeAll(() => {
    const result = parseUsers(parse(fs.readFileSync('fixtures/users.yaml', 'utf8')));
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    users = result.value;
  });

  it(`every demo user's hash verifies "${DEMO_PASSWORD}" and nothing else`, async () => {
    expect(users).toHaveLength(11);
    const results = await Promise.all(
      users.map(async (u) => ({ id: u.id, demo: await verifyPassword(DEMO_PASSWORD, u.passwordHash), other: await verifyPassword('hotline-demo!', u.passwordHash) })),
    );
    expect(results).toEqual(users.map((u) => ({ id: u.id, demo: true, other: false })));
  });
});
