import { afterEach, describe, expect, it } from 'vitest';
import { AmiError } from '../../../src/adapters/ami/index.js';
import { nextEmit, startHarness, stopHarness, waitUntil, type Harness } from './client-harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await stopHarness(h);
  h = undefined;
});

describe('AmiClient connection lifecycle', () => {
  it('logs in with events on and reports the first connection', async () => {
    h = await startHarness();
    const connected = nextEmit(h.client, 'connected');
    h.client.start();
    expect(await connected).toEqual([{ reconnect: false }]);
    expect(h.client.isConnected).toBe(true);
    const [login] = h.server.actions('login');
    // The library writes `Event: on` (Asterisk reads `Events:`), so the user's read= permissions decide.
    expect(login?.fields).toMatchObject({ username: 'hotline', secret: 'right-secret' });
  });

  it('reports AMI_AUTH_FAILED, keeps retrying, and connects once the secret is accepted', async () => {
    h = await startHarness();
    h.server.secret = 'another-secret';
    const failed = nextEmit(h.client, 'disconnected');
    h.client.start();
    const [info] = await failed;
    expect(info.wasConnected).toBe(false);
    expect(info.error).toBeInstanceOf(AmiError);
    expect(info.error?.code).toBe('AMI_AUTH_FAILED');
    expect(h.client.isConnected).toBe(false);
    await waitUntil(() => h!.server.actions('login').length >= 3);
    const connected = nextEmit(h.client, 'connected');
    h.server.secret = 'right-secret';
    expect(await connected).toEqual([{ reconnect: false }]);
  });

  it('backs off exponentially between attempts and never waits longer than the cap', async () => {
    h = await startHarness({ backoffInitialMs: 20, backoffMaxMs: 80 });
    h.server.secret = 'another-secret';
    h.client.start();
    await waitUntil(() => h!.server.actions('login').length >= 6);
    const times = h.server.actions('login').map((a) => a.at);
    const gaps = times.slice(1).map((t, i) => t - (times[i] as number));
    // Timers never fire early, so the lower bounds are exact; the upper bound only allows for a busy machine.
    expect(gaps[0]).toBeGreaterThanOrEqual(19);
    expect(gaps[1]).toBeGreaterThanOrEqual(39);
    expect(gaps[3]).toBeGreaterThanOrEqual(79);
    for (const gap of gaps) expect(gap).toBeLessThan(80 + 400);
  });

  it('reconnects after the server drops the socket and says so with reconnect: true', async () => {
    h = await startHarness();
    const first = nextEmit(h.client, 'connected');
    h.client.start();
    await first;
    const down = nextEmit(h.client, 'disconnected');
    const again = nextEmit(h.client, 'connected');
    const droppedAt = Date.now();
    h.server.dropAll();
    const [info] = await down;
    expect(info.wasConnected).toBe(true);
    expect(await again).toEqual([{ reconnect: true }]);
    expect(Date.now() - droppedAt).toBeLessThan(100 + 1000);
    expect(h.server.connections).toBe(2);
    expect(h.managers).toHaveLength(2);
  });

  it('notices a peer that keeps the socket but stops answering, through the Ping heartbeat', async () => {
    h = await startHarness({ heartbeatIntervalMs: 50, heartbeatTimeoutMs: 100 });
    const first = nextEmit(h.client, 'connected');
    h.client.start();
    await first;
    await waitUntil(() => h!.server.actions('ping').length >= 2); // healthy pings first
    const down = nextEmit(h.client, 'disconnected');
    h.server.silent = true;
    const [info] = await down;
    expect(info.reason).toMatch(/heartbeat/);
    expect(h.server.actions('ping').filter((a) => a.connection === 1).length).toBeGreaterThanOrEqual(4);
    const again = nextEmit(h.client, 'connected');
    h.server.silent = false;
    expect(await again).toEqual([{ reconnect: true }]);
    // Our side of the stalled socket was destroyed, not merely ended: the hung peer never answers the FIN,
    // so an ended socket would stay open here. Server sockets: the stalled one and the new one.
    const tcpSockets = (): number => process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap').length;
    expect(h.server.sockets.size).toBe(2);
    await waitUntil(() => tcpSockets() === h!.server.sockets.size + 1);
  });
});

describe('AmiClient.stop', () => {
  const timers = (): number => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
  const sockets = (): number => process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap').length;

  it('leaves no timer or socket behind while connected with a heartbeat and an action in flight', async () => {
    h = await startHarness({ heartbeatIntervalMs: 30, actionTimeoutMs: 10_000 });
    h.server.handle('Originate', () => undefined);
    // Sockets of earlier tests finish closing on a later loop turn; start from none.
    await waitUntil(() => sockets() === 0);
    const baseline = timers();
    const connected = nextEmit(h.client, 'connected');
    h.client.start();
    await connected;
    const pending = h.client.action({ Action: 'Originate', Channel: 'Local/8001@agents' });
    await waitUntil(() => h!.server.actions('originate').length === 1);
    expect(timers()).toBeGreaterThan(baseline);
    const rejected = expect(pending).rejects.toMatchObject({ code: 'AMI_NOT_CONNECTED' });
    await h.client.stop();
    await rejected;
    expect(timers()).toBe(baseline);
    await waitUntil(() => sockets() === 0);
    expect(h.client.isConnected).toBe(false);
  });

  it('leaves no timer behind when stopped while waiting to retry', async () => {
    h = await startHarness({ backoffInitialMs: 10_000 });
    h.server.secret = 'another-secret';
    const baseline = timers();
    const failed = nextEmit(h.client, 'disconnected');
    h.client.start();
    await failed;
    expect(timers()).toBe(baseline + 1); // the retry timer
    await h.client.stop();
    expect(timers()).toBe(baseline);
  });

  it('leaves no timer behind when stopped while the login is unanswered', async () => {
    h = await startHarness({ actionTimeoutMs: 10_000 });
    h.server.silent = true;
    const baseline = timers();
    h.client.start();
    await waitUntil(() => h!.server.actions('login').length === 1);
    await h.client.stop();
    expect(timers()).toBe(baseline);
    // The hung server keeps its end; ours must be gone.
    await waitUntil(() => sockets() === h!.server.sockets.size);
    // Nothing restarts after stop().
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(h.server.connections).toBe(1);
  });
});
