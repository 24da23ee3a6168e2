// The REST helpers must send what Asterisk 22 received in the recorded call, and read what it replied.
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AriClient, AriError } from '../../../src/adapters/ari/index.js';
import { LocalHttpServer } from './local-http-server.js';
import { restExchanges, type RestExchange } from './trace-files.js';

const ivr = restExchanges();
const sip = restExchanges('ari-pjsip-rest-exchanges.jsonl');

let server: LocalHttpServer;
let client: AriClient;

beforeEach(async () => {
  server = await LocalHttpServer.start();
  client = new AriClient({ url: server.baseUrl, user: 'hotline', password: 'pw', app: 'hotline', logger: pino({ level: 'silent' }) });
});
afterEach(async () => {
  await client.stop();
  await server.close();
});

function exchange(list: readonly RestExchange[], method: string, path: string, nth = 0): RestExchange {
  const found = list.filter((e) => e.method === method && e.path === path)[nth];
  if (!found) throw new Error(`no ${method} ${path} in the trace`);
  return found;
}

/** Serves the recorded reply and checks that the request matches the recorded one. */
/** `added`: what the client now sends beyond the recorded request. */
async function replay<T>(recorded: RestExchange, call: () => Promise<T>, added: Record<string, string> = {}): Promise<T> {
  server.reply = () => ({ status: recorded.status, body: recorded.response_body ?? undefined });
  const result = await call();
  const seen = server.seen.at(-1);
  expect({ method: seen?.method, path: seen?.path, query: seen?.query }).toEqual({ method: recorded.method, path: recorded.path, query: { ...recorded.query, ...added } });
  return result;
}

describe('AriClient hang-up by the channel\'s name', () => {
  // Asterisk 22 finds a channel by name in a hash, by id only by walking every channel under the
  // lock new channels wait for (src/adapters/ari/channel-names.ts).
  it('asks by the name the originate answered with, and by id for a channel it has no name of', async () => {
    server.reply = (request) => (request.path === '/ari/channels' ? { status: 200, body: { id: 'agentleg-1-call-1', name: 'PJSIP/agent-8001-0000002a' } } : { status: 204 });
    await client.originate({ endpoint: 'PJSIP/agent-8001', channelId: 'agentleg-1-call-1', app: 'hotline' });
    await client.hangup('agentleg-1-call-1', 'normal');
    await client.hangup('call-2');
    expect(server.seen.slice(1).map((r) => [r.method, r.path, r.query])).toEqual([
      ['DELETE', '/ari/channels/PJSIP%2Fagent-8001-0000002a', { reason: 'normal' }],
      ['DELETE', '/ari/channels/call-2', {}],
    ]);
  });

  it('asks again by id when Asterisk knows no channel of that name, and answers as the id\'s request does', async () => {
    server.reply = (request) => (request.path === '/ari/channels' ? { status: 200, body: { id: 'agentleg-1-call-1', name: 'PJSIP/agent-8001-0000002a' } } : { status: 404, body: { message: 'Channel not found' } });
    await client.originate({ endpoint: 'PJSIP/agent-8001', channelId: 'agentleg-1-call-1', app: 'hotline' });
    const error = await client.hangup('agentleg-1-call-1').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ARI_NOT_FOUND', status: 404 });
    expect(server.seen.slice(1).map((r) => r.path)).toEqual(['/ari/channels/PJSIP%2Fagent-8001-0000002a', '/ari/channels/agentleg-1-call-1']);
  });

  it('does not ask again for another refusal', async () => {
    server.reply = (request) => (request.path === '/ari/channels' ? { status: 200, body: { id: 'agentleg-1-call-1', name: 'PJSIP/agent-8001-0000002a' } } : { status: 500, body: { message: 'boom' } });
    await client.originate({ endpoint: 'PJSIP/agent-8001', channelId: 'agentleg-1-call-1', app: 'hotline' });
    await expect(client.hangup('agentleg-1-call-1')).rejects.toMatchObject({ status: 500 });
    expect(server.seen).toHaveLength(2);
  });
});

