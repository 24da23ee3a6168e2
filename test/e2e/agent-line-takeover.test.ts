// A conversation on an agent's browser-phone line kept through a cluster's worker takeover, for
// real: two servers of a cluster share one Asterisk, one Redis and one database; the first runs the
// PBX and leads the ACD, the second waits as its standby and serves agent 8001's desktop (Chromium
// in a network namespace), whose phone reaches Asterisk through the standby's /sip relay. The first
// puts a citizen through on the agent's line, then goes away. The standby takes the PBX over and
// adopts the line in the conversation: the citizen and the agent still hear each other, the
// desktop's 挂断 ends the call through the new holder while the line stays up, the call has one
// ticket that says it was kept, and the next citizen is put through on the same line.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AriEvent } from '../../src/adapters/ari/ari-events.js';
import type { CallerEvent } from '../../src/tools/citizen-caller.js';
import { citizenThroughMenus } from '../helpers/citizen-through-menus.js';
import { startRedis, type RedisServer } from '../helpers/redis-server.js';
import { startTestCaller, type TestCaller } from '../helpers/test-caller.js';
import { countTickets, getTicket } from '../helpers/ticket-rows.js';
import { createTestNetns, netnsUnavailable, type TestNetns } from '../helpers/test-netns.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { waitFor, waitForAsync, waitUntil } from '../helpers/wait.js';
import { CHROMIUM, launchBrowser, screenshot, signIn, type TestBrowser } from './browser.js';
import { KEEP_PEER_CONNECTIONS, receivedAudio, rmsOf, toneWav, unregisterPhone, webrtcBrowserArgs } from './webrtc-media.js';

const runtime = inject('pbxRuntime');
const skipReason = netnsUnavailable();

