// The browser phone's microphone banners in a real Chromium: a microphone the browser refuses
// (the permission prompt dismissed) says how to allow it; a browser with no microphone at all says
// to check the headset. Either way the phone still registers and says 就绪: the agent sees both. Each test
// turns its phone off at the end, so no later test finds it registered.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { launchBrowser, screenshot, signIn, type TestBrowser } from './browser.js';
import { unregisterPhone } from './webrtc-media.js';

const runtime = inject('pbxRuntime');

describe('the browser phone’s microphone banners (real Chromium, real Asterisk)', () => {
  let server: TestServer;
  const browsers: TestBrowser[] = [];

  beforeAll(async () => {
    server = await startTestServer(runtime, 'e2e-phone-banners');
  });
  afterAll(async () => {
    for (const browser of browsers) await browser.close();
    await server?.close();
  });

  const desktopWith = async (args: readonly string[]) => {
    const browser = await launchBrowser({ args });
    browsers.push(browser);
    const page = await browser.newPage();
    await signIn(page, `${server.url}/`, '8001');
    await page.waitForSelector('#phone[data-status="ready"]', { timeout: 15_000 });
    return { browser, page };
  };

  it('a refused microphone: 浏览器不允许使用麦克风, with how to allow it', async () => {
    // Devices exist, but nobody answers the permission prompt: a headless browser dismisses it.
    const { browser, page } = await desktopWith(['--use-fake-device-for-media-stream']);
    const banner = await page.waitForSelector('#phone-banners [data-banner="micDenied"]', { timeout: 10_000 });
    expect(await banner.textContent()).toContain('浏览器不允许使用麦克风');
    expect(await page.locator('#phone-banners [data-banner="micUnavailable"]').count()).toBe(0);
    await screenshot(page, 'agent-phone-mic-denied');
    await unregisterPhone(page, server.ari, 'agent-8001-web');
    expect(browser.pageErrors).toEqual([]);
  });

  it('no microphone at all: 找不到可用的麦克风', async () => {
    // Permission granted by the fake prompt, and no device behind it.
    const { browser, page } = await desktopWith(['--use-fake-ui-for-media-stream']);
    const banner = await page.waitForSelector('#phone-banners [data-banner="micUnavailable"]', { timeout: 10_000 });
    expect(await banner.textContent()).toContain('找不到可用的麦克风');
    await unregisterPhone(page, server.ari, 'agent-8001-web');
    expect(browser.pageErrors).toEqual([]);
  });
});
