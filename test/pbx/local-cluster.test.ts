// `npm run cluster`'s cluster, started as that command does (real processes, free ports, folders of
// its own): every server answers /health with its role; a call into each of the two Asterisks is
// answered by a demo agent and its ticket is read through a web node; a caller on pbx-1 is put through
// over the boxes' trunk to an agent whose only phone (a SIP handset) is registered on pbx-2; when worker-1 is killed, the
// standby takes pbx-1 over and the next call into it gets its ticket too; after Redis and then
// PostgreSQL restart every server keeps its role and calls into both boxes still get their tickets;
// when the ACD's leader is killed with callers in line, another server leads: the callers on the
// box it did not run are answered in their order, each offered once, and the caller on its own box
// gets the fallback once that box is run again, one ticket each; when a web node is killed under an
// agent's desktop, the desktop goes on through the other: `state:sync` gives its state and the call
// that rang meanwhile, and the next pop arrives there; when a whole Asterisk box is stopped, its
// call in conversation is closed with its ticket; stopping leaves nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketDetail } from '../../src/contract/api/ticket-views.js';
import type { SyncState } from '../../src/contract/socket-events.js';
import { CLUSTER_PBX_IDS, NODE_NAMES, type NodeName } from '../../src/local-cluster/cluster-plan.js';
import type { ClusterNode, LocalCluster } from '../../src/local-cluster/local-cluster.js';
import { freeClusterPorts, startLocalCluster } from '../../src/local-cluster/local-cluster.js';
import { health } from '../../src/local-cluster/server-child.js';
import { findAsteriskPids, isAlive } from '../../src/local-pbx/pbx-processes.js';
import { pbxLayout } from '../../src/local-pbx/pbx-layout.js';
import { agentSipCredential } from '../../src/adapters/sip/agent-sip-credential.js';
import { openRedis } from '../../src/adapters/redis/open-redis.js';
import { phoneSdp } from '../helpers/sip-dialog.js';
import WebSocket from 'ws';
import { registerOn, udpLine, webSocketLine, type SipLine } from '../helpers/sip-line.js';
import { newCallId } from '../helpers/sip-register.js';
import type { CallerEvent } from '../../src/tools/citizen-caller.js';
import { clusterApi, leaseHolder, outcomesOf, pauseAgents, pbxRunBy, queuedAtMs, queueFigures, resumeAgent, ticketOfCall, ticketsOfCaller, waitForAgent } from '../helpers/cluster-api.js';
import { connectDesktop, type Desktop } from '../helpers/desktop-client.js';
import { startTestCaller, type TestCaller } from '../helpers/test-caller.js';
import { QUIET_PROTECTION_ENV, TEST_PBX_ENV, TEST_PORT_SHIFT, testPbxSettings } from '../helpers/test-pbx-settings.js';
import { waitFor, waitForAsync } from '../helpers/wait.js';

const repoDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The demo agents who serve the general queue (fixtures/agents.yaml); 8004 serves others only. */
const GENERAL_AGENTS = ['8001', '8002', '8003'] as const;

/** A caller on the line, placed without waiting for its end. */
interface LiveCall {
  readonly pbx: 0 | 1;
  readonly from: string;
  readonly callId: string;
  readonly events: readonly CallerEvent[];
  /** Settles once the caller's line is down. */
  readonly ended: Promise<unknown>;
}

const isNodeName = (name: string | null): name is NodeName => NODE_NAMES.some((known) => known === name);

function node(cluster: LocalCluster, name: ClusterNode['name']): ClusterNode {
  const found = cluster.nodes.find((n) => n.name === name);
  if (!found) throw new Error(`no ${name} in the cluster`);
  return found;
}

/** The ticket of a call, read through a server's API as the demo supervisor. */
async function ticketThrough(url: string, caller: string, callId: string): Promise<TicketDetail> {
  return ticketOfCall(await clusterApi(url, 'supervisor'), caller, callId);
}

