// The citizen phone page (/phone, demo mode) for real: two Chromiums in a network namespace (loopback
// is never an ICE candidate), each with a fake microphone of its own tone. The citizen's page dials
// 12345 through /sip/citizen as citizen-web with a caller number of its choice; the IVR's prompt is
// heard in the page (the call's received audio, and the page's own level meter), the page's keys are
// taken by the menus, and the call reaches agent 8001, whose desktop in the other browser has it put
// through on its browser phone's line. Audio flows both ways (each page hears the other's tone), the citizen hangs
// up, and the ticket has the presented number, the keys and the agent. The elderly and enterprise
// numbers the page offers are recognised as such on their lines; a page that gets no microphone
// says so; the page speaks English when asked. And the whole journey: the citizen through the IVR
// to the agent's line, the work order typed while they talk, held (the citizen hears the hold music)
// and resumed, transferred to another agent, and one ticket with the form's fields and the time held.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestNetns, netnsUnavailable, type TestNetns } from '../helpers/test-netns.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { countTickets, getTicket } from '../helpers/ticket-rows.js';
import { waitFor, waitForAsync } from '../helpers/wait.js';
import { CHROMIUM, launchBrowser, screenshot, signIn, type TestBrowser } from './browser.js';
import { KEEP_PEER_CONNECTIONS, loudestFrequency, receivedAudio, toneWav, unregisterPhone, webrtcBrowserArgs } from './webrtc-media.js';

const runtime = inject('pbxRuntime');
const skipReason = netnsUnavailable();
const CITIZEN_TONE = 500;
const AGENT_TONE = 1100;

