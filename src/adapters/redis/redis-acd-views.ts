// The ACD leader's published views in Redis: one key, replaced at each publication, expiring by
// itself when no leader publishes any more.
import type { AcdViews, AcdViewsSnapshot } from '../../app/ports/acd-views.js';
import type { RedisConnection } from './open-redis.js';
import { redisErrorOf } from './redis-error.js';

export class RedisAcdViews implements AcdViews {
  constructor(
    private readonly redis: RedisConnection,
    private readonly url: string,
    private readonly key = 'acd:views',
  ) {}

  async publish(views: AcdViewsSnapshot, ttlMs: number): Promise<void> {
    try {
      await this.redis.set(this.key, JSON.stringify(views), { expiration: { type: 'PX', value: ttlMs } });
    } catch (error) {
      throw redisErrorOf(error, this.url, 'publishing the ACD views');
    }
  }

  async read(): Promise<AcdViewsSnapshot | null> {
    let text: string | null;
    try {
      text = await this.redis.get(this.key);
    } catch (error) {
      throw redisErrorOf(error, this.url, 'reading the ACD views');
    }
    return text === null ? null : (JSON.parse(text) as AcdViewsSnapshot);
  }
}
