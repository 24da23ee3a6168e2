// The outbound service on real SQLite with a scripted PBX: the attempt row is committed before the dial,
// a refused dial is checked with the PBX before it counts, a second server sharing the database never
// dials a task the first holds, and a restart reconciles what an earlier run left before dialing.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CelRecords } from '../../../src/adapters/cel/cel-records.js';
import { CallTaskStore } from '../../../src/adapters/db/call-task-store.js';
import { openDatabase } from '../../../src/adapters/db/open-database.js';
import { OutboundService } from '../../../src/app/outbound/outbound-service.js';
import type { OutboundDialRequest, TelephonyPort } from '../../../src/app/ports/telephony.js';
import type { CallTaskOutcome, CallTaskRequest } from '../../../src/domain/outbound/outbound-protocol.js';
import { DEFAULT_RETRY_POLICY } from '../../../src/domain/outbound/retry-policy.js';
import { createLogger } from '../../../src/logging/logger.js';
import { FakeTimers } from '../../helpers/fake-timers.js';

const T0 = Date.UTC(2026, 11, 7, 2, 0, 0);

type Pbx = Pick<TelephonyPort, 'dialOutbound' | 'channelLives' | 'hangup'>;

class ScriptedPbx implements Pbx {
  readonly dialed: OutboundDialRequest[] = [];
  readonly living = new Map<string, boolean>();
  refuse: Error | null = null;
  /** Called at each dial: what the test checks at that very moment. */
  onDial: (request: OutboundDialRequest) => void = () => undefined;
  async dialOutbound(request: OutboundDialRequest): Promise<void> {
    this.onDial(request);
    this.dialed.push(request);
    if (this.refuse) throw this.refuse;
  }
  async channelLives(channelId: string): Promise<{ readonly lives: false } | { readonly lives: true; readonly answered: boolean }> {
    const answered = this.living.get(channelId);
    return answered === undefined ? { lives: false } : { lives: true, answered };
  }
  async hangup(): Promise<void> {}
}

const request = (taskId: string): CallTaskRequest => ({ taskId, purpose: 'sign-reminder', number: '13800001111', trunk: 'default', flowId: 'survey', variables: { ticketNumber: 'T-9' }, notBefore: T0, notAfter: null, window: 'default', retry: DEFAULT_RETRY_POLICY });

function service(store: CallTaskStore, pbx: Pbx, owner = 'node-1', records?: CelRecords, lines = 2): { service: OutboundService; outcomes: CallTaskOutcome[] } {
  const outbound = new OutboundService({
    ...(records ? { records } : {}),
    engine: { lineLimits: { default: lines }, windows: (_name, t) => t },
    store,
    telephony: pbx,
    timers: new FakeTimers(),
    now: () => T0,
    logger: createLogger('silent'),
    settings: { owner, leaseMs: 60_000, endpoints: { default: 'PJSIP/{number}@trunk' }, callerId: '12345', ringTimeoutSeconds: 30 },
  });
  const outcomes: CallTaskOutcome[] = [];
  outbound.onOutcome((_id, _purpose, outcome) => outcomes.push(outcome));
  return { service: outbound, outcomes };
}

