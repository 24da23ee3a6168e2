// The wallboard in a real browser against a real Asterisk: the supervisor sees an elderly citizen's
// call waiting in the elderly queue, then answered by the one agent signed in, a general agent: the
// queue's second choice, which the wallboard counts beside the answers.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { testQueuesFile } from '../helpers/test-config-files.js';
import { startTestCaller, type TestCaller } from '../helpers/test-caller.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { launchBrowser, screenshot, signIn, unlabelledFields, type TestBrowser } from './browser.js';

const runtime = inject('pbxRuntime');

describe('wallboard (real browser, real Asterisk)', () => {
  let server: TestServer;
  let sim: TestCaller;
  let browser: TestBrowser;

  beforeAll(async () => {
    server = await startTestServer(runtime, 'e2e-wallboard', { HOTLINE_QUEUES_FILE: testQueuesFile({ ringTimeoutSeconds: 10 }), HOTLINE_AUTO_LOGIN: 'none', HOTLINE_DEMO_ANSWER_AFTER: '1' });
    sim = await startTestCaller(runtime, 'citizen-sim-e2e-wallboard');
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await sim?.stop();
    await server?.close();
  });

  it('shows the call waiting, then answered, and the day’s indicators', async () => {
    // The only agent (general skills, the elderly queue's second choice) is signed in but paused, so
    // the call has to wait in its queue.
    const agent = server.as('8003');
    expect((await agent({ method: 'POST', url: '/api/agents/8003/login' })).statusCode).toBe(200);
    expect((await agent({ method: 'POST', url: '/api/agents/8003/pause', payload: { reason: 'meeting' } })).statusCode).toBe(200);

    const page = await browser.newPage();
    await signIn(page, `${server.url}/wallboard`, 'supervisor');
    await page.waitForSelector('#connection[data-state="connected"]');
    await page.waitForSelector('#wb-agents tr[data-agent="8003"][data-state="paused"]');
    // The agent's state and pause reason in the supervisors' words, and how callers are admitted.
    expect(await page.textContent('#wb-agents tr[data-agent="8003"] td')).toBe('小休 · 会议');
    expect(await page.textContent('#wb-updated')).toContain('接入方式：正常接入');
    await page.waitForSelector('#wb-answer-rate');

    // A registered elderly caller: no menus, straight to the elderly queue (爱心专席).
    const call = sim.caller.call({ from: '13900000065', to: '12345', holdSeconds: 25 });
    const elderly = (field: string) => page.locator(`#wb-queues tr[data-queue="elderly"] td[data-field="${field}"]`);
    const waiting = elderly('waiting');
    await expect.poll(() => waiting.textContent(), { timeout: 20_000 }).toBe('1');
    await screenshot(page, 'wallboard-waiting');
    expect(await unlabelledFields(page)).toEqual([]);

    expect((await agent({ method: 'POST', url: '/api/agents/8003/resume' })).statusCode).toBe(200);
    await page.waitForSelector('#wb-agents tr[data-agent="8003"][data-state="on_call"]', { timeout: 15_000 });
    await expect.poll(() => elderly('answeredToday').textContent(), { timeout: 10_000 }).toBe('1');
    expect(await waiting.textContent()).toBe('0');
    // Answered in the elderly queue by a general agent: counted there as taken by the second choice.
    expect(await elderly('answeredBySecondChoiceToday').textContent()).toBe('1');
    expect(await page.textContent('#wb-queues tr[data-queue="general"] td[data-field="answeredBySecondChoiceToday"]')).toBe('0');
    expect(await page.locator('#wb-queues thead th').allTextContents()).toContain('其中他组代接');
    await screenshot(page, 'wallboard-answered');
    await call;
    // The daily report counts the call once it has ended (the page reads it at load, then every minute).
    await page.reload();
    await expect.poll(() => page.textContent('#wb-answer-rate'), { timeout: 10_000 }).toBe('100.0%');
    expect(browser.pageErrors).toEqual([]);
    await page.close();
  }, 120_000);
});
