// The ACD leader and two call workers on a real Redis: offers go to the PBX the call is on, stamped
// with the leader's epoch; the leader's timers come back through the event log; a leader whose link
// is cut mid-way is replaced by a follower that restores the checkpoint and replays the log after it,
// with the same callers in the same order and agents in the same states; a deposed leader's late
// command and a malformed message change nothing.
import { describe, expect, it } from 'vitest';
import { AcdLink } from '../../../src/app/cluster/acd-link.js';
import type { RedisConnection } from '../../../src/adapters/redis/open-redis.js';
import { RedisAcdViews } from '../../../src/adapters/redis/redis-acd-views.js';
import { RedisStreams } from '../../../src/adapters/redis/redis-streams.js';
import { AcdEngine } from '../../../src/domain/acd/acd-engine.js';
import type { AcdCommand, AcdEvent } from '../../../src/domain/acd/acd-protocol.js';
import type { MessageStreams } from '../../../src/app/ports/message-streams.js';
import type { AcdConfig } from '../../../src/domain/acd/acd-config.js';
import { ACD_AGENTS_STREAM, ACD_EVENTS_STREAM, acdCommandStream } from '../../../src/domain/cluster/acd-messages.js';
import { AcdCluster, acdAgents, acdConfig, clusterLogger, sleep, redisPerFile } from '../../helpers/acd-cluster.js';
import type { RedisServer } from '../../helpers/redis-server.js';
import { waitFor, waitForAsync, waitUntil } from '../../helpers/wait.js';

let server: RedisServer;
let admin: RedisConnection;
let cluster: AcdCluster;
const agents = acdAgents;
const logger = clusterLogger;
const connection = (): Promise<RedisConnection> => cluster.connection();
const leader = (owner: string, wrap?: (streams: MessageStreams) => MessageStreams, config?: AcdConfig) => cluster.leader(owner, wrap, config);

/** A call worker holding one PBX: what it was told to do, in order. */
async function worker(pbx: string): Promise<{ link: AcdLink; done: AcdCommand[]; tell: (event: Without<AcdEvent>) => Promise<void> }> {
  const done: AcdCommand[] = [];
  const link = new AcdLink({
    streams: new RedisStreams(await connection(), await connection(), server.url),
    pbx, worker: `worker-${pbx}`, logger, sleep, carryOut: (command) => void done.push(command),
    consumer: { blockMs: 100, reclaimIdleMs: 300 },
  });
  cluster.keep(link);
  link.start();
  return { link, done, tell: (event) => link.tell({ ...event, at: Date.now() } as AcdEvent) };
}

/** The ACD's decisions from the whole event log applied to a fresh engine: what any leader must decide. */
async function foldTheLog(): Promise<AcdCommand[]> {
  const engine = new AcdEngine(acdConfig, agents);
  return (await bodies<{ event: AcdEvent }>(ACD_EVENTS_STREAM)).flatMap((m) => [...engine.handle(m.event)]);
}

/** Every message of a stream, parsed. */
async function bodies<T>(stream: string): Promise<T[]> {
  const entries = (await admin.xRange(stream, '-', '+')) ?? [];
  return entries.map((entry) => JSON.parse(entry.message.body ?? '{}') as T);
}

type Without<E> = E extends unknown ? Omit<E, 'at'> : never;

const offers = (done: readonly AcdCommand[]): string[] => done.flatMap((c) => (c.type === 'OfferCall' ? [`${c.callId}->${c.agentId}`] : []));

redisPerFile((made) => ({ server, admin, cluster } = made));

