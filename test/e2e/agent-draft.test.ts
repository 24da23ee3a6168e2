// The work order while the citizen speaks, in a real browser against a real Asterisk: the form
// opens when agent 8003's phone answers, prefilled from the pop; what the agent types is saved as the
// call's draft (the page says so); saves that fail are tried again until the server takes one; the
// page is reloaded during the call, once right after typing (before the save could leave), and the
// text is still there; after hang-up the same form is on the ticket, which already has the text, and
// the agent submits it.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { testQueuesFile } from '../helpers/test-config-files.js';
import { startTestCaller, type TestCaller } from '../helpers/test-caller.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { waitFor, waitUntil } from '../helpers/wait.js';
import type { Route } from 'playwright-core';
import { launchBrowser, screenshot, signIn, type TestBrowser } from './browser.js';

const runtime = inject('pbxRuntime');

interface TicketText {
  requestType: string | null;
  title: string | null;
  description: string | null;
  location: string | null;
  agentId: string | null;
  callerNumber: string;
  talkMs: number;
  filedBy: string | null;
}

describe('the work order during the call (real browser, real Asterisk)', () => {
  let server: TestServer;
  let sim: TestCaller;
  let browser: TestBrowser;

  beforeAll(async () => {
    server = await startTestServer(runtime, 'e2e-draft', {
      HOTLINE_QUEUES_FILE: testQueuesFile({ ringTimeoutSeconds: 15, wrapUpSeconds: 120 }),
      HOTLINE_AUTO_LOGIN: 'none',
      HOTLINE_DEMO_ANSWER_AFTER: '1',
    });
    sim = await startTestCaller(runtime, 'citizen-sim-e2e-draft');
    browser = await launchBrowser({ deskPhone: true });
  });
  afterAll(async () => {
    await browser?.close();
    await sim?.stop();
    await server?.close();
  });

  it('opens the form at the answer, keeps what is typed through reloads, and the ticket at hang-up has it', async () => {
    const page = await browser.newPage();
    await signIn(page, `${server.url}/`, '8003');
    await page.waitForSelector('#connection[data-state="connected"]');
    await page.click('#btn-ready');
    await page.waitForSelector('#agent-state[data-state="available"]');

    const call = sim.caller.call({ from: '13800007402', to: '12345', holdSeconds: 30 });
    await page.waitForSelector('#pop[data-phase="talking"]', { timeout: 30_000 });
    await page.waitForSelector('#ticket-card[data-mode="draft"]:not([hidden])', { timeout: 5000 });
    const callId = (await page.getAttribute('#pop', 'data-call-id')) ?? '';
    expect(await page.textContent('#ticket-number')).toBe('');

    await page.selectOption('#ticket-type', 'help');
    await page.fill('#ticket-title', '楼道灯不亮');
    await page.fill('#ticket-description', '三号楼二单元楼道灯坏了一个月');
    await page.waitForSelector('#draft-status[data-state="saved"]', { timeout: 5000 });
    expect(await page.textContent('#draft-status')).toBe('已自动保存');
    await screenshot(page, 'agent-draft-during-call');
    const serverDraft = async (): Promise<unknown> => (await server.as('8003')({ method: 'GET', url: `/api/calls/${callId}/draft` })).json().draft;
    await expect.poll(serverDraft).toMatchObject({ requestType: 'help', title: '楼道灯不亮', description: '三号楼二单元楼道灯坏了一个月' });

    // Saves that fail for a passing reason: the real server cannot be made to drop a request or
    // answer 503 on demand, so the browser does it for this call's draft (the first save gets no
    // answer, the retries a 503). The line says it is not saved and the saver keeps trying.
    const location = '玄武区幸福小区三号楼';
    const isDraft = (url: URL): boolean => url.pathname === `/api/calls/${callId}/draft`;
    /** The place each refused save carried, in order. */
    const refusedSaves: string[] = [];
    const refuse = async (route: Route): Promise<void> => {
      if (route.request().method() !== 'PUT') return route.continue();
      refusedSaves.push(String((JSON.parse(route.request().postData() ?? '{}') as { location?: unknown }).location));
      if (refusedSaves.length === 1) return route.abort('connectionfailed');
      return route.fulfill({ status: 503, json: { error: { code: 'STORAGE_BUSY', message: 'busy' } } });
    };
    await page.route(isDraft, refuse);
    await page.fill('#ticket-location', location);
    // State and words read together: between retries the line says 保存中… while one is under way.
    const line = (state: string, text: string): string => `#draft-status[data-state="${state}"]:text-is("${text}")`;
    await page.waitForSelector(line('retrying', '未保存，正在重试…'), { timeout: 5000 });
    // Leaving the description sent a save at once (without the place yet); the place goes with the
    // retries. Wait until a retry carrying it was refused as well.
    await expect.poll(() => refusedSaves.length >= 2 && refusedSaves.at(-1) === location, { timeout: 15_000 }).toBe(true);
    await page.waitForSelector(line('retrying', '未保存，正在重试…'), { timeout: 5000 });
    expect(await serverDraft()).toMatchObject({ location: '' });
    // The way to the server is open again: the next retry reaches it and the line says saved.
    await page.unroute(isDraft, refuse);
    await page.waitForSelector(line('saved', '已自动保存'), { timeout: 15_000 });
    expect(await serverDraft()).toMatchObject({ location, description: '三号楼二单元楼道灯坏了一个月' });

    // A reload during the call: the form comes back on the call's draft with what the server kept.
    await page.reload();
    await page.waitForSelector('#ticket-card[data-mode="draft"]:not([hidden])', { timeout: 10_000 });
    await expect.poll(() => page.inputValue('#ticket-description')).toBe('三号楼二单元楼道灯坏了一个月');
    expect(await page.inputValue('#ticket-type')).toBe('help');

    // Typed, and the page reloaded at once: the tab's own copy brings it back and saves it.
    const full = '三号楼二单元楼道灯坏了一个月，老人晚上下楼不便。';
    await page.fill('#ticket-description', full);
    await page.reload();
    await page.waitForSelector('#ticket-card[data-mode="draft"]:not([hidden])', { timeout: 10_000 });
    await expect.poll(() => page.inputValue('#ticket-description')).toBe(full);
    await page.waitForSelector('#draft-status[data-state="saved"]', { timeout: 5000 });
    await expect.poll(serverDraft).toMatchObject({ description: full });

    // Hang-up: the same form is now on the ticket, which already has the text.
    const outcome = await call;
    expect(outcome.callId).toBe(callId);
    await page.waitForSelector('#ticket-card[data-mode="ticket"]:not([hidden])', { timeout: 15_000 });
    expect(await page.textContent('#ticket-number')).toMatch(/^\d{8}-\d{6}$/);
    expect(await page.inputValue('#ticket-description')).toBe(full);
    const ticket = (): TicketText | undefined =>
      server.database.sqlite
        .prepare('select request_type as requestType, title, description, location, agent_id as agentId, caller_number as callerNumber, talk_ms as talkMs, filed_by as filedBy from tickets where call_id = ?')
        .get(callId) as TicketText | undefined;
    expect(await waitFor(ticket, 5000)).toMatchObject({ requestType: 'help', title: '楼道灯不亮', description: full, location, agentId: '8003', callerNumber: '13800007402', filedBy: null });
    expect(ticket()?.talkMs).toBeGreaterThan(0);
    await screenshot(page, 'agent-draft-after-call');

    await page.click('#ticket-submit');
    await page.waitForSelector('#ticket-card', { state: 'hidden' });
    expect(ticket()).toMatchObject({ description: full, filedBy: '8003' });
    await waitUntil(() => server.acd.agentState('8003')?.state === 'available', 5000, 50);
    expect(browser.pageErrors).toEqual([]);
    await page.close();
  }, 120_000);
});
