// A throwaway Redis server for a test file: Debian's redis-server on loopback at a free port, no
// persistence (src/local-cluster/local-redis.ts). It can be paused (SIGSTOP) to play a server that
// stops answering, and stopped.
import { startLocalRedis } from '../../src/local-cluster/local-redis.js';

export interface RedisServer {
  readonly url: string;
  readonly port: number;
  /** Freezes the server: connections stay open, nothing is answered (a stalled or overloaded Redis). */
  pause(): void;
  resume(): void;
  stop(): Promise<void>;
}

export function startRedis(port?: number): Promise<RedisServer> {
  return startLocalRedis({ dataDir: null, ...(port === undefined ? {} : { port }) });
}
