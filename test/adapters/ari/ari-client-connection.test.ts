import { afterEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import { AriClient, type AriDisconnected } from '../../../src/adapters/ari/index.js';
import { nextEmit, PASSWORD, sleep, stasisStart, startHarness, stopHarness, waitUntil, type Harness } from './client-harness.js';
import { LocalAriWsServer } from './local-ari-ws-server.js';

let harness: Harness | undefined;
afterEach(async () => {
  await stopHarness(harness);
  harness = undefined;
});

async function connectedHarness(overrides: Parameters<typeof startHarness>[0] = {}): Promise<Harness> {
  harness = await startHarness(overrides);
  const connected = nextEmit(harness.client, 'connected');
  harness.client.start();
  await connected;
  return harness;
}

function recordDisconnects(client: AriClient): AriDisconnected[] {
  const seen: AriDisconnected[] = [];
  client.on('disconnected', (info) => void seen.push(info));
  return seen;
}

describe('AriClient reconnects', () => {
  it('after the peer closes the socket: disconnected, then connected {reconnect: true}, events flow again', async () => {
    const { server, client, events } = await connectedHarness();
    const disconnected = nextEmit(client, 'disconnected');
    const reconnected = nextEmit(client, 'connected');
    server.dropAll();
    expect(await disconnected).toEqual([{ reason: expect.any(String) as string, wasConnected: true }]);
    expect(await reconnected).toEqual([{ reconnect: true }]);
    expect(server.upgrades).toHaveLength(2);
    server.send(stasisStart('4.1'));
    await waitUntil(() => events.length === 1);
    expect(client.connected).toBe(true);
  });

  it('notices a peer that stops answering pings within heartbeatTimeoutMs, then reconnects', async () => {
    const { server, client } = await connectedHarness({ heartbeatIntervalMs: 100, heartbeatTimeoutMs: 300 });
    const disconnected = nextEmit(client, 'disconnected');
    const silentSince = Date.now();
    server.answerPings = false;
    const [info] = await disconnected;
    const noticedAfter = Date.now() - silentSince;
    expect(info.reason).toMatch(/^heartbeat/);
    // Last pong at most one interval before silence began, so the cut comes 200–300 ms later (+ slack).
    expect(noticedAfter).toBeGreaterThanOrEqual(150);
    expect(noticedAfter).toBeLessThan(300 + 250);
    server.answerPings = true;
    expect(await nextEmit(client, 'connected')).toEqual([{ reconnect: true }]);
  });

  it('keeps a healthy idle link: pongs alone hold it open', async () => {
    const { client } = await connectedHarness({ heartbeatIntervalMs: 100, heartbeatTimeoutMs: 300 });
    const disconnects = recordDisconnects(client);
    await sleep(1000);
    expect(disconnects).toEqual([]);
    expect(client.connected).toBe(true);
  });

  it('comes back after a long outage: keeps trying past 10 attempts at the capped delay', async () => {
    const started = await connectedHarness({ backoffInitialMs: 20, backoffMaxMs: 100 });
    const { server, client } = started;
    const port = server.port;
    const disconnects = recordDisconnects(client);
    await server.close();
    // Uncapped doubling from 20 ms would allow only ~6 attempts in 1.5 s; the 100 ms cap allows ~15.
    await sleep(1500);
    const failedAttempts = disconnects.filter((info) => !info.wasConnected).length;
    expect(disconnects[0]?.wasConnected).toBe(true);
    expect(failedAttempts).toBeGreaterThan(10);
    expect(client.connected).toBe(false);
    const reconnected = nextEmit(client, 'connected');
    harness = { ...started, server: await LocalAriWsServer.start(port) };
    expect(await reconnected).toEqual([{ reconnect: true }]);
  });

  it('keeps trying while Asterisk refuses the credentials (401), and gets in once they are accepted', async () => {
    harness = await startHarness();
    const { server, client } = harness;
    server.refuseAuth = true;
    const disconnects = recordDisconnects(client);
    client.start();
    await waitUntil(() => disconnects.length >= 3);
    expect(disconnects[0]).toEqual({ reason: 'Unexpected server response: 401', wasConnected: false });
    const connected = nextEmit(client, 'connected');
    server.refuseAuth = false;
    expect(await connected).toEqual([{ reconnect: false }]);
  });
});

describe('AriClient.stop', () => {
  function activeTimeouts(): number {
    return process.getActiveResourcesInfo().filter((name) => name === 'Timeout').length;
  }

  it('closes the socket, clears every timer and never reconnects', async () => {
    const before = activeTimeouts();
    const { server, client } = await connectedHarness();
    expect(client.armedTimers).toBe(2);
    expect(activeTimeouts()).toBeGreaterThanOrEqual(2);
    await client.stop();
    expect(client.connected).toBe(false);
    expect(client.armedTimers).toBe(0);
    await waitUntil(() => server.sockets.size === 0);
    await sleep(200);
    expect(server.upgrades).toHaveLength(1);
    // The runner's own timers may come and go; ours must not be among those left.
    expect(activeTimeouts()).toBeLessThanOrEqual(before);
  });

  it('while waiting to retry clears the retry timer', async () => {
    const { server, client } = await connectedHarness({ backoffInitialMs: 5000, backoffMaxMs: 5000 });
    const down = nextEmit(client, 'disconnected');
    server.dropAll();
    await down;
    expect(client.armedTimers).toBe(1);
    await client.stop();
    expect(client.armedTimers).toBe(0);
  });

  it('before the handshake completes, aborts it without error', async () => {
    harness = await startHarness();
    harness.client.start();
    await harness.client.stop();
    expect(harness.client.armedTimers).toBe(0);
    expect(harness.client.connected).toBe(false);
  });
});

describe('AriClient logging', () => {
  it('never shows the password, in any log line, through connect, events, drops and refusals', async () => {
    const { server, client, logLines } = await connectedHarness();
    server.send(stasisStart('5.1'));
    server.send({ type: 'Unknown' });
    const down = nextEmit(client, 'disconnected');
    server.dropAll();
    await down;
    await nextEmit(client, 'connected');
    const port = server.port;
    await server.close();
    await waitUntil(() => logLines.some((line) => line.includes('ECONNREFUSED')));
    const base64 = Buffer.from(`hotline:${PASSWORD}`).toString('base64');
    expect(logLines.length).toBeGreaterThan(5);
    for (const line of logLines) {
      expect(line).not.toContain(PASSWORD);
      expect(line).not.toContain(base64);
    }
    expect(logLines.some((line) => line.includes(`"url":"ws://127.0.0.1:${port}/ari/events?app=hotline&subscribeAll=false"`))).toBe(true);
  });

  it('refuses a heartbeat timeout that would cut a healthy link', () => {
    const options = { url: 'http://127.0.0.1:1/ari', user: 'u', password: 'p', app: 'a', logger: pino({ level: 'silent' }) };
    expect(() => new AriClient({ ...options, heartbeatIntervalMs: 3000, heartbeatTimeoutMs: 3000 })).toThrow(RangeError);
  });
});
