// The hotline server as one server of a cluster (HOTLINE_REDIS_URL), with a real Asterisk and a real
// Redis: it leads the ACD and runs its PBX's calls through the streams; an agent signs in through the
// API and is answered by the leader (a second sign-in refused with the ACD's own code); a real call
// is offered to that agent over the command stream, answered by the demo handset, and filed as one
// ticket naming the agent; a web node's request (HOTLINE_PBX_ID=none: healthy without a PBX) is seen
// by this one, and the web node lists the live calls and relays actions for them; a second server
// for the same PBX waits as a standby (healthy, no ARI) and gives an agent connected
// to it the pop of a call the first runs (Socket.IO's Redis adapter), once, lists the agent's raised
// hand (举手) on the first's wallboard and lowers it when a supervisor listens through the web node,
// and relays the agent's actions on it (the list of live calls, a refused transfer, the draft, the hang-up) to the first;
// when the first stops, it takes the PBX over: the caller the first left in the queue goes to the
// human fallback with one ticket (a desktop connected to the standby stays connected through the
// first's stop), the ACD lets that call go, and the next call is run by the new
// holder, which now leads the ACD too; a Redis that cannot be reached stops the start with
// REDIS_UNAVAILABLE.
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { CallEnded, ScreenPop } from '../../src/contract/socket-events.js';
import { openRedis, type RedisConnection } from '../../src/adapters/redis/open-redis.js';
import { ACD_EVENTS_STREAM } from '../../src/domain/cluster/acd-messages.js';
import { freePort } from '../helpers/free-port.js';
import { startRedis, type RedisServer } from '../helpers/redis-server.js';
import { startTestCaller, type TestCaller } from '../helpers/test-caller.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { waitFor, waitForAsync, waitUntil } from '../helpers/wait.js';

const runtime = inject('pbxRuntime');

async function connect(url: string, token: string): Promise<Socket> {
  const client = io(url, { auth: { token }, transports: ['websocket'], reconnection: false });
  await new Promise<void>((resolve, reject) => {
    client.once('connect', () => resolve());
    client.once('connect_error', (error) => reject(error));
  });
  return client;
}

// A caller who talks to the agent for a second, then hangs up: the hold follows the call rather than
// a fixed time, which a slow machine could spend in the menu before the agent answers.
async function callAndTalk(sim: TestCaller, from: string, agentState: () => string | undefined): Promise<{ callId: string }> {
  let leg = '';
  const call = sim.caller.call({ from, to: '12345', holdSeconds: 60 }, (event) => {
    if (event.event === 'dialing') leg = event.callId;
  });
  await waitUntil(() => agentState() === 'on_call', 30_000, 50);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  await sim.ari.hangup(leg).catch(() => undefined);
  return call;
}

