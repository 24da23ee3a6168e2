// Transfer from the agent desktop in a real browser against a real Asterisk: agent 8003 answers,
// sends the caller to the elderly desk, and the call reaches agent 8001 while 8003's card closes.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { CallerEvent } from '../../src/tools/citizen-caller.js';
import { testQueuesFile } from '../helpers/test-config-files.js';
import { startTestCaller, type TestCaller } from '../helpers/test-caller.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { waitFor } from '../helpers/wait.js';
import { launchBrowser, screenshot, signIn, type TestBrowser } from './browser.js';

const runtime = inject('pbxRuntime');

describe('transfer from the agent desktop (real browser, real Asterisk)', () => {
  let server: TestServer;
  let sim: TestCaller;
  let browser: TestBrowser;

  beforeAll(async () => {
    server = await startTestServer(runtime, 'e2e-transfer', { HOTLINE_QUEUES_FILE: testQueuesFile(), HOTLINE_AUTO_LOGIN: 'none', HOTLINE_DEMO_ANSWER_AFTER: '1' });
    sim = await startTestCaller(runtime, 'citizen-sim-e2e-transfer');
    browser = await launchBrowser({ deskPhone: true });
  });
  afterAll(async () => {
    await browser?.close();
    await sim?.stop();
    await server?.close();
  });

  it('transfers a conversation to the elderly desk', async () => {
    const page = await browser.newPage();
    await signIn(page, `${server.url}/`, '8003');
    await page.waitForSelector('#connection[data-state="connected"]');
    await page.keyboard.press('Alt+R');
    await page.waitForSelector('#agent-state[data-state="available"]');

    const events: CallerEvent[] = [];
    const call = sim.caller.call({ from: '13800007004', to: '12345', holdSeconds: 24 }, (event) => events.push(event));
    await page.waitForSelector('#pop[data-phase="talking"]', { timeout: 30_000 });
    const callId = await page.getAttribute('#pop', 'data-call-id');
    // The elderly desk's agent signs in only now, so the call could not have gone there first.
    expect(await server.acd.login('8001')).toBeNull();

    await page.keyboard.press('Alt+T');
    expect(await page.locator(':focus').getAttribute('id')).toBe('transfer-queue');
    await page.selectOption('#transfer-queue', 'elderly');
    await page.click('#btn-transfer');
    await expect.poll(() => page.textContent('#call-action-message')).toBe('已转接');
    await waitFor(() => server.callService.activeCalls().find((c) => c.callId === callId && c.phase === 'talking' && c.agentId === '8001'), 15_000, 50);
    // 8003 is released: the card no longer offers call actions.
    await page.waitForSelector('#pop[data-phase="ended"]');
    expect(await page.isEnabled('#btn-transfer')).toBe(false);
    await screenshot(page, 'agent-desktop-transferred');

    await call;
    expect(events.filter((event) => event.event === 'answered').map((event) => (event as { agent: string }).agent)).toEqual(['8003', '8001']);
    expect(browser.pageErrors).toEqual([]);
    await page.close();
  }, 120_000);
});
