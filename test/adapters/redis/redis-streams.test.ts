// Streams between servers on a real Redis: every message applied and acknowledged once all goes
// well; a failed or abandoned message delivered again to a live member; a poison message moved
// aside after its deliveries; a frozen Redis waited out without losing a message.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { deadLetterStream, StreamConsumer } from '../../../src/app/cluster/stream-consumer.js';
import type { StreamMessage } from '../../../src/app/ports/message-streams.js';
import { openRedis, type RedisConnection } from '../../../src/adapters/redis/open-redis.js';
import { RedisStreams } from '../../../src/adapters/redis/redis-streams.js';
import { createLogger } from '../../../src/logging/logger.js';
import { startRedis, type RedisServer } from '../../helpers/redis-server.js';
import { waitUntil } from '../../helpers/wait.js';

let server: RedisServer;
let writer: RedisConnection;
const connections: RedisConnection[] = [];
let streams: RedisStreams;
let n = 0;
const fresh = (): string => `stream-${(n += 1)}`;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const consumers: StreamConsumer[] = [];

async function connection(): Promise<RedisConnection> {
  const made = await openRedis({ url: server.url, commandTimeoutMs: 500 });
  connections.push(made);
  return made;
}

/** A member with its own connections, as a separate server would have. */
async function member(stream: string, name: string, apply: (m: StreamMessage) => Promise<void>, settings = {}): Promise<StreamConsumer> {
  const own = new RedisStreams(await connection(), await connection(), server.url);
  const consumer = new StreamConsumer({ streams: own, stream, group: 'acd', consumer: name, apply, logger: createLogger('silent'), sleep, settings: { blockMs: 100, reclaimIdleMs: 300, ...settings } });
  consumers.push(consumer);
  consumer.start();
  return consumer;
}

async function pendingCount(stream: string): Promise<number> {
  const summary = await writer.xPending(stream, 'acd');
  return Number(summary.pending);
}

/** Acknowledgements follow the apply: wait until the group has nothing pending, or give up. */
async function pendingDrained(stream: string): Promise<number> {
  let pending = await pendingCount(stream);
  for (let i = 0; i < 40 && pending > 0; i += 1) {
    await sleep(50);
    pending = await pendingCount(stream);
  }
  return pending;
}

beforeAll(async () => {
  server = await startRedis();
  writer = await connection();
  streams = new RedisStreams(writer, await connection(), server.url);
});
afterEach(async () => {
  await Promise.all(consumers.splice(0).map((c) => c.stop()));
});
afterAll(async () => {
  for (const c of connections) c.destroy();
  await server.stop();
});

describe('StreamConsumer on Redis Streams', () => {
  it('applies every message once, in order, and leaves nothing pending', async () => {
    const stream = fresh();
    const seen: string[] = [];
    await member(stream, 'w1', async (m) => void seen.push(m.body));
    for (let i = 0; i < 50; i += 1) await streams.append(stream, JSON.stringify({ i }), 1_000);
    await waitUntil(() => seen.length === 50, 5_000);
    expect(seen).toEqual(Array.from({ length: 50 }, (_, i) => JSON.stringify({ i })));
    expect(await pendingDrained(stream)).toBe(0);
  });

  it('shares a group between two members: each message applied by exactly one of them', async () => {
    const stream = fresh();
    const seen: string[] = [];
    await member(stream, 'w1', async (m) => void seen.push(`w1 ${m.body}`));
    await member(stream, 'w2', async (m) => void seen.push(`w2 ${m.body}`));
    for (let i = 0; i < 200; i += 1) await streams.append(stream, String(i), 1_000);
    await waitUntil(() => seen.length >= 200, 5_000);
    await sleep(300);
    const bodies = seen.map((line) => line.split(' ')[1]);
    expect(new Set(bodies).size).toBe(200);
    expect(bodies).toHaveLength(200);
  });

  it('delivers a message that failed again, until it is applied', async () => {
    const stream = fresh();
    const attempts: number[] = [];
    await member(stream, 'w1', async (m) => {
      attempts.push(m.deliveries);
      if (m.deliveries < 3) throw new Error('not yet');
    });
    await streams.append(stream, 'flaky', 1_000);
    await waitUntil(() => attempts.length === 3, 5_000);
    expect(attempts).toEqual([1, 2, 3]);
    expect(await pendingDrained(stream)).toBe(0);
  });

  it('gives the messages of a member that died before acknowledging to a live member', async () => {
    const stream = fresh();
    await streams.ensureGroup(stream, 'acd');
    await streams.append(stream, 'orphan', 1_000);
    // A member reads it and dies without acknowledging (nothing more is done with it).
    const taken = await streams.read(stream, 'acd', 'dead-server', 10, 100);
    expect(taken.map((m) => m.body)).toEqual(['orphan']);
    const seen: StreamMessage[] = [];
    await member(stream, 'w2', async (m) => void seen.push(m));
    await waitUntil(() => seen.length === 1, 5_000);
    expect(seen[0]).toMatchObject({ body: 'orphan', deliveries: 2 });
  });

  it('moves a poison message to the dead-letter stream after its deliveries, and goes on with the rest', async () => {
    const stream = fresh();
    const applied: string[] = [];
    await member(
      stream,
      'w1',
      async (m) => {
        if (m.body === 'poison') throw new Error('cannot apply');
        applied.push(m.body);
      },
      { maxDeliveries: 2 },
    );
    await streams.append(stream, 'poison', 1_000);
    await streams.append(stream, 'fine', 1_000);
    await waitUntil(() => applied.includes('fine'), 5_000);
    // Deliveries 1 and 2 failed; the third is moved aside instead of applied.
    for (let i = 0; i < 50 && (await writer.xLen(deadLetterStream(stream))) === 0; i += 1) await sleep(100);
    const letters = await writer.xRange(deadLetterStream(stream), '-', '+');
    expect(letters).toHaveLength(1);
    expect(JSON.parse(letters?.[0]?.message?.body ?? '{}')).toMatchObject({ body: 'poison', deliveries: 3 });
    expect(applied).toEqual(['fine']);
    expect(await pendingDrained(stream)).toBe(0);
  });

  it('waits out a frozen Redis and applies what was appended before and after', async () => {
    const stream = fresh();
    const seen: string[] = [];
    await member(stream, 'w1', async (m) => void seen.push(m.body));
    await streams.append(stream, 'before', 1_000);
    await waitUntil(() => seen.includes('before'), 5_000);
    server.pause();
    await sleep(1_500);
    server.resume();
    await streams.append(stream, 'after', 1_000);
    await waitUntil(() => seen.includes('after'), 10_000);
    expect(seen).toEqual(['before', 'after']);
  });
});
