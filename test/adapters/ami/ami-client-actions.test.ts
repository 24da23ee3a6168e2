import { afterEach, describe, expect, it } from 'vitest';
import { AmiError, fieldString, type AmiClient } from '../../../src/adapters/ami/index.js';
import { CallActions } from '../../../src/adapters/ami/ami-client.js';
import { MetricsRegistry } from '../../../src/adapters/metrics/metrics-registry.js';
import { nextEmit, readTrace, startHarness, stopHarness, waitUntil, type Harness } from './client-harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await stopHarness(h);
  h = undefined;
});

async function connected(overrides: Parameters<typeof startHarness>[0] = {}): Promise<Harness> {
  const harness = await startHarness(overrides);
  const up = nextEmit(harness.client, 'connected');
  harness.client.start();
  await up;
  return harness;
}

/** The trace's wire text of one list action's answer, re-addressed to `actionId`. */
function tracedListAnswer(traceActionId: string, actionId: string): string {
  return readTrace('ami-queue-call.jsonl')
    .filter((line) => line.type !== 'action' && line.message['ActionID'] === traceActionId)
    .map((line) => line.raw.replace(`ActionID: ${traceActionId}\r\n`, `ActionID: ${actionId}\r\n`))
    .join('');
}

describe('AmiClient actions', () => {
  it('matches each response to its own ActionID, whatever the order', async () => {
    h = await connected();
    const held: { id: string; reply: (raw: string) => void }[] = [];
    h.server.handle('Getvar', (fields, reply) => held.push({ id: fields['actionid'] ?? '', reply }));
    const first = h.client.action({ Action: 'Getvar', Variable: 'A', ActionID: 'mine' });
    const second = h.client.action({ Action: 'Getvar', Variable: 'B' });
    await waitUntil(() => held.length === 2);
    const [a, b] = held as [(typeof held)[0], (typeof held)[0]];
    expect(a.id).toMatch(/^hcti-[0-9a-z]+-\d+$/); // a caller's ActionID is replaced by ours
    expect(b.id).not.toBe(a.id);
    b.reply(`Response: Success\r\nActionID: someone-else\r\nValue: stray\r\n\r\n`);
    b.reply(`Response: Success\r\nActionID: ${b.id}\r\nVariable: B\r\nValue: two\r\n\r\n`);
    a.reply(`Response: Success\r\nActionID: ${a.id}\r\nVariable: A\r\nValue: one\r\n\r\n`);
    expect(fieldString(await first, 'value')).toBe('one');
    expect(fieldString(await second, 'value')).toBe('two');
  });

  it('returns the Output lines of an Asterisk 22 Command response', async () => {
    h = await connected();
    h.server.handle('Command', (fields, reply) =>
      reply(
        `Response: Success\r\nActionID: ${fields['actionid']}\r\nMessage: Command output follows\r\n` +
          'Output: Name/username             Host                 Dyn Forcerport\r\nOutput: uptime: 1 minute, 13 seconds\r\n\r\n',
      ),
    );
    expect(await h.client.command('core show uptime')).toEqual([
      'Name/username             Host                 Dyn Forcerport',
      'uptime: 1 minute, 13 seconds',
    ]);
    expect(h.server.actions('command')[0]?.fields['command']).toBe('core show uptime');
  });

  it('returns the output of a CLI command that ran and failed (Response: Error with Output lines), and rejects a refused one', async () => {
    h = await connected();
    // As Asterisk 22.10.1 answers `dialplan show s@agent-leg` without that context.
    h.server.handle('Command', (fields, reply) =>
      reply(
        fields['command'] === 'dialplan show s@agent-leg'
          ? `Response: Error\r\nActionID: ${fields['actionid']}\r\nMessage: Command output follows\r\nOutput: There is no existence of 'agent-leg' context\r\n\r\n`
          : `Response: Error\r\nActionID: ${fields['actionid']}\r\nMessage: Permission denied\r\n\r\n`,
      ),
    );
    expect(await h.client.commandOutput('dialplan show s@agent-leg')).toEqual({ ran: false, lines: ["There is no existence of 'agent-leg' context"] });
    await expect(h.client.commandOutput('core show uptime')).rejects.toMatchObject({ code: 'AMI_ACTION_FAILED', message: 'Permission denied' });
  });

  it('rejects a Response: Error with AMI_ACTION_FAILED carrying Asterisk’s message', async () => {
    h = await connected();
    const error = await h.client.action({ Action: 'NoSuchAction' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AmiError);
    expect(error).toMatchObject({ code: 'AMI_ACTION_FAILED', message: 'Invalid/unknown command' });
  });

  it('times out an unanswered action with AMI_TIMEOUT and leaves no listener behind', async () => {
    h = await connected({ actionTimeoutMs: 80 });
    h.server.handle('Originate', () => undefined);
    const error = await h.client.action({ Action: 'Originate', Channel: 'Local/8001@agents' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'AMI_TIMEOUT' });
    const id = h.server.actions('originate')[0]?.fields['actionid'] ?? '';
    expect(id).not.toBe('');
    expect(h.managers[0]?.listeners(id)).toHaveLength(0);
    // A late answer finds nobody waiting and does no harm.
    h.server.broadcast(`Response: Success\r\nActionID: ${id}\r\nMessage: Originate successfully queued\r\n\r\n`);
    expect(await h.client.ping()).toMatchObject({ ping: 'Pong' });
  });

  it('refuses at once while not connected and never sends the action later', async () => {
    h = await startHarness();
    const early = h.client.action({ Action: 'Originate', Channel: 'Local/1@x' }).then(
      () => 'resolved',
      (e: AmiError) => e.code,
    );
    const tick = new Promise((resolve) => setTimeout(() => resolve('still pending'), 0));
    expect(await Promise.race([early, tick])).toBe('AMI_NOT_CONNECTED');
    const up = nextEmit(h.client, 'connected');
    h.client.start();
    await up;
    const down = nextEmit(h.client, 'disconnected');
    const back = nextEmit(h.client, 'connected');
    h.server.dropAll();
    await down;
    const refused = h.client.action({ Action: 'Originate', Channel: 'Local/2@x' }).catch((e: unknown) => e);
    expect(h.client.isConnected).toBe(false);
    await back;
    expect(await refused).toMatchObject({ code: 'AMI_NOT_CONNECTED' });
    await h.client.ping(); // one full round trip on the new link after the replay would have happened
    expect(h.server.actions('originate')).toHaveLength(0);
    expect(h.server.actions('ping')).toHaveLength(1);
  });

  it('fails what is in flight with AMI_NOT_CONNECTED as soon as the link drops', async () => {
    h = await connected({ actionTimeoutMs: 10_000 });
    h.server.handle('Originate', () => undefined);
    const pending = h.client.action({ Action: 'Originate', Channel: 'Local/8001@agents' }).catch((e: unknown) => e);
    await waitUntil(() => h!.server.actions('originate').length === 1);
    h.server.dropAll();
    expect(await pending).toMatchObject({ code: 'AMI_NOT_CONNECTED' });
  });
});

describe('AmiClient list actions', () => {
  it('collects the QueueStatus events of a real capture and keeps them off the event stream', async () => {
    h = await connected();
    h.server.handle('QueueStatus', (fields, reply) => reply(tracedListAnswer('a2', fields['actionid'] ?? '')));
    const streamed: string[] = [];
    h.client.on('event', (event) => streamed.push(event.name));
    const members = await h.client.queueStatus('citizen');
    expect(h.server.actions('queuestatus')[0]?.fields['queue']).toBe('citizen');
    expect(members.map((e) => e.name)).toEqual(['QueueParams', 'QueueMember', 'QueueMember', 'QueueMember']);
    expect(members[1]?.fields).toMatchObject({ queue: 'citizen', name: 'agent8001', location: 'Local/8001@agents', paused: '0' });
    expect(members[0]?.fields['pausedreason']).toBeUndefined();
    expect(members[1]?.fields['pausedreason']).toBe('');
    await h.client.ping();
    expect(streamed).toEqual([]);
  });

  it('resolves the generic actionList with the response too', async () => {
    h = await connected();
    h.server.handle('QueueSummary', (fields, reply) => reply(tracedListAnswer('a4', fields['actionid'] ?? '')));
    const result = await h.client.actionList({ Action: 'QueueSummary', Queue: 'citizen' }, 'QueueSummaryComplete');
    expect(fieldString(result.response, 'message')).toBe('Queue summary will follow');
    expect(result.events.map((e) => [e.name, e.fields['queue']])).toEqual([['QueueSummary', 'citizen']]);
  });

  it('rejects a refused list with AMI_ACTION_FAILED', async () => {
    h = await connected();
    await expect(h.client.coreShowChannels().catch((e: unknown) => e)).resolves.toMatchObject({ code: 'AMI_ACTION_FAILED' });
  });
});

describe('AmiClient action link', () => {
  const eventsOffOn = (harness: Harness): number[] => harness.server.actions('Events').filter((a) => a.fields['eventmask'] === 'off').map((a) => a.connection);

  it('logs in once more per action link, turns their events off, and sends a call’s actions there, timed by name', async () => {
    const metrics = new MetricsRegistry();
    const harness = await startHarness({ actionLinks: 2, metrics });
    h = harness;
    harness.server.handle('Events', (fields, reply) => reply(`Response: Success\r\nActionID: ${fields['actionid'] ?? ''}\r\nEvents: Off\r\n\r\n`));
    const held: (() => void)[] = [];
    harness.server.handle('MixMonitor', (fields, reply) => held.push(() => reply(`Response: Success\r\nActionID: ${fields['actionid'] ?? ''}\r\n\r\n`)));
    harness.client.start();
    await waitUntil(() => harness.client.isConnected && eventsOffOn(harness).length === 2);
    await waitUntil(() => harness.server.actions('login').length === 3);
    const actionConnections = eventsOffOn(harness);
    // The first start is held up in Asterisk: the second goes to the other link, not behind it.
    const first = harness.client.callActions.action({ Action: 'MixMonitor', Channel: 'caller-1', File: '../recording/call-1.wav' });
    await waitUntil(() => held.length === 1);
    const second = harness.client.callActions.action({ Action: 'MixMonitor', Channel: 'caller-2', File: '../recording/call-2.wav' });
    await waitUntil(() => held.length === 2);
    expect(harness.server.actions('MixMonitor').map((a) => a.connection).sort()).toEqual([...actionConnections].sort());
    for (const answer of held) answer();
    await Promise.all([first, second]);
    await harness.client.action({ Action: 'Ping' });
    expect(harness.server.actions('Ping').map((a) => a.connection).filter((c) => actionConnections.includes(c))).toEqual([]);
    const mixMonitor = metrics.summaries().find((s) => s.kind === 'ami-action' && s.name === 'MixMonitor');
    expect(mixMonitor).toMatchObject({ count: 2, errors: 0, timeouts: 0 });
  });

  it('sends a call’s action to the up link with the fewest unanswered, in turn among equals, and to the main link while none is up', async () => {
    const sent: string[] = [];
    const link = (name: string, isConnected: boolean, actionsInFlight = 0) => ({
      isConnected,
      actionsInFlight,
      action: (fields: Record<string, string>) => Promise.resolve(void sent.push(`${name}:${fields['Action'] ?? ''}`)) as unknown as ReturnType<AmiClient['action']>,
    });
    const main = link('main', true);
    const a = link('a', false);
    const b = link('b', false);
    const router = new CallActions(main, [a, b]);
    await router.action({ Action: 'MixMonitor' });
    a.isConnected = true;
    b.isConnected = true;
    await router.action({ Action: 'StopMixMonitor' });
    await router.action({ Action: 'StopMixMonitor' });
    a.actionsInFlight = 3;
    await router.action({ Action: 'MixMonitor' });
    await router.action({ Action: 'MixMonitor' });
    expect(sent).toEqual(['main:MixMonitor', 'a:StopMixMonitor', 'b:StopMixMonitor', 'b:MixMonitor', 'b:MixMonitor']);
    main.isConnected = false;
    a.isConnected = false;
    expect(router.isConnected).toBe(true);
    b.isConnected = false;
    expect(router.isConnected).toBe(false);
  });

  it('without an action link, a call’s actions are the main link’s', async () => {
    h = await connected();
    expect(h.client.callActions).toBe(h.client);
    expect(h.server.connections).toBe(1);
  });

  it('stops every link', async () => {
    const harness = await startHarness({ actionLinks: 2 });
    h = harness;
    harness.client.start();
    await waitUntil(() => harness.server.sockets.size === 3);
    await harness.client.stop();
    await waitUntil(() => harness.server.sockets.size === 0);
  });
});
