// The two connection pools and the per-route timings of AriHttp, against a local HTTP server that
// can stall or slow an answer (faults a live Asterisk cannot be made to show on demand).
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AriClient, AriError, AriHttp, AriTelephony } from '../../../src/adapters/ari/index.js';
import type { OriginateParams, RequestLimit } from '../../../src/adapters/ari/ari-client.js';
import { RegistryLoadSignals } from '../../../src/adapters/metrics/load-signals.js';
import { MetricsRegistry } from '../../../src/adapters/metrics/metrics-registry.js';
import { LocalHttpServer } from './local-http-server.js';

let server: LocalHttpServer;
beforeEach(async () => {
  server = await LocalHttpServer.start();
});
afterEach(() => server.close());

const settled = (promise: Promise<unknown>): Promise<unknown> => promise.then(
  () => 'ok',
  (error: unknown) => (error instanceof AriError ? error.code : error),
);

describe('AriHttp pools', () => {
  it('keeps prompts, answers and hang-ups off the connections held by slow requests', async () => {
    const http = new AriHttp({ baseUrl: server.baseUrl, user: 'u', password: 'p', poolSockets: { fast: 2, slow: 2 } });
    server.reply = (request) => (request.method === 'POST' && request.path === '/ari/channels' ? { status: 200, stall: true } : { status: 204 });
    // Four originates stall: both slow sockets are held, two more wait for one.
    const originates = Array.from({ length: 4 }, (_unused, i) => settled(http.request('POST', '/channels', { query: { endpoint: `Local/${i}@x` }, timeoutMs: 1500 })));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    await http.request('POST', '/channels/c.1/play', { query: { media: 'sound:x' } });
    await http.request('POST', '/channels/c.1/answer');
    await http.request('DELETE', '/channels/c.1');
    expect(Date.now() - started).toBeLessThan(500);
    const slowPorts = new Set(server.seen.filter((seen) => seen.path === '/ari/channels').map((seen) => seen.remotePort));
    const fastPorts = new Set(server.seen.filter((seen) => seen.path !== '/ari/channels').map((seen) => seen.remotePort));
    expect(slowPorts.size).toBe(2);
    expect([...fastPorts].some((port) => slowPorts.has(port))).toBe(false);
    expect(await Promise.all(originates)).toEqual(['ARI_TIMEOUT', 'ARI_TIMEOUT', 'ARI_TIMEOUT', 'ARI_TIMEOUT']);
    http.close();
  });

  it('sends originates, snoops, recordings, bridge creation, marks and subscriptions through the slow pool, the rest through the fast one', () => {
    const http = new AriHttp({ baseUrl: server.baseUrl, user: 'u', password: 'p' });
    expect(http.poolFor('POST', '/channels')).toBe('slow');
    expect(http.poolFor('POST', '/applications/hotline/subscription')).toBe('slow');
    expect(http.poolFor('POST', '/channels/c.1/snoop')).toBe('slow');
    expect(http.poolFor('POST', '/channels/rec-1/record')).toBe('slow');
    expect(http.poolFor('POST', '/bridges/conv-1')).toBe('slow');
    expect(http.poolFor('POST', '/channels/c.1/variable')).toBe('slow');
    for (const path of ['/channels/c.1/play', '/channels/c.1/answer', '/channels/c.1/dtmf']) expect(http.poolFor('POST', path)).toBe('fast');
    expect(http.poolFor('GET', '/channels/c.1/variable')).toBe('fast');
    expect(http.poolFor('DELETE', '/channels/c.1')).toBe('fast');
    http.close();
  });
});

