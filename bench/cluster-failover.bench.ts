// Failover times of the local cluster (`npm run cluster`: PostgreSQL, Redis, two real Asterisks,
// worker-1 and the standby for pbx-1, worker-2 for pbx-2, two web nodes, each server a process of
// its own), measured by killing servers with SIGKILL as a machine lost, round after round:
//
//   npx tsx bench/cluster-failover.bench.ts [rounds] [kinds]   (default 20 of each kind: pbx,acd,web,web-frozen)
//
// PBX rounds: a call goes into pbx-1 and one into pbx-2; once pbx-1's is in conversation (its
// agent answered; the caller stays on ≈ 12 s more), the server holding the `pbx:pbx-1` lease is killed. Timed from the kill: the lease's holder in Redis
// becoming the other pbx-1 server, and that server's /health answering `pbx: "running"` (the
// takeover done). ACD rounds: the holder of `acd-leader` is killed, whoever it is. Timed from the
// kill: the lease's holder becoming another server, and the ACD answering an agent's pause asked
// through a web node's API (a request is sent every 200 ms and waits up to 3 s for the leader, so
// the first answer comes when a leader has applied it). Whatever else the killed server held is
// timed too and reported in its own rows (the leader of a PBX round may lead the ACD as well; the
// ACD's leader may hold pbx-1 or pbx-2; pbx-2 has no standby, so it stays down until its worker
// comes back). Web rounds: an agent's desktop (a real Socket.IO client, WebSocket transport) is
// connected to web-1 or web-2 in turn, and that web node is killed; as a balancer would, the desktop's
// reconnection goes to the other web node. Timed from the kill: the desktop seeing its socket close,
// and the desktop connected to the other node with its state back (`state:sync` answered). Frozen-web
// rounds stop the web node with SIGSTOP instead: its sockets stay open, as with a machine that hangs or
// drops off the network, so the desktop notices only by Socket.IO's heartbeat; the node is then killed
// and started again. After each kill the server is started again with its plan (the machine brought
// back) and the next round waits until every server has a role again. Every probe polls every
// 50 ms. At the end the tickets of the calls are counted in PostgreSQL, by caller number (each call
// has its own), so a second ticket under another call id would show. Results: a table on stdout,
// bench/results/cluster-failover.json; the cluster's folder (servers' logs) is kept when a step
// got stuck or a ticket is missing or doubled.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openRedis } from '../src/adapters/redis/open-redis.js';
import { RedisLeases } from '../src/adapters/redis/redis-leases.js';
import { DEMO_PASSWORD } from '../src/boot/demo-passwords.js';
import type { NodeName } from '../src/local-cluster/cluster-plan.js';
import { freeClusterPorts, startLocalCluster, type LocalCluster } from '../src/local-cluster/local-cluster.js';
import { health } from '../src/local-cluster/server-child.js';
import type { CallerEvent } from '../src/tools/citizen-caller.js';
import { signIn } from '../src/tools/ticket-lookup.js';
import { io, type Socket } from 'socket.io-client';
import type { SyncState } from '../src/contract/socket-events.js';
import { startTestCaller, type TestCaller } from '../test/helpers/test-caller.js';
import { QUIET_PROTECTION_ENV, TEST_PBX_ENV, TEST_PORT_SHIFT, testPbxSettings } from '../test/helpers/test-pbx-settings.js';
import { percentile } from './stats.js';

const ROUNDS = Number(process.argv[2] ?? 20);
const KINDS = (process.argv[3] ?? 'pbx,acd,web,web-frozen').split(',') as Kind[];
const POLL_MS = 50;
/** A step slower than this means the cluster is stuck, not slow: the run stops and keeps its logs. */
const STEP_LIMIT_MS = 30_000;
/**
 * The caller's time on the line counts from Asterisk answering, so it covers the menu (≈ 7 s with its
 * timeout), the offer, and ≈ 12 s of conversation after the kill: the call outlives the takeover.
 */
