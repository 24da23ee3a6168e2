// Live calls relayed across a cluster, on a real Redis: a server that does not run the PBX asks the
// one that does (the list, an action with its refusal code) and gets its answers; with nobody
// serving, or a request read after its asker stopped waiting, the answer is CALLS_UNAVAILABLE and
// nothing is carried out; a malformed request is moved aside and the next one answered. With several
// PBXs, an action reaches the one running the call and the list joins every PBX that answers; so do
// a supervisor's requests (监听 and the rest), to the monitoring service of the server running the call.
import { describe, expect, it } from 'vitest';
import type { ActiveCallView } from '../../../src/app/calls/active-call-view.js';
import { CallRequestServer } from '../../../src/app/cluster/call-request-server.js';
import { CallRelay } from '../../../src/app/cluster/call-relay.js';
import { ClusterCallControl } from '../../../src/app/cluster/cluster-call-control.js';
import type { CallControl } from '../../../src/app/ports/call-control.js';
import type { MonitorControl } from '../../../src/app/ports/monitor-control.js';
import { ClusterMonitorControl } from '../../../src/app/cluster/cluster-monitor-control.js';
import { localMonitorControl } from '../../../src/app/monitoring/local-monitor-control.js';
import { MonitorService } from '../../../src/app/monitoring/monitor-service.js';
import type { RedisConnection } from '../../../src/adapters/redis/open-redis.js';
import { callRequestStream } from '../../../src/domain/cluster/call-messages.js';
import { AcdCluster, clusterLogger, sleep, redisPerFile } from '../../helpers/acd-cluster.js';
import { waitForAsync } from '../../helpers/wait.js';
import { createLogger } from '../../../src/logging/logger.js';

let admin: RedisConnection;
let cluster: AcdCluster;

const talking: ActiveCallView = { callId: 'c1', channelId: 'ch1', callerNumber: '13800001111', dialedNumber: '12345', phase: 'talking', queue: 'general', agentId: '8001', elderly: false, enterprise: null, startedAt: 1, answeredAt: 2 };

/** The live calls of the server running a PBX: one conversation (`c1` unless named); what was asked of it is kept. */
function liveCalls(call: ActiveCallView = talking): { calls: CallControl; asked: string[] } {
  const asked: string[] = [];
  const known = (callId: string): boolean => callId === call.callId;
  const calls: CallControl = {
    activeCalls: () => Promise.resolve([call]),
    transfer: (callId, target) => (asked.push(`transfer ${callId} ${JSON.stringify(target)}`), Promise.resolve('queue' in target && target.queue === 'nowhere' ? { ok: false, code: 'QUEUE_UNKNOWN' } : { ok: true })),
    addParty: (callId, number) => (asked.push(`party ${callId} ${number}`), Promise.resolve({ ok: true })),
    hangUp: (callId) => (asked.push(`hangup ${callId}`), Promise.resolve(known(callId) ? { ok: true } : { ok: false, code: 'CALL_NOT_FOUND' })),
  };
  return { calls, asked };
}

async function holder(calls: CallControl, now: () => number = Date.now, pbx = 'pbx-1', monitoring: MonitorControl | null = null): Promise<CallRequestServer> {
  const made = new CallRequestServer({ streams: await cluster.streams(), pbx, node: `node-${pbx}`, calls, monitoring: () => monitoring, logger: clusterLogger, now, sleep, consumer: { blockMs: 100 } });
  cluster.keep(made);
  made.start();
  return made;
}

async function relayFrom(node: string, timeoutMs = 1_000): Promise<CallRelay> {
  const made = new CallRelay({ streams: await cluster.streams(), replies: await cluster.streams(), node, timers: cluster.timers, now: Date.now, sleep, logger: clusterLogger, timeoutMs, consumer: { blockMs: 100 } });
  cluster.keep(made);
  made.start();
  return made;
}

async function relay(timeoutMs = 1_000): Promise<CallControl> {
  return (await relayFrom('node-b', timeoutMs)).to('pbx-1');
}

redisPerFile((made) => ({ admin, cluster } = made));

