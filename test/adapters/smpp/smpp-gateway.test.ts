// The SMPP adapter against a real SMPP server on loopback (the smpp package's own, acting as the
// message centre): bind with the configured system id and password, Chinese text in UCS2, a long
// text in message_payload, delivery receipts (delivered, failed) read back by message id, a refused
// bind, a dropped link re-bound, a frozen centre noticed by enquire_link, and a request time limit.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeliveryReport } from '../../../src/app/ports/text-messages.js';
import { SmppGateway, type SmppGatewayOptions } from '../../../src/adapters/smpp/smpp-gateway.js';
import { SmppError } from '../../../src/adapters/smpp/smpp-error.js';
import { capturedLog, type CapturedLog } from '../../helpers/log-lines.js';
import { TestSmsc } from '../../helpers/test-smsc.js';
import { waitUntil } from '../../helpers/wait.js';

const PASSWORD = 'Sm7319pw';
const SHORT = '【12345热线】您单位有新工单GD20261205001待签收，请于5分钟内登录系统签收。';
const LONG = `【12345热线】${'您单位工单GD20261205001已超过5分钟未签收，请立即登录系统签收。'.repeat(3)}`;

let smsc: TestSmsc;
let gateway: SmppGateway | undefined;
let log: CapturedLog;

function open(overrides: Partial<SmppGatewayOptions> = {}): { gateway: SmppGateway; reports: DeliveryReport[] } {
  const opened = new SmppGateway({ host: '127.0.0.1', port: overrides.port ?? smsc.port, systemId: 'hotline', password: PASSWORD, systemType: '', sourceAddress: '12345', requestTimeoutMs: 400, enquireLinkIntervalMs: 200, reconnectInitialMs: 50, reconnectMaxMs: 200, logger: log.logger, now: Date.now, ...overrides });
  const reports: DeliveryReport[] = [];
  opened.onReport(async (report) => {
    reports.push(report);
  });
  opened.start();
  gateway = opened;
  return { gateway: opened, reports };
}

const text = (to: string, body: string) => ({ messageId: 'm-1', to, text: body, signature: '12345热线', platformCode: 'SMS_1', params: {} });

beforeEach(async () => {
  smsc = await TestSmsc.start({ systemId: 'hotline', password: PASSWORD });
  log = capturedLog();
});

afterEach(async () => {
  await gateway?.close();
  expect(gateway?.armedTimers ?? 0).toBe(0);
  gateway = undefined;
  await smsc.close();
});

describe('SMPP gateway', () => {
  it('binds, submits Chinese text in UCS2 with a receipt asked for, and reads the receipts back', async () => {
    const { gateway, reports } = open();
    await waitUntil(() => gateway.isBound);
    const first = await gateway.submit(text('13800001111', SHORT));
    const second = await gateway.submit(text('+8613900002222', LONG));
    expect(smsc.submitted).toEqual([
      { messageId: first.providerId, to: '13800001111', from: '12345', text: SHORT, dataCoding: 8, payload: false, registeredDelivery: 1 },
      { messageId: second.providerId, to: '8613900002222', from: '12345', text: LONG, dataCoding: 8, payload: true, registeredDelivery: 1 },
    ]);
    smsc.receipt(first.providerId, 'DELIVRD');
    smsc.receipt(second.providerId, 'UNDELIV', '001', true);
    await waitUntil(() => reports.length === 2);
    expect(reports.map(({ providerId, outcome, code }) => ({ providerId, outcome, code }))).toEqual([
      { providerId: first.providerId, outcome: 'delivered', code: 'DELIVRD' },
      { providerId: second.providerId, outcome: 'failed', code: 'UNDELIV:001' },
    ]);
    expect(log.text()).not.toContain(PASSWORD);
  });

  it('a refused bind is retried with a growing delay, logged without the password', async () => {
    const { gateway } = open({ password: 'wrongpw1' });
    await waitUntil(() => smsc.binds.length >= 3, 3000);
    expect(gateway.isBound).toBe(false);
    expect(smsc.binds.every((bind) => !bind.accepted)).toBe(true);
    await expect(gateway.submit(text('13800001111', SHORT))).rejects.toMatchObject({ code: 'SMPP_NOT_BOUND', transient: true });
    expect(log.lines().find((line) => line.msg === 'SMPP bind failed')).toMatchObject({ code: 'SMPP_BIND_REFUSED', systemId: 'hotline' });
    expect(log.text()).not.toContain('wrongpw1');
  });

  it('binds again after the centre drops the link, and submits on the new link', async () => {
    const { gateway } = open();
    await waitUntil(() => gateway.isBound);
    smsc.dropLinks();
    await waitUntil(() => !gateway.isBound);
    await waitUntil(() => gateway.isBound && smsc.boundLinks === 1, 3000);
    expect(smsc.binds.filter((bind) => bind.accepted)).toHaveLength(2);
    await expect(gateway.submit(text('13800001111', SHORT))).resolves.toMatchObject({ providerId: 'smsc-1' });
  });

  it('a submit the centre never answers fails SMPP_TIMEOUT, transient, and the link keeps working', async () => {
    const { gateway } = open({ enquireLinkIntervalMs: 60_000 });
    await waitUntil(() => gateway.isBound);
    smsc.unansweredSubmits = 1;
    const failure = await gateway.submit(text('13800001111', SHORT)).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SmppError);
    expect(failure).toMatchObject({ code: 'SMPP_TIMEOUT', transient: true });
    await expect(gateway.submit(text('13800001111', SHORT))).resolves.toMatchObject({ providerId: 'smsc-1' });
  });

  it('tells a busy centre (throttled) from a refusal for good', async () => {
    const { gateway } = open();
    await waitUntil(() => gateway.isBound);
    smsc.refusals.push(0x58, 0x0b);
    await expect(gateway.submit(text('13800001111', SHORT))).rejects.toMatchObject({ code: 'SMPP_BUSY', transient: true, commandStatus: 0x58 });
    await expect(gateway.submit(text('13800001111', SHORT))).rejects.toMatchObject({ code: 'SMPP_REFUSED', transient: false, commandStatus: 0x0b });
    await expect(gateway.submit(text('13800001111', '短'.repeat(671)))).rejects.toMatchObject({ code: 'SMPP_TEXT_TOO_LONG', transient: false });
  });

  it('keeps the link alive with enquire_link, and drops and re-binds a centre that falls silent', async () => {
    const { gateway } = open();
    await waitUntil(() => gateway.isBound);
    await waitUntil(() => smsc.enquireLinks >= 2, 3000);
    smsc.silent = true;
    await waitUntil(() => !gateway.isBound, 3000);
    expect(log.lines().some((line) => line.msg === 'SMPP enquire_link unanswered: the link is dropped')).toBe(true);
    smsc.silent = false;
    await waitUntil(() => gateway.isBound, 3000);
  });
});

describe('SMPP gateway without a centre', () => {
  it('says once that the link could not be opened, and binds when the centre comes', async () => {
    const port = smsc.port;
    await smsc.close();
    const { gateway } = open({ port });
    await waitUntil(() => log.lines().filter((line) => line.msg === 'SMPP link could not be opened; trying again').length === 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(log.lines().filter((line) => line.msg === 'SMPP link could not be opened; trying again')).toHaveLength(1);
    await expect(gateway.submit(text('13800001111', SHORT))).rejects.toMatchObject({ code: 'SMPP_NOT_BOUND' });
    smsc = await TestSmsc.start({ systemId: 'hotline', password: PASSWORD, port });
    await waitUntil(() => gateway.isBound, 3000);
  });
});
