import { afterEach, describe, expect, it, vi } from 'vitest';
import { fieldString, type AmiEvent } from '../../../src/adapters/ami/index.js';
import { PASSWORD, nextEmit, readTrace, startHarness, stopHarness, waitUntil, type Harness } from './client-harness.js';

let h: Harness | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await stopHarness(h);
  h = undefined;
});

async function connected(): Promise<Harness> {
  const harness = await startHarness();
  const up = nextEmit(harness.client, 'connected');
  harness.client.start();
  await up;
  return harness;
}

/** The unsolicited events of the real app_queue capture (list answers a2/a4 belong to actions). */
const queueCallEvents = readTrace('ami-queue-call.jsonl').filter(
  (line) => line.type === 'event' && !['a2', 'a4'].includes(String(line.message['ActionID'])),
);

function collect(harness: Harness): AmiEvent[] {
  const events: AmiEvent[] = [];
  harness.client.on('event', (event) => {
    if (event.name !== 'FullyBooted') events.push(event);
  });
  return events;
}

describe('AmiClient events', () => {
  it('parses and emits every event of a real capture, in order, even when split mid-line', async () => {
    h = await connected();
    const events = collect(h);
    const wire = queueCallEvents.map((line) => line.raw).join('');
    for (let i = 0; i < wire.length; i += 97) h.server.broadcast(wire.slice(i, i + 97));
    await waitUntil(() => events.length === queueCallEvents.length);
    expect(events.map((e) => e.name)).toEqual(queueCallEvents.map((line) => line.message['Event']));
    const join = events.find((e) => e.name === 'QueueCallerJoin');
    expect(join?.fields).toMatchObject({ queue: 'citizen', calleridnum: '13900139000', position: '1' });
    const originated = events.find((e) => e.name === 'OriginateResponse');
    expect(originated?.actionId).toBe('a3'); // not one of ours: delivered as an ordinary event
    expect(fieldString(originated!.fields, 'Response')).toBe('Success');
  });

  it('keeps the library’s shape for Variable headers: VarSet’s name becomes a map key', async () => {
    h = await connected();
    const events = collect(h);
    const varSet = queueCallEvents.find((line) => line.message['Event'] === 'VarSet');
    h.server.broadcast(varSet!.raw);
    await waitUntil(() => events.length === 1);
    const name = String(varSet!.message['Variable']);
    expect(events[0]?.fields['variable']).toEqual({ [name]: '' });
    expect(events[0]?.fields['value']).toBe(varSet!.message['Value']);
  });

  it('a throwing or rejecting listener is logged and neither stops the stream nor other listeners', async () => {
    h = await connected();
    h.client.on('event', () => {
      throw new Error('listener bug');
    });
    h.client.on('event', () => Promise.reject(new Error('async listener bug')));
    const events = collect(h);
    const [first, second] = queueCallEvents;
    h.server.broadcast(first!.raw);
    await waitUntil(() => events.length === 1);
    h.server.broadcast(second!.raw);
    await waitUntil(() => events.length === 2);
    expect(h.client.isConnected).toBe(true);
    expect(await h.client.ping()).toMatchObject({ ping: 'Pong' });
    const errors = h.logLines.map((line) => JSON.parse(line) as { level: number; msg: string; err?: { message: string } });
    const thrown = errors.filter((e) => e.msg === 'AMI listener threw').map((e) => e.err?.message);
    expect(thrown).toContain('listener bug');
    expect(thrown).toContain('async listener bug');
  });
});

describe('AmiClient hygiene', () => {
  it('never logs the password, whatever happens on the link', async () => {
    h = await startHarness({ heartbeatIntervalMs: 30, heartbeatTimeoutMs: 30 });
    h.server.secret = 'another-secret';
    h.client.start();
    await waitUntil(() => h!.server.actions('login').length >= 2);
    const up = nextEmit(h.client, 'connected');
    h.server.secret = PASSWORD;
    await up;
    await h.client.action({ Action: 'NoSuchAction' }).catch(() => undefined);
    const down = nextEmit(h.client, 'disconnected');
    h.server.silent = true;
    await down;
    await h.client.stop();
    expect(h.server.actions('login')[0]?.fields['secret']).toBe(PASSWORD); // it was really used
    expect(h.logLines.length).toBeGreaterThan(5);
    expect(h.logLines.some((line) => line.includes('AMI_AUTH_FAILED'))).toBe(true);
    for (const line of h.logLines) expect(line).not.toContain(PASSWORD);
  });

  it('never reaches the library’s console.log path, even with actions attempted while down', async () => {
    const consoleLog = vi.spyOn(console, 'log');
    h = await connected();
    const down = nextEmit(h.client, 'disconnected');
    h.server.dropAll();
    await down;
    await h.client.action({ Action: 'Ping' }).catch(() => undefined);
    const back = nextEmit(h.client, 'connected');
    await back;
    await h.client.ping();
    expect(consoleLog).not.toHaveBeenCalled();
  });
});