const HOLD_SECONDS = 20;
/** The agent whose pause tells that the ACD answers again (no calls are offered during ACD rounds). */
const PROBE_AGENT = '8004';
const LEASES = ['pbx:pbx-1', 'pbx:pbx-2', 'acd-leader'] as const;
type Lease = (typeof LEASES)[number];
/** Who else may take each lease over (pbx-2 has no standby in this cluster). */
const TAKERS: Readonly<Record<Lease, readonly NodeName[]>> = { 'pbx:pbx-1': ['worker-1', 'standby'], 'pbx:pbx-2': [], 'acd-leader': ['worker-1', 'worker-2', 'standby'] };

const repoDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

type Kind = 'pbx' | 'acd' | 'web' | 'web-frozen';
/** The agent whose desktop is connected through the web node killed in web rounds. */
const DESKTOP_AGENT = '8003';

interface RoundResult {
  readonly kind: Kind;
  readonly round: number;
  readonly victim: NodeName;
  /** The leases the killed server held at the kill. */
  readonly held: readonly Lease[];
  /** ms from the kill, per figure measured in this round. */
  readonly ms: Readonly<Record<string, number>>;
}

interface PlacedCall {
  readonly from: string;
  readonly pbx: 'pbx-1' | 'pbx-2';
  callId: string;
  agent: string | null;
  answeredBeforeKill: boolean;
}

class StuckError extends Error {}

/** Polls until the probe gives a value; the time is taken when it does (performance.now()). */
async function waitUntil<T>(what: string, probe: () => Promise<T | undefined>, limitMs = STEP_LIMIT_MS): Promise<{ value: T; at: number }> {
  const deadline = performance.now() + limitMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return { value, at: performance.now() };
    if (performance.now() > deadline) throw new StuckError(`${what}: not within ${limitMs / 1000} s`);
    await sleep(POLL_MS);
  }
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-failover-'));
// PostgreSQL runs as the postgres user when the bench runs as root: it walks down to its folder.
fs.chmodSync(dir, 0o755);
const instance = TEST_PBX_ENV.HOTLINE_PBX_INSTANCE;
const shift = TEST_PORT_SHIFT * 10;
let cluster: LocalCluster | null = null;
const callers: TestCaller[] = [];
let keepDir = false;
const clusterLog: string[] = [];

