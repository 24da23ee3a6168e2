// Prints a page of this server to PDF with Debian's headless Chromium (playwright-core drives it; it
// never downloads a browser). The page gets its sign-in token in the URL fragment, which no server
// and no log sees, and sets `window.reportReady = true` once every chart is drawn. A4 with the
// pages' backgrounds. One print at a time: each launches a browser (about a second), and two at once
// would take the memory a small box has for its calls.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PrintResult, ReportPrinter } from '../../app/ports/report-printer.js';
import type { Logger } from '../../logging/logger.js';

export interface ChromiumPrinterOptions {
  readonly executablePath: string;
  /** This server's own address (http://127.0.0.1:3000), known once it listens; null before. */
  readonly origin: () => string | null;
  /** From launch to the PDF in hand. */
  readonly timeoutMs: number;
  readonly logger: Logger;
}

// The flags the end-to-end tests start Chromium with (test/e2e/browser.ts): no sandbox (a container
// has no user namespaces), no GPU, nothing fetched in the background.
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export class ChromiumPrinter implements ReportPrinter {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: ChromiumPrinterOptions) {}

  available(): boolean {
    return fs.existsSync(this.options.executablePath);
  }

  print(pagePath: string, token: string): Promise<PrintResult> {
    const run = this.queue.then(() => this.printNow(pagePath, token));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async printNow(pagePath: string, token: string): Promise<PrintResult> {
    const { executablePath, timeoutMs, logger } = this.options;
    if (!this.available()) return { ok: false, reason: 'unavailable', message: `no Chromium at ${executablePath}` };
    const origin = this.options.origin();
    if (origin === null) return { ok: false, reason: 'failed', message: 'the server is not listening yet' };
    const started = Date.now();
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-print-'));
    const { chromium } = await import('playwright-core');
    let timer: NodeJS.Timeout | undefined;
    const browser = await chromium.launchPersistentContext(profile, { executablePath, headless: true, args: FLAGS, locale: 'zh-CN', timeout: timeoutMs }).catch((error: unknown) => error as Error);
    try {
      if (browser instanceof Error) return { ok: false, reason: 'failed', message: `Chromium did not start: ${browser.message}` };
      const work = (async (): Promise<PrintResult> => {
        const page = await browser.newPage();
        const errors: string[] = [];
        page.on('pageerror', (error) => errors.push(error.message));
        await page.goto(`${origin}${pagePath}#token=${encodeURIComponent(token)}`, { timeout: timeoutMs });
        // Evaluated in the page (text, since the server's types know no `window`).
        await page.waitForFunction('window.reportReady === true', undefined, { timeout: timeoutMs });
        const pdf = await page.pdf({ format: 'A4', printBackground: true, margin: { top: '12mm', bottom: '12mm', left: '10mm', right: '10mm' } });
        if (errors.length > 0) logger.warn({ page: pagePath, errors }, 'the report page reported errors while printing');
        return { ok: true, pdf: new Uint8Array(pdf) };
      })();
      const deadline = new Promise<PrintResult>((resolve) => {
        timer = setTimeout(() => resolve({ ok: false, reason: 'failed', message: `the page was not ready within ${timeoutMs} ms` }), timeoutMs);
      });
      const result = await Promise.race([work.catch((error: unknown): PrintResult => ({ ok: false, reason: 'failed', message: error instanceof Error ? error.message.split('\n')[0] ?? '' : String(error) })), deadline]);
      // The page path carries no token (it is in the fragment, left out here).
      if (result.ok) logger.info({ page: pagePath, bytes: result.pdf.byteLength, ms: Date.now() - started }, 'report printed');
      else logger.warn({ page: pagePath, reason: result.message, ms: Date.now() - started }, 'report not printed');
      return result;
    } finally {
      clearTimeout(timer);
      if (!(browser instanceof Error)) await browser.close().catch(() => undefined);
      fs.rmSync(profile, { recursive: true, force: true });
    }
  }
}
