// Prints the scrypt hash of a password for fixtures/users.yaml: npm run user:hash -- <password>
import { hashPassword } from '../src/adapters/auth/password-hash.js';

const password = process.argv[2];
if (!password) {
  console.error('usage: npm run user:hash -- <password>');
  process.exit(2);
}
console.log(await hashPassword(password));
