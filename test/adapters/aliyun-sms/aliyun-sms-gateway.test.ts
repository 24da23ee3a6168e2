// The Alibaba Cloud SMS adapter against a stand-in that follows the platform's published API
// (signature, templates, documented refusals), and its delivery reports pushed over HTTP to the
// server's route: a message sent, a signature mismatch, an unknown template, a bad number, a 5xx
// tried again by the service, a stall timed out, and pushed reports kept on the stored messages.
import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AliyunSmsGateway, type AliyunSmsOptions } from '../../../src/adapters/aliyun-sms/aliyun-sms-gateway.js';
import { openDatabase } from '../../../src/adapters/db/open-database.js';
import { TextMessageStore } from '../../../src/adapters/db/text-message-store.js';
import { loadTextTemplates } from '../../../src/adapters/messages/template-file.js';
import { TextMessageService } from '../../../src/app/messages/text-message-service.js';
import { AliyunSmsStandin } from '../../helpers/aliyun-sms-standin.js';
import { FakeTimers } from '../../helpers/fake-timers.js';
import { startHttpTestApp, type HttpTestApp } from '../../helpers/http-app.js';
import { capturedLog, type CapturedLog } from '../../helpers/log-lines.js';
import { waitForAsync } from '../../helpers/wait.js';

const SECRET = 'standin-secret-4242';
const templates = loadTextTemplates('fixtures/sms-templates.yaml');
const account = { accessKeyId: 'LTAI-hotline', accessKeySecret: SECRET, signNames: ['12345热线'], templates: Object.fromEntries([...templates.byId.values()].map((t) => [t.platformCode, t.params])) };
const outgoing = (fields: Partial<{ to: string; platformCode: string; params: Record<string, string> }> = {}) => ({ messageId: 'm-1', to: '13800001111', text: '', signature: '12345热线', platformCode: 'SMS_400100001', params: { number: 'GD20261205001', minutes: '5' }, ...fields });

let standin: AliyunSmsStandin;
let log: CapturedLog;
const closing: (() => Promise<void>)[] = [];

function gateway(overrides: Partial<AliyunSmsOptions> = {}): AliyunSmsGateway {
  const opened = new AliyunSmsGateway({ endpoint: standin.endpoint, accessKeyId: account.accessKeyId, accessKeySecret: SECRET, regionId: 'cn-hangzhou', timeoutMs: 500, logger: log.logger, now: Date.now, ...overrides });
  closing.push(() => opened.close());
  return opened;
}

beforeEach(async () => {
  standin = await AliyunSmsStandin.start(account);
  log = capturedLog();
});

afterEach(async () => {
  for (const close of closing.splice(0).reverse()) await close();
  await standin.close();
});

describe('Alibaba Cloud SMS gateway', () => {
  it('sends with the signature name, the template code and its parameters, and gets the BizId', async () => {
    const sent = await gateway().submit(outgoing());
    expect(standin.sent).toEqual([{ bizId: sent.providerId, phoneNumbers: '13800001111', signName: '12345热线', templateCode: 'SMS_400100001', templateParam: { number: 'GD20261205001', minutes: '5' }, outId: 'm-1' }]);
    expect(sent.providerId).toMatch(/^\d+\^0$/);
  });

  it('a wrong secret is refused as SignatureDoesNotMatch: a failure for good, the secret in no message', async () => {
    const failure = await gateway({ accessKeySecret: 'not-the-secret' }).submit(outgoing()).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'SMS_PLATFORM_AUTH_FAILED', platformCode: 'SignatureDoesNotMatch', status: 400, transient: false });
    expect(String(failure)).not.toContain('not-the-secret');
    await expect(gateway({ accessKeyId: 'LTAI-other' }).submit(outgoing())).rejects.toMatchObject({ code: 'SMS_PLATFORM_AUTH_FAILED', platformCode: 'InvalidAccessKeyId.NotFound' });
  });

  it('refuses an unknown template, missing parameters and a bad number for good, with the platform codes', async () => {
    const sms = gateway();
    await expect(sms.submit(outgoing({ platformCode: 'SMS_999' }))).rejects.toMatchObject({ code: 'SMS_PLATFORM_REFUSED', platformCode: 'isv.SMS_TEMPLATE_ILLEGAL', transient: false });
    await expect(sms.submit(outgoing({ params: { number: 'A1' } }))).rejects.toMatchObject({ code: 'SMS_PLATFORM_REFUSED', platformCode: 'isv.TEMPLATE_MISSING_PARAMETERS' });
    await expect(sms.submit(outgoing({ to: '12345' }))).rejects.toMatchObject({ code: 'SMS_PLATFORM_REFUSED', platformCode: 'isv.MOBILE_NUMBER_ILLEGAL' });
    expect(standin.sent).toEqual([]);
  });

  it('a 5xx and a stall are transient; an address nobody answers is unreachable', async () => {
    const sms = gateway();
    standin.failures.push(503);
    await expect(sms.submit(outgoing())).rejects.toMatchObject({ code: 'SMS_PLATFORM_FAILED', status: 503, transient: true });
    standin.stalls = 1;
    await expect(sms.submit(outgoing())).rejects.toMatchObject({ code: 'SMS_PLATFORM_TIMEOUT', transient: true });
    await expect(gateway({ endpoint: 'http://127.0.0.1:1/' }).submit(outgoing())).rejects.toMatchObject({ code: 'SMS_PLATFORM_UNREACHABLE', transient: true });
  });
});