describe('live calls relayed to the server running the PBX', () => {
  it('answers the list and each action with the live calls\' own result', async () => {
    const { calls, asked } = liveCalls();
    await holder(calls);
    const relayed = await relay();
    // The holder's group is made at the stream's end once it reads: the first request may come before.
    expect(await waitForAsync(async () => (await relayed.activeCalls()) ?? undefined, 5_000)).toEqual([talking]);
    expect(await relayed.transfer('c1', { queue: 'nowhere' }, 'blind')).toEqual({ ok: false, code: 'QUEUE_UNKNOWN' });
    expect(await relayed.transfer('c1', { agent: '8002' }, 'attended')).toEqual({ ok: true });
    expect(await relayed.addParty('c1', '12319')).toEqual({ ok: true });
    expect(await relayed.hangUp('c9')).toEqual({ ok: false, code: 'CALL_NOT_FOUND' });
    expect(asked).toEqual(['transfer c1 {"queue":"nowhere"}', 'transfer c1 {"agent":"8002"}', 'party c1 12319', 'hangup c9']);
  });

  it('answers CALLS_UNAVAILABLE when nobody serves, and does not carry out a request read after its asker stopped waiting', async () => {
    const relayed = await relay(400);
    expect(await relayed.hangUp('c1')).toEqual({ ok: false, code: 'CALLS_UNAVAILABLE' });
    expect(await relayed.activeCalls()).toBeNull();
    // A holder whose clock reads the request past its deadline.
    const { calls, asked } = liveCalls();
    await holder(calls, () => Date.now() + 10_000);
    await sleep(300);
    expect(await relayed.hangUp('c1')).toEqual({ ok: false, code: 'CALLS_UNAVAILABLE' });
    expect(asked).toEqual([]);
  });

  it('moves a malformed request aside and answers the next one', async () => {
    const { calls } = liveCalls();
    await holder(calls);
    const relayed = await relay();
    await waitForAsync(async () => (await relayed.activeCalls()) ?? undefined, 5_000);
    await admin.xAdd(callRequestStream('pbx-1'), '*', { body: '{"request":"x","reply":"acd:commands:pbx-1","expiresAt":1,"ask":{"op":"hangUp","callId":"c1"}}' });
    expect(await relayed.hangUp('c1')).toEqual({ ok: true });
    const dead = await admin.xRange(`${callRequestStream('pbx-1')}:dead`, '-', '+');
    expect((dead ?? []).map((entry) => JSON.parse(entry.message.body ?? '{}') as { code: string }).map((d) => d.code)).toEqual(['CALL_MESSAGE_INVALID']);
  });

  it('carries out an action on the PBX running the call only, and lists the calls of every PBX that answers', async () => {
    const first = liveCalls();
    const second = liveCalls({ ...talking, callId: 'c2', channelId: 'ch2', agentId: '8002' });
    await holder(first.calls, Date.now, 'pbx-1');
    await holder(second.calls, Date.now, 'pbx-2');
    const relayed = await relayFrom('web-1', 600);
    const log: unknown[] = [];
    const logger = createLogger('warn', { write: (line: string) => void log.push(JSON.parse(line)) });
    const both = new ClusterCallControl({ pbxs: ['pbx-1', 'pbx-2'], own: null, runningOwn: () => false, local: first.calls, relayed: (pbx) => relayed.to(pbx), logger });
    expect(await waitForAsync(async () => ((await both.activeCalls())?.length === 2 ? await both.activeCalls() : undefined), 5_000)).toEqual([talking, expect.objectContaining({ callId: 'c2' })]);
    expect(await both.hangUp('c2')).toEqual({ ok: true });
    expect(await both.hangUp('c7')).toEqual({ ok: false, code: 'CALL_NOT_FOUND' });
    expect(second.asked).toEqual(['hangup c2', 'hangup c7']);
    expect(first.asked).toEqual(['hangup c2', 'hangup c7']);
    // A third PBX nobody runs: the list goes on without it (logged); an unknown call cannot be said to be nowhere.
    const three = new ClusterCallControl({ pbxs: ['pbx-1', 'pbx-2', 'pbx-3'], own: null, runningOwn: () => false, local: first.calls, relayed: (pbx) => relayed.to(pbx), logger });
    expect((await three.activeCalls())?.map((call) => call.callId)).toEqual(['c1', 'c2']);
    expect(log).toEqual([expect.objectContaining({ code: 'CALLS_UNAVAILABLE', pbxs: ['pbx-3'] })]);
    expect(await three.hangUp('c1')).toEqual({ ok: true });
    expect(await three.hangUp('c9')).toEqual({ ok: false, code: 'CALLS_UNAVAILABLE' });
  });
  it('relays a supervisor\'s requests to the monitoring service of the server running the call, with its refusal codes', async () => {
    /** The monitoring of a server whose live calls hold `callId` in conversation; what it asked of the phone system is kept. */
    const monitoringOf = (callId: string): { control: MonitorControl; asked: string[] } => {
      const asked: string[] = [];
      const service = new MonitorService({
        port: {
          attach: () => undefined,
          hasPhone: async () => true,
          dialSupervisor: async (request) => void asked.push(`dial ${request.legId}`),
          makeSpy: async () => undefined,
          hangup: async (channelId) => void asked.push(`hangup ${channelId}`),
          endBridge: async () => undefined,
          handOver: async () => undefined,
        },
        calls: {
          conversationOf: (id) => (id === callId ? { agentId: '8001', agentLeg: `agentleg-1-${id}` } : null),
          knowsCall: (id) => id === callId,
          forceRelease: (id) => (asked.push(`release ${id}`), { ok: true }),
          takeOver: () => ({ ok: true }),
        },
        audit: { write: async () => undefined },
        tellAgent: () => undefined,
        announceListen: false,
        now: Date.now,
        logger: clusterLogger,
      });
      return { control: localMonitorControl(service), asked };
    };
    const first = monitoringOf('c1');
    const second = monitoringOf('c2');
    await holder(liveCalls().calls, Date.now, 'pbx-1', first.control);
    await holder(liveCalls().calls, Date.now, 'pbx-2', second.control);
    const relayed = await relayFrom('web-1', 1_000);
    const both = new ClusterMonitorControl({ pbxs: ['pbx-1', 'pbx-2'], own: null, runningOwn: () => false, local: () => null, relayed: (pbx) => relayed.monitorsOf(pbx), logger: clusterLogger });
    const supervisor = { id: 'supervisor', role: 'supervisor' };
    await waitForAsync(async () => ((await both.list())?.length === 0 ? true : undefined), 5_000);

    expect(await both.start('c2', supervisor, 'listen')).toEqual({ ok: true, monitorId: 'mon-1-c2' });
    expect(second.asked).toEqual(['dial sup-mon-1-c2']);
    expect(first.asked).toEqual([]);
    expect(await both.list()).toEqual([expect.objectContaining({ monitorId: 'mon-1-c2', callId: 'c2', supervisorId: 'supervisor', phase: 'ringing' })]);
    // The server with the session answers for it: a refusal of its own beats the other's "not found".
    expect(await both.change('mon-1-c2', { id: 'zhao', role: 'supervisor' }, 'barge')).toEqual({ ok: false, code: 'MONITOR_NOT_YOURS' });
    expect(await both.takeOver('mon-1-c2', supervisor)).toEqual({ ok: false, code: 'MONITOR_NOT_HEARING' });
    expect(await both.stop('mon-9-c2', supervisor)).toEqual({ ok: false, code: 'MONITOR_NOT_FOUND' });
    expect(await both.start('c9', supervisor, 'listen')).toEqual({ ok: false, code: 'CALL_NOT_FOUND' });
    expect(await both.stop('mon-1-c2', supervisor)).toEqual({ ok: true, monitorId: 'mon-1-c2' });
    expect(await both.forceRelease('c1', supervisor)).toEqual({ ok: true });
    expect(first.asked).toEqual(['release c1']);
    // A PBX nobody runs: what cannot be found elsewhere cannot be said to be nowhere.
    const three = new ClusterMonitorControl({ pbxs: ['pbx-1', 'pbx-2', 'pbx-3'], own: null, runningOwn: () => false, local: () => null, relayed: (pbx) => relayed.monitorsOf(pbx), logger: clusterLogger });
    expect(await three.start('c9', supervisor, 'listen')).toEqual({ ok: false, code: 'CALLS_UNAVAILABLE' });
  });
});