describe('AriHttp timings', () => {
  it('times each request under its route, ids replaced, with errors and timeouts counted apart', async () => {
    const metrics = new MetricsRegistry();
    const http = new AriHttp({ baseUrl: server.baseUrl, user: 'u', password: 'p', metrics });
    server.reply = (request) => {
      if (request.path.endsWith('/gone/play')) return { status: 404, body: { message: 'Channel not found' } };
      if (request.path.endsWith('/stuck/play')) return { status: 200, stall: true };
      return { status: 200, body: { id: 'p' }, delayMs: 20 };
    };
    await http.request('POST', '/channels/a.1/play');
    await http.request('POST', '/channels/b.2/play');
    expect(await settled(http.request('POST', '/channels/gone/play'))).toBe('ARI_NOT_FOUND');
    expect(await settled(http.request('POST', '/channels/stuck/play', { timeoutMs: 100 }))).toBe('ARI_TIMEOUT');
    await http.request('DELETE', '/channels/a.1');
    const summaries = metrics.summaries();
    expect(summaries.map((s) => s.name)).toEqual(['DELETE /channels/{id}', 'POST /channels/{id}/play']);
    const play = summaries.find((s) => s.name === 'POST /channels/{id}/play');
    expect(play).toMatchObject({ kind: 'ari-request', count: 4, errors: 1, timeouts: 1 });
    expect(play?.p50).toBeGreaterThanOrEqual(20);
    expect(play?.max).toBeGreaterThanOrEqual(100);
    http.close();
  });

  it("gives admission control the quick requests' time, while a slow originate counts only when it gets no answer", async () => {
    const metrics = new MetricsRegistry();
    const signals = new RegistryLoadSignals(metrics);
    const http = new AriHttp({ baseUrl: server.baseUrl, user: 'u', password: 'p', metrics });
    server.reply = (request) => {
      if (request.path === '/ari/channels') return request.query['endpoint'] === 'PJSIP/stuck' ? { status: 200, stall: true } : { status: 200, body: { id: 'o' }, delayMs: 300 };
      return { status: 200, body: { id: 'p' }, delayMs: 5 };
    };
    await http.request('POST', '/channels', { query: { endpoint: 'PJSIP/agent-1' } });
    await http.request('POST', '/channels/a.1/play');
    const second = signals.sample(1000);
    expect(second.requestP99Ms).toBeGreaterThanOrEqual(5);
    expect(second.requestP99Ms).toBeLessThan(250);
    expect(second.requestTimeouts).toBe(0);
    expect(await settled(http.request('POST', '/channels', { query: { endpoint: 'PJSIP/stuck' }, timeoutMs: 100 }))).toBe('ARI_TIMEOUT');
    // A second with no quick request has no request time, but the originate's timeout is counted.
    expect(signals.sample(2000)).toMatchObject({ requestP99Ms: null, requestTimeouts: 1 });
    // Both still appear under their routes for GET /api/metrics.
    expect(metrics.summaries().map((s) => s.name)).toEqual(['POST /channels', 'POST /channels/{id}/play']);
    http.close();
  });
});

describe('originate time limits', () => {
  it('an originate may take longer than the client default when the caller gives its own limit', async () => {
    const client = new AriClient({ url: server.baseUrl, user: 'u', password: 'p', app: 'hotline', logger: pino({ level: 'silent' }), requestTimeoutMs: 150 });
    server.reply = () => ({ status: 200, body: { id: 'leg-1' }, delayMs: 400 });
    expect(await settled(client.originate({ endpoint: 'Local/8001@demo-phones' }))).toBe('ARI_TIMEOUT');
    expect(await settled(client.originate({ endpoint: 'Local/8001@demo-phones' }, { timeoutMs: 2000 }))).toBe('ok');
    await client.stop();
  });

  it('rings agents, citizens and outside parties with a request limit of at least their ring time + 5 s', async () => {
    const limits: number[] = [];
    const ari = { on: () => undefined, originate: async (_params: OriginateParams, limit: RequestLimit = {}) => void limits.push(limit.timeoutMs ?? 5000) };
    const telephony = new AriTelephony(ari as unknown as AriClient, { app: 'hotline' });
    await telephony.dialAgent({ legId: 'l', callId: 'c', agentId: '8001', phone: { kind: 'pjsip', endpoint: 'agent-8001' }, ringTimeoutSeconds: 30, callerNumber: '1', recording: 'call-c' });
    await telephony.dialCitizen({ channelId: 'cb', callId: 'c', agentId: '8001', number: '13800000000', ringTimeoutSeconds: 25 });
    await telephony.dialParty({ channelId: 'p', callId: 'c', number: '12319', ringTimeoutSeconds: 20 });
    expect(limits[0]).toBeGreaterThanOrEqual(30 * 1000 + 5000);
    expect(limits[1]).toBeGreaterThanOrEqual(25 * 1000 + 5000);
    expect(limits[2]).toBeGreaterThanOrEqual(20 * 1000 + 5000);
  });
});
