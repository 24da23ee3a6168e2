// The agent's browser phone for real: Chromium in a network namespace (loopback is never an ICE
// candidate) signs in as agent 8001 on a test server listening on the veth's root end; the desktop's
// phone registers agent-8001-web through /sip with the shared test Asterisk. The test rings it from
// a Stasis application of its own: the page rings, the agent answers, ICE and DTLS connect over the
// veth, audio flows both ways (the browser's stats; Asterisk's RTP count and a recording with the
// fake microphone's tone in it), mute silences that recording, hold and the keypad reach Asterisk as
// ChannelHold and ChannelDtmfReceived, and the page's hang-up ends the channel. A second call with
// X-Hotline-Line: 1 is answered without a click, and so is any call once 自动接听 is checked; a
// dropped /sip socket shows 断线重连 and recovers. Then the agent's line: once the agent is ready the
// server calls the page once and keeps that call; a citizen through the IVR is put through on it
// (heard both ways, held with music, ended from the desktop while the line stays), a tab frozen for
// 30 s still gets its next call, and a closed tab pauses the agent phone_lost while the next call
// goes to another agent.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { LINE_CALL_HEADER, LINE_CALL_HEADER_VALUE, LINE_CALL_HEADER_VARIABLE } from '../../src/contract/phone-line.js';
import type { AriEvent } from '../../src/adapters/ari/ari-events.js';
import type { CallerEvent } from '../../src/tools/citizen-caller.js';
import { startAriTestApp, type AriTestApp, type RawAriEvent } from '../helpers/ari-test-app.js';
import { citizenThroughMenus } from '../helpers/citizen-through-menus.js';
import { startTestCaller, type TestCaller } from '../helpers/test-caller.js';
import { getTicket } from '../helpers/ticket-rows.js';
import { AriMonitoring } from '../../src/adapters/ari/ari-monitoring.js';
import { createLogger } from '../../src/logging/logger.js';
import { createTestNetns, netnsUnavailable, type TestNetns } from '../helpers/test-netns.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { waitFor, waitForAsync } from '../helpers/wait.js';
import { CHROMIUM, launchBrowser, screenshot, signIn, type TestBrowser } from './browser.js';
import { KEEP_PEER_CONNECTIONS, receivedAudio, rmsOf, toneWav, unregisterPhone, webrtcBrowserArgs } from './webrtc-media.js';

const runtime = inject('pbxRuntime');
const APP = 'phone-e2e';
const ENDPOINT = 'PJSIP/agent-8001-web';
const skipReason = netnsUnavailable();