describe.skipIf(skipReason !== null)(`a conversation on an agent's browser-phone line through a cluster's worker takeover (real Chromium, Asterisk, Redis)${skipReason ? `: skipped, ${skipReason}` : ''}`, () => {
  let netns: TestNetns;
  let redis: RedisServer;
  let first: TestServer | null = null;
  let standby: TestServer;
  let sim: TestCaller;
  let browser: TestBrowser;
  let page: Page;
  let dir: string;

  beforeAll(async () => {
    netns = createTestNetns();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-line-takeover-'));
    const tone = path.join(dir, 'tone.wav');
    toneWav(tone, 600);
    redis = await startRedis();
    const cluster = { HOTLINE_REDIS_URL: redis.url, HOTLINE_PBX_ID: 'pbx-1' };
    first = await startTestServer(runtime, 'line-takeover-a', { ...cluster, HOTLINE_NODE_ID: 'node-a' });
    // The standby shares the database and serves the desktop on the veth's root end.
    standby = await startTestServer(runtime, 'line-takeover-b', { ...cluster, HOTLINE_NODE_ID: 'node-b', HOTLINE_DB_FILE: first.dbFile, HOTLINE_HTTP_HOST: netns.hostAddress });
    expect(standby.pbxState()).toBe('standby');
    sim = await startTestCaller(runtime, 'citizen-sim-line-takeover');
    browser = await launchBrowser({ executablePath: netns.wrapper(CHROMIUM), args: webrtcBrowserArgs(tone, standby.url) });
    await browser.context.addInitScript(KEEP_PEER_CONNECTIONS);
    page = await browser.newPage();
    await signIn(page, `${standby.url}/`, '8001');
    await page.waitForSelector('#phone[data-status="ready"]', { timeout: 15_000 });
  });
  afterAll(async () => {
    // The phone off first, so no later test's server finds it registered; the browser before the namespace.
    if (page && !page.isClosed()) await unregisterPhone(page, sim.ari, 'agent-8001-web').catch(() => undefined);
    await browser?.close();
    await sim?.stop();
    await standby?.close();
    await first?.close();
    await redis?.stop();
    netns?.remove();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** The channels of agent 8001's line Asterisk holds now. */
  const lineChannels = async (): Promise<string[]> => (await sim.ari.http.request<{ id: string }[]>('GET', '/channels')).map((channel) => channel.id).filter((id) => id.startsWith('line-8001-'));
  const citizenCalls = (from: string, events: CallerEvent[]) => citizenThroughMenus(sim, from, events, 120);
  /** The citizen's side to the agent: a tone played into the citizen's leg reaches the browser. */
  const citizenHeardByAgent = async (leg: string): Promise<void> => {
    const before = await receivedAudio(page);
    const tone = await sim.ari.http.request<{ id: string }>('POST', `/channels/${leg}/play`, { query: { media: 'tone:440' } });
    await waitForAsync(async () => ((await receivedAudio(page)).audioEnergy > before.audioEnergy + 0.01 ? true : undefined), 10_000);
    await sim.ari.http.request('DELETE', `/playbacks/${tone.id}`);
  };
  /** The agent's side to the citizen: the page's fake microphone in what the citizen's leg receives. */
  const agentHeardByCitizen = async (leg: string, name: string): Promise<number> => {
    const recording = `${name}-${process.pid}`;
    const finished = new Promise<void>((resolve) => {
      const listener = (event: AriEvent): void => {
        if (event.type !== 'RecordingFinished' || event.recording.name !== recording) return;
        sim.ari.off('event', listener);
        resolve();
      };
      sim.ari.on('event', listener);
    });
    await sim.ari.http.request('POST', `/channels/${leg}/record`, { query: { name: recording, format: 'wav', maxDurationSeconds: 2, ifExists: 'overwrite' } });
    await finished;
    return rmsOf(path.join(runtime.recordingsDir, `${recording}.wav`)).rms;
  };

  it('keeps the citizen and the agent talking on the line when the server running the PBX goes away; the new holder ends it with one ticket and keeps the line', async () => {
    const running = first;
    if (!running) throw new Error('the first server is needed');
    await page.waitForSelector('#connection[data-state="connected"]');
    // The leader may need a moment after the start before it takes the agent's 示闲.
    await waitForAsync(async () => {
      await page.click('#btn-ready');
      return page.waitForSelector('#agent-state[data-state="available"]', { timeout: 3000 }).then(() => true, () => undefined);
    }, 20_000, 0);
    // The server running the PBX opens the line to the page, which reached Asterisk through the standby.
    await page.waitForSelector('#phone[data-status="lineReady"][data-line="yes"][data-media="connected"]', { timeout: 20_000 });
    const [line = ''] = await lineChannels();
    expect(line).not.toBe('');

    const events: CallerEvent[] = [];
    const citizen = citizenCalls('13800007021', events);
    await page.waitForSelector('#pop[data-phase="talking"]', { timeout: 30_000 });
    await waitFor(() => events.find((event) => event.event === 'answered' && event.agent === '8001'), 10_000);
    // The ACD's on_call, relayed by the standby, names the call: the pop and the phone stay on it.
    await page.waitForSelector('#agent-state[data-state="on_call"]');
    await page.waitForSelector('#pop[data-phase="talking"]');
    await page.waitForSelector('#phone[data-status="talking"][data-line="yes"]');
    const leg = citizen.leg();
    await citizenHeardByAgent(leg);

    // The worker goes away; the standby takes its PBX (and the ACD) over.
    await running.close();
    first = null;
    await waitUntil(() => standby.pbxState() === 'running', 15_000, 50);
    const kept = await waitForAsync(async () => standby.callService.activeCalls().find((call) => call.callId === leg && call.phase === 'talking'), 15_000);
    expect(kept).toMatchObject({ agentId: '8001' });
    // Nothing was dialed anew: the page's one call is the same line, still talking, both ways.
    expect(await lineChannels()).toEqual([line]);
    await page.waitForSelector('#phone[data-status="talking"][data-line="yes"]');
    await citizenHeardByAgent(leg);
    expect(await agentHeardByCitizen(leg, 'line-takeover-heard')).toBeGreaterThan(300);
    await screenshot(page, 'agent-line-kept-through-takeover');

    // 挂断 on the desktop: the new holder ends the conversation; the line leaves it and stays up.
    await page.click('#phone-hangup');
    await page.waitForSelector('#phone[data-status="lineReady"]', { timeout: 10_000 });
    expect(await lineChannels()).toEqual([line]);
    await sim.ari.hangup(leg).catch(() => undefined);
    await citizen.done;
    const ticket = await waitFor(() => getTicket(standby, leg), 15_000);
    expect(ticket).toMatchObject({ agentId: '8001', endedBy: 'agent' });
    expect(ticket.ivrPath).toContainEqual(expect.objectContaining({ kind: 'outcome', outcome: 'restart-conversation-kept' }));
    expect(countTickets(standby, leg)).toBe(1);
    expect(await standby.acd.ticketFiled('8001', leg)).toBeNull();
    await page.waitForSelector('#agent-state[data-state="available"]', { timeout: 10_000 });
  }, 150_000);

  it('puts the next citizen through on the adopted line', async () => {
    const [line] = await lineChannels();
    const events: CallerEvent[] = [];
    const citizen = citizenCalls('13800007022', events);
    await waitFor(() => events.find((event) => event.event === 'answered' && event.agent === '8001'), 30_000);
    const leg = citizen.leg();
    await page.waitForSelector('#phone[data-status="talking"][data-line="yes"]', { timeout: 10_000 });
    expect(await lineChannels()).toEqual([line]);
    await citizenHeardByAgent(leg);
    await sim.ari.hangup(leg);
    await page.waitForSelector('#phone[data-status="lineReady"]', { timeout: 10_000 });
    await citizen.done;
    const ticket = await waitFor(() => getTicket(standby, leg), 15_000);
    expect(ticket).toMatchObject({ agentId: '8001', endedBy: 'caller' });
    expect(browser.pageErrors).toEqual([]);
  }, 90_000);
});
