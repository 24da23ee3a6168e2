// `npm run cluster`'s cluster, started as that command does (real processes, free ports, folders of
// its own): every server answers /health with its role; a call into each of the two Asterisks is
// answered by a demo agent and its ticket is read through a web node; a caller on pbx-1 is put through
// over the boxes' trunk to an agent whose only phone (a SIP handset) is registered on pbx-2; when worker-1 is killed, the
// standby takes pbx-1 over and the next call into it gets its ticket too; after Redis and then
// PostgreSQL restart every server keeps its role and calls into both boxes still get their tickets;
// when a whole Asterisk box is stopped, its call in conversation is closed with its ticket; stopping
// leaves nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterNode, LocalCluster } from '../../src/local-cluster/local-cluster.js';
import { freeClusterPorts, startLocalCluster } from '../../src/local-cluster/local-cluster.js';
import { health } from '../../src/local-cluster/server-child.js';
import { findAsteriskPids, isAlive } from '../../src/local-pbx/pbx-processes.js';
import { pbxLayout } from '../../src/local-pbx/pbx-layout.js';
import { agentSipCredential } from '../../src/adapters/sip/agent-sip-credential.js';
import { openRedis } from '../../src/adapters/redis/open-redis.js';
import { signIn } from '../../src/tools/ticket-lookup.js';
import { phoneSdp } from '../helpers/sip-dialog.js';
import { registerOn, udpLine } from '../helpers/sip-line.js';
import { newCallId } from '../helpers/sip-register.js';
import { startTestCaller, type TestCaller } from '../helpers/test-caller.js';
import { QUIET_PROTECTION_ENV, TEST_PBX_ENV, TEST_PORT_SHIFT, testPbxSettings } from '../helpers/test-pbx-settings.js';
import { waitForAsync } from '../helpers/wait.js';

const repoDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

interface TicketRow {
  readonly callId: string;
  readonly agentId: string | null;
  readonly queue: string | null;
}

function node(cluster: LocalCluster, name: ClusterNode['name']): ClusterNode {
  const found = cluster.nodes.find((n) => n.name === name);
  if (!found) throw new Error(`no ${name} in the cluster`);
  return found;
}

/** The ticket of a call, read through a server's API as the demo supervisor. */
async function ticketThrough(url: string, caller: string, callId: string): Promise<TicketRow> {
  const token = await waitForAsync(async () => (await signIn(url, 'supervisor', 'hotline-demo')) ?? undefined, 10_000, 200);
  return waitForAsync(async () => {
    const response = await fetch(`${url}/api/tickets?caller=${caller}`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await response.json()) as { tickets?: TicketRow[] };
    return body.tickets?.find((ticket) => ticket.callId === callId);
  }, 20_000, 250);
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
      env: { ...QUIET_PROTECTION_ENV, HOTLINE_PBX_LOST_AFTER_SECONDS: '3', HOTLINE_QUEUES_FILE: queuesFile },
      stopGraceMs: 10_000,
    });
    for (const [i, pbx] of running().pbxs.entries()) callers.push(await startTestCaller(pbx.runtime, `citizen-sim-cluster-${i + 1}`));
  });
  afterAll(async () => {
    for (const caller of callers) await caller.stop();
    await cluster?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers /health on every server with its role', async () => {
    const roles = Object.fromEntries(await Promise.all(running().nodes.map(async (n) => [n.name, (await health(n.url))?.pbx] as const)));
    expect(roles).toEqual({ 'worker-1': 'running', 'worker-2': 'running', standby: 'standby', 'web-1': 'none', 'web-2': 'none' });
  });

  it('answers a call into each Asterisk with a demo agent, and its ticket is read through a web node', async () => {
    const [first, second] = await Promise.all([call(0, '13800008801'), call(1, '13800008802')]);
    const web = node(running(), 'web-1').url;
    expect(await ticketThrough(web, '13800008801', first)).toMatchObject({ queue: 'general', agentId: expect.stringMatching(/^800\d$/) });
    expect(await ticketThrough(web, '13800008802', second)).toMatchObject({ queue: 'general', agentId: expect.stringMatching(/^800\d$/) });
  });

  it('puts a caller on pbx-1 through the trunk to pbx-2, where the only free agent’s handset is registered', async () => {
    const c = running();
    const web = node(c, 'web-1').url;
    const token = await waitForAsync(async () => (await signIn(web, 'supervisor', 'hotline-demo')) ?? undefined, 10_000, 200);
    const agentAction = (id: string, action: 'pause' | 'resume'): Promise<Response> =>
      fetch(`${web}/api/agents/${id}/${action}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(action === 'pause' ? { reason: 'meeting' } : {}) });
    // 8003 alone takes general calls: the others paused (once out of their wrap-up).
    for (const id of ['8001', '8002']) await waitForAsync(async () => ((await agentAction(id, 'pause')).ok ? true : undefined), 15_000, 250);
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
      const callId = await call(0, '13800008804', 12);
      expect(await ticketThrough(web, '13800008804', callId)).toMatchObject({ queue: 'general', agentId: '8003' });
      // The handset rang once, through pbx-2 (it is registered nowhere else), showing the citizen's number.
      expect(line.invites).toHaveLength(1);
      expect(line.invites[0]).toMatch(/^From:.*13800008804/m);
    } finally {
      await register(0).catch(() => undefined);
      await line.close();
      redis.destroy();
      for (const id of ['8001', '8002']) await agentAction(id, 'resume');
    }
  });

  it('the standby takes pbx-1 over when worker-1 is killed, and the next call into it gets its ticket', async () => {
    running().kill('worker-1', 'SIGKILL');
    const standby = node(running(), 'standby').url;
    await waitForAsync(async () => ((await health(standby))?.pbx === 'running' ? true : undefined), 15_000, 250);
    const callId = await call(0, '13800008803');
    expect(await ticketThrough(node(running(), 'web-2').url, '13800008803', callId)).toMatchObject({ queue: 'general', agentId: expect.stringMatching(/^800\d$/) });
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

  it('closes the call in conversation on a box that is stopped for good, with its ticket', async () => {
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
    await running().stopPbx('pbx-2');
    const ticket = await ticketThrough(node(running(), 'web-2').url, '13800008806', callId);
    expect(ticket).toMatchObject({ callId, agentId: expect.stringMatching(/^800\d$/) });
    await outcome;
  }, 120_000);

  it('stops every process it started', async () => {
    const { pids, pbxs } = running();
    await running().stop();
    expect(pids.filter((pid) => isAlive(pid))).toEqual([]);
    expect(pbxs.flatMap((pbx) => findAsteriskPids(pbxLayout(pbx.settings).configFileInRoot))).toEqual([]);
  });
});
