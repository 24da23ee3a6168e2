// What the client does for a slimmer, measured event stream: each event's delay recorded by type,
// and Asterisk's event filter set on every connect, a refusal logged and the stream still flowing.
import { describe, expect, it } from 'vitest';
import { harnessPerTest, logEntries, nextEmit, stasisStart, waitUntil, type Harness } from './client-harness.js';

const harnesses = harnessPerTest();
const connectedHarness = harnesses.connected;

/** Asterisk's way of writing an instant, with a +0800 offset to show offsets are read. */
function ariStamp(at: number): string {
  return new Date(at + 8 * 3_600_000).toISOString().replace('Z', '+0800');
}

const filterPuts = (h: Harness) => h.server.rest.filter((r) => r.method === 'PUT' && r.url === '/ari/applications/hotline/eventFilter');

describe('AriClient event delays', () => {
  it('records arrival minus Asterisk time stamp per event type, unknown types under "other"', async () => {
    const { server, client, events } = await connectedHarness();
    const now = Date.now();
    server.send({ ...stasisStart('1.1'), timestamp: ariStamp(now - 80) });
    server.send({ ...stasisStart('1.2'), timestamp: ariStamp(now - 80) });
    server.send({ type: 'ChannelTalkingStarted', application: 'hotline', timestamp: ariStamp(now - 30), channel: { id: '1.1' } });
    server.send({ ...stasisStart('1.3'), timestamp: 'not a time' });
    await waitUntil(() => events.length === 3);
    await waitUntil(() => client.metrics.summaries().some((s) => s.name === 'other'));
    const byName = new Map(client.metrics.summaries().map((s) => [s.name, s]));
    expect([...byName.keys()].sort()).toEqual(['StasisStart', 'other']);
    expect(byName.get('StasisStart')).toMatchObject({ kind: 'ari-event', count: 2 });
    expect(byName.get('StasisStart')?.p50).toBeGreaterThanOrEqual(80);
    expect(byName.get('other')?.max).toBeGreaterThanOrEqual(30);
  });
});

describe('AriClient event filter', () => {
  it('sets the filter to the named types (and ApplicationReplaced) on connect and again after a reconnect', async () => {
    const h = await connectedHarness({ eventTypes: ['StasisStart', 'StasisEnd', 'ChannelDtmfReceived'] });
    await waitUntil(() => filterPuts(h).length === 1);
    expect(JSON.parse(filterPuts(h)[0]?.body ?? '')).toEqual({ allowed: [{ type: 'StasisStart' }, { type: 'StasisEnd' }, { type: 'ChannelDtmfReceived' }, { type: 'ApplicationReplaced' }] });
    const reconnected = nextEmit(h.client, 'connected');
    h.server.dropAll();
    await reconnected;
    await waitUntil(() => filterPuts(h).length === 2);
    expect(filterPuts(h)[1]?.body).toBe(filterPuts(h)[0]?.body);
  });

  it('logs a refused filter and goes on receiving every event', async () => {
    const h = await harnesses.started({ eventTypes: ['StasisStart'] });
    h.server.restReply = () => ({ status: 400, body: { message: 'Invalid format definition' } });
    const connected = nextEmit(h.client, 'connected');
    h.client.start();
    await connected;
    await waitUntil(() => logEntries(h.logLines).some((entry) => entry.msg === 'ARI event filter not set; every event type is sent'));
    const warning = logEntries(h.logLines).find((entry) => entry.msg === 'ARI event filter not set; every event type is sent');
    expect(warning).toMatchObject({ level: 40, code: 'ARI_HTTP_ERROR' });
    h.server.send(stasisStart('2.1'));
    await waitUntil(() => h.events.length === 1);
  });

  it('asks for no filter when no types are named', async () => {
    const h = await connectedHarness();
    h.server.send(stasisStart('3.1'));
    await waitUntil(() => h.events.length === 1);
    expect(h.server.rest).toEqual([]);
  });
});
