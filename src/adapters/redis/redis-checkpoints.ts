// The ACD leader's checkpoint in Redis, beside the event log it points into: one hash, replaced only
// by a writer of the same or a later epoch (one Lua script, so the check and the write are atomic).
import type { AcdCheckpoint, AcdCheckpoints } from '../../app/ports/acd-checkpoints.js';
import type { RedisConnection } from './open-redis.js';
import { redisErrorOf } from './redis-error.js';

// KEYS[1] checkpoint; ARGV epoch, lastId, state. 1 when written, 0 when a later epoch's is there.
const SAVE = `
local stored = tonumber(redis.call('HGET', KEYS[1], 'epoch') or '0')
if stored > tonumber(ARGV[1]) then return 0 end
redis.call('HSET', KEYS[1], 'epoch', ARGV[1], 'lastId', ARGV[2], 'state', ARGV[3])
return 1
`;

export class RedisCheckpoints implements AcdCheckpoints {
  constructor(
    private readonly redis: RedisConnection,
    private readonly url: string,
    private readonly key = 'acd:checkpoint',
  ) {}

  async load(): Promise<AcdCheckpoint | null> {
    try {
      const stored = await this.redis.hGetAll(this.key);
      if (stored.epoch === undefined || stored.lastId === undefined || stored.state === undefined) return null;
      return { epoch: Number(stored.epoch), lastId: stored.lastId, state: stored.state };
    } catch (error) {
      throw redisErrorOf(error, this.url, 'reading the ACD checkpoint');
    }
  }

  async save(checkpoint: AcdCheckpoint): Promise<boolean> {
    try {
      const reply = await this.redis.eval(SAVE, { keys: [this.key], arguments: [String(checkpoint.epoch), checkpoint.lastId, checkpoint.state] });
      return Number(reply) === 1;
    } catch (error) {
      throw redisErrorOf(error, this.url, 'saving the ACD checkpoint');
    }
  }
}
