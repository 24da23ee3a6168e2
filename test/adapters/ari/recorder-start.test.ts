// A conversation recorder (a snoop channel) whose request outlasts its own start timeout: Asterisk
// under overload answered the snoop request after more than 5 s. Injected with a local HTTP peer
// that stalls, since a live Asterisk cannot be made that slow on demand.
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AriClient, AriError } from '../../../src/adapters/ari/index.js';
import { AriTelephony } from '../../../src/adapters/ari/ari-telephony.js';
import { LocalHttpServer } from './local-http-server.js';

let server: LocalHttpServer;
let client: AriClient;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => void unhandled.push(reason);

beforeEach(async () => {
  server = await LocalHttpServer.start();
  client = new AriClient({ url: server.baseUrl, user: 'hotline', password: 'pw', app: 'hotline', logger: pino({ level: 'silent' }), requestTimeoutMs: 300 });
  unhandled.length = 0;
  process.on('unhandledRejection', onUnhandled);
});
afterEach(async () => {
  process.off('unhandledRejection', onUnhandled);
  await client.stop();
  await server.close();
});

describe('a conversation recorder that is slow to start', () => {
  it('fails the recording with the request\'s own error and leaves nothing unhandled when the snoop request outlasts the start timeout', async () => {
    server.reply = (request) => (request.path.endsWith('/snoop') ? { status: 200, stall: true } : { status: 204 });
    const telephony = new AriTelephony(client, { app: 'hotline', recorderStartTimeoutMs: 50 });
    const error = await telephony.recordConversation('conv-call-1', 'call-1', 'call-call-1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AriError);
    expect((error as AriError).code).toBe('ARI_TIMEOUT');
    // The start timeout fired at 50 ms, while the request was still waiting.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(unhandled).toEqual([]);
    expect(server.seen.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /ari/channels/call-1/snoop']);
  });

  it('hangs the recorder up and reports the timeout when the snoop was made but never entered the application', async () => {
    const notInStasis = { status: 409, body: { message: 'Channel not in Stasis application' } };
    server.reply = (request) => (request.path.endsWith('/snoop') ? { status: 200, body: { id: 'rec-call-call-1' } } : request.path.endsWith('/record') ? notInStasis : { status: 204 });
    const telephony = new AriTelephony(client, { app: 'hotline', recorderStartTimeoutMs: 50 });
    await expect(telephony.recordConversation('conv-call-1', 'call-1', 'call-call-1')).rejects.toThrow(/did not enter the application within 50 ms/);
    expect(unhandled).toEqual([]);
    const requests = server.seen.map((r) => `${r.method} ${r.path}`);
    expect(requests[0]).toBe('POST /ari/channels/call-1/snoop');
    // Asked again while it was not there, then given up at the time limit.
    expect(requests.filter((r) => r === 'POST /ari/channels/rec-call-call-1/record').length).toBeGreaterThan(1);
    expect(requests.at(-1)).toBe('DELETE /ari/channels/rec-call-call-1');
  });

  it('starts recording as soon as Asterisk has the recorder, without waiting for its StasisStart event', async () => {
    let refusals = 2;
    server.reply = (request) => {
      if (request.path.endsWith('/snoop')) return { status: 200, body: { id: 'rec-call-call-1' } };
      if (request.path.endsWith('/record') && refusals-- > 0) return { status: 404, body: { message: 'Channel not found' } };
      return { status: 201, body: { name: 'call-call-1' } };
    };
    // The event never comes (a backlog of the app's events): the asks alone start it.
    const telephony = new AriTelephony(client, { app: 'hotline', recorderStartTimeoutMs: 2000 });
    await telephony.recordConversation('conv-call-1', 'call-1', 'call-call-1');
    expect(server.seen.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /ari/channels/call-1/snoop',
      'POST /ari/channels/rec-call-call-1/record',
      'POST /ari/channels/rec-call-call-1/record',
      'POST /ari/channels/rec-call-call-1/record',
    ]);
    expect(unhandled).toEqual([]);
  });

  it('a refusal other than "not there yet" fails the recording at once and hangs the recorder up', async () => {
    server.reply = (request) => (request.path.endsWith('/snoop') ? { status: 200, body: { id: 'rec-call-call-1' } } : request.path.endsWith('/record') ? { status: 422, body: { message: 'Unknown format' } } : { status: 204 });
    const telephony = new AriTelephony(client, { app: 'hotline', recorderStartTimeoutMs: 2000 });
    const error = await telephony.recordConversation('conv-call-1', 'call-1', 'call-call-1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AriError);
    expect(server.seen.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /ari/channels/call-1/snoop', 'POST /ari/channels/rec-call-call-1/record', 'DELETE /ari/channels/rec-call-call-1']);
  });

  it('a conversation ended while its recorder was being made hangs the recorder up and records nothing, with no error', async () => {
    let answerSnoop: () => void = () => undefined;
    const snoopAnswered = new Promise<void>((resolve) => (answerSnoop = resolve));
    server.reply = (request) => (request.path.endsWith('/snoop') ? { status: 200, body: { id: 'rec-call-call-1' }, delayMs: 100 } : { status: 204 });
    const telephony = new AriTelephony(client, { app: 'hotline', recorderStartTimeoutMs: 50 });
    const recording = telephony.recordConversation('conv-call-1', 'call-1', 'call-call-1').finally(answerSnoop);
    // The recorder starts beside the connection: the conversation may end first.
    await new Promise((resolve) => setTimeout(resolve, 20));
    await telephony.disconnect('conv-call-1');
    await snoopAnswered;
    await expect(recording).resolves.toBeUndefined();
    const requests = server.seen.map((r) => `${r.method} ${r.path}`);
    expect(requests).toContain('DELETE /ari/bridges/conv-call-1');
    expect(requests.at(-1)).toBe('DELETE /ari/channels/rec-call-call-1');
    expect(requests).not.toContain('POST /ari/channels/rec-call-call-1/record');
    expect(unhandled).toEqual([]);
  });
});
