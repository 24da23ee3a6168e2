// The QA page in a real browser against a real Asterisk: a citizen's call is answered and recorded,
// then QA signs in, finds the call, plays its recording and scores it.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { testQueuesFile } from '../helpers/test-config-files.js';
import { startTestCaller, type TestCaller } from '../helpers/test-caller.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { waitForAsync } from '../helpers/wait.js';
import { launchBrowser, screenshot, signIn, unlabelledFields, type TestBrowser } from './browser.js';

const runtime = inject('pbxRuntime');

describe('QA page (real browser, real Asterisk)', () => {
  let server: TestServer;
  let sim: TestCaller;
  let browser: TestBrowser;

  beforeAll(async () => {
    server = await startTestServer(runtime, 'e2e-qa', { HOTLINE_QUEUES_FILE: testQueuesFile(), HOTLINE_AUTO_LOGIN: 'none', HOTLINE_DEMO_ANSWER_AFTER: '1' });
    sim = await startTestCaller(runtime, 'citizen-sim-e2e-qa');
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await sim?.stop();
    await server?.close();
  });

  it('qa finds an answered call, plays its recording, scores it and sees the total', async () => {
    const login = await server.as('8003')({ method: 'POST', url: '/api/agents/8003/login' });
    expect(login.statusCode).toBe(200);
    const outcome = await sim.caller.call({ from: '13800007001', to: '12345', holdSeconds: 14 });
    expect(outcome.events.some((event) => event.event === 'answered')).toBe(true);
    const recordingId = `call-${outcome.callId}`;
    const recording = await waitForAsync(async () => {
      const found = await server.office.recordings.get(recordingId);
      return found?.state === 'ready' ? found : undefined;
    }, 15_000);
    expect(recording.durationMs).toBeGreaterThan(2000);

    const page = await browser.newPage();
    await signIn(page, `${server.url}/qa`, 'qa');
    const row = page.locator(`tr[data-call-id="${outcome.callId}"]`);
    await row.waitFor();
    await row.locator('button[data-action="open"]').click();
    await expect.poll(() => page.textContent('#qa-caller-number')).toBe('13800007001');
    expect(await page.textContent('#qa-ivr-path')).not.toBe('–');
    // The server's words are shown in the page's language, none raw.
    expect(await page.textContent('#qa-ticket-status')).toBe('已受理');
    expect(await page.textContent('#qa-facts')).not.toContain('未翻译');

    // The recording plays from the page with the session cookie: the browser decodes it...
    const audio = page.locator('audio.qa-audio').first();
    expect(await audio.getAttribute('src')).toBe(`/api/recordings/${recordingId}`);
    // Runs in the page; typed structurally, as the Node-side type check has no DOM library.
    const mediaDuration = (): Promise<number> => audio.evaluate((element: { duration: number }) => (Number.isFinite(element.duration) ? element.duration : 0));
    await expect.poll(mediaDuration, { timeout: 10_000 }).toBeGreaterThan(0);
    expect(Math.abs((await mediaDuration()) * 1000 - (recording.durationMs ?? 0))).toBeLessThan(500);
    // ...and a ranged GET from the page, like the player's seeking, gets a partial answer.
    const ranged = await page.evaluate(async (url) => (await fetch(url, { headers: { range: 'bytes=0-99' } })).status, `/api/recordings/${recordingId}`);
    expect(ranged).toBe(206);

    // Who listened (from the audit log): after the page plays the recording, the list is read again
    // and shows qa's reads, the ranged one above among them, and links the call's log as CSV.
    await audio.evaluate(async (element: { muted: boolean; play: () => Promise<void> }) => {
      // Muted, so the browser's autoplay policy lets a script start it.
      element.muted = true;
      await element.play();
    });
    const accessRows = (): Promise<string[][]> =>
      page.locator('#qa-access-rows tr').evaluateAll((rows: { cells: ArrayLike<{ textContent: string | null }> }[]) => rows.map((row) => Array.from(row.cells, (cell) => cell.textContent ?? '')));
    await expect.poll(async () => (await accessRows()).map((cells) => cells.slice(1).join(' ')), { timeout: 10_000 }).toContain('qa 质检员 允许 bytes=0-99');
    expect((await accessRows()).every(([, user]) => user === 'qa')).toBe(true);
    const accessCsv = await page.evaluate(async (url) => {
      const response = await fetch(url);
      return { status: response.status, body: await response.text() };
    }, (await page.getAttribute('#qa-access-csv', 'href')) ?? '');
    expect(accessCsv.status).toBe(200);
    expect(accessCsv.body).toContain(`qa,qa,recording.play,recording:${recordingId},ok`);

    // The standard form: every weighted item starts at full marks; take two points off the greeting.
    await page.fill('#score-greeting', '8');
    await page.click('#qa-review-submit');
    await expect.poll(() => page.textContent('#qa-review-total')).toBe('98');
    expect(await page.textContent('#qa-review-grade')).toBe('优秀');
    await expect.poll(() => row.locator('td.reviews').textContent()).toContain('98');
    const stored = server.database.sqlite.prepare('select reviewer, total, agent_id as agentId from qa_reviews where call_id = ?').all(outcome.callId);
    expect(stored).toEqual([{ reviewer: 'qa', total: 98, agentId: '8003' }]);
    await screenshot(page, 'qa-page-scored');
    expect(await unlabelledFields(page)).toEqual([]);

    // A second review the server refuses shows its error code on the page.
    await page.fill('#score-greeting', '11');
    await page.click('#qa-review-submit');
    await expect.poll(() => page.textContent('#qa-review-result')).toMatch(/QA_/);
    // ...beside a sentence in the page's language.
    expect(await page.textContent('#qa-review-result')).toMatch(/^错误：.+（错误码 QA_[A-Z_]+）$/);

    // The day's tools: a 100% sample holds the call, the summary lists the agent, the CSV downloads.
    await page.fill('#qa-sample-percent', '100');
    await page.click('#qa-sample-draw');
    await expect.poll(() => page.textContent('#qa-sample-result')).toContain(outcome.callId);
    await page.click('#qa-summary-load');
    await expect.poll(() => page.textContent('#qa-summary-result')).toContain('8003');
    const csvUrl = (await page.getAttribute('#qa-csv', 'href')) ?? '';
    const csv = await page.evaluate(async (url) => {
      const response = await fetch(url);
      return { status: response.status, body: await response.text() };
    }, csvUrl);
    expect(csv.status).toBe(200);
    expect(csv.body).toContain(outcome.callId);

    // English, remembered across reloads; the session stays signed in.
    await Promise.all([page.waitForEvent('load'), page.selectOption('#lang-switch', 'en')]);
    await expect.poll(() => page.textContent('#qa-search')).toBe('Search');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.reload();
    await expect.poll(() => page.textContent('#qa-search')).toBe('Search');
    expect(browser.pageErrors).toEqual([]);
    await page.close();
  });
});