try {
  const startedAt = performance.now();
  cluster = await startLocalCluster({
    repoDir,
    dataDir: path.join(dir, 'cluster'),
    // RTP beside the test cluster's (35000…) and the IVR benchmark's ranges.
    ports: await freeClusterPorts([37000 + shift, 37500 + shift]),
    pbx: { instances: [`${instance}-failover-1`, `${instance}-failover-2`], cacheDir: testPbxSettings().cacheDir, stateDir: path.join(dir, 'pbx'), promptLanguage: 'zh-CN', rtpPorts: 200 },
    env: { ...QUIET_PROTECTION_ENV, HOTLINE_LOG_LEVEL: 'warn' },
    stopGraceMs: 10_000,
    log: (line) => void clusterLog.push(`${new Date().toISOString()} ${line}`),
  });
  const running = cluster;
  const asterisk = running.pbxs[0]?.runtime.asteriskVersion ?? '?';
  console.log(`cluster up in ${((performance.now() - startedAt) / 1000).toFixed(1)} s: Asterisk ${asterisk}, ${os.cpus().length} CPUs, logs in ${running.logDir}`);
  for (const [i, pbx] of running.pbxs.entries()) callers.push(await startTestCaller(pbx.runtime, `citizen-sim-failover-${i + 1}`));

  const url = (name: NodeName): string => {
    const found = running.nodes.find((node) => node.name === name);
    if (!found) throw new Error(`no ${name} in the cluster`);
    return found.url;
  };
  const web = url('web-1');
  const redis = await openRedis({ url: running.redisUrl });
  const leases = new RedisLeases(redis, running.redisUrl);
  const holder = async (lease: Lease): Promise<string | null> => leases.holder(lease).catch(() => null);
  const pbxOf = async (name: NodeName): Promise<string | null | undefined> => (await health(url(name)))?.pbx;
  const token = (await waitUntil('the supervisor signed in', async () => (await signIn(web, 'supervisor', DEMO_PASSWORD)) ?? undefined)).value;
  const agentRequest = async (action: 'pause' | 'resume' | 'ticket-filed', agent: string, body: object = {}): Promise<{ status: number; code: string | null }> => {
    try {
      const response = await fetch(`${web}/api/agents/${agent}/${action}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(5_000),
      });
      const reply = (await response.json().catch(() => ({}))) as { error?: { code?: unknown } };
      return { status: response.status, code: typeof reply.error?.code === 'string' ? reply.error.code : null };
    } catch {
      return { status: 0, code: null };
    }
  };
  // The ACD decided: done, or refused for the agent's state (a pause it applied from an earlier request).
  const acdAnswered = (reply: { status: number; code: string | null }): boolean => (reply.status >= 200 && reply.status < 300) || reply.code === 'ACD_WRONG_AGENT_STATE';

  /** Every server up with a role: pbx-1 run by one of its two servers and stood by by the other, pbx-2 run, the ACD led. */
  const settled = async (): Promise<true | undefined> => {
    const [w1, w2, sb, web1, web2] = await Promise.all((['worker-1', 'worker-2', 'standby', 'web-1', 'web-2'] as const).map(pbxOf));
    const pbx1 = [w1, sb].sort().join(',') === 'running,standby';
    const leader = await holder('acd-leader');
    return pbx1 && w2 === 'running' && web1 === 'none' && web2 === 'none' && leader !== null ? true : undefined;
  };

  const calls: PlacedCall[] = [];
  let callNumber = 0;
  /** A caller who stays HOLD_SECONDS after an agent answers; the agent's wrap-up is ended by "ticket filed", as an agent would. */
  const place = (pbx: 0 | 1): { call: PlacedCall; answered: Promise<boolean>; done: Promise<void> } => {
    callNumber += 1;
    const call: PlacedCall = { from: `13977${String(callNumber).padStart(6, '0')}`, pbx: pbx === 0 ? 'pbx-1' : 'pbx-2', callId: '', agent: null, answeredBeforeKill: false };
    calls.push(call);
    let answeredNow: (value: boolean) => void = () => undefined;
    const answered = new Promise<boolean>((resolve) => {
      answeredNow = resolve;
    });
    const onEvent = (event: CallerEvent): void => {
      if (event.event === 'dialing') call.callId = event.callId;
      if (event.event !== 'answered') return;
      call.agent = event.agent;
      answeredNow(true);
    };
    const caller = callers[pbx];
    if (!caller) throw new Error(`no caller on pbx-${pbx + 1}`);
    const done = caller.caller
      .call({ from: call.from, to: '12345', holdSeconds: HOLD_SECONDS, answerTimeoutMs: 60_000 }, onEvent)
      .then(async () => {
        answeredNow(false);
        if (call.agent !== null) await agentRequest('ticket-filed', call.agent, { callId: call.callId });
      })
      .catch((error: unknown) => void clusterLog.push(`call ${call.from}: ${error instanceof Error ? error.message : String(error)}`));
    return { call, answered, done };
  };

  /** Kill → each lease the victim held taken by another server (pbx-2's has no one to take it). */
  const leaseMoves = (victim: NodeName, held: readonly Lease[], killedAt: number): Promise<[string, number][]> =>
    Promise.all(
      held
        .filter((lease) => TAKERS[lease].some((name) => name !== victim))
        .map(async (lease): Promise<[string, number]> => {
          const { at } = await waitUntil(`${lease} taken over from ${victim}`, async () => {
            const now = await holder(lease);
            return now !== null && now !== victim ? true : undefined;
          });
          return [`kill → ${lease} lease held by another server`, at - killedAt];
        }),
    );

  const pbx1Running = async (other: NodeName, killedAt: number): Promise<[string, number]> => {
    const { at } = await waitUntil(`${other} running pbx-1`, async () => ((await pbxOf(other)) === 'running' ? true : undefined));
    return ['kill → pbx-1 running on the other server (/health)', at - killedAt];
  };

  const acdAnswers = async (killedAt: number): Promise<[string, number]> => {
    let answeredAt: number | null = null;
    const asked: Promise<void>[] = [];
    const deadline = killedAt + STEP_LIMIT_MS;
    while (answeredAt === null && performance.now() < deadline) {
      asked.push(
        agentRequest('pause', PROBE_AGENT, { reason: 'break' }).then((reply) => {
          if (acdAnswered(reply)) answeredAt ??= performance.now();
        }),
      );
      await sleep(200);
    }
    await Promise.all(asked);
    if (answeredAt === null) throw new StuckError(`the ACD did not answer a pause within ${STEP_LIMIT_MS / 1000} s`);
    return ['kill → the ACD answers an agent request (web-1 API)', answeredAt - killedAt];
  };

  const desktopToken = (await waitUntil(`agent ${DESKTOP_AGENT} signed in`, async () => (await signIn(web, DESKTOP_AGENT, DEMO_PASSWORD)) ?? undefined)).value;
  /** The agent's desktop connected to one web node (no reconnection of its own: the next connection is made to the other node, as a balancer would route it). */
  const desktopOn = (name: NodeName): Promise<Socket> =>
    new Promise((resolve, reject) => {
      const socket = io(url(name), { auth: { token: desktopToken }, transports: ['websocket'], reconnection: false, timeout: 5_000 });
      socket.once('connect', () => resolve(socket));
      socket.once('connect_error', (error) => {
        socket.close();
        reject(error);
      });
    });
  const synced = (socket: Socket): Promise<SyncState> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new StuckError('state:sync not answered within 5 s')), 5_000);
      socket.emit('state:sync', (state: SyncState) => {
        clearTimeout(timer);
        resolve(state);
      });
    });

  /** Web round: the web node carrying the desktop is killed; the desktop comes back through the other one. */
  const webRound = async (victim: NodeName, signal: 'SIGKILL' | 'SIGSTOP'): Promise<[string, number][]> => {
    const other: NodeName = victim === 'web-1' ? 'web-2' : 'web-1';
    const socket = await desktopOn(victim);
    await synced(socket);
    const closed = new Promise<number>((resolve) => socket.once('disconnect', () => resolve(performance.now())));
    const at = performance.now();
    running.kill(victim, signal);
    const closedAt = await Promise.race([closed, sleep(STEP_LIMIT_MS + 30_000).then(() => Promise.reject(new StuckError(`the desktop did not see ${victim} go`)))]);
    // A frozen node is killed only now: the restart below needs it gone.
    if (signal === 'SIGSTOP') running.kill(victim, 'SIGKILL');
    const { value: next } = await waitUntil(`the desktop connected to ${other}`, () => desktopOn(other).catch(() => undefined));
    await synced(next);
    const backAt = performance.now();
    next.close();
    return [
      ['kill → the desktop sees its socket closed', closedAt - at],
      ['kill → the desktop connected to the other web node with its state (state:sync)', backAt - at],
    ];
  };

  const results: RoundResult[] = [];
  const round = async (kind: Kind, n: number): Promise<void> => {
    const roundStart = performance.now();
    await waitUntil('the cluster settled before the round', settled, 120_000);
    const found = kind === 'web' || kind === 'web-frozen' ? (n % 2 === 1 ? 'web-1' : 'web-2') : ((await holder(kind === 'pbx' ? 'pbx:pbx-1' : 'acd-leader')) as NodeName | null);
    if (found === null) throw new StuckError(`no holder of ${kind === 'pbx' ? 'pbx:pbx-1' : 'acd-leader'} in a settled cluster`);
    const victim: NodeName = found;
    // The probe agent available, so its first pause after a kill of the ACD's leader is granted (and no agent stays paused for the calls).
    await waitUntil(`${PROBE_AGENT} resumed`, async () => (acdAnswered(await agentRequest('resume', PROBE_AGENT)) ? true : undefined));
    const held = (await Promise.all(LEASES.map(async (lease) => ((await holder(lease)) === victim ? lease : null)))).filter((lease): lease is Lease => lease !== null);
    let placed: ReturnType<typeof place>[] = [];
    if (kind === 'pbx') {
      placed = [place(0), place(1)];
      // The kill should find pbx-1's call in conversation: the case whose ticket the taker must write.
      const inTime = await Promise.race([placed[0]?.answered ?? Promise.resolve(false), sleep(60_000).then(() => false)]);
      if (placed[0]) placed[0].call.answeredBeforeKill = inTime;
    }
    const other = held.includes('pbx:pbx-1') ? (TAKERS['pbx:pbx-1'].find((name) => name !== victim) ?? null) : null;
    const killAndTime = async (): Promise<[string, number][][]> => {
      const killedAt = performance.now();
      running.kill(victim, 'SIGKILL');
      return Promise.all([
        leaseMoves(victim, held, killedAt),
        other ? pbx1Running(other, killedAt).then((figure) => [figure]) : Promise.resolve([]),
        held.includes('acd-leader') ? acdAnswers(killedAt).then((figure) => [figure]) : Promise.resolve([]),
      ]);
    };
    const killedAt = performance.now();
    const figures = kind === 'web' || kind === 'web-frozen' ? [await webRound(victim, kind === 'web' ? 'SIGKILL' : 'SIGSTOP')] : await killAndTime();
    await Promise.all(placed.map((p) => p.done));
    const restartAt = performance.now();
    await running.restart(victim);
    // Back with a role: pbx-1's standby, or pbx-2's worker again (nobody ran it meanwhile), or the ACD's follower.
    const role = kind === 'web' || kind === 'web-frozen' ? 'none' : held.includes('pbx:pbx-2') ? 'running' : 'standby';
    await waitUntil(`${victim} back with a role`, async () => ((await pbxOf(victim)) === role ? true : undefined), 60_000);
    const ms: Record<string, number> = Object.fromEntries(figures.flat());
    ms['restart → the killed server answers /health with its role'] = performance.now() - restartAt;
    if (held.includes('pbx:pbx-2')) ms['kill → pbx-2 running again (no standby: after the restart)'] = performance.now() - killedAt;
    results.push({ kind, round: n, victim, held, ms });
    const shown = Object.entries(ms).map(([name, value]) => `${name.replace(/^kill → /, '')} ${Math.round(value)}`).join('; ');
    console.log(`${kind} round ${n}: killed ${victim} (held ${held.join(', ') || 'nothing'}), ${((performance.now() - roundStart) / 1000).toFixed(1)} s: ${shown}`);
  };

  for (const kind of KINDS) for (let n = 1; n <= ROUNDS; n += 1) await round(kind, n);

  // Tickets: each call's ticket is written at its hang-up, by whichever server ran its PBX then.
  const db = new pg.Client({ connectionString: running.postgresUrl });
  await db.connect();
  const numbers = calls.map((call) => call.from);
  const count = async (): Promise<Map<string, string[]>> => {
    const rows = (await db.query<{ caller_number: string; call_id: string }>('SELECT caller_number, call_id FROM tickets WHERE caller_number = ANY($1)', [numbers])).rows;
    const byCaller = new Map<string, string[]>();
    for (const row of rows) byCaller.set(row.caller_number, [...(byCaller.get(row.caller_number) ?? []), row.call_id]);
    return byCaller;
  };
  const found = await waitUntil('every call with a ticket', async () => {
    const byCaller = await count();
    return byCaller.size === calls.length ? byCaller : undefined;
  }, 60_000).then(({ value }) => value, () => count());
  const lost = calls.filter((call) => !found.has(call.from));
  // What the servers recorded of a call without a ticket: whether it was seen ending at all.
  const lostRows = (await db.query<{ id: string; state: string; pbx: string | null; ended_by: string | null }>('SELECT id, state, pbx, ended_by FROM calls WHERE caller_number = ANY($1)', [lost.map((call) => call.from)])).rows;
  // How the calls in conversation at a PBX kill went on: taken on by the new holder, or sent to the fallback.
  const inConversation = calls.filter((call) => call.pbx === 'pbx-1' && call.answeredBeforeKill).map((call) => call.from);
  const pathOutcome = async (outcome: string): Promise<number> => {
    const { rows } = await db.query<{ n: string }>('SELECT count(*) AS n FROM tickets WHERE caller_number = ANY($1) AND ivr_path::text LIKE $2', [inConversation, `%"${outcome}"%`]);
    return Number(rows[0]?.n ?? 0);
  };
  const conversations = { kept: await pathOutcome('restart-conversation-kept'), sentToFallback: await pathOutcome('restart-human-fallback') };
  await db.end();
  redis.destroy();
  const duplicated = calls.filter((call) => (found.get(call.from)?.length ?? 0) > 1);
  const otherIds = calls.filter((call) => (found.get(call.from) ?? []).some((id) => id !== call.callId));
  const tickets = {
    callsPlaced: calls.length,
    pbx1CallsInConversationAtKill: inConversation.length,
    /** Of those: the conversation went on with the new holder, or the caller was sent to the fallback. */
    conversations,
    ticketsFound: [...found.values()].reduce((sum, ids) => sum + ids.length, 0),
    callsWithoutTicket: lost.map((call) => call.from),
    callersWithMoreThanOneTicket: duplicated.map((call) => call.from),
    ticketsUnderAnotherCallId: otherIds.map((call) => call.from),
    lostCallsAsRecorded: lostRows,
  };
  // Kept for a look at the servers' logs when a ticket is missing or doubled.
  keepDir = lost.length > 0 || duplicated.length > 0;
  if (keepDir) console.log(`servers' logs kept in ${running.logDir}`);

  // The figures, by the kind of round they were measured in.
  const rows = new Map<string, number[]>();
  for (const result of results) for (const [name, value] of Object.entries(result.ms)) rows.set(`${result.kind} rounds: ${name}`, [...(rows.get(`${result.kind} rounds: ${name}`) ?? []), value]);
  const summary = Object.fromEntries(
    [...rows].map(([name, samples]) => {
      const sorted = [...samples].sort((a, b) => a - b);
      return [name, { count: sorted.length, p50: Math.round(percentile(sorted, 50)), p90: Math.round(percentile(sorted, 90)), max: Math.round(sorted.at(-1) ?? Number.NaN) }];
    }),
  );
  const victims = (kind: Kind): Record<string, number> => {
    const tally: Record<string, number> = {};
    for (const result of results.filter((r) => r.kind === kind)) tally[`${result.victim} (${result.held.join(' + ')})`] = (tally[`${result.victim} (${result.held.join(' + ')})`] ?? 0) + 1;
    return tally;
  };
  console.log(`\n${ROUNDS} rounds of each kind; ms from the SIGKILL (polled every ${POLL_MS} ms)\n`);
  console.log('| figure | count | p50 | p90 | max |\n|---|---|---|---|---|');
  for (const [name, s] of Object.entries(summary)) console.log(`| ${name} | ${s.count} | ${s.p50} | ${s.p90} | ${s.max} |`);
  console.log(`\nkilled in PBX rounds: ${JSON.stringify(victims('pbx'))}\nkilled in ACD rounds: ${JSON.stringify(victims('acd'))}\nkilled in web rounds: ${JSON.stringify(victims('web'))}\nfrozen in web rounds: ${JSON.stringify(victims('web-frozen'))}`);
  console.log(`\ntickets: ${JSON.stringify(tickets)}`);
  fs.mkdirSync(path.join(repoDir, 'bench/results'), { recursive: true });
  fs.writeFileSync(
    path.join(repoDir, 'bench/results/cluster-failover.json'),
    `${JSON.stringify({ at: new Date().toISOString(), rounds: ROUNDS, asterisk, cpus: os.cpus().length, summary, victims: { pbx: victims('pbx'), acd: victims('acd'), web: victims('web'), webFrozen: victims('web-frozen') }, tickets, results }, null, 2)}\n`,
  );
} catch (error) {
  // Kept for a look: the servers' logs say why a takeover did not come.
  keepDir = true;
  console.error(error instanceof StuckError ? `stuck: ${error.message}` : error);
  console.error(`cluster log:\n${clusterLog.slice(-30).join('\n')}\nservers' logs kept in ${path.join(dir, 'cluster', 'logs')}`);
  process.exitCode = 1;
} finally {
  for (const caller of callers) await caller.stop();
  await cluster?.stop().catch((error: unknown) => console.error(error));
  if (!keepDir) fs.rmSync(dir, { recursive: true, force: true });
}