describe('the ACD leader over Redis streams', () => {
  it('offers a call to an agent on the stream of the PBX the call is on, with its epoch; agents\' states go to every node', async () => {
    const { leader: l1 } = await leader('server-1');
    const a = await worker('pbx-a');
    const b = await worker('pbx-b');
    await waitUntil(() => l1.epoch !== null, 3_000);
    await a.tell({ type: 'AgentLoggedIn', agentId: '8001' });
    await b.tell({ type: 'CallQueued', callId: 'c1', queueId: 'general' });
    await waitUntil(() => offers(b.done).length === 1, 3_000);
    expect(offers(b.done)).toEqual(['c1->8001']);
    expect(b.done.map((c) => c.type)).not.toContain('StartTimer');
    expect(offers(a.done)).toEqual([]);
    await b.tell({ type: 'AgentAnswered', callId: 'c1', agentId: '8001' });
    await waitUntil(() => l1.engine?.agent('8001')?.state === 'on_call', 3_000);
    const states = await bodies<{ epoch: number; command: { state: string } }>(ACD_AGENTS_STREAM);
    expect(states.map((s) => s.command.state)).toEqual(['available', 'offered', 'on_call']);
    expect(new Set(states.map((s) => s.epoch))).toEqual(new Set([l1.epoch]));
    // Servers that do not lead read the leader's published figures and views.
    const views = new RedisAcdViews(admin, server.url);
    const published = await waitForAsync(async () => {
      const read = await views.read();
      return read?.agents.some((view) => view.agentId === '8001' && view.state === 'on_call') ? read : undefined;
    }, 3_000);
    expect(published.epoch).toBe(l1.epoch);
    expect(published.agents.map((view) => view.agentId)).toEqual(['8001', '8002', '8003']);
    expect(published.queues.find((q) => q.queueId === 'general')).toMatchObject({ waiting: 0, counters: { answered: 1 } });
  });

  it('runs the ring timer through the event log: an unanswered offer pauses the agent and the call goes to the next one', async () => {
    const { leader: l1 } = await leader('server-1');
    const a = await worker('pbx-a');
    await waitUntil(() => l1.epoch !== null, 3_000);
    await a.tell({ type: 'AgentLoggedIn', agentId: '8001' });
    await a.tell({ type: 'CallQueued', callId: 'c1', queueId: 'general' });
    await waitUntil(() => offers(a.done).length === 1, 3_000);
    await a.tell({ type: 'AgentLoggedIn', agentId: '8002' });
    await a.tell({ type: 'OfferRinging', callId: 'c1', agentId: '8001' });
    // 1 s of ringing, then the timer's expiry is logged and applied like any event.
    await waitUntil(() => offers(a.done).length === 2, 4_000);
    expect(offers(a.done)).toEqual(['c1->8001', 'c1->8002']);
    expect(a.done).toContainEqual({ type: 'CancelOffer', callId: 'c1', agentId: '8001', reason: 'no_answer' });
    expect(l1.engine?.agent('8001')).toMatchObject({ state: 'paused', reason: 'no_answer' });
    const logged = await bodies<{ pbx: string; event: { type: string } }>(ACD_EVENTS_STREAM);
    expect(logged.filter((m) => m.event.type === 'TimerFired').map((m) => m.pbx)).toContain('leader');
  });

  it('a leader cut off mid-way: the follower restores the checkpoint, replays the rest, and goes on with the same order and states', async () => {
    const first = await leader('server-1');
    const l1 = first.leader;
    const a = await worker('pbx-a');
    const b = await worker('pbx-b');
    await waitUntil(() => l1.epoch !== null, 3_000);
    const l2 = (await leader('server-2')).leader;
    await a.tell({ type: 'AgentLoggedIn', agentId: '8001' });
    await a.tell({ type: 'CallQueued', callId: 'c1', queueId: 'general' });
    await waitUntil(() => offers(a.done).includes('c1->8001'), 3_000);
    await a.tell({ type: 'AgentAnswered', callId: 'c1', agentId: '8001' });
    await a.tell({ type: 'AgentLoggedIn', agentId: '8002' });
    await b.tell({ type: 'CallQueued', callId: 'c2', queueId: 'general' });
    await waitUntil(() => offers(b.done).includes('c2->8002'), 3_000);
    await b.tell({ type: 'AgentAnswered', callId: 'c2', agentId: '8002' });
    for (const [callId, queueId] of [['c3', 'general'], ['c4', 'enterprise'], ['c5', 'general']] as const) await b.tell({ type: 'CallQueued', callId, queueId });
    // A checkpoint with these, then more events that only the log has.
    await sleep(400);
    await b.tell({ type: 'CallQueued', callId: 'c6', queueId: 'elderly' });
    await b.tell({ type: 'CallQueued', callId: 'c7', queueId: 'general' });
    await a.tell({ type: 'AgentLoggedIn', agentId: '8003' });
    await waitUntil(() => l1.engine?.agent('8003')?.state === 'offered' && l1.engine.call('c7') !== undefined, 3_000);
    const ids = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7'];
    const before = { agents: agents.map((p) => l1.engine?.agent(p.id)), calls: ids.map((id) => l1.engine?.call(id)) };
    expect(before.calls.filter((c) => c?.status === 'waiting')).toHaveLength(4);

    for (const link of first.links) link.destroy();
    await waitUntil(() => l2.epoch === 2, 6_000);
    await waitUntil(() => l2.engine?.call('c7') !== undefined, 3_000);
    expect({ agents: agents.map((p) => l2.engine?.agent(p.id)), calls: ids.map((id) => l2.engine?.call(id)) }).toEqual(before);
    await waitForAsync(async () => ((await new RedisAcdViews(admin, server.url).read())?.epoch === 2 ? true : undefined), 3_000);

    // The call ends: the agent is offered the caller the whole log says is first, by the new leader.
    await a.tell({ type: 'CallEnded', callId: 'c1' });
    await a.tell({ type: 'TicketFiled', agentId: '8001', callId: 'c1' });
    const toFirst = (c: AcdCommand): boolean => c.type === 'OfferCall' && c.agentId === '8001' && c.callId !== 'c1';
    const offer = await waitFor(() => b.done.find(toFirst), 3_000);
    expect(offer).toEqual((await foldTheLog()).filter(toFirst).at(-1));
    expect(b.link.epoch).toBe(2);

    // The deposed leader's late word and a message that is not a command change nothing.
    const carried = b.done.length;
    await admin.xAdd(acdCommandStream('pbx-b'), '*', { body: JSON.stringify({ epoch: 1, command: { type: 'OfferCall', callId: 'c4', agentId: '8003', queueId: 'general', ringTimeoutSeconds: 20 } }) });
    await admin.xAdd(acdCommandStream('pbx-b'), '*', { body: '{"epoch":2,"command":{"type":"OfferCall"}}' });
    await waitForAsync(async () => ((await admin.xLen(`${acdCommandStream('pbx-b')}:dead`)) === 1 ? true : undefined), 3_000);
    expect(b.done.length).toBe(carried);
  });

  it('a leader frozen while sending an event\'s commands: the follower applies that event again and sends them', async () => {
    // A process stopped mid-write cannot be made on demand by Redis: the first leader's appends to
    // the PBXs' streams hang once the test says so (its reads and acknowledgements still work).
    let freeze = false;
    let thaw: (error: Error) => void = () => undefined;
    const thawed = new Promise<never>((_resolve, reject) => (thaw = reject));
    thawed.catch(() => undefined);
    const frozen = (streams: MessageStreams): MessageStreams => ({
      append: (stream, body, max) => (freeze && stream.startsWith('acd:commands:') ? thawed : streams.append(stream, body, max)),
      ensureGroup: (...args) => streams.ensureGroup(...args),
      read: (...args) => streams.read(...args),
      reclaim: (...args) => streams.reclaim(...args),
      acknowledge: (...args) => streams.acknowledge(...args),
      range: (...args) => streams.range(...args),
      progress: (...args) => streams.progress(...args),
    });
    const first = await leader('server-1', frozen);
    const a = await worker('pbx-a');
    await waitUntil(() => first.leader.epoch !== null, 3_000);
    const l2 = (await leader('server-2')).leader;
    await a.tell({ type: 'AgentLoggedIn', agentId: '8001' });
    await sleep(300);
    freeze = true;
    await a.tell({ type: 'CallQueued', callId: 'c1', queueId: 'general' });
    await waitUntil(() => first.leader.engine?.call('c1')?.status === 'offered', 3_000);
    expect(offers(a.done)).toEqual([]);
    // The frozen leader's lease lapses; the follower finds the event handed out but not acknowledged.
    first.links[2]?.destroy();
    await waitUntil(() => l2.epoch === 2, 6_000);
    await waitUntil(() => offers(a.done).length === 1, 3_000);
    expect(offers(a.done)).toEqual(['c1->8001']);
    expect(a.link.epoch).toBe(2);
    thaw(new Error('thawed'));
    await sleep(200);
    expect(offers(a.done)).toEqual(['c1->8001']);
  });

  it('a checkpoint that cannot be restored: the leader replays the whole log instead, and leads', async () => {
    const a = await worker('pbx-a');
    await a.tell({ type: 'AgentLoggedIn', agentId: '8001' });
    await a.tell({ type: 'CallQueued', callId: 'c1', queueId: 'general' });
    await admin.hSet('acd:checkpoint', { epoch: '1', lastId: '0-0', state: '{"engine":{"version":99}}' });
    const { leader: l1 } = await leader('server-1');
    await waitUntil(() => offers(a.done).length === 1, 3_000);
    expect(offers(a.done)).toEqual(['c1->8001']);
    expect(l1.epoch).toBe(1);
    // Its own checkpoint replaces the damaged one.
    await waitForAsync(async () => ((await admin.hGet('acd:checkpoint', 'state'))?.includes('"version":1') ? true : undefined), 3_000);
  });

  it('a follower whose configuration no longer has a waiting call\'s queue tells its worker to send that caller to the fallback', async () => {
    const { leader: l1 } = await leader('server-1');
    const a = await worker('pbx-a');
    await waitUntil(() => l1.epoch !== null, 3_000);
    // An agent of the enterprise desk, so its caller stays there (an unstaffed desk overflows at once).
    await a.tell({ type: 'AgentLoggedIn', agentId: '8003' });
    await a.tell({ type: 'CallQueued', callId: 'c1', queueId: 'enterprise' });
    await a.tell({ type: 'CallQueued', callId: 'c2', queueId: 'general' });
    // In the checkpoint, then the leader goes.
    await waitForAsync(async () => ((await admin.hGet('acd:checkpoint', 'state'))?.includes('"c2"') ? true : undefined), 3_000);
    await l1.stop();
    const withoutEnterprise = { ...acdConfig, queues: acdConfig.queues.filter((q) => q.id !== 'enterprise').map((q) => ({ ...q, overflow: null })) };
    const { leader: l2 } = await leader('server-2', undefined, withoutEnterprise);
    await waitUntil(() => a.done.some((c) => c.type === 'RejectCall'), 5_000);
    expect(a.done.filter((c) => c.type === 'RejectCall')).toEqual([{ type: 'RejectCall', callId: 'c1', queueId: 'enterprise', reason: 'queue_removed' }]);
    // The other caller keeps its place under the new leader.
    expect(l2.engine?.call('c2')?.queueId).toBe('general');
  });

  it('moves a malformed event aside and applies the next one', async () => {
    const { leader: l1 } = await leader('server-1');
    const a = await worker('pbx-a');
    await waitUntil(() => l1.epoch !== null, 3_000);
    await admin.xAdd(ACD_EVENTS_STREAM, '*', { body: '{"pbx":"pbx-a","event":{"type":"AgentLoggedIn","agentId":8001,"at":1}}' });
    await a.tell({ type: 'AgentLoggedIn', agentId: '8002' });
    await waitUntil(() => l1.engine?.agent('8002')?.state === 'available', 3_000);
    expect(l1.engine?.agent('8001')?.state).toBe('logged_out');
    const dead = await bodies<{ code: string }>(`${ACD_EVENTS_STREAM}:dead`);
    expect(dead.map((m) => m.code)).toEqual(['ACD_MESSAGE_INVALID']);
  });
});