describe.skipIf(skipReason !== null)(`the agent's browser phone over WebRTC (real Chromium in a network namespace, real Asterisk)${skipReason ? `: skipped, ${skipReason}` : ''}`, () => {
  let netns: TestNetns;
  let server: TestServer;
  let ari: AriTestApp;
  let browser: TestBrowser;
  let page: Page;
  let dir: string;
  let sim: TestCaller;

  const originate = async (variables: Record<string, string> = {}): Promise<string> => {
    const channel = await ari.request<{ id: string }>('POST', '/channels', { endpoint: ENDPOINT, app: APP, callerId: '"Hotline test" <12345>', timeout: 30 }, { variables });
    return channel.id;
  };
  const eventOf = (type: string, channelId: string, extra: (event: RawAriEvent) => boolean = () => true) => (event: RawAriEvent) => event.type === type && event.channel?.id === channelId && extra(event);
  const variable = async (channelId: string, name: string): Promise<string> => (await ari.request<{ value: string }>('GET', `/channels/${channelId}/variable`, { variable: name })).value;
  /** Records what Asterisk hears from the browser for `seconds`; the file's loudness. */
  const recordHeard = async (channelId: string, name: string, seconds: number) => {
    await ari.request('POST', `/channels/${channelId}/record`, { name, format: 'wav', maxDurationSeconds: seconds, ifExists: 'overwrite' });
    await ari.next((event) => event.type === 'RecordingFinished' && event.recording?.name === name, (seconds + 5) * 1000);
    return rmsOf(path.join(runtime.recordingsDir, `${name}.wav`));
  };

  beforeAll(async () => {
    netns = createTestNetns();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-phone-e2e-'));
    const tone = path.join(dir, 'tone.wav');
    toneWav(tone, 600);
    // The veth's root end, so the browser in the namespace reaches the server.
    server = await startTestServer(runtime, 'e2e-phone-webrtc', { HOTLINE_HTTP_HOST: netns.hostAddress });
    ari = await startAriTestApp(runtime.ari, APP);
    sim = await startTestCaller(runtime, 'citizen-sim-e2e-line');
    browser = await launchBrowser({
      executablePath: netns.wrapper(CHROMIUM),
      args: webrtcBrowserArgs(tone, server.url),
    });
    await browser.context.addInitScript(KEEP_PEER_CONNECTIONS);
    page = await browser.newPage();
    // Agent 8001 signs in; the desktop's phone registers agent-8001-web through /sip.
    await signIn(page, `${server.url}/`, '8001');
    await page.waitForSelector('#phone[data-status="ready"]', { timeout: 15_000 });
  });
  afterAll(async () => {
    // The browser first: a process left inside keeps the namespace alive after its name is gone.
    await browser?.close();
    await ari?.close();
    await sim?.stop();
    await server?.close();
    netns?.remove();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('rings, is answered by a click, carries audio both ways over the veth, and mutes, holds, sends keys and hangs up where Asterisk sees it', async () => {
    expect(await page.locator('#phone-banners .banner').count()).toBe(0);
    // Registered, the phone is one Asterisk can ring: what a supervisor's session checks before ringing (MONITOR_NO_PHONE).
    const phones = new AriMonitoring(server.ari, { app: 'hotline', supervisorEndpoint: 'PJSIP/{supervisor}', channelOf: (legId) => legId, logger: createLogger('silent') });
    expect(await phones.hasPhone('agent-8001-web')).toBe(true);
    const channelId = await originate();
    // It rings aloud (the page's ring tone runs) until answered.
    await page.waitForSelector('#phone[data-status="ringing"][data-line="no"][data-ring-tone="on"]', { timeout: 10_000 });
    expect(await page.textContent('#phone-caller')).toContain('Hotline test');
    await screenshot(page, 'agent-phone-ringing');
    await page.click('#phone-answer');
    await ari.next(eventOf('StasisStart', channelId));
    await page.waitForSelector('#phone[data-status="talking"][data-media="connected"][data-ring-tone="off"]', { timeout: 10_000 });

    // ICE chose the veth (the namespace's address to the root end's), and DTLS finished.
    const connected = await waitForAsync(async () => {
      const stats = await receivedAudio(page);
      return stats.dtlsState === 'connected' ? stats : undefined;
    });
    expect(connected).toMatchObject({ iceState: 'connected', localAddress: netns.nsAddress, remoteAddress: netns.hostAddress });
    expect(connected.remoteCandidates).toContain(netns.hostAddress);

    // Asterisk to the browser: a tone played to the channel arrives as RTP with sound in it.
    const playback = await ari.request<{ id: string }>('POST', `/channels/${channelId}/play`, { media: 'tone:440' });
    const heard = await waitForAsync(async () => {
      const stats = await receivedAudio(page);
      return stats.packetsReceived > 20 && stats.audioEnergy > 0 ? stats : undefined;
    });
    expect(heard.packetsReceived).toBeGreaterThan(20);
    await ari.request('DELETE', `/playbacks/${playback.id}`);

    // The browser to Asterisk: RTP counted by Asterisk, and the fake microphone's tone in a recording.
    expect(Number(await variable(channelId, 'CHANNEL(rtcp,rxcount,audio)'))).toBeGreaterThan(0);
    const loud = await recordHeard(channelId, `phone-e2e-open-${process.pid}`, 2);
    expect(loud.seconds).toBeGreaterThan(1);
    expect(loud.rms).toBeGreaterThan(300);

    // Mute disables the microphone's track: Asterisk hears silence.
    await page.click('#phone-mute');
    await page.waitForSelector('#phone[data-status="muted"]');
    expect(await page.getAttribute('#phone-mute', 'aria-pressed')).toBe('true');
    const muted = await recordHeard(channelId, `phone-e2e-muted-${process.pid}`, 2);
    expect(muted.rms).toBeLessThan(loud.rms / 10);
    await page.click('#phone-mute');
    await page.waitForSelector('#phone[data-status="talking"]');

    // A key from the keypad arrives in Asterisk as RFC 2833.
    await page.click('#phone-keypad [data-digit="5"]');
    await ari.next(eventOf('ChannelDtmfReceived', channelId, (event) => event.digit === '5'));

    // Hold and resume are re-INVITEs Asterisk takes for hold and unhold.
    await page.click('#phone-hold');
    await page.waitForSelector('#phone[data-status="held"]');
    await ari.next(eventOf('ChannelHold', channelId));
    expect(await page.isDisabled('#phone-keypad [data-digit="5"]')).toBe(true);
    await page.click('#phone-hold');
    await ari.next(eventOf('ChannelUnhold', channelId));
    await page.waitForSelector('#phone[data-status="talking"]');
    await screenshot(page, 'agent-phone-talking');

    // The page's hang-up ends Asterisk's channel.
    await page.click('#phone-hangup');
    await ari.next(eventOf('ChannelDestroyed', channelId));
    await page.waitForSelector('#phone[data-status="ready"][data-call="idle"]');
    expect(browser.pageErrors).toEqual([]);
  });

  it('answers a call marked X-Hotline-Line: 1 without a click, and ends when Asterisk hangs up', async () => {
    const invites: string[] = [];
    page.on('websocket', (socket) => socket.on('framereceived', ({ payload }) => void (String(payload).startsWith('INVITE ') && invites.push(String(payload)))));
    // The phone's socket was opened before the listener: a reload opens it again, under watch.
    await page.reload();
    await page.waitForSelector('#phone[data-status="ready"]', { timeout: 15_000 });
    const channelId = await originate({ [LINE_CALL_HEADER_VARIABLE]: LINE_CALL_HEADER_VALUE });
    // Answered by the page alone (the channel enters the application on its answer); the page marks the call as the line.
    await ari.next(eventOf('StasisStart', channelId));
    // An idle line: ready for a citizen, not a conversation.
    await page.waitForSelector('#phone[data-status="lineReady"][data-line="yes"][data-media="connected"][data-ring-tone="off"]', { timeout: 10_000 });
    expect(invites.some((invite) => new RegExp(`^${LINE_CALL_HEADER}: ${LINE_CALL_HEADER_VALUE}\\r?$`, 'im').test(invite))).toBe(true);
    await ari.request('DELETE', `/channels/${channelId}`);
    await page.waitForSelector('#phone[data-status="ready"][data-call="idle"]');
  });

  it('with 自动接听 checked (kept through a reload), any call is answered without a click', async () => {
    await page.check('#phone-auto-answer');
    await page.reload();
    await page.waitForSelector('#phone[data-status="ready"]', { timeout: 15_000 });
    expect(await page.isChecked('#phone-auto-answer')).toBe(true);
    const channelId = await originate();
    await ari.next(eventOf('StasisStart', channelId));
    await page.waitForSelector('#phone[data-status="talking"][data-line="no"][data-media="connected"]', { timeout: 10_000 });
    await ari.request('DELETE', `/channels/${channelId}`);
    await page.waitForSelector('#phone[data-status="ready"][data-call="idle"]');
    await page.uncheck('#phone-auto-answer');
  });

  it('shows 断线重连 when the server drops the phone’s socket, and is clean and registered again after', async () => {
    server.phoneSockets.closeAll();
    await page.waitForSelector('#phone[data-status="reconnecting"] [data-banner="reconnecting"]', { timeout: 5000 });
    await page.waitForSelector('#phone[data-status="ready"]', { timeout: 20_000 });
    expect(await page.locator('#phone-banners .banner').count()).toBe(0);
    // Registered again for real: Asterisk rings the phone.
    const channelId = await originate();
    await page.waitForSelector('#phone[data-status="ringing"]', { timeout: 10_000 });
    await page.click('#phone-decline');
    await ari.next(eventOf('ChannelDestroyed', channelId));
    await page.waitForSelector('#phone[data-status="ready"][data-call="idle"]');
    expect(browser.pageErrors).toEqual([]);
  });

  /** The channels of agent 8001's line Asterisk holds now. */
  const lineChannels = async (): Promise<string[]> => (await ari.request<{ id: string }[]>('GET', '/channels')).map((channel) => channel.id).filter((id) => id.startsWith('line-8001-'));
  /** The next event of the simulated citizen's own application. */
  const simEvent = (match: (event: AriEvent) => boolean, timeoutMs = 10_000): Promise<AriEvent> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        sim.ari.off('event', listener);
        reject(new Error('no such event of the simulated citizen'));
      }, timeoutMs);
      const listener = (event: AriEvent): void => {
        if (!match(event)) return;
        clearTimeout(timer);
        sim.ari.off('event', listener);
        resolve(event);
      };
      sim.ari.on('event', listener);
    });
  const citizenCalls = (from: string, events: CallerEvent[]) => citizenThroughMenus(sim, from, events, 90);
  let firstLine = '';

  it('on 示闲 the server opens the agent line; a citizen is put through on it without ringing, heard both ways, held with music, and ended from the desktop while the line stays', async () => {
    await page.waitForSelector('#connection[data-state="connected"]');
    await page.click('#btn-ready');
    await page.waitForSelector('#agent-state[data-state="available"]');
    await page.waitForSelector('#phone[data-status="lineReady"][data-line="yes"][data-media="connected"]', { timeout: 15_000 });
    [firstLine = ''] = await lineChannels();
    expect(firstLine).not.toBe('');
    await screenshot(page, 'agent-line-ready');

    const events: CallerEvent[] = [];
    const citizen = citizenCalls('13800007011', events);
    await page.waitForSelector('#pop[data-phase="talking"]', { timeout: 30_000 });
    await page.waitForSelector('#phone[data-status="talking"][data-line="yes"]');
    await waitFor(() => events.find((event) => event.event === 'answered' && event.agent === '8001'));
    // Put through on the line: no second call to the page, the same channel.
    expect(await lineChannels()).toEqual([firstLine]);
    const leg = citizen.leg();

    // The citizen to the agent: a tone played into the citizen's side reaches the browser.
    const before = await receivedAudio(page);
    const tone = await sim.ari.http.request<{ id: string }>('POST', `/channels/${leg}/play`, { query: { media: 'tone:440' } });
    await waitForAsync(async () => ((await receivedAudio(page)).audioEnergy > before.audioEnergy + 0.01 ? true : undefined));
    await sim.ari.http.request('DELETE', `/playbacks/${tone.id}`);
    // The agent to the citizen: the page's fake microphone in what the citizen's side receives.
    const heardName = `line-e2e-citizen-${process.pid}`;
    await sim.ari.http.request('POST', `/channels/${leg}/record`, { query: { name: heardName, format: 'wav', maxDurationSeconds: 2, ifExists: 'overwrite' } });
    await simEvent((event) => event.type === 'RecordingFinished' && event.recording.name === heardName, 8000);
    expect(rmsOf(path.join(runtime.recordingsDir, `${heardName}.wav`)).rms).toBeGreaterThan(300);

    // Hold from the page: the re-INVITE on the line holds the citizen's call, who hears music.
    const mohAsked = (): number => server.ari.metrics.summaries().find((summary) => summary.name === 'POST /channels/{id}/moh')?.count ?? 0;
    const mohBefore = mohAsked();
    await page.click('#phone-hold');
    await page.waitForSelector('#phone[data-status="held"]');
    await waitFor(() => (mohAsked() > mohBefore ? true : undefined), 5000);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await page.click('#phone-hold');
    await page.waitForSelector('#phone[data-status="talking"]');
    await screenshot(page, 'agent-line-talking');

    // 挂断 on the desktop ends the conversation through the server; the line stays up, ready.
    await page.click('#phone-hangup');
    await page.waitForSelector('#phone[data-status="lineReady"]', { timeout: 10_000 });
    await waitFor(() => events.find((event) => event.event === 'prompt' && event.prompt.includes('survey')), 10_000);
    expect(await lineChannels()).toEqual([firstLine]);
    await sim.ari.hangup(leg).catch(() => undefined);
    await citizen.done;
    const ticket = await waitFor(() => getTicket(server, leg));
    expect(ticket.agentId).toBe('8001');
    expect(ticket.holdMs).toBeGreaterThanOrEqual(1000);
    expect(await server.acd.ticketFiled('8001', leg)).toBeNull();
    await page.waitForSelector('#agent-state[data-state="available"]');
  });

  it('a tab frozen for 30 s still gets its next call on the line, and shows it when it wakes', async () => {
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Page.setWebLifecycleState', { state: 'frozen' });
    const frozenAt = Date.now();
    const events: CallerEvent[] = [];
    const citizen = citizenCalls('13800007012', events);
    // Put through while the page sleeps: the line needs nothing from its script.
    await waitFor(() => events.find((event) => event.event === 'answered' && event.agent === '8001'), 30_000);
    const leg = citizen.leg();
    const asleep = 30_000 - (Date.now() - frozenAt);
    if (asleep > 0) await new Promise((resolve) => setTimeout(resolve, asleep));
    await cdp.send('Page.setWebLifecycleState', { state: 'active' });
    await page.waitForSelector('#pop[data-phase="talking"]', { timeout: 10_000 });
    await page.waitForSelector('#phone[data-status="talking"][data-line="yes"]', { timeout: 10_000 });
    expect(await lineChannels()).toEqual([firstLine]);
    // Talking for real: the citizen's tone arrives in the page that slept.
    const before = await receivedAudio(page);
    const tone = await sim.ari.http.request<{ id: string }>('POST', `/channels/${leg}/play`, { query: { media: 'tone:440' } });
    await waitForAsync(async () => ((await receivedAudio(page)).audioEnergy > before.audioEnergy + 0.01 ? true : undefined));
    await sim.ari.http.request('DELETE', `/playbacks/${tone.id}`);
    await page.click('#phone-hangup');
    await page.waitForSelector('#phone[data-status="lineReady"]', { timeout: 10_000 });
    await sim.ari.hangup(leg).catch(() => undefined);
    await citizen.done;
    await waitFor(() => getTicket(server, leg));
    expect(await server.acd.ticketFiled('8001', leg)).toBeNull();
  }, 90_000);

  it('a closed tab pauses the agent phone_lost and ends the line; the next citizen goes to another agent', async () => {
    await page.close();
    await waitFor(() => (server.acd.agentState('8001')?.reason === 'phone_lost' ? true : undefined), 15_000);
    expect(server.acd.agentState('8001')?.state).toBe('paused');
    await waitForAsync(async () => ((await lineChannels()).length === 0 ? true : undefined));
    // Agent 8003 (a demo handset in this test) is ready: the next citizen is theirs.
    expect(await server.acd.login('8003')).toBeNull();
    const events: CallerEvent[] = [];
    const citizen = citizenCalls('13800007013', events);
    await waitFor(() => events.find((event) => event.event === 'answered'), 40_000);
    expect(events.find((event) => event.event === 'answered')).toMatchObject({ agent: '8003' });
    await sim.ari.hangup(citizen.leg()).catch(() => undefined);
    await citizen.done;
    // 8001 comes back in a new tab (its registration replaces the closed tab's, which Asterisk still
    // holds), stays paused until 示闲, and turns the browser phone off, so no later test finds it.
    const back = await browser.newPage();
    await signIn(back, `${server.url}/`, '8001');
    await back.waitForSelector('#phone[data-status="ready"]', { timeout: 15_000 });
    expect(server.acd.agentState('8001')).toMatchObject({ state: 'paused', reason: 'phone_lost' });
    expect(await lineChannels()).toEqual([]);
    await unregisterPhone(back, server.ari, 'agent-8001-web');
    expect(browser.pageErrors).toEqual([]);
  }, 90_000);
});
