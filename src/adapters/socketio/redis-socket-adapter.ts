// Socket.IO across several web nodes: the Redis Streams adapter carries a room's messages from the
// node that emits them to the nodes where the room's clients are connected. Unlike the Pub/Sub
// adapter it reads a stream from its last id, so a Redis that stalls or restarts delays messages
// instead of losing them. It gets a connection of its own: the adapter duplicates it for its
// blocking reads, and the duplicate must allow a command to wait longer than the read blocks.
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { openRedis, type RedisConnection } from '../redis/open-redis.js';

/** How long one read waits for new messages; the connection's command time limit is above it. */
const BLOCK_MS = 1_000;
const COMMAND_TIMEOUT_MS = BLOCK_MS + 2_000;

export interface SocketAdapterOptions {
  readonly url: string;
  /** The stream shared by the nodes of one centre. */
  readonly streamName?: string;
  /** About how many messages the stream keeps: a node away longer than they last misses the rest. */
  readonly maxLength?: number;
}

export interface RedisSocketAdapter {
  /** For `new Server(http, { adapter })` or `io.adapter(...)`. */
  readonly adapter: ReturnType<typeof createAdapter>;
  readonly connection: RedisConnection;
}

export async function redisSocketAdapter(options: SocketAdapterOptions): Promise<RedisSocketAdapter> {
  // With the offline queue: the adapter reads again at once after a failed read, and a read that
  // failed at once (link down, no queue) would loop without ever yielding, starving the whole
  // process until Redis came back (seen in a Redis restart: no HTTP answer, no log line). Queued, a
  // read waits for the link or fails after its time limit. Emits made meanwhile wait too.
  const connection = await openRedis({ url: options.url, commandTimeoutMs: COMMAND_TIMEOUT_MS, offlineQueue: true });
  const adapter = createAdapter(connection, {
    streamName: options.streamName ?? 'hotline:socket.io',
    maxLen: options.maxLength ?? 10_000,
    blockTimeInMs: BLOCK_MS,
    // The contract's messages are JSON: no binary to look for in each one.
    onlyPlaintext: true,
  });
  return { adapter, connection };
}