describe('Alibaba Cloud SMS through the service and the report route', () => {
  let app: HttpTestApp;
  let callback: string;

  async function setUp(own?: TextMessageStore) {
    const sms = gateway();
    app = await startHttpTestApp({ textReports: { token: 'report-token-1234', accept: (items) => sms.acceptReports(items) } });
    closing.push(() => app.close());
    await app.app.listen({ host: '127.0.0.1', port: 0 });
    callback = `http://127.0.0.1:${(app.app.server.address() as AddressInfo).port}/api/text-messages/reports/aliyun?token=report-token-1234`;
    const timers = new FakeTimers();
    const records = own ?? new TextMessageStore(app.database.db);
    const service = new TextMessageService({ records, gateway: sms, templates, timers, now: Date.now, newId: () => crypto.randomUUID(), logger: log.logger, retry: { maxAttempts: 3, firstDelayMs: 1_000, maxDelayMs: 4_000 } });
    closing.push(async () => service.stop());
    return { service, records, timers };
  }

  const request = (key: string) => ({ key, templateId: 'order-to-sign', params: { number: 'GD20261205001', minutes: '5' }, to: '13800001111' });

  it('tries again after a 5xx, and keeps the pushed delivery reports on the messages', async () => {
    const { service, records, timers } = await setUp();
    standin.failures.push(502);
    const first = await service.send(request('sign:T1:1'));
    expect(first).toMatchObject({ ok: true, message: { status: 'queued', attempts: 1, failureCode: 'SMS_PLATFORM_FAILED' } });
    timers.fireOnly();
    const submitted = await waitForAsync(async () => {
      const row = await records.byKey('sign:T1:1');
      return row?.status === 'submitted' ? row : undefined;
    }, 3000, 10);
    const second = await service.send(request('reply-due:T2'));
    const secondBiz = second.ok ? (second.message.providerId ?? '') : '';
    expect(standin.sent.map((s) => s.outId)).toEqual([submitted.id, second.ok ? second.message.id : '']);

    const pushed = await standin.push(callback, [
      { bizId: submitted.providerId ?? '', success: true, errCode: 'DELIVERED' },
      { bizId: secondBiz, success: false, errCode: 'MK:0001' },
    ]);
    expect(pushed.status).toBe(200);
    expect(JSON.parse(pushed.body)).toEqual({ code: 0, msg: '接收成功' });
    await waitForAsync(async () => ((await records.byKey('reply-due:T2'))?.status === 'failed' ? true : undefined), 3000, 10);
    expect(await records.byKey('sign:T1:1')).toMatchObject({ status: 'delivered', settledAt: Date.UTC(2026, 11, 5, 2, 0, 3) });
    expect(await records.byKey('reply-due:T2')).toMatchObject({ status: 'failed', failureCode: 'MK:0001' });
    expect(log.text()).not.toContain('13800001111');
  });

  it('answers 503 to a push it could not store, so the platform pushes it again', async () => {
    const database = openDatabase(':memory:');
    const { service } = await setUp(new TextMessageStore(database.db));
    const sent = await service.send(request('sign:T4:1'));
    const bizId = sent.ok ? (sent.message.providerId ?? '') : '';
    database.close();
    const pushed = await standin.push(callback, [{ bizId, success: true, errCode: 'DELIVERED' }]);
    expect([pushed.status, JSON.parse(pushed.body).error.code]).toEqual([503, 'STORAGE_BUSY']);
  });

  it('refuses a push without the token, or with a body that is not the platform\'s, and changes nothing', async () => {
    const { service, records } = await setUp();
    const sent = await service.send(request('sign:T3:1'));
    const bizId = sent.ok ? (sent.message.providerId ?? '') : '';
    const wrong = await standin.push(callback.replace('report-token-1234', 'guess'), [{ bizId, success: true, errCode: 'DELIVERED' }]);
    expect([wrong.status, JSON.parse(wrong.body).error.code]).toEqual([401, 'TEXT_REPORT_TOKEN_INVALID']);
    const bad = await app.app.inject({ method: 'POST', url: '/api/text-messages/reports/aliyun?token=report-token-1234', payload: [{ biz_id: bizId, success: 'yes' }] });
    expect([bad.statusCode, bad.json<{ error: { code: string } }>().error.code]).toEqual([400, 'REQUEST_INVALID']);
    expect(await records.byKey('sign:T3:1')).toMatchObject({ status: 'submitted' });
  });
});
