// The server's ARI stream on the real Asterisk 22: Asterisk accepts the event filter and sends only
// the event types the calls use; a call through the menus, the queue and an agent makes no answer
// request (the entry context answered) and marks only who holds it; the timings of it all are in
// GET /api/metrics.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CALL_EVENT_SOURCES } from '../../src/adapters/ari/ari-call-events.js';
import { testQueuesFile } from '../helpers/test-config-files.js';
import { startTestCaller, type TestCaller } from '../helpers/test-caller.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { getTicket } from '../helpers/ticket-rows.js';
import { waitFor, waitForAsync } from '../helpers/wait.js';

const runtime = inject('pbxRuntime');
const ALLOWED = [...CALL_EVENT_SOURCES, 'ApplicationReplaced'];

describe('a slim ARI stream (real Asterisk)', () => {
  let server: TestServer;
  let sim: TestCaller;

  beforeAll(async () => {
    server = await startTestServer(runtime, 'ari-stream', { HOTLINE_QUEUES_FILE: testQueuesFile(), HOTLINE_AUTO_LOGIN: '8003' });
    sim = await startTestCaller(runtime, 'citizen-sim-ari-stream');
  });
  afterAll(async () => {
    await sim?.stop();
    await server?.close();
  });

  it('Asterisk 22 takes the event filter: the application allows exactly the types the calls use', async () => {
    const application = await waitForAsync(async () => {
      const found = await server.ari.getApplication('hotline');
      return found.events_allowed.length > 0 ? found : undefined;
    });
    expect(application.events_allowed).toEqual(expect.arrayContaining(ALLOWED.map((type) => ({ type }))));
    expect(application.events_allowed).toHaveLength(ALLOWED.length);
    expect(server.ari.metrics.summaries().find((s) => s.name === 'PUT /applications/{id}/eventFilter')).toMatchObject({ errors: 0, timeouts: 0 });
  });

  it('a call to an agent brings only those events, no answer request, and the marks QUEUE and AGENT', async () => {
    const outcome = await sim.caller.call({ from: '13800008801', to: '12345', holdSeconds: 13 });
    expect(outcome.events.filter((e) => e.event === 'prompt')[0]).toMatchObject({ prompt: 'main_menu' });
    const ticket = await waitFor(() => getTicket(server, outcome.callId));
    expect(ticket).toMatchObject({ agentId: '8003', queue: 'general', endedBy: 'caller' });
    expect(ticket.ringMs).toBeLessThan(500);
    expect(outcome.events.filter((e) => e.event === 'queued' || e.event === 'answered').map((e) => e.event)).toEqual(['queued', 'answered']);

    const summaries = server.ari.metrics.summaries();
    const eventTypes = summaries.filter((s) => s.kind === 'ari-event').map((s) => s.name);
    expect(eventTypes.length).toBeGreaterThan(4);
    for (const type of eventTypes) expect(ALLOWED, type).toContain(type);
    const routes = new Map(summaries.filter((s) => s.kind === 'ari-request').map((s) => [s.name, s]));
    expect(routes.has('POST /channels/{id}/answer')).toBe(false);
    expect(routes.get('POST /channels/{id}/variable')?.count).toBe(2);
    expect(routes.get('POST /channels')).toMatchObject({ count: 1, errors: 0, timeouts: 0 });
  });

  it('GET /api/metrics shows the same figures to an admin', async () => {
    const reply = await server.as('admin')({ method: 'GET', url: '/api/metrics' });
    expect(reply.statusCode).toBe(200);
    const body = reply.json<{ ariEvents: { type: string; count: number }[]; ariRequests: { route: string; pool: string; count: number }[] }>();
    expect(body.ariEvents.find((e) => e.type === 'StasisStart')?.count).toBeGreaterThanOrEqual(2);
    expect(body.ariRequests.find((r) => r.route === 'POST /channels')).toMatchObject({ pool: 'slow', count: 1 });
    expect(body.ariRequests.find((r) => r.route === 'POST /channels/{id}/play')).toMatchObject({ pool: 'fast' });
  });
});
