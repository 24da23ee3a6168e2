// Asterisk restarted under traffic: the calls it dropped are closed with one ticket each once the
// server is back in touch (within 5 s of Asterisk being up), no channel is left in the application,
// and the next citizen's call goes through to an agent as usual. An agent desktop's browser phone
// (Chromium, signalling only) shows 断线重连 while Asterisk is away and registers again by itself,
// without a reload.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { pbxDown, pbxUp } from '../../src/local-pbx/index.js';
import { testQueuesFile } from '../helpers/test-config-files.js';
import { startTestCaller } from '../helpers/test-caller.js';
import { startTestServer } from '../helpers/test-server.js';
import { countTickets, getTicket } from '../helpers/ticket-rows.js';
import { launchBrowser, signIn, type TestBrowser } from '../e2e/browser.js';
import { waitFor, waitForAsync, waitUntil } from '../helpers/wait.js';

// An instance of its own: this test stops and starts its Asterisk.
const settings = loadConfig({
  ...process.env,
  HOTLINE_PBX_INSTANCE: 'restart-traffic',
  HOTLINE_PBX_ARI_PORT: '18388',
  HOTLINE_PBX_AMI_PORT: '15338',
  HOTLINE_PBX_SIP_PORT: '15360',
  HOTLINE_PBX_RTP_START: '34000',
}).localPbx;
const options = { repoDir: path.resolve('.'), promptLanguage: 'zh-CN' };

/** Starts the instance again once the stopped one has let go of its ports (slower on a busy machine). */
async function upAgain(): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      await pbxUp(settings, options);
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== 'PBX_PORT_BUSY' || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

describe('Asterisk restarted under traffic (real Asterisk)', () => {
  it('closes the dropped calls with one ticket each, reconnects within 5 s, and takes the next call', async () => {
    const runtime = await pbxUp(settings, options);
    const server = await startTestServer(runtime, 'asterisk-restart', { HOTLINE_QUEUES_FILE: testQueuesFile(), HOTLINE_AUTO_LOGIN: '8003' });
    let sim = await startTestCaller(runtime, 'citizen-sim-asterisk-restart');
    let browser: TestBrowser | null = null;
    try {
      browser = await launchBrowser();
      const page = await browser.newPage();
      await signIn(page, `${server.url}/`, '8001');
      await page.waitForSelector('#phone[data-status="ready"]', { timeout: 15_000 });
      await page.evaluate('window.__loadedOnce = true');

      // One in conversation with 8003, one waiting behind it, one in the main menu.
      void sim.caller.call({ from: '13800007701', to: '12345', holdSeconds: 60 }).catch(() => undefined);
      await waitUntil(() => server.acd.agentState('8003')?.state === 'on_call', 20_000, 50);
      void sim.caller.call({ from: '13800007702', to: '12345', holdSeconds: 60 }).catch(() => undefined);
      await waitUntil(() => server.callService.activeCalls().some((c) => c.phase === 'queued'), 20_000, 50);
      void sim.caller.call({ from: '13800007703', to: '12345', holdSeconds: 60 }).catch(() => undefined);
      await waitUntil(() => server.callService.activeCalls().length === 3, 10_000, 50);
      const callIds = server.callService.activeCalls().map((c) => c.callId);

      await sim.stop();
      await pbxDown(settings);
      await page.waitForSelector('#phone[data-status="reconnecting"]', { timeout: 10_000 });
      const back = new Promise<{ reconnect: boolean }>((resolve) => server.ari.once('connected', resolve));
      await upAgain();
      const upAt = Date.now();
      expect(await back).toEqual({ reconnect: true });
      expect(Date.now() - upAt).toBeLessThan(5000);
      // The browser phone finds the new Asterisk by itself: the same page, registered again.
      await page.waitForSelector('#phone[data-status="ready"]', { timeout: 45_000 });
      expect(await page.evaluate('window.__loadedOnce')).toBe(true);
      expect(browser.pageErrors).toEqual([]);
      // The new Asterisk knows nothing of the old one's event filter: the server sets it again.
      await waitForAsync(async () => ((await server.ari.getApplication('hotline')).events_allowed.length > 0 ? true : undefined), 5000);

      // Every dropped call is closed, once.
      await waitUntil(() => server.callService.activeCalls().length === 0, 10_000, 100);
      for (const callId of callIds) {
        const ticket = await waitFor(() => getTicket(server, callId));
        expect(ticket.callEndedAt).toBeGreaterThan(ticket.callStartedAt);
        expect(countTickets(server, callId)).toBe(1);
      }
      expect(getTicket(server, callIds[0] as string)?.agentId).toBe('8003');

      sim = await startTestCaller(runtime, 'citizen-sim-asterisk-restart');
      await new Promise((resolve) => setTimeout(resolve, 10_000));
      const stuck = (await sim.ari.listChannels()).filter((c) => c.dialplan?.app_name === 'Stasis' && (c.dialplan.app_data ?? '').split(',')[0] === 'hotline');
      expect(stuck).toEqual([]);

      // The agent is free again, and a new call goes all the way.
      await waitUntil(() => server.acd.agentState('8003')?.state === 'available', 10_000, 100);
      const next = await sim.caller.call({ from: '13800007704', to: '12345', holdSeconds: 12 });
      const ticket = await waitFor(() => getTicket(server, next.callId));
      expect(ticket).toMatchObject({ agentId: '8003', queue: 'general', endedBy: 'caller' });
    } finally {
      await browser?.close();
      await sim.stop();
      await server.close();
      await pbxDown(settings);
    }
  }, 180_000);
});
