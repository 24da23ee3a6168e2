// Agents' legs are originated without an id of ours (Asterisk 22 would walk every channel, each
// locked, under the channel container's write lock to check it): the client knows each by our id
// all the same, in requests, events and replies (src/adapters/ari/channel-aliases.ts).
import { describe, expect, it } from 'vitest';
import { ChannelAliases } from '../../../src/adapters/ari/channel-aliases.js';
import type { AriEvent } from '../../../src/adapters/ari/index.js';
import { waitUntil } from '../../helpers/wait.js';
import { harnessPerTest } from './client-harness.js';

describe('channel aliases', () => {
  it('asks Asterisk by its id: a channel path, a list of channels, a subscription; anything else as it was', () => {
    const aliases = new ChannelAliases();
    expect(aliases.pathOut('/channels/leg-1/play')).toBe('/channels/leg-1/play');
    aliases.add('leg-1', 'ast-7.1');
    expect(aliases.pathOut('/channels/leg-1/play')).toBe('/channels/ast-7.1/play');
    expect(aliases.pathOut('/channels/leg-1')).toBe('/channels/ast-7.1');
    expect(aliases.pathOut('/channels/PJSIP%2Fagent-1-0000002a')).toBe('/channels/PJSIP%2Fagent-1-0000002a');
    expect(aliases.pathOut('/bridges/leg-1/addChannel')).toBe('/bridges/leg-1/addChannel');
    expect(aliases.queryOut({ channel: 'caller-1,leg-1' })).toEqual({ channel: 'caller-1,ast-7.1' });
    expect(aliases.queryOut({ eventSource: 'channel:leg-1' })).toEqual({ eventSource: 'channel:ast-7.1' });
    expect(aliases.queryOut({ eventSource: ['bridge:leg-1', 'channel:leg-1'] })).toEqual({ eventSource: ['bridge:leg-1', 'channel:ast-7.1'] });
    const untouched = { media: 'sound:leg-1', channel: 'caller-1' };
    expect(aliases.queryOut(untouched)).toBe(untouched);
    expect(aliases.queryOut(undefined)).toBeUndefined();
  });

  it("tells of the channel by our id wherever Asterisk's id stands whole: the channel, a bridge's members, a playback's target", () => {
    const aliases = new ChannelAliases();
    aliases.add('leg-1', 'ast-7.1');
    const event = { type: 'ChannelEnteredBridge', channel: { id: 'ast-7.1', name: 'PJSIP/agent-1-0000002a' }, bridge: { id: 'conv-1', channels: ['caller-1', 'ast-7.1'] }, playback: { target_uri: 'channel:ast-7.1' }, note: 'ast-7.10' };
    expect(aliases.in(event)).toEqual({ ...event, channel: { id: 'leg-1', name: 'PJSIP/agent-1-0000002a' }, bridge: { id: 'conv-1', channels: ['caller-1', 'leg-1'] }, playback: { target_uri: 'channel:leg-1' } });
    // Nothing of an aliased channel: the very same object.
    const other = { type: 'ChannelDtmfReceived', channel: { id: 'caller-1' } };
    expect(aliases.in(other)).toBe(other);
    aliases.forget('ast-7.1');
    expect(aliases.size).toBe(0);
    expect(aliases.in(event)).toBe(event);
    expect(aliases.asteriskOf('leg-1')).toBe('leg-1');
    // An alias to itself is no alias.
    aliases.add('same', 'same');
    expect(aliases.size).toBe(0);
  });
});

describe('an agent leg originated without its id (AriClient.originateAs)', () => {
  const harness = harnessPerTest();

  it('sends no id, then asks and tells of the channel by ours until Asterisk destroys it', async () => {
    const { client, server, events } = await harness.connected();
    server.restReply = (request) => (request.method === 'POST' && request.url.startsWith('/ari/channels?') ? { status: 200, body: { id: 'ast-7.1', name: 'PJSIP/agent-8001-0000002a' } } : { status: 204 });
    const leg = await client.originateAs('agentleg-call-1-3', { endpoint: 'PJSIP/agent-8001', app: 'hotline', appArgs: ['role=agent', 'leg=agentleg-call-1-3'] });
    expect(leg).toMatchObject({ id: 'agentleg-call-1-3', name: 'PJSIP/agent-8001-0000002a' });
    const originate = new URL(server.rest[0]?.url ?? '', 'http://x');
    expect(originate.searchParams.has('channelId')).toBe(false);
    expect(originate.searchParams.has('otherChannelId')).toBe(false);

    await client.play('agentleg-call-1-3', 'sound:hotline/zh-CN/hold');
    await client.subscribe('hotline', 'channel:agentleg-call-1-3');
    expect(server.rest.slice(1).map((r) => decodeURIComponent(r.url))).toEqual(['/ari/channels/ast-7.1/play?media=sound:hotline/zh-CN/hold', '/ari/applications/hotline/subscription?eventSource=channel:ast-7.1']);

    server.send({ type: 'StasisStart', application: 'hotline', timestamp: '2026-12-08T01:00:00.000+0000', args: ['role=agent'], channel: { id: 'ast-7.1', name: 'PJSIP/agent-8001-0000002a' } });
    server.send({ type: 'ChannelDestroyed', application: 'hotline', timestamp: '2026-12-08T01:00:01.000+0000', cause: 16, cause_txt: 'Normal Clearing', channel: { id: 'ast-7.1', name: 'PJSIP/agent-8001-0000002a' } });
    await waitUntil(() => events.length === 2);
    expect(events.map((event) => [event.type, (event as Extract<AriEvent, { type: 'StasisStart' }>).channel.id])).toEqual([
      ['StasisStart', 'agentleg-call-1-3'],
      ['ChannelDestroyed', 'agentleg-call-1-3'],
    ]);
    // Gone: our id is no longer Asterisk's.
    await client.play('agentleg-call-1-3', 'sound:x');
    expect(decodeURIComponent(server.rest.at(-1)?.url ?? '')).toBe('/ari/channels/agentleg-call-1-3/play?media=sound:x');
  });

  it("knows a leg whose StasisStart outran the originate's reply by its leg= argument", async () => {
    const { client, server, events } = await harness.connected();
    server.send({ type: 'StasisStart', application: 'hotline', timestamp: '2026-12-08T01:00:00.000+0000', args: ['role=agent', 'call=call-1', 'leg=agentleg-call-1-3'], channel: { id: 'ast-9.4', name: 'PJSIP/agent-8001-0000002b' } });
    await waitUntil(() => events.length === 1);
    expect((events[0] as Extract<AriEvent, { type: 'StasisStart' }>).channel.id).toBe('agentleg-call-1-3');
    server.restReply = () => ({ status: 204 });
    await client.answer('agentleg-call-1-3');
    expect(server.rest.at(-1)?.url).toBe('/ari/channels/ast-9.4/answer');
  });
});
