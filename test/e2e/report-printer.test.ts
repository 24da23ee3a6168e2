// The report printer on a real Chromium: it opens a page of the server with the sign-in token in the
// URL fragment (never sent to the server), waits for `window.reportReady`, and prints A4 with the
// backgrounds; pdftotext reads the headline back. A page that never gets ready fails in time, prints
// queue one after the other, and a missing browser says so. (The real report page is tested with the
// pages; this one stands in for it.)
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChromiumPrinter } from '../../src/adapters/pdf/chromium-printer.js';
import { createLogger } from '../../src/logging/logger.js';
import { CHROMIUM } from './browser.js';

const TOKEN = 'tok-ABC+/=123';

// Draws "charts" a moment after load, as the report page does once ECharts has rendered.
const PAGE = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>报告</title>
<style>body{font-family:sans-serif} .band{background:#c00;color:#fff;padding:8px}</style></head>
<body><h1 id="title"></h1><p class="band" id="signed"></p><script>
const token = new URLSearchParams(location.hash.slice(1)).get('token');
const params = new URLSearchParams(location.search);
setTimeout(() => {
  document.getElementById('title').textContent = '2026年11月民情分析报告 ' + params.get('period') + ' ' + params.get('start');
  document.getElementById('signed').textContent = token === ${JSON.stringify(TOKEN)} ? '呼入量 12345 件 已登录' : '未登录';
  if (!location.pathname.includes('never')) window.reportReady = true;
}, 300);
</script></body></html>`;

describe('the Chromium report printer', () => {
  let server: http.Server;
  let origin = '';
  const requested: string[] = [];
  const printer = (timeoutMs: number, executablePath = CHROMIUM): ChromiumPrinter => new ChromiumPrinter({ executablePath, origin: () => origin, timeoutMs, logger: createLogger('silent') });

  beforeAll(async () => {
    server = http.createServer((request, response) => {
      requested.push(request.url ?? '');
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('prints the page once it is ready, signed in by the fragment, and the PDF reads back', async () => {
    const result = await printer(20_000).print('/report.html?period=month&start=2026-11-01', TOKEN);
    if (!result.ok) throw new Error(result.message);
    expect(Buffer.from(result.pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    // pdftotext spaces Latin and Chinese glyphs as it measures them: compare without the spaces.
    const text = execFileSync('pdftotext', ['-layout', '-', '-'], { input: Buffer.from(result.pdf) }).toString('utf8').replace(/\s+/g, '');
    expect(text).toContain('2026年11月民情分析报告month2026-11-01');
    expect(text).toContain('呼入量12345件已登录');
    // A4 portrait: 595 × 842 points.
    const info = execFileSync('pdfinfo', ['-'], { input: Buffer.from(result.pdf) }).toString('utf8');
    expect(info).toMatch(/Page size:\s+595(\.\d+)? x 841(\.\d+)? pts|Page size:\s+595(\.\d+)? x 842(\.\d+)? pts/);
    expect(requested.some((url) => url.includes(TOKEN) || url.includes('token'))).toBe(false);
  });

  it('gives up on a page that never gets ready, and prints queued requests one after the other', async () => {
    const quick = printer(3_000);
    const started = Date.now();
    const [never, good] = await Promise.all([quick.print('/never.html?period=week&start=2026-11-23', TOKEN), quick.print('/report.html?period=week&start=2026-11-23', TOKEN)]);
    expect(never).toMatchObject({ ok: false, reason: 'failed' });
    expect(good.ok).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(3_000);
  });

  it('says no browser is there when Chromium is not installed', async () => {
    expect(await printer(3_000, '/nonexistent/chromium').print('/report.html', TOKEN)).toMatchObject({ ok: false, reason: 'unavailable' });
  });
});
