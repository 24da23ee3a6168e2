// Leases in Redis: one key per lease holding its owner, with Redis's own expiry as the time to live.
// Each check-and-set is one Lua script, so it is atomic on the server: no owner can extend or drop
// a lease someone else took meanwhile. The epoch is a counter beside the lease, raised on each new
// acquisition (not on renewal).
import type { LeaseAnswer, Leases } from '../../app/ports/leases.js';
import type { RedisConnection } from './open-redis.js';
import { redisErrorOf } from './redis-error.js';

// KEYS[1] lease, KEYS[2] epoch counter; ARGV[1] owner, ARGV[2] ttl ms.
// Returns {1, epoch} when held, {0, holder or false} when not.
const ACQUIRE = `
local holder = redis.call('GET', KEYS[1])
if holder == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return {1, tonumber(redis.call('GET', KEYS[2]) or '0')}
end
if holder then return {0, holder} end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return {1, redis.call('INCR', KEYS[2])}
`;

const RENEW = `
local holder = redis.call('GET', KEYS[1])
if holder == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return {1, tonumber(redis.call('GET', KEYS[2]) or '0')}
end
return {0, holder}
`;

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

function answerOf(reply: unknown): LeaseAnswer {
  const [held, value] = Array.isArray(reply) ? (reply as unknown[]) : [0, null];
  if (Number(held) === 1) return { held: true, epoch: Number(value) };
  return { held: false, holder: typeof value === 'string' ? value : null };
}

export class RedisLeases implements Leases {
  constructor(
    private readonly redis: RedisConnection,
    private readonly url: string,
    /** Prefix of every key, e.g. `hotline:lease:`. */
    private readonly prefix = 'hotline:lease:',
  ) {}

  private keys(name: string): string[] {
    return [`${this.prefix}${name}`, `${this.prefix}${name}:epoch`];
  }

  private async run(script: string, name: string, args: string[], during: string): Promise<unknown> {
    try {
      return await this.redis.eval(script, { keys: this.keys(name), arguments: args });
    } catch (error) {
      throw redisErrorOf(error, this.url, `${during} lease ${name}`);
    }
  }

  async acquire(name: string, owner: string, ttlMs: number): Promise<LeaseAnswer> {
    return answerOf(await this.run(ACQUIRE, name, [owner, String(Math.ceil(ttlMs))], 'acquiring'));
  }

  async renew(name: string, owner: string, ttlMs: number): Promise<LeaseAnswer> {
    return answerOf(await this.run(RENEW, name, [owner, String(Math.ceil(ttlMs))], 'renewing'));
  }

  async release(name: string, owner: string): Promise<void> {
    await this.run(RELEASE, name, [owner], 'releasing');
  }

  async holder(name: string): Promise<string | null> {
    try {
      return await this.redis.get(`${this.prefix}${name}`);
    } catch (error) {
      throw redisErrorOf(error, this.url, `reading lease ${name}`);
    }
  }
}
