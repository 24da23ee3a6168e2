// The shared streams' figures from Redis: XLEN for the length, XINFO GROUPS for each consumer group's
// lag (entries not handed out yet; Redis 7), pending entries and consumers. A stream that does not
// exist (never written, or this PBX has no server yet) is left out.
import type { StreamFigures, StreamFigureSource, StreamGroupFigures } from '../../app/ports/cluster-status.js';
import type { RedisConnection } from './open-redis.js';
import { redisErrorOf } from './redis-error.js';

const NO_SUCH_KEY = /no such key/i;

export class RedisStreamFigures implements StreamFigureSource {
  constructor(
    private readonly redis: RedisConnection,
    private readonly url: string,
  ) {}

  async figures(streams: readonly string[]): Promise<StreamFigures[]> {
    const read = await Promise.all(streams.map((stream) => this.one(stream)));
    return read.filter((figures): figures is StreamFigures => figures !== null);
  }

  private async one(stream: string): Promise<StreamFigures | null> {
    try {
      const [groups, length] = await Promise.all([this.redis.xInfoGroups(stream), this.redis.xLen(stream)]);
      const figures: StreamGroupFigures[] = groups.map((group) => ({
        group: String(group.name),
        // Redis answers nil when it cannot count (entries deleted from the middle of the stream).
        lag: typeof group.lag === 'number' ? group.lag : null,
        pending: Number(group.pending),
        consumers: Number(group.consumers),
      }));
      return { stream, length: Number(length), groups: figures.sort((a, b) => a.group.localeCompare(b.group)) };
    } catch (error) {
      if (error instanceof Error && NO_SUCH_KEY.test(error.message)) return null;
      throw redisErrorOf(error, this.url, `reading the figures of ${stream}`);
    }
  }
}
