// The storage contract for text messages, on both databases: one message per key, found by id, key
// and the gateway's id, updated as it is submitted and reported on, and the queued ones listed
// oldest first for the resume at start.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORAGE_BACKENDS, type ContractStores } from '../../helpers/storage-backends.js';

const t0 = Date.UTC(2026, 11, 5, 2, 0, 0);
const message = (n: number, key = `sign:T${n}:1`) => ({ id: `m-${n}`, key, templateId: 'order-to-sign', recipient: '13800001111', params: { number: `T${n}`, minutes: '5' }, text: `【12345热线】您单位有新工单T${n}待签收，请于5分钟内登录系统签收。`, createdAt: t0 + n });

describe.each(STORAGE_BACKENDS)('text messages on $name', (backend) => {
  let stores: ContractStores;
  beforeAll(async () => {
    stores = await backend.open('text_messages');
  });
  afterAll(() => stores.close());

  it('stores one message per key and gives the first back for a repeated key', async () => {
    const first = await stores.textMessages.createOnce(message(1));
    expect(first.created).toBe(true);
    expect(first.row).toMatchObject({ id: 'm-1', status: 'queued', attempts: 0, params: { number: 'T1', minutes: '5' }, providerId: null, nextAttemptAt: null, settledAt: null });
    const again = await stores.textMessages.createOnce({ ...message(2, 'sign:T1:1') });
    expect(again).toEqual({ row: first.row, created: false });
    expect(await stores.textMessages.byId('m-2')).toBeNull();
    expect(await stores.textMessages.byKey('sign:T1:1')).toEqual(first.row);
  });

  it('keeps attempts, the gateway id and the report, and finds a message by its gateway id', async () => {
    await stores.textMessages.createOnce(message(3));
    await stores.textMessages.update('m-3', { attempts: 2, nextAttemptAt: t0 + 4_000, failureCode: 'SMPP_TIMEOUT', failureReason: 'no answer' });
    expect(await stores.textMessages.byId('m-3')).toMatchObject({ attempts: 2, nextAttemptAt: t0 + 4_000, failureCode: 'SMPP_TIMEOUT' });
    await stores.textMessages.update('m-3', { status: 'submitted', gateway: 'smpp', providerId: 'abc-1', submittedAt: t0 + 5_000, nextAttemptAt: null, failureCode: null, failureReason: null });
    expect(await stores.textMessages.byProviderId('aliyun', 'abc-1')).toBeNull();
    expect(await stores.textMessages.byProviderId('smpp', 'abc-1')).toMatchObject({ id: 'm-3', status: 'submitted', submittedAt: t0 + 5_000 });
    await stores.textMessages.update('m-3', { status: 'failed', settledAt: t0 + 9_000, failureCode: 'UNDELIV' });
    expect(await stores.textMessages.byId('m-3')).toMatchObject({ status: 'failed', settledAt: t0 + 9_000, failureCode: 'UNDELIV', attempts: 2 });
  });

  it('lets one claim take an attempt, and none of a message no longer queued', async () => {
    await stores.textMessages.createOnce(message(6));
    const [first, second] = await Promise.all([stores.textMessages.claimAttempt('m-6', 0, t0 + 600_000), stores.textMessages.claimAttempt('m-6', 0, t0 + 600_000)]);
    expect([first, second].sort()).toEqual([false, true]);
    expect(await stores.textMessages.byId('m-6')).toMatchObject({ attempts: 1, nextAttemptAt: t0 + 600_000 });
    expect(await stores.textMessages.claimAttempt('m-6', 0, t0)).toBe(false);
    await stores.textMessages.update('m-6', { status: 'failed' });
    expect(await stores.textMessages.claimAttempt('m-6', 1, t0)).toBe(false);
  });

  it('lists the queued messages oldest first', async () => {
    await stores.textMessages.createOnce(message(5));
    await stores.textMessages.createOnce(message(4));
    const queued = await stores.textMessages.queued(10);
    expect(queued.map((row) => row.id)).toEqual(['m-1', 'm-4', 'm-5']);
    expect((await stores.textMessages.queued(1)).map((row) => row.id)).toEqual(['m-1']);
  });
});