describe('a server of a cluster: the ACD through Redis (real Asterisk, real Redis)', () => {
  let redis: RedisServer;
  let server: TestServer;
  let standby: TestServer | null = null;
  let sim: TestCaller;
  let web: TestServer | null = null;
  const links: RedisConnection[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    server = await startTestServer(runtime, 'cluster-node', { HOTLINE_REDIS_URL: redis.url, HOTLINE_NODE_ID: 'node-a', HOTLINE_PBX_ID: 'pbx-1' });
    sim = await startTestCaller(runtime, 'citizen-sim-cluster');
  });
  afterAll(async () => {
    await web?.close();
    for (const link of links) link.destroy();
    await sim?.stop();
    await standby?.close();
    await server?.close();
    await redis?.stop();
  });

  it('signs an agent in through the leader, offers a real call over the streams and files one ticket', async () => {
    const asAgent = server.as('8001');
    // The lease is taken within a second of the start; until then a request may find no leader.
    await waitForAsync(async () => ((await asAgent({ method: 'POST', url: '/api/agents/8001/login' })).statusCode === 200 ? true : undefined), 10_000, 200);
    const again = await asAgent({ method: 'POST', url: '/api/agents/8001/login' });
    expect([again.statusCode, again.json().error?.code]).toEqual([409, 'ACD_WRONG_AGENT_STATE']);
    await waitUntil(() => server.acd.agentState('8001')?.state === 'available', 5_000, 50);

    const outcome = await callAndTalk(sim, '13800007701', () => server.acd.agentState('8001')?.state);
    const ticket = await waitForAsync(() => server.storage.tickets.getByCall(outcome.callId), 15_000);
    expect(ticket).toMatchObject({ callId: outcome.callId, agentId: '8001', queue: 'general', endedBy: 'caller' });
    expect(ticket.talkMs).toBeGreaterThan(0);
    // The call reached the ACD through the event log, under this server's PBX.
    const admin = await openRedis({ url: redis.url });
    links.push(admin);
    const logged = ((await admin.xRange(ACD_EVENTS_STREAM, '-', '+')) ?? []).map((entry) => JSON.parse(entry.message.body ?? '{}') as { pbx: string; event: { type: string } });
    expect(logged.filter((m) => m.event.type === 'CallQueued').map((m) => m.pbx)).toEqual(['pbx-1']);
    // The wallboard's figures are the leader's published ones.
    await waitUntil(() => server.acd.queueStats().find((q) => q.queueId === 'general')?.counters.answered === 1, 5_000, 100);
    const queues = await server.as('supervisor')({ method: 'GET', url: '/api/queues' });
    expect(queues.json().queues.find((q: { queueId: string }) => q.queueId === 'general')).toMatchObject({ counters: { answered: 1 } });
  });

  it('sees at once what a web node of the cluster asked of the ACD', async () => {
    const node = await startTestServer(runtime, 'cluster-web', { HOTLINE_REDIS_URL: redis.url, HOTLINE_NODE_ID: 'web-1', HOTLINE_PBX_ID: 'none', HOTLINE_CLUSTER_PBXS: 'pbx-1', HOTLINE_ACD_LEAD: 'no', HOTLINE_DB_FILE: server.dbFile });
    web = node;
    const health = await node.app.inject({ method: 'GET', url: '/health' });
    expect([health.statusCode, health.json()]).toEqual([200, { status: 'ok', ari: 'down', ami: 'down', db: 'up', pbx: 'none' }]);
    // The operators' view: the first server leads the ACD and runs pbx-1, and any server lists both.
    expect((await server.app.inject({ method: 'GET', url: '/metrics' })).body).toContain('hotline_lease_held{lease="acd-leader"} 1');
    const view = await waitForAsync(async () => {
      const answer = (await node.as('admin')({ method: 'GET', url: '/api/cluster' })).json<{ nodes?: unknown[] }>();
      return answer.nodes?.length === 2 ? answer : undefined;
    }, 5_000);
    expect(view).toMatchObject({ cluster: true, nodes: [{ node: 'node-a', pbx: 'pbx-1', pbxRole: 'running' }, { node: 'web-1', pbx: null, pbxRole: 'none' }] });
    expect(view).toMatchObject({ leases: expect.arrayContaining([{ name: 'acd-leader', holder: 'node-a', held: true }, { name: 'pbx:pbx-1', holder: 'node-a', held: true }]) as unknown });
    expect(await node.acd.login('8002')).toBeNull();
    await waitUntil(() => server.acd.agentState('8002')?.state === 'available', 5_000, 50);
    const listed = await server.as('supervisor')({ method: 'GET', url: '/api/agents' });
    expect(listed.json().agents.find((a: { id: string }) => a.id === '8002')).toMatchObject({ state: 'available' });
    expect(await server.acd.logout('8002')).toBeNull();
    await waitUntil(() => node.acd.agentState('8002')?.state === 'logged_out', 5_000, 50);
  });

  it('gives an agent connected to another server the pop of a call the first runs, once, and their state back there', async () => {
    const backup = await startTestServer(runtime, 'cluster-node-b', { HOTLINE_REDIS_URL: redis.url, HOTLINE_NODE_ID: 'node-b', HOTLINE_PBX_ID: 'pbx-1', HOTLINE_DB_FILE: server.dbFile });
    standby = backup;
    expect(backup.pbxState()).toBe('standby');
    const health = await backup.app.inject({ method: 'GET', url: '/health' });
    expect([health.statusCode, health.json()]).toEqual([200, { status: 'ok', ari: 'down', ami: 'down', db: 'up', pbx: 'standby' }]);

    expect(await server.acd.logout('8001')).toBeNull();
    const token = (await backup.storage.tokens.issue('8003', 'agent', Date.now(), 3_600_000)).token;
    const agent = await connect(backup.url, token);
    const events: { name: string; body: unknown }[] = [];
    for (const name of ['pop', 'call:answered', 'call:ended', 'agent:state', 'help:changed'] as const) agent.on(name, (body: unknown) => events.push({ name, body }));
    expect(await agent.emitWithAck('agent:ready')).toEqual({ ok: true });

    const call = sim.caller.call({ from: '13800007704', to: '12345', holdSeconds: 40 });
    const pop = await waitFor(() => events.find((e) => e.name === 'pop')?.body as ScreenPop | undefined, 20_000);
    expect(pop).toMatchObject({ agentId: '8003', queue: 'general', caller: { number: '13800007704' } });
    // A reloaded desktop on this server gets the ringing or answered call back from the first server's copy.
    const reloaded = await connect(backup.url, token);
    expect(await reloaded.emitWithAck('state:sync')).toMatchObject({ agent: { agentId: '8003' }, pop: { callId: pop.callId } });
    await waitFor(() => events.find((e) => e.name === 'call:answered'), 15_000);
    // 举手 on this server reaches a wallboard on the first; a supervisor listening through the web node
    // (relayed to the server running the call) lowers the hand on every server, the desktop's too.
    const boardToken = (await server.storage.tokens.issue('supervisor', 'supervisor', Date.now(), 3_600_000)).token;
    const board = await connect(server.url, boardToken);
    expect(await agent.emitWithAck('help:raise')).toEqual({ ok: true });
    const hands = async (): Promise<string[]> => ((await board.emitWithAck('wallboard:sync')) as { help: { agentId: string; callId: string }[] } | null)?.help.map((hand) => `${hand.agentId} ${hand.callId}`) ?? [];
    await waitForAsync(async () => ((await hands()).includes(`8003 ${pop.callId}`) ? true : undefined), 5_000);
    const monitored = await web!.as('supervisor')({ method: 'POST', url: `/api/calls/${pop.callId}/monitor`, payload: { mode: 'listen' } });
    expect([monitored.statusCode, monitored.json().monitorId]).toEqual([202, `mon-1-${pop.callId}`]);
    await waitFor(() => events.find((e) => e.name === 'help:changed' && (e.body as { raised: boolean }).raised === false), 5_000);
    await waitForAsync(async () => ((await hands()).length === 0 ? true : undefined), 5_000);
    board.close();
    // The live calls and the agent's actions, asked of this server, are answered by the one running the PBX.
    const asAgent = backup.as('8003');
    const listed = await backup.as('supervisor')({ method: 'GET', url: '/api/calls/active' });
    expect(listed.json().calls.find((c: { callId: string }) => c.callId === pop.callId)).toMatchObject({ phase: 'talking', callerNumber: expect.not.stringContaining('13800007704') });
    // A web node, which runs no PBX, asks the server running it.
    const fromWeb = await web!.as('supervisor')({ method: 'GET', url: '/api/calls/active' });
    expect(fromWeb.json().calls.map((c: { callId: string }) => c.callId)).toContain(pop.callId);
    expect((await web!.as('8003')({ method: 'POST', url: `/api/calls/${pop.callId}/transfer`, payload: { queue: 'nowhere' } })).json().error?.code).toBe('QUEUE_UNKNOWN');
    expect((await asAgent({ method: 'POST', url: `/api/calls/${pop.callId}/transfer`, payload: { queue: 'nowhere' } })).json().error?.code).toBe('QUEUE_UNKNOWN');
    // The work order typed while talking is saved through this server too, and lands on the ticket.
    const draft = await asAgent({ method: 'PUT', url: `/api/calls/${pop.callId}/draft`, payload: { requestType: 'complaint', title: '楼道夜间噪音', description: '装修到深夜' } });
    expect([draft.statusCode, draft.json().draft]).toEqual([200, expect.objectContaining({ callId: pop.callId, title: '楼道夜间噪音', writtenBy: '8003' })]);
    const hangUp = await asAgent({ method: 'POST', url: `/api/calls/${pop.callId}/hangup` });
    expect([hangUp.statusCode, hangUp.json()]).toEqual([202, { accepted: true }]);
    const ended = await waitFor(() => events.find((e) => e.name === 'call:ended')?.body as CallEnded | undefined, 45_000);
    expect(ended).toMatchObject({ callId: pop.callId, agentId: '8003', ticketNumber: expect.any(String) });
    await call;
    // The conversation ended at the agent's hang-up, long before the caller would have.
    const ticket = await waitForAsync(() => server.storage.tickets.getByCall(pop.callId), 10_000);
    expect(ticket).toMatchObject({ agentId: '8003', title: '楼道夜间噪音' });
    expect(ticket.talkMs).toBeLessThan(30_000);
    expect(events.filter((e) => e.name === 'call:answered')).toHaveLength(1);
    // Both servers hear each change of the agent's state; only the one the desktop is on tells it.
    const states = events.filter((e) => e.name === 'agent:state').map((e) => (e.body as { state: string }).state);
    expect(states.filter((state) => state === 'offered')).toHaveLength(1);
    agent.close();
    reloaded.close();
  });

  it('a standby for the same PBX takes it over when its holder stops: the caller left in the queue gets the fallback and one ticket', async () => {
    const backup = standby;
    if (!backup) throw new Error('the standby of the previous test is needed');
    // Nobody free: the caller waits in the queue of the first server.
    await waitUntil(() => server.acd.agentState('8003')?.state !== 'on_call', 10_000, 50);
    expect(await server.acd.logout('8003')).toBeNull();
    // The caller stays until the test has seen the fallback and the ACD let the call go, then hangs up.
    let waitingLeg = '';
    const waiting = sim.caller.call({ from: '13800007702', to: '12345', holdSeconds: 60 }, (event) => {
      if (event.event === 'dialing') waitingLeg = event.callId;
    });
    const queued = await waitForAsync(async () => server.callService.activeCalls().find((c) => c.phase === 'queued'), 15_000);
    // A desktop on the standby stays connected while the other server stops.
    const desk = await connect(backup.url, (await backup.storage.tokens.issue('8002', 'agent', Date.now(), 3_600_000)).token);
    let dropped = false;
    desk.on('disconnect', () => (dropped = true));
    await server.close();

    await waitUntil(() => backup.pbxState() === 'running', 10_000, 50);
    expect(dropped).toBe(false);
    desk.close();
    const left = await waitForAsync(() => backup.storage.tickets.getByCall(queued.callId), 10_000);
    expect(left.ivrPath.at(-1)).toMatchObject({ kind: 'outcome', outcome: 'restart-human-fallback' });
    // The new holder leads the ACD too, which let the old call go: no offer goes looking for it.
    await waitUntil(() => backup.acd.queueStats().find((q) => q.queueId === 'general')?.waiting === 0, 10_000, 100);
    await sim.ari.hangup(waitingLeg).catch(() => undefined);
    await waiting;

    const asAgent = backup.as('8001');
    await waitForAsync(async () => ((await asAgent({ method: 'POST', url: '/api/agents/8001/login' })).statusCode === 200 ? true : undefined), 10_000, 200);
    const next = await callAndTalk(sim, '13800007703', () => backup.acd.agentState('8001')?.state);
    const ticket = await waitForAsync(() => backup.storage.tickets.getByCall(next.callId), 15_000);
    expect(ticket).toMatchObject({ agentId: '8001', queue: 'general' });
  });

  it('does not start without the Redis it was given: REDIS_UNAVAILABLE', async () => {
    const closed = await freePort();
    const refused = startTestServer(runtime, 'cluster-no-redis', { HOTLINE_REDIS_URL: `redis://127.0.0.1:${closed}` });
    await expect(refused).rejects.toMatchObject({ code: 'REDIS_UNAVAILABLE' });
  });
});