/** Lets the service's work run out: its writes, and the asks of the PBX and the records between them. */
const settle = async (outbound: OutboundService): Promise<void> => {
  for (let i = 0; i < 5; i += 1) {
    await outbound.drain();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe('outbound service (real SQLite)', () => {
  it('commits the attempt row before it dials, with the caller id and trunk of the settings', async () => {
    const { db, sqlite } = openDatabase(':memory:');
    const store = new CallTaskStore(db);
    const pbx = new ScriptedPbx();
    const seen: unknown[] = [];
    pbx.onDial = (dial) => seen.push(sqlite.prepare('select status, owner from call_attempts where channel_id = ?').get(dial.channelId));
    const { service: outbound } = service(store, pbx);
    await outbound.request(request('a'));
    await settle(outbound);
    expect(pbx.dialed).toEqual([{ channelId: 'outbound-a-1', taskId: 'a', number: '13800001111', endpoint: 'PJSIP/{number}@trunk', callerId: '12345', ringTimeoutSeconds: 30 }]);
    expect(seen).toEqual([{ status: 'dialing', owner: 'node-1' }]);
  });

  it('refuses a bad request with its code and stores nothing', async () => {
    const { db } = openDatabase(':memory:');
    const store = new CallTaskStore(db);
    const { service: outbound } = service(store, new ScriptedPbx());
    expect(await outbound.request({ ...request('h'), trunk: 'elsewhere' })).toMatchObject({ ok: false, code: 'OUTBOUND_UNKNOWN_TRUNK' });
    expect(await store.get('h')).toBeUndefined();
    expect(await outbound.request(request('h'))).toEqual({ ok: true, created: true });
    expect(await outbound.request(request('h'))).toEqual({ ok: true, created: false });
  });

  it('counts a refused dial as failed only once the PBX says the channel does not live', async () => {
    const { db } = openDatabase(':memory:');
    const store = new CallTaskStore(db);
    const pbx = new ScriptedPbx();
    pbx.refuse = new Error('ARI timed out');
    pbx.living.set('outbound-b-1', false);
    const { service: outbound } = service(store, pbx);
    await outbound.request(request('b'));
    await settle(outbound);
    // The channel lives (the request timed out on its way back): still dialing, nothing new placed.
    expect((await store.get('b'))?.status.kind).toBe('dialing');
    pbx.living.delete('outbound-b-1');
    await outbound.request(request('c'));
    await settle(outbound);
    expect((await store.attempts('c')).map((a) => a.status)).toEqual(['not-placed']);
    expect((await store.get('c'))?.status).toMatchObject({ kind: 'waiting-retry', lastCause: 'failed' });
  });

  it('in a cluster: a task stored by a server without lines is dialed once by the server running a PBX, which reads the store again', async () => {
    const { db } = openDatabase(':memory:');
    const store = new CallTaskStore(db);
    const web = new ScriptedPbx();
    const worker = new ScriptedPbx();
    const office = service(store, web, 'web-1', undefined, 0).service;
    const running = service(store, worker, 'worker-1', undefined, 0).service;
    // The worker takes its PBX: its lines, and what the store holds (nothing yet).
    await running.runLines('default', 2, 10_000);
    // The follow-up, on the server without a PBX, asks for a call: stored, never dialed there.
    expect(await office.request(request('c1'))).toEqual({ ok: true, created: true });
    await settle(office);
    expect(web.dialed).toEqual([]);
    // The worker's next read of the store takes it in and dials it; a second read changes nothing.
    expect(await running.refresh()).toBe(1);
    await settle(running);
    expect(worker.dialed.map((d) => d.channelId)).toEqual(['outbound-c1-1']);
    expect(await running.refresh()).toBe(0);
    await settle(running);
    expect(worker.dialed).toHaveLength(1);
    expect((await store.attempts('c1')).map((a) => a.owner)).toEqual(['worker-1']);
    office.stop();
    running.stop();
  });

  it('lets only one of two servers sharing the database dial a task', async () => {
    const { db } = openDatabase(':memory:');
    const store = new CallTaskStore(db);
    const first = new ScriptedPbx();
    const second = new ScriptedPbx();
    await store.create({ request: request('d'), attempts: 0, failures: {}, status: { kind: 'pending', dueAt: T0 } }, T0);
    const one = service(store, first, 'node-1').service;
    const two = service(store, second, 'node-2').service;
    // Both read the task as waiting at start-up, and both engines ask to dial it now.
    await Promise.all([one.start(), two.start()]);
    await Promise.all([settle(one), settle(two)]);
    expect([...first.dialed, ...second.dialed].map((d) => d.channelId)).toEqual(['outbound-d-1']);
    expect((await store.attempts('d')).map((a) => a.owner)).toEqual([first.dialed.length === 1 ? 'node-1' : 'node-2']);
    // The loser forgot the task and holds no line for it.
    expect(one.linesInUse('default') + two.linesInUse('default')).toBe(1);
  });

  it('at start-up closes an attempt from its own row, and gives up on one nothing tells of, without dialing', async () => {
    const { db } = openDatabase(':memory:');
    const store = new CallTaskStore(db);
    for (const id of ['e', 'f']) {
      await store.create({ request: request(id), attempts: 0, failures: {}, status: { kind: 'pending', dueAt: T0 } }, T0);
      await store.startAttempt({ taskId: id, attempt: 1, channelId: `outbound-${id}-1`, number: '13800001111', trunk: 'default', flowId: 'survey', variables: {} }, 'node-1', T0 - 1000, T0 - 500);
    }
    // 'e' ended and its row was closed just before the crash; 'f' has nothing but its open row.
    await store.closeAttempt('outbound-e-1', { kind: 'answered', variables: { satisfaction: 'satisfied' } }, T0 - 800);
    const pbx = new ScriptedPbx();
    const { service: outbound, outcomes } = service(store, pbx, 'node-9');
    expect(await outbound.start()).toBe(2);
    await settle(outbound);
    expect(pbx.dialed).toEqual([]);
    expect(outcomes.map((o) => [o.kind, o.kind === 'reached' ? o.variables : o.kind === 'not-reached' ? o.cause : null])).toEqual([
      ['reached', { satisfaction: 'satisfied' }],
      ['not-reached', 'unknown'],
    ]);
    expect((await store.attempts('f')).map((a) => [a.status, a.cause])).toEqual([['not-reached', 'unknown']]);
  });

  it('at start-up takes a gone channel’s hang-up cause from Asterisk’s records: busy is retried as a new attempt', async () => {
    const { db } = openDatabase(':memory:');
    const store = new CallTaskStore(db);
    await store.create({ request: request('g'), attempts: 0, failures: {}, status: { kind: 'pending', dueAt: T0 } }, T0);
    await store.startAttempt({ taskId: 'g', attempt: 1, channelId: 'outbound-g-1', number: '13800001111', trunk: 'default', flowId: 'survey', variables: {} }, 'node-1', T0 - 10_000, T0 - 5000);
    // The CEL file cel_custom.conf writes: the channel rang and the line was busy while no server ran.
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'outbound-cel-')), 'hotline-cel.csv');
    const seconds = ((T0 - 8000) / 1000).toFixed(6);
    fs.writeFileSync(file, [`CHAN_START,${seconds},outbound-g-1,outbound-g-1,PJSIP/citizen-trunk-00000007,,`, `HANGUP,${seconds},outbound-g-1,outbound-g-1,PJSIP/citizen-trunk-00000007,,"{""hangupcause"":17}"`, ''].join('\n'));
    const pbx = new ScriptedPbx();
    const { service: outbound } = service(store, pbx, 'node-9', new CelRecords({ file, logger: createLogger('silent') }));
    await outbound.start();
    await settle(outbound);
    expect((await store.attempts('g')).map((a) => [a.status, a.cause, a.hangupCause])).toEqual([['not-reached', 'busy', 17]]);
    expect((await store.get('g'))?.status).toEqual({ kind: 'waiting-retry', dueAt: T0 + 5 * 60_000, lastCause: 'busy' });
    expect(pbx.dialed).toEqual([]);
  });
});
