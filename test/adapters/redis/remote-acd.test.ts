// The ACD as servers that do not lead see it, on a real Redis: an agent's request made on one server
// is answered by the leader (yes, or the ACD's own refusal code), the call worker's events reach the
// leader in order and its offers come back to the worker's sink, every server sees agents' changes
// at once and the queue figures within a second; with no leader a request is answered
// ACD_UNAVAILABLE in time and nothing is shown rather than stale figures; a Redis that stops
// answering for a while loses none of a worker's events.
import { describe, expect, it } from 'vitest';
import { RemoteAcd, type RemoteAcdSettings } from '../../../src/app/cluster/remote-acd.js';
import type { AgentStateChange } from '../../../src/app/ports/acd.js';
import type { RedisConnection } from '../../../src/adapters/redis/open-redis.js';
import { RedisAcdViews } from '../../../src/adapters/redis/redis-acd-views.js';
import type { AcdCommand, AcdEvent } from '../../../src/domain/acd/acd-protocol.js';
import { ACD_EVENTS_STREAM, type AcdEventMessage } from '../../../src/domain/cluster/acd-messages.js';
import { AcdCluster, acdAgents, acdConfig, clusterLogger, sleep, redisPerFile } from '../../helpers/acd-cluster.js';
import type { RedisServer } from '../../helpers/redis-server.js';
import { waitUntil } from '../../helpers/wait.js';

let server: RedisServer;
let admin: RedisConnection;
let cluster: AcdCluster;

interface Node {
  readonly acd: RemoteAcd;
  readonly done: AcdCommand[];
  readonly changes: AgentStateChange[];
}

/** A server that does not lead: a call worker when it holds a PBX, a web node when not. */
async function node(name: string, pbx: string | null, settings: Partial<RemoteAcdSettings> = {}): Promise<Node> {
  const main = await cluster.connection();
  const acd = new RemoteAcd({
    streams: await cluster.streams(), readers: { commands: await cluster.streams(), replies: await cluster.streams(), agents: await cluster.streams() }, views: new RedisAcdViews(main, server.url),
    node: name, pbx, agents: new Map(acdAgents.map((a) => [a.id, a])), queueIds: new Set(acdConfig.queues.map((q) => q.id)),
    timers: cluster.timers, now: () => Date.now(), sleep, logger: clusterLogger,
    settings: { viewsEveryMs: 200, answerTimeoutMs: 1_500, consumer: { reclaimIdleMs: 300 }, ...settings },
  });
  const done: AcdCommand[] = [];
  const changes: AgentStateChange[] = [];
  acd.attach((command) => void done.push(command));
  acd.onAgentState((change) => void changes.push(change));
  cluster.keep({ stop: () => acd.close() });
  acd.start();
  acd.runPbx();
  return { acd, done, changes };
}

type Without<E> = E extends unknown ? Omit<E, 'at'> : never;
const tell = (acd: RemoteAcd, event: Without<AcdEvent>): void => acd.tell({ ...event, at: Date.now() } as AcdEvent);
const offers = (done: readonly AcdCommand[]): string[] => done.flatMap((c) => (c.type === 'OfferCall' ? [`${c.callId}->${c.agentId}`] : []));

redisPerFile((made) => ({ server, admin, cluster } = made));

