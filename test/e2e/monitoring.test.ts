// Monitoring from the wallboard in a real browser: agent 8003 answers a citizen on the desktop and
// raises a hand (举手); the supervisor's wallboard lists it with a chime, and one click listens to
// that call (their demo phone rings and hears it; the hand goes down); from the agent's row the
// supervisor switches to whisper, and the agent's desktop shows the 密语 banner; back to
// listening (silent: the banner goes), then 强插 shows it again, and ending the session clears it;
// 强拆 needs a second press; listening again, 拦截 takes the citizen from the agent, whose desktop
// says so, and the ticket names the supervisor; QA, on the call's page, sees each span the
// supervisor was on it, on the recording's clock.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { CallerEvent } from '../../src/tools/citizen-caller.js';
import { testQueuesFile } from '../helpers/test-config-files.js';
import { startTestCaller, type TestCaller } from '../helpers/test-caller.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { getTicket } from '../helpers/ticket-rows.js';
import { waitFor, waitForAsync } from '../helpers/wait.js';
import { launchBrowser, screenshot, signIn, type TestBrowser } from './browser.js';

const runtime = inject('pbxRuntime');

describe('monitoring from the wallboard (real browser, real Asterisk)', () => {
  let server: TestServer;
  let sim: TestCaller;
  let browser: TestBrowser;

  beforeAll(async () => {
    server = await startTestServer(runtime, 'e2e-monitoring', { HOTLINE_QUEUES_FILE: testQueuesFile({ ringTimeoutSeconds: 15 }), HOTLINE_AUTO_LOGIN: 'none', HOTLINE_DEMO_ANSWER_AFTER: '1' });
    sim = await startTestCaller(runtime, 'citizen-sim-e2e-monitoring');
    browser = await launchBrowser({ deskPhone: true });
  });
  afterAll(async () => {
    await browser?.close();
    await sim?.stop();
    await server?.close();
  });

  it('listens, whispers (the agent sees the banner), barges and takes the caller over from the agent’s row', async () => {
    const desk = await browser.newPage();
    await signIn(desk, `${server.url}/`, '8003');
    await desk.waitForSelector('#connection[data-state="connected"]');
    await desk.click('#btn-ready');
    await desk.waitForSelector('#agent-state[data-state="available"]');
    const board = await browser.newPage();
    await signIn(board, `${server.url}/wallboard`, 'supervisor');

    const events: CallerEvent[] = [];
    const call = sim.caller.call({ from: '13800007041', to: '12345', holdSeconds: 90 }, (event) => events.push(event));
    await desk.waitForSelector('#pop[data-phase="talking"]', { timeout: 30_000 });
    const dialing = await waitFor(() => events.find((event) => event.event === 'dialing'));
    const callId = dialing.event === 'dialing' ? dialing.callId : '';

    // 举手: the agent asks for help; the wallboard lists the hand (with its chime) and listens in one click.
    await desk.click('#btn-help');
    await desk.waitForSelector('#btn-help[aria-pressed="true"]');
    await board.waitForSelector(`#wb-help li[data-agent="8003"][data-call="${callId}"]`, { timeout: 10_000 });
    expect(await board.getAttribute('section[aria-labelledby="wb-help-title"]', 'data-chimed-at')).toBeTruthy();
    await screenshot(board, 'wallboard-hand-raised');
    await board.click(`#wb-help button[data-help-listen="${callId}"]`);
    const row = `#wb-agents tr[data-agent="8003"] td.monitor[data-call="${callId}"]`;
    await board.waitForSelector(`${row}[data-monitoring="listen"]`, { timeout: 15_000 });
    // The hand went down with the supervisor's coming; silent listening shows the agent nothing.
    await desk.waitForSelector('#btn-help[aria-pressed="false"]', { timeout: 5000 });
    await board.waitForSelector('#wb-help li', { state: 'detached', timeout: 5000 });
    expect(await desk.isHidden('#monitor-banner')).toBe(true);

    await board.click(`${row} button[data-monitor="whisper"]`);
    await board.waitForSelector(`${row}[data-monitoring="whisper"]`, { timeout: 15_000 });
    await desk.waitForSelector('#monitor-banner[data-mode="whisper"]', { timeout: 5000 });
    expect(await desk.textContent('#monitor-banner')).toContain('密语');
    await screenshot(desk, 'agent-desktop-whispered');
    await screenshot(board, 'wallboard-whispering');

    await board.click(`${row} button[data-monitor="listen"]`);
    await desk.waitForSelector('#monitor-banner[data-mode="none"]', { state: 'hidden', timeout: 15_000 });
    await board.click(`${row} button[data-monitor="barge"]`);
    await desk.waitForSelector('#monitor-banner[data-mode="barge"]', { timeout: 15_000 });

    await board.click(`${row} button[data-monitor="stop"]`);
    await desk.waitForSelector('#monitor-banner', { state: 'hidden', timeout: 15_000 });
    await board.waitForSelector(`${row}[data-monitoring="none"]`, { timeout: 10_000 });
    // 强拆 asks for a second press; the first only arms it.
    await board.click(`${row} button[data-monitor="release"]`);
    await board.waitForSelector(`${row} button[data-monitor="release"][data-armed="true"]`);
    expect(await board.textContent(`${row} button[data-monitor="release"]`)).toBe('再按一次强拆');

    // 拦截: listening again, the supervisor takes the citizen; the agent sees why their call left them.
    await board.click(`${row} button[data-monitor="listen"]`);
    await board.waitForSelector(`${row}[data-monitoring="listen"]`, { timeout: 15_000 });
    await board.click(`${row} button[data-monitor="take-over"]`);
    await desk.waitForSelector('#monitor-banner[data-mode="take-over"]', { timeout: 15_000 });
    expect(await desk.textContent('#monitor-banner')).toContain('拦截');
    await screenshot(desk, 'agent-desktop-taken-over');
    await board.waitForSelector(`#wb-agents tr[data-agent="8003"] td.monitor:not([data-call])`, { timeout: 10_000 });
    expect(board.url()).toContain('/wallboard');
    await sim.ari.hangup(callId);
    await call;
    expect((await waitFor(() => getTicket(server, callId), 15_000)).agentId).toBe('supervisor');

    // QA sees where the supervisor was on the call, on the recording's clock, in order.
    await waitForAsync(async () => ((await server.office.recordings.get(`call-${callId}`))?.state === 'ready' ? true : undefined), 15_000);
    const qa = await browser.newPage();
    await signIn(qa, `${server.url}/qa`, 'qa');
    const callRow = qa.locator(`tr[data-call-id="${callId}"]`);
    await callRow.waitFor();
    await callRow.locator('button[data-action="open"]').click();
    await qa.waitForSelector('#qa-monitored li');
    const spans = await qa.locator('#qa-monitored li').evaluateAll((items) => items.map((item) => item.getAttribute('data-mode')));
    expect(spans).toEqual(['listen', 'whisper', 'listen', 'barge', 'listen']);
    expect(await qa.textContent('#qa-monitored li')).toMatch(/^\d{2}:\d{2} – \d{2}:\d{2} · 监听 · supervisor$/);
    await screenshot(qa, 'qa-monitored-spans');
    expect(browser.pageErrors).toEqual([]);
  }, 120_000);
});
