// Waiting callers on a real Asterisk: they hear their place in line, are offered a callback once the
// queue allows it, keep their place after pressing 1 and hanging up, and are rung back with an agent
// reserved when their turn comes. A citizen who does not pick up is tried again, then given up on.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { CallerEvent, CallOutcome } from '../../src/tools/citizen-caller.js';
import { testQueuesFile } from '../helpers/test-config-files.js';
import { startTestCaller, type TestCaller } from '../helpers/test-caller.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { getTicket } from '../helpers/ticket-rows.js';
import { waitFor, waitUntil } from '../helpers/wait.js';

const runtime = inject('pbxRuntime');

const events = <T extends CallerEvent['event']>(outcome: CallOutcome, type: T): Extract<CallerEvent, { event: T }>[] =>
  outcome.events.filter((event): event is Extract<CallerEvent, { event: T }> => event.event === type);

const shared = {} as { server: TestServer; sim: TestCaller };
const ctx = (): typeof shared => shared;

const stepOutcomes = (path: readonly unknown[]): string[] =>
  path.flatMap((step) => (typeof step === 'object' && step !== null && 'outcome' in step && (step as { kind?: string }).kind === 'outcome' ? [String((step as { outcome: unknown }).outcome)] : []));

/** Waits until Asterisk has the dialled callback channel. */
async function ringing(channelId: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!(await ctx().sim.ari.listChannels()).some((c) => c.id === channelId)) {
    if (Date.now() > deadline) throw new Error(`no channel ${channelId}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * The caller presses 1 as the callback offer begins (it follows the place in line in one announcement,
 * and the key counts from then on): on the event rather than after a fixed wait long enough for both.
 */
function acceptCallbackOffer(sim: TestCaller): (event: CallerEvent) => void {
  let callerLeg = '';
  let heardPlace = false;
  let pressed = false;
  return (event) => {
    if (event.event === 'dialing') callerLeg = event.callId;
    if (event.event === 'prompt' && event.prompt === 'queue_position_is') heardPlace = true;
    if (event.event === 'prompt' && event.prompt === 'queue_callback_offer' && heardPlace && !pressed) {
      pressed = true;
      setTimeout(() => void sim.ari.sendDtmf(callerLeg, '1', { duration: 120 }).catch(() => undefined), 300);
    }
  };
}

describe('queue announcements and callbacks (real Asterisk, demo phones)', () => {
  beforeAll(async () => {
    // Announce every 3 s, offer the callback after 1 s in line, retry a failed callback after 2 s.
    const queues = testQueuesFile({ announceEverySeconds: 3, callbackAfterSeconds: 1, callbackRetrySeconds: 2 });
    shared.server = await startTestServer(runtime, 'acd-callback', { HOTLINE_QUEUES_FILE: queues, HOTLINE_AUTO_LOGIN: 'none' });
    shared.sim = await startTestCaller(runtime, 'citizen-sim-callback');
  });
  afterAll(async () => {
    await shared.sim?.stop();
    await shared.server?.close();
  });

  it('a waiting caller hears place and wait, presses 1, keeps the place, and is rung back with an agent', async () => {
    // Nobody is logged in: the caller waits, hears the announcements, and presses 1 after the offer.
    const outcome = await shared.sim.caller.call({ from: '13800007777', to: '12345', holdSeconds: 40 }, acceptCallbackOffer(shared.sim));
    const prompts = events(outcome, 'prompt').map((e) => e.prompt);
    expect(prompts).toContain('queue_position_is');
    expect(prompts).toContain('num_1');
    expect(prompts).toContain('queue_callback_offer');
    expect(prompts.at(-1)).toBe('callback_confirmed');
    expect(events(outcome, 'hangup')[0]?.by).toBe('hotline');
    const first = await waitFor(() => getTicket(shared.server, outcome.callId));
    expect(first.agentId).toBeNull();
    expect(stepOutcomes(first.ivrPath)).toContain('callback-requested');
    const general = shared.server.acd.queueStats().find((q) => q.queueId === 'general');
    expect(general).toMatchObject({ waiting: 0, callbacksWaiting: 1 });

    // An agent logs in: the ACD reserves them and rings the citizen back.
    await shared.server.acd.login('8003');
    const callbackId = `callback-1-${outcome.callId}`;
    await waitUntil(() => shared.server.acd.agentState('8003')?.state === 'on_call', 20_000, 100);
    expect(shared.server.callService.activeCalls().find((c) => c.callId === callbackId)).toMatchObject({ phase: 'talking', agentId: '8003', queue: 'general' });
    await new Promise((resolve) => setTimeout(resolve, 2000));
    await shared.sim.ari.hangup(callbackId);
    const second = await waitFor(() => getTicket(shared.server, callbackId));
    expect(second).toMatchObject({ agentId: '8003', queue: 'general', callerNumber: '13800007777', dialedNumber: 'callback' });
    expect(stepOutcomes(second.ivrPath)).toEqual(expect.arrayContaining(['callback-of', 'answered']));
    expect(second.talkMs).toBeGreaterThan(1000);
    expect(second.recordings).toHaveLength(1);
    const stats = shared.server.acd.queueStats().find((q) => q.queueId === 'general');
    expect(stats).toMatchObject({ callbacksWaiting: 0, counters: expect.objectContaining({ callbacksRequested: 1, callbacksConnected: 1 }) });
  });

  it('a citizen who does not pick up is tried again, then the callback is given up', async () => {
    await waitUntil(() => shared.server.acd.agentState('8003')?.state === 'available', 15_000, 100);
    await shared.server.acd.logout('8003');
    // Numbers starting with 1000 never answer in the demo dialplan.
    const outcome = await shared.sim.caller.call({ from: '10001234567', to: '12345', holdSeconds: 40 }, acceptCallbackOffer(shared.sim));
    expect(events(outcome, 'prompt').at(-1)?.prompt).toBe('callback_confirmed');
    await shared.server.acd.login('8003');
    // Two attempts of up to 30 s ring each would be long: the ring-out is cut short by hanging up the dialled channel.
    for (const attempt of [1, 2]) {
      const channelId = `callback-${attempt}-${outcome.callId}`;
      await ringing(channelId);
      await shared.sim.ari.hangup(channelId);
    }
    await waitUntil(() => shared.server.acd.queueStats().find((q) => q.queueId === 'general')?.counters.callbacksFailed === 1, 10_000, 100);
    expect(shared.server.acd.queueStats().find((q) => q.queueId === 'general')?.counters).toMatchObject({ callbacksRequested: 2, callbacksFailed: 1 });
    await waitUntil(() => shared.server.acd.agentState('8003')?.state === 'available', 10_000, 100);
    const ticket = await waitFor(() => getTicket(shared.server, outcome.callId));
    expect(ticket.agentId).toBeNull();
  });
});
