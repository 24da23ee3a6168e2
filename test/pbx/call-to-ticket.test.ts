// The main path on a real Asterisk 22: a citizen calls 12345, hears the main menu, is queued for a
// human, hangs up, and exactly one ticket is written for it.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { CallerEvent } from '../../src/tools/citizen-caller.js';
import { startTestCaller, type TestCaller } from '../helpers/test-caller.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { waitFor } from '../helpers/wait.js';
import { withoutQueuePrompts } from '../helpers/menu-prompts.js';
import { countTickets, getTicket } from '../helpers/ticket-rows.js';

const runtime = inject('pbxRuntime');

function ofType<T extends CallerEvent['event']>(events: readonly CallerEvent[], type: T): Extract<CallerEvent, { event: T }>[] {
  return events.filter((event): event is Extract<CallerEvent, { event: T }> => event.event === type);
}


describe('a call becomes a ticket (real Asterisk)', () => {
  let server: TestServer;
  let sim: TestCaller;

  beforeAll(async () => {
    server = await startTestServer(runtime, 'thin-path');
    sim = await startTestCaller(runtime);
  });
  afterAll(async () => {
    await sim?.stop();
    await server?.close();
  });

  it('plays the main menu; without a key the caller is queued for a human within 8 s, and the call becomes one ticket', async () => {
    const outcome = await sim.caller.call({ from: '13800001111', to: '12345', holdSeconds: 9 });
    const prompts = ofType(withoutQueuePrompts(outcome.events), 'prompt');
    const finished = ofType(withoutQueuePrompts(outcome.events), 'prompt_finished');
    expect(prompts.map((event) => event.media)).toEqual(['sound:hotline/zh-CN/main_menu']);
    expect(finished).toEqual([expect.objectContaining({ prompt: 'main_menu', state: 'done' })]);
    const connected = ofType(outcome.events, 'connected')[0];
    const queued = ofType(outcome.events, 'queued')[0];
    expect(queued?.queue).toBe('general');
    expect((queued?.at ?? 0) - (connected?.at ?? 0)).toBeLessThanOrEqual(8000);
    expect(ofType(outcome.events, 'hangup')[0]?.by).toBe('caller');

    const ticket = await waitFor(() => getTicket(server, outcome.callId));
    // Nobody answered: the call is on the callback list (missed in the queue), with its IVR path.
    expect(ticket).toMatchObject({ callId: outcome.callId, callerNumber: '13800001111', dialedNumber: '12345', status: 'missed', missedIn: 'queue', endedBy: 'caller', hangupCause: 16 });
    expect(ticket.number).toMatch(/^\d{8}-\d{6}$/);
    expect(ticket.callAnsweredAt).not.toBeNull();
    // About 7 s in the IVR (menu + 1 s), then waiting for an agent until the caller left after 9 s;
    // no agent is logged in, so no talk time. Ring time is short.
    expect(ticket.ivrMs).toBeGreaterThan(5000);
    expect(ticket.ivrMs).toBeLessThanOrEqual(8000);
    expect(ticket.ivrMs + ticket.waitMs).toBeGreaterThan(8500);
    expect(ticket.ivrMs + ticket.waitMs).toBeLessThan(12_000);
    expect(ticket.talkMs).toBe(0);
    expect(ticket.queue).toBe('general');
    expect(ticket.ringMs).toBeLessThan(2000);
    expect(ticket.totalMs).toBe(ticket.callEndedAt - ticket.callStartedAt);
    expect(ticket.ivrPath).toEqual([
      expect.objectContaining({ kind: 'node', flow: 'main', node: 'route' }),
      expect.objectContaining({ kind: 'node', flow: 'main', node: 'menu' }),
      expect.objectContaining({ kind: 'prompt', prompt: 'main_menu', outcome: 'played' }),
      expect.objectContaining({ kind: 'timeout', node: 'menu' }),
      expect.objectContaining({ kind: 'node', flow: 'main', node: 'general-queue' }),
      expect.objectContaining({ kind: 'outcome', outcome: 'queued', detail: 'general' }),
    ]);
    expect(countTickets(server, outcome.callId)).toBe(1);
    expect(server.callService.activeCalls()).toEqual([]);

    // Late and repeated end events for the same call (as after a reconnect) open no second ticket.
    const { channelId } = server.database.sqlite.prepare('select channel_id as channelId from calls where id = ?').get(outcome.callId) as { channelId: string };
    const at = Date.now();
    for (let i = 0; i < 3; i += 1) {
      await server.callService.handle({ type: 'HangupRequested', channelId, cause: 16, at });
      await server.callService.handle({ type: 'CallLeft', channelId, at });
      await server.callService.handle({ type: 'ChannelGone', channelId, cause: 16, at });
    }
    await server.callService.drain();
    expect(countTickets(server, outcome.callId)).toBe(1);
    expect(getTicket(server, outcome.callId)?.number).toBe(ticket.number);
  });

  it('records a caller who hangs up during the menu, with the prompt cut off', async () => {
    const outcome = await sim.caller.call({ from: '13900002222', to: '12345', holdSeconds: 1 });
    expect(ofType(outcome.events, 'hangup')[0]?.by).toBe('caller');
    const ticket = await waitFor(() => getTicket(server, outcome.callId));
    expect(ticket).toMatchObject({ callerNumber: '13900002222', endedBy: 'caller', hangupCause: 16, status: 'missed', missedIn: 'ivr' });
    expect(ticket.ivrPath.at(-1)).toEqual(expect.objectContaining({ kind: 'prompt', prompt: 'main_menu', outcome: 'interrupted' }));
    expect(ticket.ivrMs).toBeGreaterThan(500);
    expect(ticket.ivrMs).toBeLessThan(4000);
    expect(ticket).toMatchObject({ waitMs: 0, talkMs: 0, queue: null });
  });

  it('gives simultaneous calls one ticket each, with distinct numbers', async () => {
    const callers = ['13700000001', '13700000002', '13700000003', '13700000004', '13700000005'];
    const outcomes = await Promise.all(callers.map((from) => sim.caller.call({ from, to: '12345', holdSeconds: 2 })));
    const tickets = await Promise.all(outcomes.map((outcome) => waitFor(() => getTicket(server, outcome.callId))));
    expect(tickets.map((ticket) => ticket.callerNumber).sort()).toEqual(callers);
    expect(new Set(tickets.map((ticket) => ticket.number)).size).toBe(callers.length);
    for (const outcome of outcomes) expect(countTickets(server, outcome.callId)).toBe(1);
  });

  it('reports itself healthy with ARI, AMI and the database up', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', ari: 'up', ami: 'up', db: 'up', pbx: 'running' });
  });

  it('lists a call in progress on /api/calls/active with the number masked', async () => {
    const pending = sim.caller.call({ from: '13600003333', to: '12345', holdSeconds: 3 });
    const active = await waitFor(() => {
      const calls = server.callService.activeCalls();
      return calls.length > 0 ? calls : undefined;
    });
    const response = await server.as('supervisor')({ method: 'GET', url: '/api/calls/active' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      calls: [expect.objectContaining({ callId: active[0]?.callId, callerNumber: '136****3333', dialedNumber: '12345' })],
    });
    await pending;
  });
});

