// Where the agents' phones are, in Redis: one key per PBX (`hotline:phones:<pbx>`) holding the JSON
// list of the agents whose phones it reaches, expiring by Redis's own clock. Read with one MGET; a
// value that is not a list of ids (another program's, a newer version's) counts as nothing said.
import type { PhoneHomeStore } from '../../app/ports/phone-homes.js';
import { redisErrorOf } from './redis-error.js';
import type { RedisConnection } from './open-redis.js';

export function agentIdsOf(text: string | null): string[] | null {
  if (text === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  return Array.isArray(value) && value.every((id): id is string => typeof id === 'string') ? value : null;
}

export class RedisPhoneHomes implements PhoneHomeStore {
  constructor(
    private readonly redis: RedisConnection,
    private readonly url: string,
    private readonly prefix = 'hotline:phones:',
  ) {}

  async publish(pbx: string, agentIds: readonly string[], ttlMs: number): Promise<void> {
    try {
      await this.redis.set(`${this.prefix}${pbx}`, JSON.stringify(agentIds), { expiration: { type: 'PX', value: Math.ceil(ttlMs) } });
    } catch (error) {
      throw redisErrorOf(error, this.url, `writing where ${pbx}'s agents' phones are`);
    }
  }

  async read(pbxs: readonly string[]): Promise<ReadonlyMap<string, readonly string[]>> {
    if (pbxs.length === 0) return new Map();
    let texts: (string | null)[];
    try {
      texts = await this.redis.mGet(pbxs.map((pbx) => `${this.prefix}${pbx}`));
    } catch (error) {
      throw redisErrorOf(error, this.url, 'reading where the agents’ phones are');
    }
    const found = new Map<string, readonly string[]>();
    pbxs.forEach((pbx, i) => {
      const ids = agentIdsOf(texts[i] ?? null);
      if (ids) found.set(pbx, ids);
    });
    return found;
  }
}
