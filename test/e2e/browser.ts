// A real Chromium for the end-to-end tests: Debian's `chromium` package at /usr/bin/chromium, driven
// by playwright-core (which cannot download browsers on the CI machines). Each launch gets a fresh
// profile directory, so no session, cookie or cache leaks from one test file to the next.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOTS = path.resolve('test-artifacts', 'screenshots');

export interface TestBrowser {
  readonly context: BrowserContext;
  /** Uncaught exceptions and CSP refusals in any page of this browser (a test expects none). */
  readonly pageErrors: string[];
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

export interface BrowserOptions {
  /** Another way to start Debian's chromium (a wrapper that runs it in a network namespace). */
  readonly executablePath?: string;
  /** Flags beside the usual ones (fake media for the phone tests). */
  readonly args?: readonly string[];
  /**
   * The agent takes calls on the desk phone (here the dialplan's demo handset): the desktop's browser
   * phone is switched off as an agent would, so it does not register and is not rung instead.
   */
  readonly deskPhone?: boolean;
}

export async function launchBrowser(options: BrowserOptions = {}): Promise<TestBrowser> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: options.executablePath ?? CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 900 },
    locale: 'zh-CN',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', ...(options.args ?? [])],
  });
  if (options.deskPhone) await context.addInitScript({ content: "if (location.protocol.startsWith('http')) localStorage.setItem('hotline.phone.browser', 'off');" });
  const pageErrors: string[] = [];
  context.on('page', (page) => {
    page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
    // The server's Content-Security-Policy must let the pages run as built.
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) pageErrors.push(`${page.url()}: ${message.text()}`);
    });
  });
  return {
    context,
    pageErrors,
    newPage: () => context.newPage(),
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Signs in through the page's own form with a demo user (every demo password is hotline-demo). */
export async function signIn(page: Page, url: string, username: string): Promise<void> {
  const failed: string[] = [];
  const onFailed = (request: { url(): string; failure(): { errorText: string } | null }): void => {
    failed.push(`${request.url()} (${request.failure()?.errorText ?? 'failed'})`);
  };
  page.on('requestfailed', onFailed);
  await page.goto(url);
  // Once in a full run, a page in the WebRTC tests' network namespace had its load event and no form:
  // its script had not run. A person reloads; so does this, once, saying so with the requests that
  // failed. A page that never shows its form still fails below.
  const shown = await page.waitForSelector('#login-username', { timeout: 15_000 }).then(
    () => true,
    () => false,
  );
  page.off('requestfailed', onFailed);
  if (!shown) {
    process.stderr.write(`signIn: no sign-in form at ${url} after 15 s (failed requests: ${failed.join(', ') || 'none'}); reloading once\n`);
    await page.reload();
  }
  await page.fill('#login-username', username);
  await page.fill('#login-password', 'hotline-demo');
  await page.click('#login-submit');
  await page.waitForSelector('#sign-out');
}

/** Form controls a screen reader would announce without a name (no <label for>, no aria-label). */
export function unlabelledFields(page: Page): Promise<string[]> {
  // Runs in the page; typed structurally, as the Node-side type check has no DOM library.
  type Control = { id: string; name: string; labels: { length: number } | null; getAttribute(name: string): string | null };
  return page
    .locator('input:not([type=hidden]), select, textarea')
    .evaluateAll((controls: Control[]) => controls.filter((c) => !(c.labels && c.labels.length > 0) && !c.getAttribute('aria-label')).map((c) => c.id || c.name || '?'));
}
