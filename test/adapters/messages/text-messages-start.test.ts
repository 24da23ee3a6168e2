// Text messages as the server starts them from its settings: by default nothing is sent and each
// message is stored as not sent (MESSAGE_NO_GATEWAY); with HOTLINE_SMS_GATEWAY=smpp the configured
// centre is bound and the messages a stopped server left queued are sent at start.
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/adapters/db/open-database.js';
import { TextMessageStore } from '../../../src/adapters/db/text-message-store.js';
import { startTextMessages, type TextMessages } from '../../../src/boot/text-messages.js';
import { loadConfig } from '../../../src/config.js';
import { capturedLog } from '../../helpers/log-lines.js';
import { TestSmsc } from '../../helpers/test-smsc.js';
import { waitForAsync } from '../../helpers/wait.js';

const request = { key: 'sign:T9:1', templateId: 'order-to-sign', params: { number: 'GD20261205009', minutes: '5' }, to: '13800001111' };
const started: TextMessages[] = [];
let smsc: TestSmsc | undefined;

afterEach(async () => {
  for (const texts of started.splice(0)) await texts.stop();
  await smsc?.close();
  smsc = undefined;
});

describe('text messages at start-up', () => {
  it('by default sends nothing and stores each message as not sent', async () => {
    const records = new TextMessageStore(openDatabase(':memory:').db);
    const texts = await startTextMessages(loadConfig({}), { records, logger: capturedLog().logger, resumeHere: () => true });
    started.push(texts);
    expect([texts.gateway.kind, texts.reports]).toEqual(['none', null]);
    expect(await texts.service.send(request)).toMatchObject({ ok: true, message: { status: 'failed', attempts: 1, failureCode: 'MESSAGE_NO_GATEWAY', failureReason: expect.stringContaining('no message centre configured') } });
  });

  it('with smpp binds the configured centre and sends what was left queued', async () => {
    smsc = await TestSmsc.start({ systemId: 'hotline', password: 'pw123456' });
    const records = new TextMessageStore(openDatabase(':memory:').db);
    await records.createOnce({ id: 'left-1', key: request.key, templateId: request.templateId, recipient: request.to, params: request.params, text: '【12345热线】您单位有新工单GD20261205009待签收，请于5分钟内登录系统签收。', createdAt: Date.now() });
    const config = loadConfig({ HOTLINE_SMS_GATEWAY: 'smpp', HOTLINE_SMPP_PORT: String(smsc.port), HOTLINE_SMPP_PASSWORD: 'pw123456', HOTLINE_SMS_TIMEOUT_MS: '500' });
    const texts = await startTextMessages(config, { records, logger: capturedLog().logger, resumeHere: () => true });
    started.push(texts);
    // The first attempt may come before the bind (SMPP_NOT_BOUND, tried again 2 s later).
    const row = await waitForAsync(async () => {
      const found = await records.byId('left-1');
      return found?.status === 'submitted' ? found : undefined;
    }, 8000, 50);
    expect(row).toMatchObject({ gateway: 'smpp', providerId: 'smsc-1' });
    expect(smsc.submitted.map((s) => s.text)).toEqual([row.text]);
  });
});
