// Live calls relayed across a cluster, on a real Redis: a server that does not run the PBX asks the
// one that does (the list, an action with its refusal code) and gets its answers; with nobody
// serving, or a request read after its asker stopped waiting, the answer is CALLS_UNAVAILABLE and
// nothing is carried out; a malformed request is moved aside and the next one answered.
import { describe, expect, it } from 'vitest';
import type { ActiveCallView } from '../../../src/app/calls/active-call-view.js';
import { CallRequestServer } from '../../../src/app/cluster/call-request-server.js';
import { RelayedCallControl } from '../../../src/app/cluster/relayed-call-control.js';
import type { CallControl } from '../../../src/app/ports/call-control.js';
import type { RedisConnection } from '../../../src/adapters/redis/open-redis.js';
import { callRequestStream } from '../../../src/domain/cluster/call-messages.js';
import { AcdCluster, clusterLogger, sleep, redisPerFile } from '../../helpers/acd-cluster.js';
import { waitForAsync } from '../../helpers/wait.js';

let admin: RedisConnection;
let cluster: AcdCluster;

const talking: ActiveCallView = { callId: 'c1', channelId: 'ch1', callerNumber: '13800001111', dialedNumber: '12345', phase: 'talking', queue: 'general', agentId: '8001', elderly: false, enterprise: null, startedAt: 1, answeredAt: 2 };

/** The live calls of the server running the PBX: one conversation; what was asked of it is kept. */
function liveCalls(): { calls: CallControl; asked: string[] } {
  const asked: string[] = [];
  const calls: CallControl = {
    activeCalls: () => Promise.resolve([talking]),
    transfer: (callId, target) => (asked.push(`transfer ${callId} ${JSON.stringify(target)}`), Promise.resolve('queue' in target && target.queue === 'nowhere' ? { ok: false, code: 'QUEUE_UNKNOWN' } : { ok: true })),
    addParty: (callId, number) => (asked.push(`party ${callId} ${number}`), Promise.resolve({ ok: true })),
    hangUp: (callId) => (asked.push(`hangup ${callId}`), Promise.resolve(callId === 'c1' ? { ok: true } : { ok: false, code: 'CALL_NOT_FOUND' })),
  };
  return { calls, asked };
}

async function holder(calls: CallControl, now: () => number = Date.now): Promise<CallRequestServer> {
  const made = new CallRequestServer({ streams: await cluster.streams(), pbx: 'pbx-1', node: 'node-a', calls, logger: clusterLogger, now, sleep, consumer: { blockMs: 100 } });
  cluster.keep(made);
  made.start();
  return made;
}

async function relay(timeoutMs = 1_000): Promise<RelayedCallControl> {
  const made = new RelayedCallControl({ streams: await cluster.streams(), replies: await cluster.streams(), pbx: 'pbx-1', node: 'node-b', timers: cluster.timers, now: Date.now, sleep, logger: clusterLogger, timeoutMs, consumer: { blockMs: 100 } });
  cluster.keep(made);
  made.start();
  return made;
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
});
