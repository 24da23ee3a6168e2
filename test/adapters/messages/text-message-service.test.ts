// The text-message service over real parts: SQLite with its migrations, the SMPP adapter and a real
// SMPP server as the message centre. One message per idempotency key (a repeat and a restart send
// nothing twice), the retry schedule of a submission that timed out or met a busy centre, a refusal
// for good, the delivery report kept on the row, requests refused with their codes, masked logs.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TextMessageStore } from '../../../src/adapters/db/text-message-store.js';
import { openDatabase, type OpenDatabase } from '../../../src/adapters/db/open-database.js';
import { loadTextTemplates } from '../../../src/adapters/messages/template-file.js';
import { SmppGateway } from '../../../src/adapters/smpp/smpp-gateway.js';
import { TextMessageService } from '../../../src/app/messages/text-message-service.js';
import { FakeTimers } from '../../helpers/fake-timers.js';
import { capturedLog, type CapturedLog } from '../../helpers/log-lines.js';
import { TestSmsc } from '../../helpers/test-smsc.js';
import { waitUntil, waitForAsync } from '../../helpers/wait.js';

const NUMBER = '13800001111';
const templates = loadTextTemplates('fixtures/sms-templates.yaml');
const request = (key = 'sign:T1:1') => ({ key, templateId: 'order-to-sign', params: { number: 'GD20261205001', minutes: '5' }, to: NUMBER });

let smsc: TestSmsc;
let log: CapturedLog;
/** How far the services' clock runs ahead of the machine's (a test moves it to make a retry due). */
let clockAhead = 0;
const now = (): number => Date.now() + clockAhead;
const opened: { database: OpenDatabase; gateway: SmppGateway; service: TextMessageService }[] = [];

function service(file: string, timers = new FakeTimers()) {
  const database = openDatabase(file);
  const gateway = new SmppGateway({ host: '127.0.0.1', port: smsc.port, systemId: 'hotline', password: 'Sm7319pw', systemType: '', sourceAddress: '12345', requestTimeoutMs: 300, enquireLinkIntervalMs: 5_000, reconnectInitialMs: 50, reconnectMaxMs: 200, logger: log.logger, now: Date.now });
  const records = new TextMessageStore(database.db);
  const messages = new TextMessageService({ records, gateway, templates, timers, now, newId: () => crypto.randomUUID(), logger: log.logger, retry: { maxAttempts: 3, firstDelayMs: 1_000, maxDelayMs: 1_500 } });
  gateway.start();
  opened.push({ database, gateway, service: messages });
  return { messages, records, gateway, timers };
}

const dbFile = (): string => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'text-messages-')), 'hotline.db');

beforeEach(async () => {
  clockAhead = 0;
  smsc = await TestSmsc.start({ systemId: 'hotline', password: 'Sm7319pw' });
  log = capturedLog();
});

afterEach(async () => {
  for (const { service: messages, gateway, database } of opened.splice(0)) {
    messages.stop();
    await gateway.close();
    if (database.sqlite.open) database.close();
  }
  await smsc.close();
});

