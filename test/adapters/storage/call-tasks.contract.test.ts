// The storage contract for outbound call tasks on both databases: the claim that writes the attempt
// row, the leases that keep two servers off one task, and what a server starting up reads back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attemptChannelId } from '../../../src/domain/outbound/outbound-engine.js';
import type { AttemptOrder, CallTask, CallTaskRequest } from '../../../src/domain/outbound/outbound-protocol.js';
import { STORAGE_BACKENDS, type ContractStores } from '../../helpers/storage-backends.js';

const t0 = Date.UTC(2026, 11, 3, 8, 0, 0);
const LEASE = 60_000;

const request = (taskId: string): CallTaskRequest => ({
  taskId,
  purpose: 'return-visit',
  number: '13800000001',
  trunk: 'trunk',
  flowId: 'return-visit',
  variables: { ticketNumber: 'T-1', summary: '路灯不亮' },
  notBefore: t0,
  notAfter: null,
  window: 'visits',
  retry: { maxAttempts: 3, delaysMs: { 'no-answer': [1_800_000], busy: [300_000], unreachable: [], rejected: [], failed: [], unknown: [] } },
});
const pending = (taskId: string): CallTask => ({ request: request(taskId), attempts: 0, failures: {}, status: { kind: 'pending', dueAt: t0 } });
const order = (taskId: string, attempt: number): AttemptOrder => ({ taskId, attempt, channelId: attemptChannelId(taskId, attempt), number: '13800000001', trunk: 'trunk', flowId: 'return-visit', variables: {} });

describe.each(STORAGE_BACKENDS)('call tasks on $name', (backend) => {
  let stores: ContractStores;
  beforeAll(async () => {
    stores = await backend.open('call_tasks');
  });
  afterAll(() => stores.close());

  it('stores a task once and reads it back as it was asked', async () => {
    expect(await stores.callTasks.create(pending('a'), t0)).toBe(true);
    expect(await stores.callTasks.create(pending('a'), t0 + 1)).toBe(false);
    expect(await stores.callTasks.get('a')).toEqual(pending('a'));
  });

  it('lets one server claim an attempt; a second server, and a repeat of the same attempt, lose', async () => {
    await stores.callTasks.create(pending('b'), t0);
    expect(await stores.callTasks.startAttempt(order('b', 1), 'node-1', t0, t0 + LEASE)).toBe(true);
    expect(await stores.callTasks.startAttempt(order('b', 1), 'node-2', t0 + 1, t0 + LEASE)).toBe(false);
    expect(await stores.callTasks.startAttempt(order('b', 1), 'node-1', t0 + 1, t0 + LEASE)).toBe(false);
    const attempts = await stores.callTasks.attempts('b');
    expect(attempts.map((a) => [a.channelId, a.status, a.owner])).toEqual([[attemptChannelId('b', 1), 'dialing', 'node-1']]);
    expect((await stores.callTasks.get('b'))?.status).toEqual({ kind: 'dialing', channelId: attemptChannelId('b', 1), since: t0 });
  });

  it('refuses a second server while the lease lives, and lets it in once the lease ran out', async () => {
    await stores.callTasks.create(pending('c'), t0);
    await stores.callTasks.startAttempt(order('c', 1), 'node-1', t0, t0 + LEASE);
    await stores.callTasks.closeAttempt(attemptChannelId('c', 1), { kind: 'not-reached', cause: 'busy', hangupCause: 17 }, t0 + 10);
    const waiting: CallTask = { request: request('c'), attempts: 1, failures: { busy: 1 }, status: { kind: 'waiting-retry', dueAt: t0 + 300_000, lastCause: 'busy' } };
    expect(await stores.callTasks.save(waiting, 'node-2', t0 + 20)).toBe(false);
    expect(await stores.callTasks.save(waiting, 'node-1', t0 + 20)).toBe(true);
    expect(await stores.callTasks.startAttempt(order('c', 2), 'node-2', t0 + 30, t0 + 30 + LEASE)).toBe(false);
    expect(await stores.callTasks.startAttempt(order('c', 2), 'node-2', t0 + LEASE, t0 + 2 * LEASE)).toBe(true);
    const attempts = await stores.callTasks.attempts('c');
    expect(attempts.map((a) => [a.attempt, a.status, a.cause, a.hangupCause])).toEqual([
      [1, 'not-reached', 'busy', 17],
      [2, 'dialing', null, null],
    ]);
  });

  it('closes an attempt once, with the flow variables of an answered call', async () => {
    await stores.callTasks.create(pending('d'), t0);
    await stores.callTasks.startAttempt(order('d', 1), 'node-1', t0, t0 + LEASE);
    await stores.callTasks.attemptAnswered(attemptChannelId('d', 1), t0 + 5);
    await stores.callTasks.closeAttempt(attemptChannelId('d', 1), { kind: 'answered', variables: { satisfaction: '1' } }, t0 + 50);
    await stores.callTasks.closeAttempt(attemptChannelId('d', 1), { kind: 'not-reached', cause: 'unknown', hangupCause: null }, t0 + 60);
    const [attempt] = await stores.callTasks.attempts('d');
    expect(attempt).toMatchObject({ status: 'reached', variables: { satisfaction: '1' }, endedAt: t0 + 50 });
    const done: CallTask = { request: request('d'), attempts: 1, failures: {}, status: { kind: 'done', outcome: { kind: 'reached', attempts: 1, variables: { satisfaction: '1' }, resultLost: false, at: t0 + 50 } } };
    expect(await stores.callTasks.save(done, 'node-1', t0 + 50)).toBe(true);
    expect(await stores.callTasks.get('d')).toEqual(done);
  });

  it('hands a starting server the waiting tasks, its own and dead servers\' attempts, never a live lease of another', async () => {
    const db = await backend.open('call_tasks_open');
    try {
      for (const id of ['w', 'mine', 'theirs', 'dead', 'ended']) await db.callTasks.create(pending(id), t0);
      await db.callTasks.startAttempt(order('mine', 1), 'node-1', t0, t0 + LEASE);
      await db.callTasks.startAttempt(order('theirs', 1), 'node-2', t0, t0 + 10 * LEASE);
      await db.callTasks.startAttempt(order('dead', 1), 'node-3', t0, t0 + LEASE);
      await db.callTasks.save({ ...pending('ended'), status: { kind: 'cancelled', outcome: { kind: 'cancelled', attempts: 0, at: t0 } } }, 'node-1', t0);
      const open = await db.callTasks.listOpen('node-1', t0 + 2 * LEASE);
      expect(open.map((task) => [task.request.taskId, task.status.kind])).toEqual([
        ['dead', 'dialing'],
        ['mine', 'dialing'],
        ['w', 'pending'],
      ]);
      expect(await db.callTasks.renewLeases('node-1', t0 + 1, t0 + 5 * LEASE)).toBe(1);
      expect((await db.callTasks.listOpen('node-4', t0 + 2 * LEASE)).map((task) => task.request.taskId)).toEqual(['dead', 'w']);
    } finally {
      await db.close();
    }
  });
});