describe('npm run cluster: the whole cluster on one machine (real processes, two real Asterisks)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-cluster-'));
  let cluster: LocalCluster | null = null;
  const callers: TestCaller[] = [];
  const running = (): LocalCluster => {
    if (!cluster) throw new Error('the cluster did not start');
    return cluster;
  };
  const call = async (pbx: 0 | 1, from: string, holdSeconds = 10): Promise<string> => {
    const caller = callers[pbx];
    if (!caller) throw new Error(`no caller on pbx ${pbx + 1}`);
    return (await caller.caller.call({ from, to: '12345', holdSeconds })).callId;
  };
  /** Places a call that stays on the line until `hangUp` (or 90 s); resolves once the hotline answered it, so the next one is later in line. */
  const place = async (pbx: 0 | 1, from: string): Promise<LiveCall> => {
    const caller = callers[pbx];
    if (!caller) throw new Error(`no caller on pbx ${pbx + 1}`);
    const events: CallerEvent[] = [];
    const ended = caller.caller.call({ from, to: '12345', holdSeconds: 90 }, (event) => events.push(event)).catch(() => undefined);
    const dialing = events.find((event) => event.event === 'dialing');
    if (!dialing) throw new Error('the caller did not dial');
    await waitFor(() => events.find((event) => event.event === 'connected'), 10_000);
    return { pbx, from, callId: dialing.callId, events, ended };
  };
  const queued = (live: LiveCall): Promise<CallerEvent> => waitFor(() => live.events.find((event) => event.event === 'queued'), 20_000);
  const hangUp = async (live: LiveCall): Promise<void> => {
    await callers[live.pbx]?.ari.hangup(live.callId).catch(() => undefined);
    await live.ended;
  };
  const desktops: Desktop[] = [];

  beforeAll(async () => {
    // PostgreSQL runs as the postgres user when the tests run as root: it walks down to its folder.
    fs.chmodSync(dir, 0o755);
    const shift = TEST_PORT_SHIFT * 10;
    const instance = TEST_PBX_ENV.HOTLINE_PBX_INSTANCE;
    // The demo queues with a 2 s wrap-up: each test's calls find the agents of the test before free again.
    const queuesFile = path.join(dir, 'queues.yaml');
    fs.writeFileSync(queuesFile, fs.readFileSync(path.join(repoDir, 'fixtures/queues.yaml'), 'utf8').replace(/wrapUpSeconds: \d+/g, 'wrapUpSeconds: 2'));
    cluster = await startLocalCluster({
      repoDir,
      dataDir: path.join(dir, 'cluster'),
      // RTP above the test instance's (31000…) and the restart test's ranges.
      ports: await freeClusterPorts([35000 + shift, 35500 + shift]),
      pbx: { instances: [`${instance}-cluster-1`, `${instance}-cluster-2`], cacheDir: testPbxSettings().cacheDir, stateDir: path.join(dir, 'pbx'), promptLanguage: 'zh-CN', rtpPorts: 200 },
      // A stopped box counts as lost after 3 s (60 s by default), so its test does not wait a minute.
      // A dispatched order's contact is called at once (no 5 minutes to wait here), found by a sweep
      // every second rather than every 15 s.
      env: { ...QUIET_PROTECTION_ENV, HOTLINE_PBX_LOST_AFTER_SECONDS: '3', HOTLINE_QUEUES_FILE: queuesFile, HOTLINE_SIGN_WITHIN_MINUTES: '0', HOTLINE_FOLLOW_UP_SWEEP_SECONDS: '1' },
      stopGraceMs: 10_000,
    });
    for (const [i, pbx] of running().pbxs.entries()) callers.push(await startTestCaller(pbx.runtime, `citizen-sim-cluster-${i + 1}`));
  });
  afterAll(async () => {
    for (const desktop of desktops) desktop.socket.close();
    for (const caller of callers) await caller.stop();
    await cluster?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers /health on every server with its role', async () => {
    const roles = Object.fromEntries(await Promise.all(running().nodes.map(async (n) => [n.name, (await health(n.url))?.pbx] as const)));
    expect(roles).toEqual({ 'worker-1': 'running', 'worker-2': 'running', standby: 'standby', 'web-1': 'none', 'web-2': 'none' });
  });

  /** A call into pbx-1 that ended with its ticket: the follow-up below files and dispatches that ticket. */
  let endedOnPbx1: { from: string; callId: string } | null = null;

  it('answers a call into each Asterisk with a demo agent, and its ticket is read through a web node', async () => {
    const [first, second] = await Promise.all([call(0, '13800008801'), call(1, '13800008802')]);
    endedOnPbx1 = { from: '13800008801', callId: first };
    const web = node(running(), 'web-1').url;
    expect(await ticketThrough(web, '13800008801', first)).toMatchObject({ queue: 'general', agentId: expect.stringMatching(/^800\d$/) });
    expect(await ticketThrough(web, '13800008802', second)).toMatchObject({ queue: 'general', agentId: expect.stringMatching(/^800\d$/) });
    // QA plays the recording through the web node, which holds no file: it relays to the server running pbx-2, whose box has it.
    const qa = await clusterApi(web, 'qa');
    const recording = await waitForAsync(async () => (await ticketOfCall(qa, '13800008802', second)).recordings.find((r) => r.state === 'ready'), 20_000, 250);
    const part = await fetch(`${web}${recording.url}`, { headers: { authorization: `Bearer ${qa.token}`, range: 'bytes=0-43' }, signal: AbortSignal.timeout(5000) });
    expect([part.status, part.headers.get('content-range')?.startsWith('bytes 0-43/')]).toEqual([206, true]);
    expect(Buffer.from(await part.arrayBuffer()).subarray(0, 4).toString('latin1')).toBe('RIFF');
  });

  it('follows an order up across the cluster: dispatched through a web node, its reminder call rung through a PBX, key 1 signs it', async () => {
    // The ticket of the call above (a call of its own when this test runs alone).
    const { from, callId } = endedOnPbx1 ?? { from: '13800008804', callId: await call(0, '13800008804') };
    const web = node(running(), 'web-1').url;
    const supervisor = await clusterApi(web, 'supervisor');
    const ticket = await ticketOfCall(supervisor, from, callId);
    const filing = { version: ticket.version, requestType: 'complaint', categoryCode: '0203', title: '电梯故障' };
    const filed = await fetch(`${web}/api/tickets/${ticket.id}`, { method: 'PATCH', headers: { authorization: `Bearer ${supervisor.token}`, 'content-type': 'application/json' }, body: JSON.stringify(filing), signal: AbortSignal.timeout(5000) });
    const filedBody = (await filed.json()) as { ticket: { version: number } };
    expect(filed.status, JSON.stringify(filedBody)).toBe(200);
    const dispatched = await supervisor.post(`/api/tickets/${ticket.id}/dispatch`, { version: filedBody.ticket.version, mainUnit: 'housing-bureau' });
    expect(dispatched.status, JSON.stringify(dispatched.body)).toBe(200);
    // The server holding the back-office lease asks for the call; a worker running a PBX reads it from
    // the shared store, claims and dials it: the dialplan's simulated contact 13900000001 presses 1.
    const signed = await waitForAsync(async () => {
      const now = (await supervisor.get<{ ticket: TicketDetail }>(`/api/tickets/${ticket.id}`)).ticket;
      return now.status === 'in-progress' ? now : undefined;
    }, 45_000, 500);
    expect(signed).toMatchObject({ signedVia: 'phone' });
  });

  it('a supervisor on a web node listens to a call on pbx-2 and ends it (强拆): both relayed to the server running that box', async () => {
    const live = await place(1, '13800008809');
    await waitFor(() => live.events.find((event) => event.event === 'answered'), 30_000);
    const [web1, web2] = [await clusterApi(node(running(), 'web-1').url, 'supervisor'), await clusterApi(node(running(), 'web-2').url, 'supervisor')];
    const started = await web1.post(`/api/calls/${live.callId}/monitor`, { mode: 'listen' });
    expect(started).toEqual({ status: 202, body: { monitorId: `mon-1-${live.callId}` } });
    // The other web node sees the session, heard once the supervisor's demo handset on pbx-2 answered.
    const heard = await waitForAsync(async () => (await web2.get<{ monitors: { heard: string | null }[] }>('/api/monitors')).monitors.find((monitor) => monitor.heard === 'listen'), 15_000, 200);
    expect(heard).toMatchObject({ callId: live.callId, supervisorId: 'supervisor' });
    expect(await web2.post(`/api/calls/${live.callId}/release`)).toEqual({ status: 202, body: { released: true } });
    await live.ended;
    expect(live.events.find((event) => event.event === 'hangup')).toMatchObject({ by: 'hotline' });
    expect((await ticketOfCall(web1, live.from, live.callId)).call).toMatchObject({ endedBy: 'supervisor' });
    expect((await web1.get<{ monitors: unknown[] }>('/api/monitors')).monitors).toEqual([]);
  });

  it('puts a caller on pbx-1 through the trunk to pbx-2, where the only free agent’s handset is registered', async () => {
    const c = running();
    const web = node(c, 'web-1').url;
    const api = await clusterApi(web, 'supervisor');
    // 8003 alone takes general calls: the others paused (once out of their wrap-up).
    await pauseAgents(api, ['8001', '8002']);
    const pbx2 = c.pbxs[1]?.runtime;
    if (!pbx2) throw new Error('no pbx-2');
    const { line, local } = await udpLine(pbx2.sip.host, pbx2.sip.port);
    const register = (expires: number) =>
      registerOn(line, { user: 'agent-8003', domain: '127.0.0.1', transport: 'UDP', via: local, callId: newCallId(), expires }, agentSipCredential(pbx2.sip.agentSecret, '8003', 'handset').password);
    const redis = await openRedis({ url: c.redisUrl });
    try {
      line.answerWith({ sdp: phoneSdp('sendrecv', 1), contact: `sip:agent-8003@${local}` });
      expect((await register(120)).status).toBe(200);
      // worker-2 says its box reaches 8003's phone (every second); worker-1 reads it before the offer.
      await waitForAsync(async () => ((await redis.get('hotline:phones:pbx-2'))?.includes('"8003"') ? true : undefined), 10_000, 200);
      // worker-1 reads it into its own map once a second; no API shows that map, so a little more than a second.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      const callId = await call(0, '13800008814', 12);
      expect(await ticketThrough(web, '13800008814', callId)).toMatchObject({ queue: 'general', agentId: '8003' });
      // The handset rang once, through pbx-2 (it is registered nowhere else), showing the citizen's number.
      expect(line.invites).toHaveLength(1);
      expect(line.invites[0]).toMatch(/^From:.*13800008814/m);
    } finally {
      await register(0).catch(() => undefined);
      await line.close();
      redis.destroy();
      for (const id of ['8001', '8002']) await resumeAgent(api, id);
    }
  });

  it('the standby takes pbx-1 over when worker-1 is killed: the conversation on it goes on to its end and ticket, and the next call gets its ticket', async () => {
    // A caller on pbx-1 talking with a demo agent when worker-1 dies.
    const talking = await place(0, '13800008804');
    const agent = (await waitFor(() => talking.events.find((event) => event.event === 'answered'), 20_000)) as Extract<CallerEvent, { event: 'answered' }>;
    // Killed at once: the answer may not be saved yet, and the conversation is kept all the same.
    running().kill('worker-1', 'SIGKILL');
    const killedAt = Date.now();
    const standby = node(running(), 'standby').url;
    await waitForAsync(async () => ((await health(standby))?.pbx === 'running' ? true : undefined), 15_000, 250);
    // The standby took the conversation on: the caller and the agent's leg are still together in its bridge.
    const ari = callers[0]?.ari;
    if (!ari) throw new Error('no caller on pbx 1');
    const bridge = await ari.http.request<{ channels: string[] }>('GET', `/bridges/conv-${talking.callId}`);
    expect(bridge.channels).toHaveLength(2);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    await hangUp(talking);
    const web = node(running(), 'web-2').url;
    const kept = await ticketThrough(web, '13800008804', talking.callId);
    expect(kept).toMatchObject({ queue: 'general', agentId: agent.agent, call: { endedBy: 'caller' } });
    expect(outcomesOf(kept, 'restart-conversation-kept')).toEqual([agent.agent]);
    expect(outcomesOf(kept, 'restart-human-fallback')).toEqual([]);
    // The talk runs to the caller's hang-up, past the takeover.
    expect(Date.parse(kept.call.endedAt)).toBeGreaterThan(killedAt + 3000);
    const callId = await call(0, '13800008803');
    expect(await ticketThrough(web, '13800008803', callId)).toMatchObject({ queue: 'general', agentId: expect.stringMatching(/^800\d$/) });
  });

  it('keeps every server in its role through a Redis restart and a PostgreSQL restart, and calls into both boxes still get their tickets', async () => {
    await running().restartRedis();
    await running().restartPostgres();
    const live = running().nodes.filter((n) => n.name !== 'worker-1');
    const roles = async (): Promise<Record<string, string | null | undefined>> => Object.fromEntries(await Promise.all(live.map(async (n) => [n.name, (await health(n.url))?.pbx] as const)));
    const expected = { 'worker-2': 'running', standby: 'running', 'web-1': 'none', 'web-2': 'none' };
    await waitForAsync(async () => (JSON.stringify(await roles()) === JSON.stringify(expected) ? true : undefined), 20_000, 250);
    const [first, second] = await Promise.all([call(0, '13800008804'), call(1, '13800008805')]);
    const web = node(running(), 'web-1').url;
    expect(await ticketThrough(web, '13800008804', first)).toMatchObject({ queue: 'general', agentId: expect.stringMatching(/^800\d$/) });
    expect(await ticketThrough(web, '13800008805', second)).toMatchObject({ queue: 'general', agentId: expect.stringMatching(/^800\d$/) });
  }, 120_000);

  it('another server leads the ACD when its leader is killed: the callers in line are answered in their order, each offered once, one ticket each', async () => {
    const api = await clusterApi(node(running(), 'web-2').url, 'supervisor');
    const leader = await leaseHolder(api, 'acd-leader');
    if (!isNodeName(leader)) throw new Error(`the ACD's leader is ${String(leader)}, not a server of the cluster`);
    // worker-1 is down since its test, so each server that may lead runs a PBX: the leader's box loses its server with it.
    const lostPbx = await pbxRunBy(api, leader);
    const lostIndex = CLUSTER_PBX_IDS.findIndex((id) => id === lostPbx);
    if (lostIndex < 0) throw new Error(`the leader ${leader} runs no PBX (${String(lostPbx)})`);
    const [lost, kept]: [0 | 1, 0 | 1] = lostIndex === 0 ? [0, 1] : [1, 0];
    const before = await queueFigures(api, 'general');
    // Nobody free: the callers wait in line while the leader is killed (the agents' pause lands long before the callers' menu ends).
    const paused = pauseAgents(api, GENERAL_AGENTS);
    const inLine: LiveCall[] = [];
    for (const [i, pbx] of [kept, kept, lost, kept].entries()) inLine.push(await place(pbx, `1380000881${i}`));
    await paused;
    await Promise.all(inLine.map(queued));
    await waitForAsync(async () => ((await queueFigures(api, 'general')).waiting === inLine.length ? true : undefined), 5_000, 200);

    running().kill(leader, 'SIGKILL');
    const next = await waitForAsync(async () => {
      const holder = await leaseHolder(api, 'acd-leader');
      return holder !== null && holder !== leader ? holder : undefined;
    }, 15_000, 250);
    expect(next).not.toBe(leader);
    // The machine brought back runs its box again: its caller in line goes to the fallback (as after a restart) and the ACD lets that call go.
    await running().restart(leader);
    const back = node(running(), leader).url;
    await waitForAsync(async () => ((await health(back))?.pbx === 'running' ? true : undefined), 15_000, 250);
    const [onLost] = inLine.filter((call) => call.pbx === lost);
    const waiting = inLine.filter((call) => call.pbx === kept);
    if (!onLost) throw new Error('no caller on the lost box');
    const fallback = await ticketOfCall(api, onLost.from, onLost.callId);
    expect(outcomesOf(fallback, 'restart-human-fallback')).toHaveLength(1);
    await waitForAsync(async () => ((await queueFigures(api, 'general')).waiting === waiting.length ? true : undefined), 10_000, 200);

    // One agent at a time: the k-th agent back takes the k-th caller in line, which the new leader could only know from the old one's log.
    for (const agentId of GENERAL_AGENTS) {
      await resumeAgent(api, agentId);
      await waitForAgent(api, agentId, (agent) => agent.callId !== null, 15_000);
    }
    // Hung up once answered: a caller gone while it still rang would have no agent on its ticket.
    await Promise.all(GENERAL_AGENTS.map((agentId) => waitForAgent(api, agentId, (agent) => agent.state === 'on_call', 15_000)));
    await Promise.all([...waiting, onLost].map(hangUp));
    const tickets = await Promise.all(waiting.map((call) => ticketOfCall(api, call.from, call.callId)));
    const byArrival = [...tickets].sort((a, b) => queuedAtMs(a) - queuedAtMs(b));
    expect(byArrival.map((ticket) => ticket.agentId)).toEqual(GENERAL_AGENTS);
    const answeredAt = byArrival.map((ticket) => Date.parse(ticket.call.agentAnsweredAt ?? ''));
    expect(answeredAt).toEqual([...answeredAt].sort((a, b) => a - b));
    // Offered once and answered once by its agent: a repeated offer or a ring-no-answer would show as a second step.
    for (const ticket of byArrival) {
      expect([outcomesOf(ticket, 'offered'), outcomesOf(ticket, 'answered')]).toEqual([[ticket.agentId], [ticket.agentId]]);
    }
    const after = await queueFigures(api, 'general');
    expect([after.counters.ringNoAnswer - before.counters.ringNoAnswer, after.counters.offerFailures - before.counters.offerFailures]).toEqual([0, 0]);
    // One ticket per call, the fallback's too.
    for (const call of inLine) expect(await ticketsOfCaller(api, call.from)).toHaveLength(1);
  }, 120_000);

  it("goes on through the other web node when the one under an agent's desktop is killed: state:sync gives its state and the call that rang meanwhile, and the next pop arrives there", async () => {
    const api = await clusterApi(node(running(), 'web-2').url, 'supervisor');
    // 8003 alone takes calls, so each call rings that desktop (the pause lands long before the callers' menu ends).
    const paused = pauseAgents(api, ['8001', '8002']);
    // The test before may end with a call still ringing 8003 for a moment (its caller hung up as its
    // offer went out): the desktop's first sync is read once the ACD has let go of it.
    await waitForAgent(api, '8003', (agent) => agent.callId === null, 20_000);
    const web1 = node(running(), 'web-1').url;
    const { token } = await clusterApi(web1, '8003');
    const first = await connectDesktop(web1, token);
    desktops.push(first);
    expect(await first.socket.emitWithAck('state:sync')).toMatchObject({ agent: { agentId: '8003' }, pop: null });

    running().kill('web-1', 'SIGKILL');
    expect(await first.disconnected).toBe('transport close');
    // A call rings the agent while the desktop is between nodes; a second waits in line behind it.
    const rang = await place(0, '13800008820');
    const next = await place(0, '13800008821');
    await paused;
    await waitForAgent(api, '8003', (agent) => agent.callId === rang.callId, 20_000);

    // The balancer sends the desktop's reconnection to the node left; the token is the cluster's, not web-1's.
    const second = await connectDesktop(node(running(), 'web-2').url, token);
    desktops.push(second);
    const sync: SyncState = await second.socket.emitWithAck('state:sync');
    expect(sync).toMatchObject({ agent: { agentId: '8003', callId: rang.callId }, pop: { callId: rang.callId, agentId: '8003', caller: { number: '13800008820' } } });
    expect(['offered', 'on_call']).toContain(sync.agent?.state);

    // Hung up once answered: a caller gone while it still rang would have no agent on its ticket.
    await waitForAgent(api, '8003', (agent) => agent.state === 'on_call' && agent.callId === rang.callId, 10_000);
    await hangUp(rang);
    const pop = await waitFor(() => second.pops[0], 20_000);
    expect(pop).toMatchObject({ callId: next.callId, agentId: '8003', caller: { number: '13800008821' } });
    await waitForAgent(api, '8003', (agent) => agent.state === 'on_call' && agent.callId === next.callId, 10_000);
    await hangUp(next);
    for (const call of [rang, next]) expect(await ticketOfCall(api, call.from, call.callId)).toMatchObject({ agentId: '8003' });
    expect([first.pops, second.pops.map((p) => p.callId)]).toEqual([[], [next.callId]]);
    for (const agentId of ['8001', '8002']) await resumeAgent(api, agentId);
  }, 90_000);

  it('closes the call in conversation on a box that is stopped for good, with its ticket; a browser phone relayed to that box registers on the other', async () => {
    const caller = callers[1];
    if (!caller) throw new Error('no caller on pbx 2');
    let callId = '';
    let answered = false;
    const outcome = caller.caller
      .call({ from: '13800008806', to: '12345', holdSeconds: 120 }, (event) => {
        if (event.event === 'dialing') callId = event.callId;
        if (event.event === 'answered') answered = true;
      })
      .catch(() => undefined);
    await waitForAsync(async () => (answered ? true : undefined), 45_000, 100);
    // 8004's browser phone, through web-2, whose box is pbx-2.
    const web = node(running(), 'web-2').url;
    const login = await fetch(`${web}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: '8004', password: 'hotline-demo' }) });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const credential = (await (await fetch(`${web}/api/phone/credentials`, { headers: { cookie } })).json()) as { authUser: string; password: string };
    const phone = async (): Promise<{ line: SipLine; closed: Promise<void> }> => {
      const socket = await new Promise<WebSocket>((resolve, reject) => {
        const opened = new WebSocket(`${web.replace(/^http/, 'ws')}/sip`, 'sip', { headers: { cookie } });
        opened.once('open', () => resolve(opened));
        opened.once('error', reject);
      });
      const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
      return { line: webSocketLine(socket), closed };
    };
    const register = (line: SipLine) => registerOn(line, { user: credential.authUser, domain: '127.0.0.1', transport: 'WS', via: 'phone-test.invalid', callId: newCallId(), expires: 120 }, credential.password);
    const first = await phone();
    expect((await register(first.line)).status).toBe(200);
    await running().stopPbx('pbx-2');
    const ticket = await ticketThrough(web, '13800008806', callId);
    expect(ticket).toMatchObject({ callId, agentId: expect.stringMatching(/^800\d$/) });
    await outcome;
    // pbx-2's SIP WebSocket went with its box, and web-2 closed the phone's socket. Opened again,
    // the socket goes to pbx-1, where the same credential registers (one agents' secret for both boxes).
    await first.closed;
    const again = await phone();
    try {
      expect((await register(again.line)).status).toBe(200);
      const ari = callers[0]?.ari;
      if (!ari) throw new Error('no caller on pbx 1');
      await waitForAsync(async () => ((await ari.http.request<{ state: string }>('GET', `/endpoints/PJSIP/${credential.authUser}`)).state === 'online' ? true : undefined), 10_000, 200);
    } finally {
      await again.line.close();
    }
  }, 120_000);

  it('stops every process it started', async () => {
    const { pids, pbxs } = running();
    await running().stop();
    expect(pids.filter((pid) => isAlive(pid))).toEqual([]);
    expect(pbxs.flatMap((pbx) => findAsteriskPids(pbxLayout(pbx.settings).configFileInRoot))).toEqual([]);
  });
});
