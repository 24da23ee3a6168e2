// The screen pop over Socket.IO with a real call through Asterisk: the agent's desktop gets who is
// calling and their IVR path while the phone rings, then the answer and the ticket to file; a
// reloaded desktop gets it all back; supervisors see the call on the wallboard; bad sign-ins and
// bad messages are refused.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import type { Ack, CallAnswered, CallEnded, ClientToServer, ScreenPop, ServerToClient, SyncState, WallboardSnapshot } from '../../src/contract/socket-events.js';
import { TokenStore } from '../../src/adapters/db/token-store.js';
import { testQueuesFile } from '../helpers/test-config-files.js';
import { startTestCaller, type TestCaller } from '../helpers/test-caller.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { waitFor } from '../helpers/wait.js';

const runtime = inject('pbxRuntime');
type Client = Socket<ServerToClient, ClientToServer>;

describe('screen pop and wallboard over Socket.IO (real Asterisk, demo phones)', () => {
  let server: TestServer;
  let sim: TestCaller;
  const clients: Client[] = [];

  beforeAll(async () => {
    // The demo phone answers after 3 s: the pop must be on the desktop before that.
    server = await startTestServer(runtime, 'screen-pop', { HOTLINE_QUEUES_FILE: testQueuesFile(), HOTLINE_DEMO_ANSWER_AFTER: '3' });
    sim = await startTestCaller(runtime, 'citizen-sim-pop');
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    await sim?.stop();
    await server?.close();
  });

  const tokenFor = async (userId: string): Promise<string> => {
    const role = server.office.files.users.get(userId)?.role;
    if (!role) throw new Error(`no user ${userId}`);
    return (await new TokenStore(server.database.db).issue(userId, role, Date.now(), 3_600_000)).token;
  };
  const connect = async (token: string): Promise<Client> => {
    const client: Client = io(server.url, { auth: { token }, transports: ['websocket'], reconnection: false });
    clients.push(client);
    await new Promise<void>((resolve, reject) => {
      client.once('connect', () => resolve());
      client.once('connect_error', (error) => reject(error));
    });
    return client;
  };

  it('refuses a handshake without a valid token', async () => {
    for (const auth of [{}, { token: 'nope' }, { token: 42 }]) {
      const client: Client = io(server.url, { auth, transports: ['websocket'], reconnection: false });
      clients.push(client);
      const error = await new Promise<Error>((resolve) => client.once('connect_error', resolve));
      expect(error.message).toBe('AUTH_REQUIRED');
    }
  });

  it('pops the caller and the IVR path while the phone rings, then the answer and the ticket; a reload gets them back', async () => {
    const agent = await connect(await tokenFor('8003'));
    const supervisor = await connect(await tokenFor('supervisor'));
    const boards: WallboardSnapshot[] = [];
    supervisor.on('wallboard', (snapshot) => boards.push(snapshot));
    const events: { name: string; at: number; body: unknown }[] = [];
    for (const name of ['pop', 'call:answered', 'call:ended', 'agent:state'] as const) {
      agent.on(name, (body: unknown) => events.push({ name, at: Date.now(), body }));
    }
    expect(await agent.emitWithAck('agent:ready')).toEqual({ ok: true } satisfies Ack);
    expect(server.acd.agentState('8003')?.state).toBe('available');

    // The caller presses nothing at the main menu (ivr-flows/main.yaml) and is queued for a human.
    const pending = sim.caller.call({ from: '13812345678', to: '12345', holdSeconds: 14 });
    const pop = await waitFor(() => events.find((e) => e.name === 'pop')?.body as ScreenPop | undefined, 20_000);
    expect(pop).toMatchObject({ agentId: '8003', queue: 'general', caller: { number: '13812345678', elderly: false, repeatCaller: false }, history: [] });
    expect(pop.ivrPath).toContain('主菜单');
    // A reloaded desktop asks for the state and gets the ringing call back.
    const reloaded = await connect(await tokenFor('8003'));
    const sync = (await reloaded.emitWithAck('state:sync')) as SyncState;
    expect(sync).toMatchObject({ agent: { agentId: '8003', state: 'offered' }, pop: { callId: pop.callId } });

    const answered = await waitFor(() => events.find((e) => e.name === 'call:answered'), 10_000);
    expect(answered.body).toMatchObject({ callId: pop.callId, agentId: '8003' } satisfies Partial<CallAnswered>);
    const popAt = events.find((e) => e.name === 'pop')?.at ?? Infinity;
    expect(popAt).toBeLessThan(answered.at);
    await pending;
    const ended = (await waitFor(() => events.find((e) => e.name === 'call:ended'), 10_000)).body as CallEnded;
    const ticket = server.database.sqlite.prepare('select id, number from tickets where call_id = ?').get(pop.callId) as { id: number; number: string };
    expect(ended).toMatchObject({ callId: pop.callId, agentId: '8003', ticketId: ticket.id, ticketNumber: ticket.number, ticketVersion: 1 });
    // During wrap-up a reload still has the ticket to file.
    const wrapSync = (await reloaded.emitWithAck('state:sync')) as SyncState;
    expect(wrapSync.ended).toMatchObject({ ticketId: ended.ticketId });

    // The wallboard saw the call waiting or ringing, then answered today.
    await waitFor(() => (boards.some((b) => b.queues.some((q) => q.queueId === 'general' && q.answeredToday >= 1)) ? true : undefined), 8000);
    expect(boards.some((b) => b.agents.some((a) => a.agentId === '8003' && (a.state === 'offered' || a.state === 'on_call')))).toBe(true);
    expect(boards.at(-1)?.warnings).toEqual({ red: 0, yellow: 0, green: 0 });
    expect(events.filter((e) => e.name === 'agent:state').map((e) => (e.body as { state: string }).state)).toEqual(expect.arrayContaining(['available', 'offered', 'on_call', 'wrap_up']));
  });

  it('answers a bad message with SOCKET_MESSAGE_INVALID and keeps the state; QA staff have no agent state', async () => {
    const agent = await connect(await tokenFor('8001'));
    expect(await agent.emitWithAck('agent:ready')).toEqual({ ok: true });
    for (const body of [{ reason: 'Meal Break!' }, { reason: 'no_answer' }, { reason: 42 }, null]) {
      const result = (await (agent as unknown as Socket).emitWithAck('agent:pause', body)) as Ack;
      expect(result).toMatchObject({ ok: false, code: 'SOCKET_MESSAGE_INVALID' });
    }
    expect(server.acd.agentState('8001')?.state).toBe('available');
    expect(await agent.emitWithAck('agent:pause', { reason: 'meal' })).toEqual({ ok: true });
    expect(server.acd.agentState('8001')).toMatchObject({ state: 'paused', reason: 'meal' });
    expect(await agent.emitWithAck('agent:logout')).toEqual({ ok: true });
    const qa = await connect(await tokenFor('qa'));
    expect(await qa.emitWithAck('agent:ready')).toMatchObject({ ok: false, code: 'AUTH_FORBIDDEN' });
    expect(await qa.emitWithAck('wallboard:sync')).toBeNull();
  });
});
