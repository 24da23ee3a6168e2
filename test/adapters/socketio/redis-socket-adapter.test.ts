// Two web nodes on a real Redis through the Redis Streams adapter: a client connected to one node
// gets what the other emits to its room, in order; a Redis frozen while a node emits delays the
// messages but loses none; a node reaches the room's clients on every node (fetchSockets); while
// Redis is down (stopped, then started again) the nodes keep answering, and messages flow again after.
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisSocketAdapter, type RedisSocketAdapter } from '../../../src/adapters/socketio/redis-socket-adapter.js';
import { startRedis, type RedisServer } from '../../helpers/redis-server.js';
import { waitUntil } from '../../helpers/wait.js';

interface Node {
  readonly io: Server;
  readonly http: HttpServer;
  readonly url: string;
  readonly redis: RedisSocketAdapter;
}

let redis: RedisServer;
const nodes: Node[] = [];
const clients: Socket[] = [];
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A web node: clients join the room named in their handshake, as desktops join their agent's room. */
async function node(): Promise<Node> {
  const made = await redisSocketAdapter({ url: redis.url, streamName: 'test:socket.io' });
  const http = createServer();
  const io = new Server(http, { adapter: made.adapter });
  io.on('connection', (socket) => void socket.join(String((socket.handshake.auth as { room?: unknown }).room)));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const created = { io, http, url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`, redis: made };
  nodes.push(created);
  return created;
}

async function client(on: Node, room: string, heard: unknown[]): Promise<Socket> {
  const socket = connect(on.url, { transports: ['websocket'], auth: { room } });
  clients.push(socket);
  socket.on('pop', (n: unknown) => void heard.push(n));
  await new Promise<void>((resolve) => socket.once('connect', resolve));
  return socket;
}

beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  for (const socket of clients) socket.disconnect();
  for (const one of nodes) {
    await one.io.close();
    one.redis.connection.destroy();
  }
  await redis.stop();
});

describe('Socket.IO across web nodes (Redis Streams adapter)', () => {
  it('a room message emitted on one node reaches the room\'s clients on the other, in order, and a frozen Redis loses none', async () => {
    const a = await node();
    const b = await node();
    const heard: unknown[] = [];
    await client(a, 'agent:8001', heard);
    const elsewhere: unknown[] = [];
    await client(a, 'agent:8002', elsewhere);
    // The room is on node a; node b knows of it only through Redis.
    await waitUntil(() => a.io.sockets.adapter.rooms.get('agent:8001')?.size === 1, 2_000);
    await sleep(300);
    for (let n = 1; n <= 5; n += 1) b.io.to('agent:8001').emit('pop', n);
    await waitUntil(() => heard.length === 5, 3_000);
    expect(heard).toEqual([1, 2, 3, 4, 5]);

    redis.pause();
    const emitted = Date.now();
    try {
      for (let n = 6; n <= 8; n += 1) b.io.to('agent:8001').emit('pop', n);
      await sleep(1_500);
      expect(heard).toHaveLength(5);
    } finally {
      redis.resume();
    }
    await waitUntil(() => heard.length === 8, 5_000);
    expect(heard).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(Date.now() - emitted).toBeGreaterThanOrEqual(1_500);
    expect(elsewhere).toEqual([]);
  });

  it('finds a room\'s clients connected to another node', async () => {
    const a = nodes[0] ?? (await node());
    const b = nodes[1] ?? (await node());
    await client(b, 'supervisors', []);
    const found = await a.io.in('supervisors').fetchSockets();
    expect(found).toHaveLength(1);
  });

  it('keeps a node answering while Redis is down, and carries messages again once it is back', async () => {
    const a = nodes[0] ?? (await node());
    const b = nodes[1] ?? (await node());
    const heard: unknown[] = [];
    await client(a, 'agent:8009', heard);
    await waitUntil(() => a.io.sockets.adapter.rooms.get('agent:8009')?.size === 1, 2_000);
    const port = redis.port;
    await redis.stop();
    // A read loop that failed at once and read again at once would starve the process: no timer, no request answered.
    await sleep(1_000);
    const answered = await fetch(`${a.url}/socket.io/?EIO=4&transport=polling`, { signal: AbortSignal.timeout(2_000) });
    expect(answered.status).toBe(200);
    redis = await startRedis(port);
    await waitUntil(() => a.redis.connection.isReady && b.redis.connection.isReady, 10_000);
    // The adapter's reading connection comes back on its own schedule: emit until the first arrives.
    await waitUntil(() => {
      b.io.to('agent:8009').emit('pop', 'after');
      return heard.length > 0;
    }, 10_000, 500);
    expect(heard[0]).toBe('after');
  });
});
