// The ARI and AMI adapters against a real Asterisk 22: what they were unit-tested for with fault
// injection must also hold with the real peer, including Asterisk going away and coming back.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AmiClient, AmiError, type AmiEvent } from '../../src/adapters/ami/index.js';
import { AriClient } from '../../src/adapters/ari/ari-client.js';
import { AriError } from '../../src/adapters/ari/ari-error.js';
import type { AriEvent } from '../../src/adapters/ari/ari-events.js';
import { loadConfig } from '../../src/config.js';
import { pbxDown, pbxUp } from '../../src/local-pbx/index.js';
import { createLogger } from '../../src/logging/logger.js';

const runtime = inject('pbxRuntime');
const silent = createLogger('silent');

function connected(client: { once(event: 'connected', listener: (info: { reconnect: boolean }) => void): unknown }): Promise<{ reconnect: boolean }> {
  return new Promise((resolve) => client.once('connected', resolve));
}

describe('AMI adapter on the real Asterisk', () => {
  let ami: AmiClient;
  beforeAll(async () => {
    ami = new AmiClient({ ...runtime.ami, logger: silent, actionLinks: 2 });
    const up = connected(ami);
    ami.start();
    await up;
  });
  afterAll(() => ami?.stop());

  it('pings, runs a CLI command and lists channels', async () => {
    const pong = await ami.ping();
    expect(pong.response).toBe('Success');
    const version = await ami.command('core show version');
    expect(version.join('\n')).toMatch(/Asterisk 22\./);
    expect(Array.isArray(await ami.coreShowChannels())).toBe(true);
  });

  it('reports the fallback queue with its agent members', async () => {
    const events = await ami.queueStatus('hotline-fallback');
    const members = events.filter((event) => event.name === 'QueueMember').map((event) => event.fields.location);
    expect(members).toEqual(expect.arrayContaining(['PJSIP/agent-8001', 'PJSIP/agent-8002', 'PJSIP/agent-8003']));
  });

  it('answers a call’s actions on its action link', async () => {
    const pong = await ami.callActions.action({ Action: 'Ping' });
    expect(pong.response).toBe('Success');
  });

  it('rejects an action Asterisk refuses with AMI_ACTION_FAILED', async () => {
    const error = await ami.action({ Action: 'QueueStatus-No-Such-Action' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AmiError);
    expect(error).toMatchObject({ code: 'AMI_ACTION_FAILED' });
  });

  it('streams call events (Newchannel, Hangup) as a call happens; a link with events off gets none', async () => {
    const seen: AmiEvent[] = [];
    const listener = (event: AmiEvent): void => void seen.push(event);
    ami.on('event', listener);
    const quiet = new AmiClient({ ...runtime.ami, logger: silent, events: false });
    const quietUp = connected(quiet);
    quiet.start();
    await quietUp;
    const quietSeen: AmiEvent[] = [];
    quiet.on('event', (event) => void quietSeen.push(event));
    const ari = new AriClient({ ...runtime.ari, app: 'ami-live-test', logger: silent });
    const up = connected(ari);
    ari.start();
    await up;
    try {
      // A call into the echo test of nobody: a Local channel that is answered by the app and hung up.
      const channel = await ari.originate({ endpoint: 'Local/s@human-fallback', app: 'ami-live-test', callerId: '"AMI test" <13800009999>' });
      await new Promise((resolve) => setTimeout(resolve, 500));
      await ari.hangup(channel.id);
      await new Promise((resolve) => setTimeout(resolve, 500));
    } finally {
      ami.off('event', listener);
      await Promise.all([ari.stop(), quiet.stop()]);
    }
    expect(quietSeen.map((event) => event.name)).toEqual([]);
    const names = new Set(seen.map((event) => event.name));
    expect(names.has('Newchannel')).toBe(true);
    expect(names.has('Hangup')).toBe(true);
    // manager.conf filters out what the server does not use (every dialplan step, every variable).
    expect(names.has('Newexten')).toBe(false);
    expect(names.has('VarSet')).toBe(false);
  });

  it('runs with the events nobody reads turned off: not made at all, not only filtered out', async () => {
    const manager = (await ami.command('manager show settings')).join('\n');
    const disabled = /Disabled events:\s+(\S+)/.exec(manager)?.[1]?.split(',') ?? [];
    expect(disabled).toEqual(expect.arrayContaining(['VarSet', 'Newexten', 'TestEvent', 'RTCPSent', 'CEL']));
    const cel = await ami.command('cel show status');
    expect(cel.some((line) => line.includes('Manager Event'))).toBe(false);
    expect(cel.some((line) => line.includes('CEL Custom CSV Logging'))).toBe(true);
  });
});

describe('ARI adapter on the real Asterisk', () => {
  let ari: AriClient;
  beforeAll(async () => {
    ari = new AriClient({ ...runtime.ari, app: 'ari-live-test', logger: silent });
    const up = connected(ari);
    ari.start();
    await up;
  });
  afterAll(() => ari?.stop());

  it('registers its application and maps REST errors to stable codes', async () => {
    const application = await ari.getApplication('ari-live-test');
    expect(application.name).toBe('ari-live-test');
    const missing = await ari.answer('no-such-channel').catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(AriError);
    expect(missing).toMatchObject({ code: 'ARI_NOT_FOUND', status: 404 });
  });

  it('refuses wrong credentials without leaking them', async () => {
    const wrong = new AriClient({ ...runtime.ari, password: 'wrong-password-123', app: 'ari-wrong', logger: silent });
    const error = await wrong.listChannels().catch((e: unknown) => e);
    await wrong.stop();
    expect(error).toBeInstanceOf(AriError);
    expect((error as AriError).status).toBe(401);
    expect(String((error as Error).message)).not.toContain('wrong-password-123');
  });

  it('delivers the events of a channel it owns, in order', async () => {
    const events: AriEvent[] = [];
    const listener = (event: AriEvent): void => void events.push(event);
    ari.on('event', listener);
    const channel = await ari.originate({ endpoint: 'Local/s@human-fallback', app: 'ari-live-test', callerId: '"ARI test" <13800008888>' });
    await new Promise((resolve) => setTimeout(resolve, 500));
    await ari.hangup(channel.id);
    await new Promise((resolve) => setTimeout(resolve, 500));
    ari.off('event', listener);
    const mine = events.filter((event) => 'channel' in event && event.channel?.id === channel.id).map((event) => event.type);
    // An originated channel reports its state changes first, then enters the application.
    expect(mine).toContain('StasisStart');
    expect(mine).toContain('StasisEnd');
    expect(mine[mine.length - 1]).toBe('ChannelDestroyed');
    expect(mine.indexOf('StasisEnd')).toBeGreaterThan(mine.indexOf('StasisStart'));
  });
});

describe('a hang-up asked by the channel\'s name (real Asterisk)', () => {
  // Asterisk finds a channel by name in a hash, by id only by walking every channel: the client asks
  // by the name its events gave, percent-encoded in the path, and by id only when that fails.
  it('is done by the name, in one request, for a channel in the application and for one it dialed', async () => {
    const ari = new AriClient({ ...runtime.ari, app: 'ari-names-test', logger: silent });
    const up = connected(ari);
    ari.start();
    await up;
    try {
      const entered = new Promise<void>((resolve) => ari.on('event', (event) => event.type === 'StasisStart' && resolve()));
      const inApp = await ari.originate({ endpoint: 'Local/s@human-fallback', app: 'ari-names-test' });
      await entered;
      const dialed = await ari.originate({ endpoint: 'Local/names1@demo-supervisor-phones', context: 'demo-supervisor-phones', extension: 'names2', priority: 1 });
      expect(dialed.name).toMatch(/^Local\//);
      await ari.hangup(inApp.id);
      await ari.hangup(dialed.id);
      const deletes = ari.metrics.summaries().find((timing) => timing.kind === 'ari-request' && timing.name === 'DELETE /channels/{id}');
      // Two hang-ups, two requests, none refused: the names were found (a refusal would have been asked again by id).
      expect(deletes).toMatchObject({ count: 2, errors: 0 });
      await new Promise((resolve) => setTimeout(resolve, 300));
      const left = (await ari.listChannels()).filter((channel) => channel.id === inApp.id || channel.id === dialed.id || channel.name.startsWith('Local/names1@'));
      expect(left).toEqual([]);
    } finally {
      await ari.stop();
    }
  });
});

describe('both adapters survive an Asterisk restart', () => {
  const settings = loadConfig({
    ...process.env,
    HOTLINE_PBX_INSTANCE: 'restart',
    HOTLINE_PBX_ARI_PORT: '18288',
    HOTLINE_PBX_AMI_PORT: '15238',
    HOTLINE_PBX_SIP_PORT: '15260',
    HOTLINE_PBX_RTP_START: '33000',
  }).localPbx;
  const options = { repoDir: path.resolve('.'), promptLanguage: 'zh-CN' };

  it('reconnect within 5 s of Asterisk being back, and say so', async () => {
    const first = await pbxUp(settings, options);
    const ari = new AriClient({ ...first.ari, app: 'restart-test', logger: silent });
    const ami = new AmiClient({ ...first.ami, logger: silent });
    try {
      const upBoth = Promise.all([connected(ari), connected(ami)]);
      ari.start();
      ami.start();
      await upBoth;
      await pbxDown(settings);
      await new Promise((resolve) => setTimeout(resolve, 2000));
      expect(ari.connected).toBe(false);
      expect(ami.isConnected).toBe(false);
      const again = Promise.all([connected(ari), connected(ami)]);
      await pbxUp(settings, options);
      const backAt = Date.now();
      const [ariInfo, amiInfo] = await again;
      expect(Date.now() - backAt).toBeLessThan(5000);
      expect(ariInfo).toEqual({ reconnect: true });
      expect(amiInfo).toEqual({ reconnect: true });
      expect((await ami.ping()).response).toBe('Success');
      expect((await ari.getApplication('restart-test')).name).toBe('restart-test');
    } finally {
      await ari.stop();
      await ami.stop();
      await pbxDown(settings);
    }
  });
});
