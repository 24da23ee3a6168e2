// The supervisor's browser phone on the wallboard, for real: Chromium in a network namespace (loopback
// is never an ICE candidate) signs in as `supervisor` on /wallboard of a test server that rings
// supervisors at PJSIP/supervisor-{supervisor}-web; the wallboard's phone registers through /sip. A
// citizen's call is answered by agent 8001's demo handset and the citizen plays a 440 Hz tone; the
// supervisor clicks 监听 on the agent's row, the page's phone answers the monitoring call by itself
// (X-Hotline-Monitor) and receives the call's audio (loud, with the citizen's tone in it) over the
// veth; 结束监听 ends the session and the page's call, the citizen hangs up, and no session is left.
// A supervisor whose wallboard phone is not registered (the admin here) is refused MONITOR_NO_PHONE.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { MonitorsReply } from '../../src/contract/api/monitoring.js';
import type { CallerEvent } from '../../src/tools/citizen-caller.js';
import { createTestNetns, netnsUnavailable, type TestNetns } from '../helpers/test-netns.js';
import { startTestCaller, type TestCaller } from '../helpers/test-caller.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { waitFor, waitForAsync } from '../helpers/wait.js';
import { CHROMIUM, launchBrowser, screenshot, signIn, type TestBrowser } from './browser.js';
import { KEEP_PEER_CONNECTIONS, receivedAudio, toneAboveFloor, toneWav, unregisterPhone, webrtcBrowserArgs } from './webrtc-media.js';

const runtime = inject('pbxRuntime');
const CITIZEN_TONE = 440;
const skipReason = netnsUnavailable();

/** The received audio's mean power over a second (totalAudioEnergy grows by level² × seconds): silence is ~0. */
async function receivedPower(page: Page): Promise<number> {
  const before = await receivedAudio(page);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  return (await receivedAudio(page)).audioEnergy - before.audioEnergy;
}

describe.skipIf(skipReason !== null)(`the supervisor's browser phone on the wallboard (real Chromium in a network namespace, real Asterisk)${skipReason ? `: skipped, ${skipReason}` : ''}`, () => {
  let netns: TestNetns;
  let server: TestServer;
  let browser: TestBrowser;
  let board: Page;
  let sim: TestCaller;
  let dir: string;

  beforeAll(async () => {
    netns = createTestNetns();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-supervisor-phone-e2e-'));
    const tone = path.join(dir, 'tone.wav');
    toneWav(tone, 1300);
    server = await startTestServer(runtime, 'e2e-supervisor-phone', { HOTLINE_HTTP_HOST: netns.hostAddress, HOTLINE_SUPERVISOR_ENDPOINT: 'PJSIP/supervisor-{supervisor}-web', HOTLINE_AUTO_LOGIN: 'none' });
    sim = await startTestCaller(runtime, 'citizen-sim-e2e-supervisor-phone');
    browser = await launchBrowser({ executablePath: netns.wrapper(CHROMIUM), args: webrtcBrowserArgs(tone, server.url) });
    await browser.context.addInitScript(KEEP_PEER_CONNECTIONS);
    board = await browser.newPage();
  });
  afterAll(async () => {
    // The browser first: a process left inside keeps the namespace alive after its name is gone.
    await browser?.close();
    await sim?.stop();
    await server?.close();
    netns?.remove();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers 监听 by itself on the wallboard, hears the citizen, and leaves nothing after 结束监听 and the call’s end', async () => {
    await signIn(board, `${server.url}/wallboard`, 'supervisor');
    await board.waitForSelector('#phone[data-status="ready"]', { timeout: 15_000 });
    // The wallboard's phone has no keypad or hold: it only listens in and speaks.
    expect(await board.locator('#phone-keypad').count()).toBe(0);
    expect(await board.locator('#phone-hold').count()).toBe(0);
    expect(await server.acd.login('8001')).toBeNull();

    const events: CallerEvent[] = [];
    const call = sim.caller.call({ from: '13800007051', to: '12345', dtmf: 'w1,1,w1,1', holdSeconds: 60 }, (event) => events.push(event));
    await waitFor(() => events.find((event) => event.event === 'answered' && event.agent === '8001'), 30_000);
    const dialing = events.find((event) => event.event === 'dialing');
    if (dialing?.event !== 'dialing') throw new Error('the citizen has not dialed');
    const callId = dialing.callId;
    await sim.ari.http.request('POST', `/channels/${callId}/play`, { query: { media: `tone:${CITIZEN_TONE}` } });

    // The admin's wallboard phone is not registered: nothing rings, the request is refused.
    const noPhone = await server.as('admin')({ method: 'POST', url: `/api/calls/${callId}/monitor`, payload: { mode: 'listen' } });
    expect([noPhone.statusCode, noPhone.json<{ error: { code: string } }>().error.code]).toEqual([409, 'MONITOR_NO_PHONE']);

    const row = `#wb-agents tr[data-agent="8001"] td.monitor[data-call="${callId}"]`;
    await board.click(`${row} button[data-monitor="listen"]`, { timeout: 10_000 });
    // Answered without a click: the page's call is up with its media connected, and the session hears.
    await board.waitForSelector('#phone[data-status="talking"][data-media="connected"][data-line="no"]', { timeout: 15_000 });
    await board.waitForSelector(`${row}[data-monitoring="listen"]`, { timeout: 10_000 });
    const monitors = (await server.as('supervisor')({ method: 'GET', url: '/api/monitors' })).json<MonitorsReply>().monitors;
    expect(monitors.map((monitor) => [monitor.callId, monitor.heard])).toEqual([[callId, 'listen']]);
    await screenshot(board, 'wallboard-phone-listening');

    // The call's audio reaches the browser over the veth, loud, with the citizen's tone standing out.
    const stats = await waitForAsync(async () => {
      const now = await receivedAudio(board);
      return now.dtlsState === 'connected' && now.packetsReceived > 50 ? now : undefined;
    });
    expect(stats).toMatchObject({ localAddress: netns.nsAddress, remoteAddress: netns.hostAddress });
    const power = await receivedPower(board);
    expect(power).toBeGreaterThan(1e-4);
    expect(await toneAboveFloor(board, '#phone-audio', CITIZEN_TONE)).toBeGreaterThan(30);

    // 结束监听: the session ends, and with it the page's call; the conversation goes on until the citizen hangs up.
    await board.click(`${row} button[data-monitor="stop"]`);
    await board.waitForSelector('#phone[data-status="ready"][data-call="idle"]', { timeout: 10_000 });
    await sim.ari.hangup(callId);
    await call;
    await waitForAsync(async () => {
      const left = (await server.as('supervisor')({ method: 'GET', url: '/api/monitors' })).json<MonitorsReply>().monitors;
      return left.length === 0 ? true : undefined;
    }, 10_000);
    expect(browser.pageErrors).toEqual([]);
    // Unregistered, so a later test's server finds no stale wallboard phone in the shared Asterisk.
    await unregisterPhone(board, server.ari, 'supervisor-supervisor-web');
  });
});
