// Message streams on Redis Streams: XADD with approximate trimming, consumer groups, XREADGROUP for
// new messages, XPENDING + XCLAIM to take over messages another consumer left pending (with their
// delivery counts, which XAUTOCLAIM does not give), XACK after the message was applied.
// Blocking reads hold their connection on the server, so they get a connection of their own.
import type { GroupProgress, MessageStreams, StreamMessage } from '../../app/ports/message-streams.js';
import type { RedisConnection } from './open-redis.js';
import { redisErrorOf } from './redis-error.js';

const BODY = 'body';
/** A group's pending list is read whole: a consumer holds at most a few batches of it. */
const PROGRESS_PENDING_MAX = 10_000;

interface RawMessage {
  readonly id: string;
  readonly message: Record<string, string> | null;
}

function bodyOf(raw: RawMessage): string {
  return raw.message?.[BODY] ?? '';
}

export class RedisStreams implements MessageStreams {
  constructor(
    /** For appends, acknowledgements and claims. */
    private readonly redis: RedisConnection,
    /** For blocking reads only. */
    private readonly reader: RedisConnection,
    private readonly url: string,
  ) {}

  private async guard<T>(during: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw redisErrorOf(error, this.url, during);
    }
  }

  append(stream: string, body: string, maxLength: number): Promise<string> {
    return this.guard(`appending to ${stream}`, () => this.redis.xAdd(stream, '*', { [BODY]: body }, { TRIM: { strategy: 'MAXLEN', strategyModifier: '~', threshold: maxLength } }));
  }

  async ensureGroup(stream: string, group: string, from: 'start' | 'end' = 'start'): Promise<void> {
    try {
      await this.redis.xGroupCreate(stream, group, from === 'start' ? '0' : '$', { MKSTREAM: true });
    } catch (error) {
      // BUSYGROUP: it exists already, which is what we wanted.
      if (error instanceof Error && error.message.startsWith('BUSYGROUP')) return;
      throw redisErrorOf(error, this.url, `making group ${group} of ${stream}`);
    }
  }

  read(stream: string, group: string, consumer: string, max: number, blockMs: number): Promise<StreamMessage[]> {
    return this.guard(`reading ${stream}`, async () => {
      const reply = await this.reader.xReadGroup(group, consumer, { key: stream, id: '>' }, { COUNT: max, BLOCK: blockMs });
      const streams = (reply ?? []) as unknown as { name: string; messages: RawMessage[] }[];
      return streams.flatMap((s) => s.messages.map((m) => ({ id: m.id, body: bodyOf(m), deliveries: 1 })));
    });
  }

  reclaim(stream: string, group: string, consumer: string, minIdleMs: number, max: number): Promise<StreamMessage[]> {
    return this.guard(`reclaiming from ${stream}`, async () => {
      const pending = await this.redis.xPendingRange(stream, group, '-', '+', max, { IDLE: minIdleMs });
      if (pending.length === 0) return [];
      const counts = new Map(pending.map((p) => [p.id, p.deliveriesCounter]));
      const claimed = (await this.redis.xClaim(stream, group, consumer, minIdleMs, [...counts.keys()])) as unknown as (RawMessage | null)[];
      // A message trimmed away while pending comes back empty: nothing to apply, but it must be acknowledged.
      return claimed.filter((m): m is RawMessage => m !== null).map((m) => ({ id: m.id, body: bodyOf(m), deliveries: (counts.get(m.id) ?? 0) + 1 }));
    });
  }

  async acknowledge(stream: string, group: string, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.guard(`acknowledging on ${stream}`, () => this.redis.xAck(stream, group, [...ids]));
  }

  range(stream: string, afterId: string, max: number): Promise<StreamMessage[]> {
    return this.guard(`reading a range of ${stream}`, async () => {
      const messages = (await this.redis.xRange(stream, `(${afterId}`, '+', { COUNT: max })) as unknown as RawMessage[];
      return messages.map((m) => ({ id: m.id, body: bodyOf(m), deliveries: 0 }));
    });
  }

  async progress(stream: string, group: string): Promise<GroupProgress> {
    let groups: Record<string, unknown>[];
    try {
      groups = (await this.redis.xInfoGroups(stream)) as unknown as Record<string, unknown>[];
    } catch (error) {
      // No stream yet: nothing was ever handed out.
      if (error instanceof Error && /no such key/i.test(error.message)) return { lastDelivered: '0-0', pending: [] };
      throw redisErrorOf(error, this.url, `reading the groups of ${stream}`);
    }
    const found = groups.find((g) => g.name === group);
    if (!found) return { lastDelivered: '0-0', pending: [] };
    const lastDelivered = String(found['last-delivered-id'] ?? found.lastDeliveredId ?? '0-0');
    const pending = await this.guard(`reading the pending of ${stream}`, () => this.redis.xPendingRange(stream, group, '-', '+', PROGRESS_PENDING_MAX));
    return { lastDelivered, pending: pending.map((p) => p.id) };
  }
}
