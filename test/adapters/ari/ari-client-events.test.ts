import { afterEach, describe, expect, it } from 'vitest';
import type { AriEvent } from '../../../src/adapters/ari/index.js';
import { logEntries, nextEmit, PASSWORD, stasisStart, startHarness, stopHarness, waitUntil, type Harness } from './client-harness.js';
import { eventTraceLines } from './trace-files.js';

let harness: Harness | undefined;
afterEach(async () => {
  await stopHarness(harness);
  harness = undefined;
});

async function connectedHarness(): Promise<Harness> {
  harness = await startHarness();
  const connected = nextEmit(harness.client, 'connected');
  harness.client.start();
  expect(await connected).toEqual([{ reconnect: false }]);
  return harness;
}

describe('AriClient events socket', () => {
  it('opens /ari/events for the app with Basic auth in the handshake, never in the URL', async () => {
    const { server, client } = await connectedHarness();
    expect(client.connected).toBe(true);
    const [upgrade] = server.upgrades;
    expect(upgrade?.authorization).toBe(`Basic ${Buffer.from(`hotline:${PASSWORD}`).toString('base64')}`);
    const url = new URL(upgrade?.url ?? '', 'ws://127.0.0.1');
    expect(Object.fromEntries(url.searchParams)).toEqual({ app: 'hotline', subscribeAll: 'false' });
    expect(upgrade?.url).not.toContain(PASSWORD);
    expect(upgrade?.url).not.toContain('api_key');
  });

  it('emits every event of the recorded call, in order, with its type', async () => {
    const { server, events } = await connectedHarness();
    const lines = eventTraceLines().filter((line) => line.file === 'ari-ivr-bridge-record.jsonl');
    for (const line of lines) server.send(line.text);
    await waitUntil(() => events.length === lines.length);
    expect(events.map((event) => event.type)).toEqual(lines.map((line) => line.type));
    expect(events.map((event) => JSON.stringify(event))).toEqual(lines.map((line) => line.text));
  });

  it('drops unknown types and malformed messages, logs them, and keeps going', async () => {
    const { server, client, events, logLines } = await connectedHarness();
    server.send({ type: 'ChannelTalkingStarted', application: 'hotline', timestamp: 't', channel: { id: '1.1' } });
    server.send('{not json');
    server.send({ ...stasisStart('1.1'), channel: undefined });
    server.send(stasisStart('1.2'));
    await waitUntil(() => events.length === 1);
    expect(events[0]).toMatchObject({ type: 'StasisStart', channel: { id: '1.2' } });
    expect(client.connected).toBe(true);
    const dropped = logEntries(logLines).filter((entry) => String(entry.msg).includes('dropped'));
    expect(dropped.map((entry) => [entry.level, entry.type, entry.reason])).toEqual([
      [20, 'ChannelTalkingStarted', undefined],
      [40, undefined, 'invalid_json'],
      [40, 'StasisStart', 'not_an_event'],
    ]);
  });

  it('a throwing listener neither breaks the stream nor starves the listeners after it', async () => {
    const { server, client, events, logLines } = await connectedHarness();
    const afterThrower: AriEvent[] = [];
    client.on('event', () => {
      throw new Error('listener bug');
    });
    client.on('event', () => Promise.reject(new Error('async listener bug')));
    client.on('event', (event) => void afterThrower.push(event));
    server.send(stasisStart('2.1'));
    server.send(stasisStart('2.2'));
    await waitUntil(() => afterThrower.length === 2);
    expect(events.map((event) => event.type === 'StasisStart' && event.channel.id)).toEqual(['2.1', '2.2']);
    expect(client.connected).toBe(true);
    await waitUntil(() => logEntries(logLines).filter((entry) => entry.level === 50).length === 4);
    const errors = logEntries(logLines).filter((entry) => entry.level === 50);
    expect(errors.map((entry) => (entry.err as { message: string }).message).sort()).toEqual(['async listener bug', 'async listener bug', 'listener bug', 'listener bug']);
  });

  it('once() listeners fire once', async () => {
    const { server, client, events } = await connectedHarness();
    const seen: string[] = [];
    client.once('event', (event) => void seen.push(event.type));
    server.send(stasisStart('3.1'));
    server.send(stasisStart('3.2'));
    await waitUntil(() => events.length === 2);
    expect(seen).toEqual(['StasisStart']);
    expect(client.listenerCount('event')).toBe(1);
  });
});