describe('text message service', () => {
  it('sends one message per key, keeps its delivery report, and never logs the number in full', async () => {
    const { messages, records, gateway } = service(':memory:');
    await waitUntil(() => gateway.isBound);
    const sent = await messages.send(request());
    expect(sent).toMatchObject({ ok: true, repeated: false, message: { status: 'submitted', attempts: 1, gateway: 'smpp', providerId: 'smsc-1', text: '【12345热线】您单位有新工单GD20261205001待签收，请于5分钟内登录系统签收。' } });
    const again = await messages.send(request());
    expect(again).toMatchObject({ ok: true, repeated: true, message: { providerId: 'smsc-1' } });
    expect(smsc.submitted).toHaveLength(1);
    smsc.receipt('smsc-1', 'DELIVRD');
    const delivered = await waitForAsync(async () => {
      const row = await records.byKey('sign:T1:1');
      return row?.status === 'delivered' ? row : undefined;
    }, 3000, 10);
    expect(delivered.settledAt).toBeGreaterThanOrEqual(delivered.submittedAt ?? Infinity);
    smsc.receipt('smsc-1', 'UNDELIV', '005');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await records.byKey('sign:T1:1')).toMatchObject({ status: 'delivered', failureCode: null });
    expect(log.text()).not.toContain(NUMBER);
    expect(log.lines().find((line) => line.msg === 'text message submitted')).toMatchObject({ to: '138****1111', key: 'sign:T1:1', providerId: 'smsc-1' });
  });

  it('tries a submission that timed out again after the first delay, then after the doubled delay (capped), and loses nothing', async () => {
    const { messages, records, gateway, timers } = service(':memory:');
    await waitUntil(() => gateway.isBound);
    smsc.unansweredSubmits = 1;
    smsc.refusals.push(0x58);
    const sent = await messages.send(request());
    expect(sent).toMatchObject({ ok: true, message: { status: 'queued', attempts: 1, failureCode: 'SMPP_TIMEOUT' } });
    const id = sent.ok ? sent.message.id : '';
    expect(timers.running()).toEqual([`text-message:${id}`]);
    expect(timers.msOf(`text-message:${id}`)).toBe(1_000);
    timers.fireOnly();
    await waitForAsync(async () => ((await records.byId(id))?.attempts === 2 && timers.running().length === 1 ? true : undefined), 3000, 10);
    expect(await records.byId(id)).toMatchObject({ status: 'queued', failureCode: 'SMPP_BUSY' });
    expect(timers.msOf(`text-message:${id}`)).toBe(1_500);
    timers.fireOnly();
    const submitted = await waitForAsync(async () => {
      const row = await records.byId(id);
      return row?.status === 'submitted' ? row : undefined;
    }, 3000, 10);
    expect(submitted).toMatchObject({ attempts: 3, providerId: 'smsc-1', failureCode: null, nextAttemptAt: null });
    expect(smsc.submitted.map((s) => s.messageId)).toEqual(['smsc-1']);
  });

  it('fails at once on a refusal for good, and after the last attempt on a busy centre', async () => {
    const { messages, records, gateway, timers } = service(':memory:');
    await waitUntil(() => gateway.isBound);
    smsc.refusals.push(0x0b);
    expect(await messages.send(request('sign:T2:1'))).toMatchObject({ ok: true, message: { status: 'failed', attempts: 1, failureCode: 'SMPP_REFUSED' } });
    expect(timers.running()).toEqual([]);
    smsc.refusals.push(0x58, 0x58, 0x58);
    const sent = await messages.send(request('sign:T3:1'));
    const id = sent.ok ? sent.message.id : '';
    timers.fireOnly();
    await waitUntil(() => timers.running().length === 1);
    timers.fireOnly();
    const failed = await waitForAsync(async () => {
      const row = await records.byId(id);
      return row?.status === 'failed' ? row : undefined;
    }, 3000, 10);
    expect(failed).toMatchObject({ attempts: 3, failureCode: 'SMPP_BUSY' });
    expect(log.lines().find((line) => line.msg === 'text message failed' && line.why === 'attempts-used')).toBeDefined();
  });

  it('a restart takes up the messages left queued and sends each once; a repeat after it sends nothing', async () => {
    const file = dbFile();
    smsc.refusals.push(0x14);
    const first = service(file);
    await waitUntil(() => first.gateway.isBound);
    const sent = await first.messages.send(request());
    expect(sent).toMatchObject({ ok: true, message: { status: 'queued', attempts: 1 } });
    const [before] = opened.splice(0);
    before?.service.stop();
    await before?.gateway.close();
    before?.database.close();

    const second = service(file);
    await waitUntil(() => second.gateway.isBound);
    expect(await second.messages.resume()).toBe(1);
    // Fired before the retry is due, the resumed attempt waits on; once due, it is made.
    second.timers.fireOnly();
    await waitUntil(() => second.timers.running().length === 1);
    expect(smsc.submitted).toHaveLength(0);
    clockAhead = 1_000;
    second.timers.fireOnly();
    await waitForAsync(async () => ((await second.records.byKey('sign:T1:1'))?.status === 'submitted' ? true : undefined), 3000, 10);
    expect(await second.messages.send(request())).toMatchObject({ ok: true, repeated: true, message: { status: 'submitted', attempts: 2 } });
    expect(await second.messages.resume()).toBe(0);
    expect(smsc.submitted).toHaveLength(1);
  });

  it("keeps a receipt that comes before the submit's answer, and applies it once the message's id is stored", async () => {
    const { messages, records, gateway } = service(':memory:');
    await waitUntil(() => gateway.isBound);
    smsc.receiptAtOnce = true;
    await messages.send(request());
    const row = await waitForAsync(async () => {
      const found = await records.byKey('sign:T1:1');
      return found?.status === 'delivered' ? found : undefined;
    }, 3000, 10);
    expect(row.providerId).toBe('smsc-1');
    expect(log.lines().filter((line) => String(line.msg).startsWith('delivery report for no known message')).map((line) => line.providerId)).toEqual(['smsc-1']);
  });

  it('answers a receipt it could not store with a temporary error, so the centre sends it again', async () => {
    const { messages, gateway } = service(':memory:');
    await waitUntil(() => gateway.isBound);
    await messages.send(request());
    smsc.receipt('smsc-1', 'DELIVRD');
    await waitUntil(() => smsc.receiptAnswers.length === 1);
    expect(smsc.receiptAnswers).toEqual([0]);
    opened[0]?.database.close();
    smsc.receipt('smsc-1', 'DELIVRD');
    await waitUntil(() => smsc.receiptAnswers.length === 2);
    expect(smsc.receiptAnswers).toEqual([0, 0x64]);
    expect(log.lines().some((line) => line.msg === 'delivery report not kept')).toBe(true);
  });

  it('two servers over one database make each attempt once: the one that claims it', async () => {
    const file = dbFile();
    const a = service(file);
    const b = service(file);
    await waitUntil(() => a.gateway.isBound && b.gateway.isBound);
    smsc.refusals.push(0x58);
    const sent = await a.messages.send(request());
    expect(sent).toMatchObject({ ok: true, message: { status: 'queued', attempts: 1 } });
    expect(await b.messages.resume()).toBe(1);
    a.timers.fireOnly();
    b.timers.fireOnly();
    await waitForAsync(async () => ((await a.records.byKey('sign:T1:1'))?.status === 'submitted' ? true : undefined), 3000, 10);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(smsc.submitted).toHaveLength(1);
    expect(await b.records.byKey('sign:T1:1')).toMatchObject({ status: 'submitted', attempts: 2 });
  });

  it('refuses an unknown template, parameters that do not fit, a bad number or key, and stores nothing', async () => {
    const { messages, records } = service(':memory:');
    expect(await messages.send({ ...request(), templateId: 'nope' })).toMatchObject({ ok: false, code: 'MESSAGE_TEMPLATE_UNKNOWN' });
    expect(await messages.send({ ...request(), params: { number: 'x' } })).toMatchObject({ ok: false, code: 'MESSAGE_PARAMS_INVALID' });
    expect(await messages.send({ ...request(), to: '12345' })).toMatchObject({ ok: false, code: 'MESSAGE_RECIPIENT_INVALID' });
    expect(await messages.send({ ...request(), key: 'has space' })).toMatchObject({ ok: false, code: 'MESSAGE_KEY_INVALID' });
    expect(await records.queued(10)).toEqual([]);
  });
});