describe('the ACD seen from servers that do not lead', () => {
  it('answers an agent\'s requests from any server, carries a call to the worker of its PBX, and shows every server the change', async () => {
    const { leader } = await cluster.leader('leader-1');
    const worker = await node('worker-a', 'pbx-a');
    const web = await node('web-1', null);
    await waitUntil(() => leader.epoch !== null, 3_000);

    expect(await web.acd.login('8001')).toBeNull();
    expect(await worker.acd.login('8001')).toBe('ACD_WRONG_AGENT_STATE');
    expect(await web.acd.pause('8002', 'meal')).toBe('ACD_WRONG_AGENT_STATE');
    // The broadcast reaches both servers, the one that asked and the other.
    await waitUntil(() => worker.acd.agentState('8001')?.state === 'available' && web.acd.agentState('8001')?.state === 'available', 3_000);
    expect(web.changes.map((c) => `${c.agentId}:${c.state}`)).toEqual(['8001:available']);

    tell(worker.acd, { type: 'CallQueued', callId: 'c1', queueId: 'general' });
    await waitUntil(() => offers(worker.done).length === 1, 3_000);
    expect(offers(worker.done)).toEqual(['c1->8001']);
    expect(web.done).toEqual([]);
    tell(worker.acd, { type: 'AgentAnswered', callId: 'c1', agentId: '8001' });
    tell(worker.acd, { type: 'CallEnded', callId: 'c1' });
    await waitUntil(() => web.acd.agentState('8001')?.state === 'wrap_up', 3_000);
    expect(await web.acd.ticketFiled('8001', 'c1')).toBeNull();
    await waitUntil(() => worker.acd.agentState('8001')?.state === 'available', 3_000);
    expect(web.changes.map((c) => c.state)).toEqual(['available', 'offered', 'on_call', 'wrap_up', 'available']);

    // The figures come from the leader's published views.
    await waitUntil(() => web.acd.queueStats().find((q) => q.queueId === 'general')?.counters.answered === 1, 3_000);
    expect(web.acd.hasQueue('general')).toBe(true);
    expect(web.acd.hasQueue('nowhere')).toBe(false);
    expect(web.acd.agentState('8002')?.state).toBe('logged_out');
  });

  it('with no leader answers ACD_UNAVAILABLE in time and shows nothing; a leader coming later applies what was logged', async () => {
    const { leader } = await cluster.leader('leader-1');
    const web = await node('web-1', null, { answerTimeoutMs: 600 });
    await waitUntil(() => leader.epoch !== null, 3_000);
    expect(await web.acd.login('8003')).toBeNull();
    await waitUntil(() => web.acd.queueStats().length === 3, 3_000);

    await leader.stop();
    expect(await web.acd.login('8002')).toBe('ACD_UNAVAILABLE');
    // The published views lapse: nothing rather than stale figures.
    await waitUntil(() => web.acd.queueStats().length === 0 && web.acd.agentState('8003') === undefined, 3_000);

    // The request did reach the log: the next leader applies it, and every server hears of it.
    const next = (await cluster.leader('leader-2')).leader;
    await waitUntil(() => next.epoch !== null && web.acd.agentState('8002')?.state === 'available', 5_000);
    expect(web.changes.map((c) => `${c.agentId}:${c.state}`)).toEqual(['8003:available', '8002:available']);
  });

  it('loses none of a worker\'s events while Redis stops answering, and they reach the leader in their order', async () => {
    const { leader } = await cluster.leader('leader-1');
    const worker = await node('worker-a', 'pbx-a');
    await waitUntil(() => leader.epoch !== null, 3_000);
    expect(await worker.acd.login('8001')).toBeNull();

    server.pause();
    tell(worker.acd, { type: 'CallQueued', callId: 'c1', queueId: 'general' });
    tell(worker.acd, { type: 'CallQueued', callId: 'c2', queueId: 'general' });
    tell(worker.acd, { type: 'CallAbandoned', callId: 'c1' });
    await sleep(1_000);
    server.resume();

    // Applied in their order: c1 offered, then withdrawn when its caller left, then c2 offered.
    await waitUntil(() => offers(worker.done).length >= 2, 8_000);
    expect(offers(worker.done)).toEqual(['c1->8001', 'c2->8001']);
    expect(worker.done.filter((c) => c.type === 'CancelOffer').map((c) => 'callId' in c && c.callId)).toEqual(['c1']);
    // Appends that timed out while Redis was frozen were made again, and Redis had taken both: the log
    // may hold copies, each with its sender's stamp, and the leader applied each event once.
    const logged = ((await admin.xRange(ACD_EVENTS_STREAM, '-', '+')) ?? []).map((entry) => JSON.parse(entry.message.body ?? '{}') as AcdEventMessage);
    const stamped = new Map(logged.map((m) => [`${m.sent?.run}#${m.sent?.seq}`, m.event]));
    const calls = [...stamped.values()].flatMap((event) => (event.type === 'CallQueued' || event.type === 'CallAbandoned' ? [`${event.type}:${event.callId}`] : []));
    expect(calls).toEqual(['CallQueued:c1', 'CallQueued:c2', 'CallAbandoned:c1']);
    await sleep(300);
    expect(offers(worker.done)).toEqual(['c1->8001', 'c2->8001']);
    expect(leader.engine?.queueStats(Date.now()).find((q) => q.queueId === 'general')?.counters.offered).toBe(2);
  });
});
