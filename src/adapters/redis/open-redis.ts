// Connects to Redis for what several servers share (leases, streams, presence): a timeout on
// connecting and on every command, reconnection forever with a capped delay, and no offline queue,
// so a command issued while the link is down fails at once instead of running minutes later (the
// same hazard as a queued AMI Originate: a lease renewed after it expired, say).
import { createClient } from '@redis/client';
import { describeRedis, RedisError, redisErrorOf } from './redis-error.js';

export interface RedisOptions {
  /** `redis://[:password@]host:port[/db]` */
  readonly url: string;
  readonly connectTimeoutMs?: number;
  /** A command without a reply by then fails with REDIS_TIMEOUT (the server may still run it). */
  readonly commandTimeoutMs?: number;
  /** Longest wait between reconnection attempts. */
  readonly reconnectCapMs?: number;
  /** Told of each failure of the link (not of each command); for the log. */
  readonly onLinkError?: (error: RedisError) => void;
  /**
   * Commands issued while the link is down wait for it (up to their time limit) instead of failing
   * at once. Off by default (see above); on only for a caller that retries a failed command at once
   * and would otherwise spin without ever yielding (the Socket.IO adapter's read loop).
   */
  readonly offlineQueue?: boolean;
}

export type RedisConnection = ReturnType<typeof connectionOf>;

const connectTimeoutOf = (options: RedisOptions): number => options.connectTimeoutMs ?? 2_000;

function connectionOf(options: RedisOptions) {
  const cap = options.reconnectCapMs ?? 2_000;
  return createClient({
    url: options.url,
    disableOfflineQueue: options.offlineQueue !== true,
    socket: {
      connectTimeout: connectTimeoutOf(options),
      reconnectStrategy: (retries: number) => Math.min(100 * 2 ** Math.min(retries, 10), cap),
    },
    commandOptions: { timeout: options.commandTimeoutMs ?? 1_000, rejectInFlight: true },
  });
}

function checkedUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new RedisError('REDIS_BAD_URL', 'the Redis address is not a URL (redis://host:port)');
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') throw new RedisError('REDIS_BAD_URL', `the Redis address must start with redis://, not ${parsed.protocol}//`);
  return url;
}

/** Resolves once connected; a first connection that fails is REDIS_UNREACHABLE (no retry here). */
export async function openRedis(options: RedisOptions): Promise<RedisConnection> {
  const url = checkedUrl(options.url);
  const client = connectionOf({ ...options, url });
  // Without a listener a link error would end the process; reconnection is the client's own.
  client.on('error', (error: unknown) => options.onLinkError?.(redisErrorOf(error, url, 'Redis link')));
  try {
    // The first connection gets no second chance: a wrong address should say so, not retry forever.
    await Promise.race([
      client.connect(),
      new Promise((_, reject) => setTimeout(() => reject(new Error(`no connection within ${connectTimeoutOf(options)} ms`)), connectTimeoutOf(options) + 500).unref()),
    ]);
  } catch (error) {
    client.destroy();
    throw new RedisError('REDIS_UNREACHABLE', `connecting to Redis at ${describeRedis(url)}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return client;
}