describe('AriClient REST helpers against the recorded Asterisk 22 exchanges', () => {
  it('originate', async () => {
    const recorded = exchange(ivr, 'POST', '/ari/channels');
    const channel = await replay(recorded, () =>
      client.originate({ endpoint: 'Local/12345@from-citizen', app: 'citizen-sim', appArgs: ['citizen', '13800138000'], callerId: '"Citizen Zhang" <13800138000>', timeout: 30 }),
      // A Local channel is pinned to 8 kHz (recorded before the client did so).
      { formats: 'slin' },
    );
    expect(channel).toEqual(recorded.response_body);
    expect(server.seen.at(-1)?.body).toBe('');
  });

  it('originate sends variables in the JSON body', async () => {
    server.reply = () => ({ status: 200, body: exchange(ivr, 'POST', '/ari/channels').response_body });
    await client.originate({ endpoint: 'Local/8001@agents', variables: { HOTLINE_CALL: 'c-1' } });
    expect(server.seen[0]?.query).toEqual({ endpoint: 'Local/8001@agents', formats: 'slin' });
    expect(JSON.parse(server.seen[0]?.body ?? '')).toEqual({ variables: { HOTLINE_CALL: 'c-1' } });
  });

  it('answer, ring, getChannel, setVariable, getVariable, sendDtmf, hangup, getApplication', async () => {
    await replay(exchange(ivr, 'POST', '/ari/channels/1795375581.1/answer'), () => client.answer('1795375581.1'));
    await replay(exchange(ivr, 'POST', '/ari/channels/1795375581.1/ring'), () => client.ring('1795375581.1'));
    const channel = await replay(exchange(ivr, 'GET', '/ari/channels/1795375581.1'), () => client.getChannel('1795375581.1'));
    expect(channel.dialplan.app_name).toBe('Stasis');
    await replay(exchange(ivr, 'POST', '/ari/channels/1795375581.1/variable'), () => client.setVariable('1795375581.1', 'HOTLINE_TICKET', 'T-0001'));
    const value = await replay(exchange(ivr, 'GET', '/ari/channels/1795375581.1/variable'), () => client.getVariable('1795375581.1', 'HOTLINE_TICKET'));
    expect(value).toBe('T-0001');
    await replay(exchange(ivr, 'POST', '/ari/channels/1795375581.0/dtmf'), () => client.sendDtmf('1795375581.0', '2', { duration: 120 }));
    await replay(exchange(ivr, 'DELETE', '/ari/channels/1795375581.0'), () => client.hangup('1795375581.0', 'normal'));
    await replay(exchange(ivr, 'DELETE', '/ari/channels/1795375583.2'), () => client.hangup('1795375583.2'));
    const app = await replay(exchange(ivr, 'GET', '/ari/applications/hotline'), () => client.getApplication('hotline'));
    expect(app.name).toBe('hotline');
  });

  it('play returns the queued Playback', async () => {
    const playback = await replay(exchange(sip, 'POST', '/ari/channels/1795375603.12/play'), () => client.play('1795375603.12', 'sound:hello-world'));
    expect(playback).toMatchObject({ state: 'queued', target_uri: 'channel:1795375603.12' });
  });

  it('a recorded 404 becomes ARI_NOT_FOUND with Asterisk message', async () => {
    const recorded = exchange(ivr, 'GET', '/ari/channels/1795375581.1', 1);
    expect(recorded.status).toBe(404);
    const error = await replay(recorded, () => client.getChannel('1795375581.1').catch((e: unknown) => e));
    expect(error).toBeInstanceOf(AriError);
    expect(error).toMatchObject({ code: 'ARI_NOT_FOUND', status: 404 });
    expect((error as AriError).message).toContain('Channel not found');
  });

  it('helpers not in the trace follow the API declarations', async () => {
    server.reply = (request) => (request.method === 'GET' ? { status: 200, body: [] } : { status: 204 });
    await client.play('1.1', ['sound:a', 'sound:b'], 'pb-1');
    await client.stopPlayback('pb-1');
    await client.continueInDialplan('1.1', { context: 'human-fallback', extension: 's', priority: 1 });
    await client.subscribe('hotline', ['channel:1.1', 'bridge:b-1']);
    await expect(client.listChannels()).resolves.toEqual([]);
    expect(server.seen.map((r) => [r.method, r.path, r.query])).toEqual([
      ['POST', '/ari/channels/1.1/play', { media: 'sound:a,sound:b', playbackId: 'pb-1' }],
      ['DELETE', '/ari/playbacks/pb-1', {}],
      ['POST', '/ari/channels/1.1/continue', { context: 'human-fallback', extension: 's', priority: '1' }],
      ['POST', '/ari/applications/hotline/subscription', { eventSource: 'channel:1.1,bridge:b-1' }],
      ['GET', '/ari/channels', {}],
    ]);
  });

  it('encodes ids into the path', async () => {
    await client.answer('a/b?c');
    expect(server.seen[0]?.rawUrl).toBe('/ari/channels/a%2Fb%3Fc/answer');
  });
});
