// Conversation recorders. A snoop channel whose request outlasts its own start timeout: Asterisk
// under overload answered the snoop request after more than 5 s. Injected with a local HTTP peer
// that stalls, since a live Asterisk cannot be made that slow on demand. The recorder on the caller's
// channel (MixMonitor through AMI) is recorded on the real Asterisk by test/pbx/acd-agents.test.ts;
// here its order against the conversation's end, which a live PBX cannot be made to race on demand,
// and which channel it is asked of (the agent's leg, or the caller's for a leg on an agent's line).
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AriClient, AriError } from '../../../src/adapters/ari/index.js';
import type { ChannelRecorder } from '../../../src/adapters/ami/ami-channel-recorder.js';
import { AriTelephony } from '../../../src/adapters/ari/ari-telephony.js';
import { AriAgentLines } from '../../../src/adapters/ari/ari-agent-lines.js';
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
    const error = await telephony.recordConversation('conv-call-1', 'call-1', 'call-call-1', null).catch((e: unknown) => e);
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
    await expect(telephony.recordConversation('conv-call-1', 'call-1', 'call-call-1', null)).rejects.toThrow(/did not enter the application within 50 ms/);
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
    await telephony.recordConversation('conv-call-1', 'call-1', 'call-call-1', null);
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
    const error = await telephony.recordConversation('conv-call-1', 'call-1', 'call-call-1', null).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AriError);
    expect(server.seen.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /ari/channels/call-1/snoop', 'POST /ari/channels/rec-call-call-1/record', 'DELETE /ari/channels/rec-call-call-1']);
  });

  it('a conversation ended while its recorder was being made hangs the recorder up and records nothing, with no error', async () => {
    let answerSnoop: () => void = () => undefined;
    const snoopAnswered = new Promise<void>((resolve) => (answerSnoop = resolve));
    server.reply = (request) => (request.path.endsWith('/snoop') ? { status: 200, body: { id: 'rec-call-call-1' }, delayMs: 100 } : { status: 204 });
    const telephony = new AriTelephony(client, { app: 'hotline', recorderStartTimeoutMs: 50 });
    const recording = telephony.recordConversation('conv-call-1', 'call-1', 'call-call-1', null).finally(answerSnoop);
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

describe('a conversation recorded on the leg that talks with the caller (MixMonitor)', () => {
  it('dials an agent\'s leg through the agent-leg context, which records it from the answer, and follows the leg until then', async () => {
    const { recorder, asks } = heldChannelRecorder();
    server.reply = (request) => (request.path === '/ari/channels' ? { status: 200, body: { id: 'agentleg-1-call-1', name: 'PJSIP/agent-8001-0000002a' } } : { status: 200, body: { name: 'hotline' } });
    const telephony = new AriTelephony(client, { app: 'hotline', channelRecorder: recorder, recordLegsAtAnswer: true });
    await telephony.dialAgent({ legId: 'agentleg-1-call-1', callId: 'call-1', agentId: '8001', phone: { kind: 'pjsip', endpoint: 'agent-8001' }, ringTimeoutSeconds: 15, callerNumber: '13800000000', recording: 'call-call-1' });
    const [dial, follow] = server.seen;
    expect(dial?.query).toMatchObject({ endpoint: 'PJSIP/agent-8001', context: 'agent-leg', extension: 's', priority: '1', channelId: 'agentleg-1-call-1', timeout: '20' });
    expect(dial?.query).not.toHaveProperty('app');
    expect(JSON.parse(dial?.body ?? '{}')).toEqual({ variables: { HOTLINE_RECORDING: 'call-call-1', HOTLINE_LEG_APP: 'hotline', HOTLINE_LEG_ARGS: 'role=agent,call=call-1,agent=8001' } });
    expect([follow?.method, follow?.path, follow?.query]).toEqual(['POST', '/ari/applications/hotline/subscription', { eventSource: 'channel:PJSIP/agent-8001-0000002a' }]);
    // Answered, the leg is recording already: nothing is asked of AMI, and its end is the leg's.
    await telephony.recordConversation('conv-call-1', 'call-1', 'call-call-1', 'agentleg-1-call-1');
    await telephony.disconnect('conv-call-1');
    expect(asks).toEqual([]);
  });

  it('follows the leg by its id when the originate\'s answer names no channel', async () => {
    server.reply = (request) => (request.path === '/ari/channels' ? { status: 200, body: { id: 'agentleg-1-call-1' } } : { status: 200, body: { name: 'hotline' } });
    const telephony = new AriTelephony(client, { app: 'hotline', channelRecorder: heldChannelRecorder().recorder, recordLegsAtAnswer: true });
    await telephony.dialAgent({ legId: 'agentleg-1-call-1', callId: 'call-1', agentId: '8001', phone: { kind: 'pjsip', endpoint: 'agent-8001' }, ringTimeoutSeconds: 15, callerNumber: '13800000000', recording: 'call-call-1' });
    expect(server.seen[1]?.query).toEqual({ eventSource: 'channel:agentleg-1-call-1' });
  });

  it('where Asterisk lacks the agent-leg context, dials the next legs straight into the application and records them through AMI; a leg dialed before is not recorded twice', async () => {
    const { recorder, asks, release } = heldChannelRecorder();
    release();
    server.reply = (request) => (request.path === '/ari/channels' ? { status: 200, body: { id: String(request.query.channelId), name: `PJSIP/agent-8001-${String(request.query.channelId)}` } } : { status: 200, body: { name: 'hotline' } });
    const telephony = new AriTelephony(client, { app: 'hotline', channelRecorder: recorder, recordLegsAtAnswer: true });
    const offer = (legId: string) => ({ legId, callId: 'call-1', agentId: '8001', phone: { kind: 'pjsip', endpoint: 'agent-8001' } as const, ringTimeoutSeconds: 15, callerNumber: '13800000000', recording: `rec-${legId}` });
    await telephony.dialAgent(offer('agentleg-1-call-1'));
    telephony.dialLegsThroughDialplan(false);
    await telephony.dialAgent(offer('agentleg-2-call-1'));
    const dials = server.seen.filter((r) => r.path === '/ari/channels');
    expect(dials.map((r) => [r.query.channelId, r.query.context ?? null, r.query.app ?? null])).toEqual([['agentleg-1-call-1', 'agent-leg', null], ['agentleg-2-call-1', null, 'hotline']]);
    // The first leg answers after the switch: its recorder is the dialplan's already.
    await telephony.recordConversation('conv-1', 'call-1', 'rec-agentleg-1-call-1', 'agentleg-1-call-1');
    await telephony.recordConversation('conv-2', 'call-1', 'rec-agentleg-2-call-1', 'agentleg-2-call-1');
    expect(asks).toEqual(['start agentleg-2-call-1 rec-agentleg-2-call-1']);
    // Found again: the next leg goes through the context.
    telephony.dialLegsThroughDialplan(true);
    await telephony.dialAgent(offer('agentleg-3-call-1'));
    expect(server.seen.filter((r) => r.path === '/ari/channels').at(-1)?.query.context).toBe('agent-leg');
  });

  it('never dials through the context where the recorder is not MixMonitor at the answer (the context would record twice)', async () => {
    server.reply = () => ({ status: 200, body: { id: 'agentleg-1-call-1' } });
    const telephony = new AriTelephony(client, { app: 'hotline' });
    telephony.dialLegsThroughDialplan(true);
    await telephony.dialAgent({ legId: 'agentleg-1-call-1', callId: 'call-1', agentId: '8001', phone: { kind: 'pjsip', endpoint: 'agent-8001' }, ringTimeoutSeconds: 15, callerNumber: '13800000000', recording: 'call-call-1' });
    expect(server.seen.map((r) => [r.path, r.query.app ?? null, r.query.context ?? null])).toEqual([['/ari/channels', 'hotline', null]]);
  });

  it('records a supervisor\'s leg (not dialed by an offer) through AMI, and asks no stop at the end: Asterisk ends the recording with the leg', async () => {
    const { recorder, asks, release } = heldChannelRecorder();
    release();
    const telephony = new AriTelephony(client, { app: 'hotline', channelRecorder: recorder, recordLegsAtAnswer: true });
    await telephony.recordConversation('conv-call-1', 'call-1', 'call-call-1-2', 'sup-mon-1-call-1');
    await telephony.disconnect('conv-call-1');
    expect(asks).toEqual(['start sup-mon-1-call-1 call-call-1-2']);
    expect(server.seen.map((r) => `${r.method} ${r.path}`)).toEqual(['DELETE /ari/bridges/conv-call-1']);
  });

  it('records a leg put through on an agent\'s line on the caller\'s channel (the line outlives the call), and stops it at the end', async () => {
    const { recorder, asks, release } = heldChannelRecorder();
    release();
    const lines = new AriAgentLines(client, { app: 'hotline' });
    lines.adopt('line-8003', 'agentleg-1-call-1', 'conv-call-1');
    const telephony = new AriTelephony(client, { app: 'hotline', channelRecorder: recorder, lines });
    await telephony.recordConversation('conv-call-1', 'call-1', 'call-call-1', 'agentleg-1-call-1');
    await telephony.disconnect('conv-call-1');
    expect(asks).toEqual(['start call-1 call-call-1', 'stop call-1']);
  });

  it('snoops on the agent\'s leg when the recorder on the channel cannot be asked', async () => {
    const { recorder } = heldChannelRecorder(false);
    server.reply = (request) => (request.path.endsWith('/snoop') ? { status: 200, body: { id: 'rec-call-call-1' } } : { status: 201, body: { name: 'call-call-1' } });
    const telephony = new AriTelephony(client, { app: 'hotline', channelRecorder: recorder, recorderStartTimeoutMs: 2000 });
    await telephony.recordConversation('conv-call-1', 'call-1', 'call-call-1', 'agentleg-1-call-1');
    expect(server.seen.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /ari/channels/agentleg-1-call-1/snoop', 'POST /ari/channels/rec-call-call-1/record']);
  });
});

/** A recorder on the channel whose start is held until the test lets it go, noting every ask. */
function heldChannelRecorder(available = true): { recorder: ChannelRecorder; asks: string[]; release: () => void } {
  const asks: string[] = [];
  let release: () => void = () => undefined;
  const started = new Promise<void>((resolve) => (release = resolve));
  const recorder: ChannelRecorder = {
    available: () => available,
    start: async (channelId, name) => {
      asks.push(`start ${channelId} ${name}`);
      await started;
    },
    stop: async (channelId) => void asks.push(`stop ${channelId}`),
    refused: () => true,
  };
  return { recorder, asks, release };
}

describe('a conversation recorded on the caller\'s channel (MixMonitor)', () => {
  it('makes no snoop, and stops the recorder on the channel when the conversation ends', async () => {
    const { recorder, asks, release } = heldChannelRecorder();
    release();
    const telephony = new AriTelephony(client, { app: 'hotline', channelRecorder: recorder });
    await telephony.recordConversation('conv-call-1', 'call-1', 'call-call-1', null);
    await telephony.disconnect('conv-call-1');
    expect(asks).toEqual(['start call-1 call-call-1', 'stop call-1']);
    expect(server.seen.map((r) => `${r.method} ${r.path}`)).toEqual(['DELETE /ari/bridges/conv-call-1']);
  });

  it('stops a recorder whose start was answered after the conversation ended (the survey is not recorded)', async () => {
    const { recorder, asks, release } = heldChannelRecorder();
    const telephony = new AriTelephony(client, { app: 'hotline', channelRecorder: recorder });
    const recording = telephony.recordConversation('conv-call-1', 'call-1', 'call-call-1', null);
    await telephony.disconnect('conv-call-1');
    // Ended before the start was answered: the end asks to stop (AMI carries out one session's
    // actions in order), and the start's answer asks again in case its stop came first.
    expect(asks).toEqual(['start call-1 call-call-1', 'stop call-1']);
    release();
    await recording;
    expect(asks).toEqual(['start call-1 call-call-1', 'stop call-1', 'stop call-1']);
  });

  it('records through a snoop while the recorder on the channel cannot be asked (AMI down)', async () => {
    const { recorder, asks } = heldChannelRecorder(false);
    server.reply = (request) => (request.path.endsWith('/snoop') ? { status: 200, body: { id: 'rec-call-call-1' } } : { status: 201, body: { name: 'call-call-1' } });
    const telephony = new AriTelephony(client, { app: 'hotline', channelRecorder: recorder, recorderStartTimeoutMs: 2000 });
    await telephony.recordConversation('conv-call-1', 'call-1', 'call-call-1', null);
    expect(asks).toEqual([]);
    expect(server.seen.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /ari/channels/call-1/snoop', 'POST /ari/channels/rec-call-call-1/record']);
  });

  it('records through a snoop when the recorder on the channel is refused (an AMI user without the right)', async () => {
    const refusing: ChannelRecorder = {
      available: () => true,
      start: async () => Promise.reject(new Error('Permission denied')),
      stop: async () => undefined,
      refused: () => true,
    };
    server.reply = (request) => (request.path.endsWith('/snoop') ? { status: 200, body: { id: 'rec-call-call-1' } } : { status: 201, body: { name: 'call-call-1' } });
    const telephony = new AriTelephony(client, { app: 'hotline', channelRecorder: refusing, recorderStartTimeoutMs: 2000 });
    await telephony.recordConversation('conv-call-1', 'call-1', 'call-call-1', null);
    expect(server.seen.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /ari/channels/call-1/snoop', 'POST /ari/channels/rec-call-call-1/record']);
    // The conversation's end hangs up the snoop and asks no stop of the refused recorder.
    await telephony.disconnect('conv-call-1');
    expect(server.seen.map((r) => `${r.method} ${r.path}`).slice(2)).toEqual(['DELETE /ari/channels/rec-call-call-1', 'DELETE /ari/bridges/conv-call-1']);
  });

  it('keeps a recorder whose start went unanswered (a time-out) as started: no snoop writes the same file, and it is stopped at the end', async () => {
    const asks: string[] = [];
    const unanswered: ChannelRecorder = {
      available: () => true,
      start: async () => Promise.reject(new Error('AMI action timed out')),
      stop: async (channelId) => void asks.push(`stop ${channelId}`),
      refused: () => false,
    };
    const telephony = new AriTelephony(client, { app: 'hotline', channelRecorder: unanswered });
    await expect(telephony.recordConversation('conv-call-1', 'call-1', 'call-call-1', null)).resolves.toBeUndefined();
    await telephony.disconnect('conv-call-1');
    expect(asks).toEqual(['stop call-1']);
    expect(server.seen.map((r) => `${r.method} ${r.path}`)).toEqual(['DELETE /ari/bridges/conv-call-1']);
  });

  it('a kept conversation (a takeover) stops the recorder on its caller\'s channel when it ends', async () => {
    const { recorder, asks } = heldChannelRecorder();
    const telephony = new AriTelephony(client, { app: 'hotline', channelRecorder: recorder });
    telephony.keepConversation('conv-call-1', [], [], 'call-1');
    await telephony.disconnect('conv-call-1');
    expect(asks).toEqual(['stop call-1']);
  });
});
