// The text-message service on both databases, through the storage the server opens (a database
// shared by two servers on PostgreSQL as in a cluster): one message per key, its delivery report kept,
// and an attempt taken by one server only when both are due to make it.
import crypto from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadTextTemplates } from '../../../src/adapters/messages/template-file.js';
import { SmppGateway } from '../../../src/adapters/smpp/smpp-gateway.js';
import { TextMessageService } from '../../../src/app/messages/text-message-service.js';
import type { TextMessageRecords } from '../../../src/app/ports/text-message-records.js';
import { FakeTimers } from '../../helpers/fake-timers.js';
import { capturedLog } from '../../helpers/log-lines.js';
import { STORAGE_BACKENDS, type ContractStores } from '../../helpers/storage-backends.js';
import { TestSmsc } from '../../helpers/test-smsc.js';
import { waitForAsync, waitUntil } from '../../helpers/wait.js';

const templates = loadTextTemplates('fixtures/sms-templates.yaml');
const request = { key: 'sign-msg:7:1', templateId: 'order-to-sign', params: { number: 'GD20261205007', minutes: '5' }, to: '13800001111' };

let smsc: TestSmsc;
const closing: (() => Promise<void>)[] = [];

function server(records: TextMessageRecords) {
  const log = capturedLog();
  const gateway = new SmppGateway({ host: '127.0.0.1', port: smsc.port, systemId: 'hotline', password: 'pw123456', systemType: '', sourceAddress: '12345', requestTimeoutMs: 500, enquireLinkIntervalMs: 5_000, reconnectInitialMs: 50, reconnectMaxMs: 200, logger: log.logger, now: Date.now });
  const timers = new FakeTimers();
  const messages = new TextMessageService({ records, gateway, templates, timers, now: Date.now, newId: () => crypto.randomUUID(), logger: log.logger, retry: { maxAttempts: 3, firstDelayMs: 1_000, maxDelayMs: 2_000 } });
  gateway.start();
  closing.push(async () => {
    messages.stop();
    await gateway.close();
  });
  return { messages, gateway, timers };
}

const settled = (records: TextMessageRecords, status: string) =>
  waitForAsync(async () => {
    const row = await records.byKey(request.key);
    return row?.status === status ? row : undefined;
  }, 5000, 20);

beforeEach(async () => {
  smsc = await TestSmsc.start({ systemId: 'hotline', password: 'pw123456' });
});

afterEach(async () => {
  for (const close of closing.splice(0).reverse()) await close();
  await smsc.close();
});

describe.each(STORAGE_BACKENDS)('text message service on $name', (backend) => {
  it('sends once per key and keeps the delivery report', async () => {
    const stores: ContractStores = await backend.open('text_service');
    closing.push(() => stores.close());
    const { messages, gateway } = server(stores.textMessages);
    await waitUntil(() => gateway.isBound);
    expect(await messages.send(request)).toMatchObject({ ok: true, repeated: false, message: { status: 'submitted', providerId: 'smsc-1' } });
    expect(await messages.send(request)).toMatchObject({ ok: true, repeated: true });
    smsc.receipt('smsc-1', 'EXPIRED', '000', true);
    expect(await settled(stores.textMessages, 'expired')).toMatchObject({ failureCode: 'EXPIRED' });
    expect(smsc.submitted).toHaveLength(1);
  });

  it('two servers sharing the database make a due attempt once', async () => {
    const shared = await backend.openSharing('text_claims', { a: null, b: null });
    closing.push(async () => {
      await shared.a.close();
      await shared.b.close();
    });
    const a = server(shared.a.textMessages);
    const b = server(shared.b.textMessages);
    await waitUntil(() => a.gateway.isBound && b.gateway.isBound);
    smsc.refusals.push(0x14);
    expect(await a.messages.send(request)).toMatchObject({ ok: true, message: { status: 'queued', attempts: 1 } });
    expect(await b.messages.resume()).toBe(1);
    a.timers.fireOnly();
    b.timers.fireOnly();
    expect(await settled(shared.b.textMessages, 'submitted')).toMatchObject({ attempts: 2 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(smsc.submitted).toHaveLength(1);
  });
});
