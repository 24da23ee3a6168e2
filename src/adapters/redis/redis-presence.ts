// Servers' presence in Redis: one key per server (`hotline:node:<id>`) holding its JSON, with Redis's
// own expiry as its time to live. Listed with SCAN (never KEYS, which blocks Redis on a big key
// space) and read with MGET; a value that is not a presence (another program's, a newer version's)
// is left out rather than failing the list.
import type { NodePresence, NodePresences } from '../../app/ports/cluster-status.js';
import { PBX_ROLES } from '../../domain/cluster/pbx-roles.js';
import { jsonObjectOf } from '../../domain/cluster/json-object.js';
import type { RedisConnection } from './open-redis.js';
import { redisErrorOf } from './redis-error.js';

/** The presence a stored value holds, or null when it holds none. */
export function presenceOf(text: string | null): NodePresence | null {
  if (text === null) return null;
  const value = jsonObjectOf(text);
  if (typeof value === 'string') return null;
  const { node, pbx, pbxRole, mayLead, url, startedAt } = value;
  if (typeof node !== 'string' || (pbx !== null && typeof pbx !== 'string') || typeof mayLead !== 'boolean' || typeof url !== 'string' || typeof startedAt !== 'string') return null;
  const role = PBX_ROLES.find((known) => known === pbxRole);
  return role === undefined ? null : { node, pbx, pbxRole: role, mayLead, url, startedAt };
}

export class RedisPresences implements NodePresences {
  constructor(
    private readonly redis: RedisConnection,
    private readonly url: string,
    private readonly prefix = 'hotline:node:',
  ) {}

  async publish(presence: NodePresence, ttlMs: number): Promise<void> {
    const { node, pbx, pbxRole, mayLead, url, startedAt } = presence;
    try {
      await this.redis.set(`${this.prefix}${node}`, JSON.stringify({ node, pbx, pbxRole, mayLead, url, startedAt }), { expiration: { type: 'PX', value: Math.ceil(ttlMs) } });
    } catch (error) {
      throw redisErrorOf(error, this.url, `writing the presence of ${node}`);
    }
  }

  async remove(node: string): Promise<void> {
    try {
      await this.redis.del(`${this.prefix}${node}`);
    } catch (error) {
      throw redisErrorOf(error, this.url, `removing the presence of ${node}`);
    }
  }

  async list(): Promise<NodePresence[]> {
    try {
      const found: NodePresence[] = [];
      for await (const keys of this.redis.scanIterator({ MATCH: `${this.prefix}*`, COUNT: 100 })) {
        if (keys.length === 0) continue;
        // A key that lapsed between SCAN and MGET reads as null and is left out.
        for (const text of await this.redis.mGet(keys)) {
          const presence = presenceOf(text);
          if (presence) found.push(presence);
        }
      }
      // SCAN may return a key twice (a rehash during the walk).
      return [...new Map(found.map((presence) => [presence.node, presence])).values()].sort((a, b) => a.node.localeCompare(b.node));
    } catch (error) {
      throw redisErrorOf(error, this.url, 'listing the servers present');
    }
  }
}