describe.skipIf(skipReason !== null)(`the citizen phone page over WebRTC (real Chromium in a network namespace, real Asterisk)${skipReason ? `: skipped, ${skipReason}` : ''}`, () => {
  let netns: TestNetns;
  let server: TestServer;
  let citizenBrowser: TestBrowser;
  let agentBrowser: TestBrowser;
  let citizen: Page;
  let agent: Page;
  let dir: string;

  const browserWith = async (tone: string): Promise<TestBrowser> => {
    const browser = await launchBrowser({
      executablePath: netns.wrapper(CHROMIUM),
      args: webrtcBrowserArgs(tone, server.url),
    });
    await browser.context.addInitScript(KEEP_PEER_CONNECTIONS);
    return browser;
  };
  /** The call the hotline handles from `number` now. */
  const liveCall = (number: string) => waitFor(() => server.callService.activeCalls().find((call) => call.callerNumber === number), 10_000);
  /** Waits until the citizen's page has received sound (a prompt, or the agent's voice) beyond `energy`. */
  const hearsMore = (energy: number) => waitForAsync(async () => {
    const heard = await receivedAudio(citizen);
    return heard.packetsReceived > 20 && heard.audioEnergy > energy ? heard : undefined;
  });
  const dial = async (number: string, caller: string): Promise<void> => {
    await citizen.selectOption('#citizen-caller', caller);
    await citizen.click(`#citizen-dial-${number}`);
    await citizen.waitForSelector('#citizen[data-call="talking"][data-media="connected"]', { timeout: 15_000 });
  };
  const hangUp = async (): Promise<void> => {
    await citizen.click('#citizen-hangup');
    await citizen.waitForSelector('#citizen[data-call="ended"]');
  };

  beforeAll(async () => {
    netns = createTestNetns();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-citizen-e2e-'));
    const [citizenTone, agentTone] = [path.join(dir, 'citizen.wav'), path.join(dir, 'agent.wav')];
    toneWav(citizenTone, CITIZEN_TONE);
    toneWav(agentTone, AGENT_TONE);
    // The veth's root end, so the browsers in the namespace reach the server. Demo mode: the test
    // servers run with the embedded Asterisk's settings (HOTLINE_PBX=local).
    server = await startTestServer(runtime, 'e2e-citizen-phone', { HOTLINE_HTTP_HOST: netns.hostAddress });
    [citizenBrowser, agentBrowser] = await Promise.all([browserWith(citizenTone), browserWith(agentTone)]);
    agent = await agentBrowser.newPage();
    citizen = await citizenBrowser.newPage();
    await Promise.all([
      (async () => {
        // Agent 8001 signs in, its browser phone registers, and it gets ready (the only agent in the
        // queues): the server opens its line.
        await signIn(agent, `${server.url}/`, '8001');
        await agent.waitForSelector('#phone[data-status="ready"]', { timeout: 15_000 });
        await agent.waitForSelector('#connection[data-state="connected"]');
        await agent.click('#btn-ready');
        await agent.waitForSelector('#agent-state[data-state="available"]');
        await agent.waitForSelector('#phone[data-status="lineReady"][data-media="connected"]', { timeout: 15_000 });
      })(),
      (async () => {
        await citizen.goto(`${server.url}/phone`);
        await citizen.waitForSelector('#citizen[data-link="connected"][data-mic="ok"]', { timeout: 15_000 });
      })(),
    ]);
  });
  afterAll(async () => {
    if (agent && server) await unregisterPhone(agent, server.ari, 'agent-8001-web');
    // The browsers first: a process left inside keeps the namespace alive after its name is gone.
    await citizenBrowser?.close();
    await agentBrowser?.close();
    await server?.close();
    netns?.remove();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('dials 12345, hears the menu, is taken through it by its keys, talks with the agent both ways, and hangs up into a ticket', async () => {
    expect(await citizen.textContent('#citizen-status')).toBe('可以拨号');
    await dial('12345', '13800001111');
    // The hotline took the call as a citizen's, with the number the page presented (not the endpoint's own).
    const call = await liveCall('13800001111');
    expect(call).toMatchObject({ dialedNumber: '12345', elderly: false, enterprise: null });

    // The main menu's prompt is heard: sound in the call's received audio, over the veth, and on the page's meter.
    const prompt = await hearsMore(0);
    expect(prompt).toMatchObject({ iceState: 'connected', localAddress: netns.nsAddress, remoteAddress: netns.hostAddress });
    await waitForAsync(async () => (Number(await citizen.getAttribute('#citizen-level', 'data-energy')) > 0 ? true : undefined));
    await screenshot(citizen, 'citizen-phone-menu');

    // 1 (咨询投诉) in the main menu, then 2 (投诉举报) in the next: the call is queued for an agent.
    await citizen.click('#citizen-keypad [data-digit="1"]');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await citizen.click('#citizen-keypad [data-digit="2"]');

    // The call is put through on agent 8001's line, with the pop, whose path shows the keys the page pressed.
    const agentBefore = (await receivedAudio(agent)).audioEnergy;
    await agent.waitForSelector('#pop[data-phase="talking"]', { timeout: 20_000 });
    await agent.waitForSelector('#phone[data-status="talking"][data-line="yes"][data-media="connected"]');
    expect(await agent.textContent('#pop-ivr-path')).toMatch(/咨询投诉[\s\S]*投诉举报/);

    // Audio both ways: the agent hears the citizen's tone, and the citizen the agent's. (Quietly: the
    // browsers' noise suppression takes a steady tone for noise, so its energy grows slowly.)
    await waitForAsync(async () => ((await receivedAudio(agent)).audioEnergy > agentBefore + 0.001 ? true : undefined));
    const before = (await receivedAudio(citizen)).audioEnergy;
    await hearsMore(before);
    expect(Math.abs((await loudestFrequency(agent, '#phone-audio')) - CITIZEN_TONE)).toBeLessThan(30);
    expect(Math.abs((await loudestFrequency(citizen, '#citizen-audio')) - AGENT_TONE)).toBeLessThan(30);
    expect(await citizen.textContent('#citizen-status')).toBe('通话中：12345');
    await screenshot(citizen, 'citizen-phone-talking');

    await hangUp();
    // The conversation ends for the agent; the line stays, ready for the next citizen.
    await agent.waitForSelector('#phone[data-status="lineReady"]', { timeout: 10_000 });
    const ticket = await waitFor(() => getTicket(server, call.callId), 15_000);
    expect(ticket).toMatchObject({ callerNumber: '13800001111', dialedNumber: '12345', agentId: '8001', endedBy: 'caller' });
    const steps = ticket.ivrPath as { kind: string; prompt?: string; key?: string }[];
    expect(steps.filter((step) => step.kind === 'prompt').map((step) => step.prompt)).toEqual(expect.arrayContaining(['main_menu', 'consult_menu']));
    expect(steps.filter((step) => step.kind === 'key').map((step) => step.key)).toEqual(['1', '2']);
    expect([...citizenBrowser.pageErrors, ...agentBrowser.pageErrors]).toEqual([]);
  });

  it('the whole journey: through the IVR to the agent’s line, the work order typed while talking, held with music, resumed, transferred, and one ticket', async () => {
    // The first call's wrap-up ends as the agent files it: 8001 is free again, its line still up.
    expect(await server.acd.ticketFiled('8001', null)).toBeNull();
    await expect.poll(() => server.acd.agentState('8001'), { timeout: 10_000 }).toMatchObject({ state: 'available' });
    await agent.waitForSelector('#agent-state[data-state="available"]');
    await agent.waitForSelector('#phone[data-status="lineReady"]');
    await dial('12345', '13800001111');
    const call = await liveCall('13800001111');
    await hearsMore(0);
    await citizen.click('#citizen-keypad [data-digit="1"]');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await citizen.click('#citizen-keypad [data-digit="2"]');
    await agent.waitForSelector('#pop[data-phase="talking"]', { timeout: 20_000 });
    expect(await agent.getAttribute('#pop', 'data-call-id')).toBe(call.callId);

    // The work order while the citizen speaks: saved as the call's draft.
    await agent.waitForSelector('#ticket-card[data-mode="draft"]:not([hidden])', { timeout: 5000 });
    await agent.selectOption('#ticket-type', 'complaint');
    await agent.fill('#ticket-title', '夜间施工噪音');
    await agent.fill('#ticket-description', '小区东门工地每晚十一点后仍在施工');
    await agent.locator('#ticket-description').blur();
    await agent.waitForSelector('#draft-status[data-state="saved"]', { timeout: 5000 });

    // Hold from the desktop's phone: the citizen hears the hold music (sound keeps arriving, and the
    // server asked Asterisk for it), and the conversation comes back on resume.
    const mohAsked = (): number => server.ari.metrics.summaries().find((summary) => summary.name === 'POST /channels/{id}/moh')?.count ?? 0;
    const mohBefore = mohAsked();
    await agent.click('#phone-hold');
    await agent.waitForSelector('#phone[data-status="held"]');
    await waitFor(() => (mohAsked() > mohBefore ? true : undefined), 5000);
    await hearsMore((await receivedAudio(citizen)).audioEnergy);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await agent.click('#phone-hold');
    await agent.waitForSelector('#phone[data-status="talking"]');

    // Transferred to the general queue, where 8003 (a demo handset here) is ready: 8001 leaves, the line stays.
    expect(await server.acd.login('8003')).toBeNull();
    await agent.selectOption('#transfer-queue', 'general');
    await agent.click('#btn-transfer');
    await expect.poll(() => agent.textContent('#call-action-message')).toBe('已转接');
    await waitFor(() => server.callService.activeCalls().find((c) => c.callId === call.callId && c.phase === 'talking' && c.agentId === '8003'), 15_000, 50);
    await agent.waitForSelector('#phone[data-status="lineReady"]', { timeout: 10_000 });
    await hangUp();

    // One ticket: the form's fields typed during the call, the time held, the transfer on its path.
    const ticket = await waitFor(() => getTicket(server, call.callId), 15_000);
    expect(ticket).toMatchObject({ callerNumber: '13800001111', agentId: '8003' });
    const typed = server.database.sqlite.prepare('select request_type as requestType, title, description from tickets where call_id = ?').get(call.callId);
    expect(typed).toEqual({ requestType: 'complaint', title: '夜间施工噪音', description: '小区东门工地每晚十一点后仍在施工' });
    expect(ticket.holdMs).toBeGreaterThanOrEqual(1000);
    expect(JSON.stringify(ticket.ivrPath)).toContain('transfer');
    expect(countTickets(server, call.callId)).toBe(1);
    await screenshot(agent, 'journey-agent-after-transfer');
    expect([...citizenBrowser.pageErrors, ...agentBrowser.pageErrors]).toEqual([]);
  });

  it("presents the elderly and enterprise numbers of the demo's data, recognised as such on 12345 and 123452", async () => {
    for (const [line, caller, facts] of [
      ['12345', '13900000065', { elderly: true }],
      ['123452', '13800002001', { enterprise: '南京示范科技有限公司' }],
    ] as const) {
      await dial(line, caller);
      expect(await liveCall(caller)).toMatchObject({ dialedNumber: line, ...facts });
      // Its first prompt is heard before it hangs up.
      await hearsMore(0);
      await hangUp();
    }
    expect(citizenBrowser.pageErrors).toEqual([]);
  });

  it('says so when the browser gives no microphone (a page that is no secure context), and speaks English when asked', async () => {
    // The same server under another origin (its address as IPv4-mapped IPv6), which the browser does
    // not treat as secure: a page there gets no microphone, as on plain HTTP from another machine.
    const insecure = await citizenBrowser.newPage();
    await insecure.goto(`${server.url.replace(netns.hostAddress, `[::ffff:${netns.hostAddress}]`)}/phone`);
    await insecure.waitForSelector('#citizen[data-link="connected"][data-mic="denied"]', { timeout: 15_000 });
    expect(await insecure.textContent('#citizen-problem')).toBe('浏览器只在安全的网页上提供麦克风：请用 https:// 或 http://localhost 打开本页');
    await insecure.click('#citizen-dial-12345');
    await insecure.waitForSelector('#citizen[data-call="idle"][data-mic="denied"]');
    await screenshot(insecure, 'citizen-phone-microphone-denied');
    await insecure.close();

    await citizen.selectOption('#lang-switch', 'en');
    await citizen.waitForSelector('#citizen[data-link="connected"][data-mic="ok"]', { timeout: 15_000 });
    expect([await citizen.textContent('#citizen-status'), await citizen.textContent('#citizen-dial-123452')]).toEqual(['Ready to call', 'Call 123452']);
    expect(citizenBrowser.pageErrors).toEqual([]);
  });
});
