// The Socket.IO gateway with a real server and real clients (no phone system needed): sign-in in
// the handshake, rooms, agent state actions, the wallboard, and hostile messages on every event.
import { NodeTimers } from '../../../src/adapters/clock/node-timers.js';
import { HelpRequests } from '../../../src/app/monitoring/help-requests.js';
import fc from 'fast-check';
import Fastify, { type FastifyInstance } from 'fastify';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentStateView, ClientToServer, ServerToClient, WallboardSnapshot } from '../../../src/contract/socket-events.js';
import { AgentGateway } from '../../../src/adapters/socketio/gateway.js';
import { loadCategories } from '../../../src/adapters/tickets/category-file.js';
import { createLogger } from '../../../src/logging/logger.js';
import { startHttpTestApp, type HttpTestApp } from '../../helpers/http-app.js';

type Client = Socket<ServerToClient, ClientToServer>;

describe('Socket.IO gateway', () => {
  let http: HttpTestApp;
  let server: FastifyInstance;
  let gateway: AgentGateway;
  let url: string;
  const clients: Client[] = [];
  let admission: WallboardSnapshot['admission'] = { mode: 'admit', since: new Date(0).toISOString() };

  beforeAll(async () => {
    http = await startHttpTestApp();
    server = Fastify();
    gateway = new AgentGateway(server.server, {
      help: new HelpRequests(),
      auth: http.office.auth,
      acd: http.acd,
      calls: http.callService,
      pop: { history: async () => [], callsSince: async () => 0, queueName: () => null, taxonomy: loadCategories('fixtures/categories.yaml'), choiceWords: () => [], knowledge: { suggestions: { suggest: async () => [] }, waitMs: 300, timers: new NodeTimers(), logger: createLogger('silent') } },
      warnings: () => http.tickets.warningCounts(),
      admission: () => admission,
      logger: createLogger('silent'),
      now: Date.now,
    });
    server.addHook('preClose', async () => gateway.disconnectAll());
    url = await server.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    await server.close();
    await http.close();
  });

  const connect = async (userId: string): Promise<Client> => {
    const client: Client = io(url, { auth: { token: http.tokenOf(userId) }, transports: ['websocket'], reconnection: false });
    clients.push(client);
    await new Promise<void>((resolve, reject) => {
      client.once('connect', () => resolve());
      client.once('connect_error', reject);
    });
    return client;
  };

  it('pushes the wallboard within a second when new callers start being shed, and again when they are admitted', async () => {
    const supervisor = await connect('supervisor');
    expect(((await supervisor.emitWithAck('wallboard:sync')) as WallboardSnapshot).admission.mode).toBe('admit');
    const pushed = (mode: string): Promise<WallboardSnapshot> =>
      new Promise((resolve) => {
        const seen = (snapshot: WallboardSnapshot): void => {
          if (snapshot.admission.mode !== mode) return;
          supervisor.off('wallboard', seen);
          resolve(snapshot);
        };
        supervisor.on('wallboard', seen);
      });
    const shed = pushed('shed');
    admission = { mode: 'shed', since: '2026-12-03T02:00:00.000Z' };
    expect((await shed).admission).toEqual({ mode: 'shed', since: '2026-12-03T02:00:00.000Z' });
    const admitted = pushed('admit');
    admission = { mode: 'admit', since: '2026-12-03T02:01:00.000Z' };
    expect((await admitted).admission.mode).toBe('admit');
    supervisor.close();
  });

  it('refuses a handshake without a valid token', async () => {
    const client: Client = io(url, { auth: { token: 'forged' }, transports: ['websocket'], reconnection: false });
    clients.push(client);
    expect((await new Promise<Error>((resolve) => client.once('connect_error', resolve))).message).toBe('AUTH_REQUIRED');
  });

  it("tells each agent their own state changes only, and supervisors the wallboard", async () => {
    const a = await connect('8001');
    const b = await connect('8002');
    const supervisor = await connect('supervisor');
    const seenByA: AgentStateView[] = [];
    const seenByB: AgentStateView[] = [];
    a.on('agent:state', (s) => seenByA.push(s));
    b.on('agent:state', (s) => seenByB.push(s));
    expect(await a.emitWithAck('agent:ready')).toEqual({ ok: true });
    expect(await a.emitWithAck('agent:pause', { reason: 'training' })).toEqual({ ok: true });
    expect(await a.emitWithAck('agent:ready')).toEqual({ ok: true });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(seenByA.map((s) => [s.agentId, s.state, s.reason])).toEqual([['8001', 'available', null], ['8001', 'paused', 'training'], ['8001', 'available', null]]);
    expect(seenByB).toEqual([]);
    const board = (await supervisor.emitWithAck('wallboard:sync')) as WallboardSnapshot;
    expect(board.queues.map((q) => q.queueId)).toEqual(['general', 'elderly', 'enterprise', 'lang-en']);
    expect(board.agents.find((x) => x.agentId === '8001')).toMatchObject({ name: '王丽', state: 'available' });
    expect(board.warnings).toEqual({ red: 0, yellow: 0, green: 0 });
    const pushed = await new Promise<WallboardSnapshot>((resolve) => supervisor.once('wallboard', resolve));
    expect(pushed.agents).toHaveLength(4);
    expect(await b.emitWithAck('wallboard:sync')).toBeNull();
  });

  it('raises a hand (举手) only for an agent on a call: refused off a call and for a supervisor, lowered freely', async () => {
    const agent = await connect('8001');
    expect(await agent.emitWithAck('help:raise')).toMatchObject({ ok: false, code: 'CALL_NOT_IN_CONVERSATION' });
    const supervisor = await connect('supervisor');
    expect(await supervisor.emitWithAck('help:raise')).toMatchObject({ ok: false, code: 'AUTH_FORBIDDEN' });
    expect(await agent.emitWithAck('help:lower')).toEqual({ ok: true });
    expect(((await supervisor.emitWithAck('wallboard:sync')) as WallboardSnapshot).help).toEqual([]);
  });

  it('answers hostile messages on every event with a stable refusal or nothing, and stays up', async () => {
    const agent = await connect('8003');
    const raw = agent as unknown as Socket;
    const payload = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.string({ maxLength: 200 }), fc.record({ reason: fc.oneof(fc.string({ maxLength: 40 }), fc.integer(), fc.constant(null)) }));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('agent:pause', 'agent:ready', 'agent:logout', 'state:sync', 'wallboard:sync', 'help:raise', 'help:lower', 'no:such-event', '__proto__'), payload, async (event, body) => {
        const before = http.acd.agentState('8003')?.state ?? 'logged_out';
        // With an ack the server must answer; a message without one must not break anything.
        raw.emit(event, body);
        const answer = (await Promise.race([raw.timeout(300).emitWithAck(event, body).catch(() => 'no-answer'), new Promise((r) => setTimeout(() => r('no-answer'), 400))])) as unknown;
        if (event === 'agent:pause' && typeof answer === 'object' && answer !== null && 'ok' in answer && answer.ok === false) {
          expect((answer as unknown as { code: string }).code).toMatch(/^[A-Z][A-Z0-9_]+$/);
          expect(http.acd.agentState('8003')?.state ?? 'logged_out').toBe(before);
        }
        expect(agent.connected).toBe(true);
      }),
      { numRuns: 30, seed: 7 },
    );
    expect(await agent.emitWithAck('agent:logout')).toMatchObject({ ok: expect.any(Boolean) });
  }, 30_000);
});
