// Passwords are kept as scrypt hashes: `scrypt$N$r$p$<salt base64>$<hash base64>`. The parameters
// travel with the hash so they can be raised later without breaking the stored ones.
import crypto from 'node:crypto';
import { PASSWORD_HASH_FORMAT } from '../../domain/auth/parse-users.js';

const KEY_LENGTH = 32;
const DEFAULTS = { N: 16384, r: 8, p: 1 } as const;

function scrypt(password: string, salt: Buffer, N: number, r: number, p: number): Promise<Buffer> {
  // The async form runs on libuv's thread pool: logins never stall calls on the event loop.
  return new Promise((resolve, reject) => {
    crypto.scrypt(password, salt, KEY_LENGTH, { N, r, p, maxmem: 64 * 1024 * 1024 }, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const key = await scrypt(password, salt, DEFAULTS.N, DEFAULTS.r, DEFAULTS.p);
  return ['scrypt', DEFAULTS.N, DEFAULTS.r, DEFAULTS.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** True when `stored` is a well-formed scrypt hash. */
export function isPasswordHash(stored: string): boolean {
  return PASSWORD_HASH_FORMAT.test(stored);
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (!isPasswordHash(stored)) return false;
  const [, n, r, p, salt, hash] = stored.split('$') as [string, string, string, string, string, string];
  const expected = Buffer.from(hash, 'base64');
  const key = await scrypt(password, Buffer.from(salt, 'base64'), Number(n), Number(r), Number(p));
  return key.length === expected.length && crypto.timingSafeEqual(key, expected);
}
