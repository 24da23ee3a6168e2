// With the hotline server down, Asterisk still puts the caller through to a human: the dialplan's
// STASISSTATUS=FAILED branch leads to the plain app_queue of all agents, with music on hold.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AmiClient, fieldString } from '../../src/adapters/ami/index.js';
import { createLogger } from '../../src/logging/logger.js';
import { startTestCaller, type TestCaller } from '../helpers/test-caller.js';
import { waitForAsync } from '../helpers/wait.js';

const runtime = inject('pbxRuntime');

describe('human fallback when the hotline server is not registered (real Asterisk)', () => {
  let sim: TestCaller;
  let ami: AmiClient;

  beforeAll(async () => {
    sim = await startTestCaller(runtime);
    ami = new AmiClient({ ...runtime.ami, logger: createLogger('silent') });
    const connected = new Promise<void>((resolve) => ami.once('connected', () => resolve()));
    ami.start();
    await connected;
  });
  afterAll(async () => {
    await sim?.stop();
    await ami?.stop();
  });

  it('queues the caller in hotline-fallback, with music on hold, and never hangs up on them', async () => {
    // No hotline server on this Asterisk: the previous test file's server may take a moment to be gone.
    const registered = async (): Promise<unknown> => sim.ari.getApplication('hotline').catch(() => undefined);
    const gone = await waitForAsync(async () => ((await registered()) === undefined ? true : undefined), 10_000, 200).catch(async () => registered());
    expect(gone).toBe(true);
    let seenInQueue: { queue: string; caller: string } | undefined;
    // The dialplan marks the call just before Queue() runs, so the entry is looked for a few times.
    const lookInQueue = async (): Promise<void> => {
      for (let attempt = 0; attempt < 20 && !seenInQueue; attempt += 1) {
        const entry = (await ami.queueStatus('hotline-fallback')).find((e) => e.name === 'QueueEntry');
        if (entry) seenInQueue = { queue: fieldString(entry.fields, 'queue') ?? '', caller: fieldString(entry.fields, 'calleridnum') ?? '' };
        else await new Promise((resolve) => setTimeout(resolve, 150));
      }
    };
    const pending = sim.caller.call({ from: '13800004444', to: '12345', holdSeconds: 10 }, (event) => {
      if (event.event === 'queued') void lookInQueue();
    });
    const outcome = await pending;
    expect(outcome.events.map((event) => event.event)).toEqual(['dialing', 'connected', 'queued', 'hangup']);
    // The caller left on their own after holding; the hotline never hung up on them.
    expect(outcome.events.find((event) => event.event === 'hangup')).toMatchObject({ by: 'caller' });
    expect(seenInQueue).toEqual({ queue: 'hotline-fallback', caller: '13800004444' });
  });
});
