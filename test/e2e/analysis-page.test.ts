// The analysis page, the printed report and the wallboard's curve in a real browser against the real
// server: a few hundred orders written into its database (last month's and this month's, and a
// building whose roof leaks five times in three days), the hotspot rules run over them, then the page
// draws its charts, the warning opens its orders and is sent to a unit, the monthly report's PDF holds
// its title and the figures of last month's orders, and the wallboard draws today's curve.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { AnalysisReport } from '../../src/contract/api/analysis.js';
import { insertOrders, type OrderRow } from '../helpers/order-rows.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { launchBrowser, screenshot, signIn, unlabelledFields, type TestBrowser } from './browser.js';

const runtime = inject('pbxRuntime');
const DAY = 86_400_000;
const CHINA = 8 * 3_600_000;
/** A China day's 10:00 as ms. */
const chinaMorning = (day: string): number => Date.parse(`${day}T10:00:00Z`) - CHINA;
const dayOf = (ms: number): string => new Date(ms + CHINA).toISOString().slice(0, 10);
const CATEGORIES = ['0201', '0301', '0304', '0401', '0501'];
const AREAS = ['东城街道', '西城街道', '南湖街道', '青山镇'];

/** Last month's days (China calendar), the month before today's. */
function lastMonth(today: string): string[] {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const first = new Date(Date.UTC(m === 1 ? y - 1 : y, m === 1 ? 11 : m - 2, 1));
  const days: string[] = [];
  for (let d = first; d.getUTCMonth() === first.getUTCMonth(); d = new Date(d.getTime() + DAY)) days.push(d.toISOString().slice(0, 10));
  return days;
}

/** `perDay` orders a day over `days` (on a road and from callers of their own), each fourth waited 30 s, each third day one abandoned call. */
function ordinaryDays(days: readonly string[], perDay: number, road: string, callers: string): OrderRow[] {
  return days.flatMap((day, d) => [
    ...Array.from({ length: perDay }, (_, i): OrderRow => ({
      at: chinaMorning(day) + i * 1_800_000,
      categoryCode: CATEGORIES[(d + i) % CATEGORIES.length] ?? '0201',
      area: AREAS[(d * 3 + i) % AREAS.length] ?? '东城街道',
      location: `${AREAS[(d * 3 + i) % AREAS.length]}${road}${(d * 7 + i) % 90}号`,
      title: '市民反映问题',
      mainUnit: i % 2 === 0 ? 'housing-bureau' : 'urban-management',
      callerNumber: `${callers}${String(d * 10 + i).padStart(4, '0')}`,
      waitMs: i % 4 === 3 ? 30_000 : 5_000,
      reply: i % 5 === 4 ? 'late' : 'on-time',
      satisfaction: i % 3 === 0 ? 'dissatisfied' : 'satisfied',
    })),
    ...(d % 3 === 0 ? [{ at: chinaMorning(day) + 7_200_000, categoryCode: null }] : []),
  ]);
}

describe('analysis page, report and wallboard curve (real browser, real server)', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let page: Page;
  const consoleErrors: string[] = [];
  const today = dayOf(Date.now());
  const month = lastMonth(today);
  const monthRows = ordinaryDays(month, 5, '和平路', '1380000');
  const recentRows = ordinaryDays(Array.from({ length: 20 }, (_, i) => dayOf(Date.now() - (20 - i) * DAY)), 4, '建设路', '1370000');
  // Five orders about one building's roof within three days: a cluster the rules turn into a warning.
  const leaks: OrderRow[] = [2, 2, 1, 1, 0].map((ago, i) => ({
    at: Math.min(Date.now() - 3_600_000, chinaMorning(dayOf(Date.now() - ago * DAY))) - i * 600_000,
    categoryCode: '0202',
    area: '东城街道',
    location: '东城街道幸福小区3号楼2单元',
    title: '幸福小区3号楼顶层漏水',
    callerNumber: `1391111000${i}`,
  }));

  beforeAll(async () => {
    server = await startTestServer(runtime, 'e2e-analysis');
    insertOrders(server.database.sqlite, [...monthRows, ...recentRows, ...leaks], 'an');
    await server.office.hotspots.service.run();
    browser = await launchBrowser();
    page = await browser.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('draws the charts of the last 30 days, with the totals of the orders written', async () => {
    await signIn(page, `${server.url}/analysis`, 'supervisor');
    for (const chart of ['days', 'weeks', 'hours', 'categories', 'heat', 'units']) await page.waitForSelector(`#an-chart-${chart} svg`);
    const shown = await page.getAttribute('#an-body', 'data-from');
    const expected = [...monthRows, ...recentRows, ...leaks].filter((row) => row.categoryCode !== null && dayOf(row.at + 60_000) >= (shown ?? '') && dayOf(row.at + 60_000) <= today).length;
    expect(Number(await page.textContent('#an-total-orders'))).toBe(expected);
    // The heat table names the areas written.
    expect(await page.locator('#an-chart-heat svg text', { hasText: '东城街道' }).count()).toBeGreaterThan(0);
    expect(await unlabelledFields(page)).toEqual([]);
    await screenshot(page, 'analysis-page');

    // A range without orders says so; a range the server refuses shows its error line with the code's words.
    await page.selectOption('#an-preset', 'custom');
    await page.fill('#an-from', '2025-01-01');
    await page.fill('#an-to', '2025-01-31');
    await page.click('#an-show');
    await page.waitForSelector('#an-empty');
    await page.fill('#an-from', '2023-06-01');
    await page.click('#an-show');
    await page.waitForSelector('#an-body p.error:has-text("ANALYSIS_RANGE_INVALID")');
    // The browser logs the refused request itself: that one line, and nothing else so far.
    expect(consoleErrors).toEqual([expect.stringContaining('status of 400')]);
    consoleErrors.length = 0;
  });

  it('a warning opens its orders and is sent to a unit', async () => {
    const row = page.locator('#an-hotspots tr[data-kind="cluster"]').first();
    await row.waitFor();
    await row.locator('button[data-open-hotspot]').click();
    await page.waitForSelector('#an-hotspot-facts[data-state="new"]');
    await expect.poll(() => page.locator('#an-hotspot-orders tr[data-order]').count()).toBeGreaterThanOrEqual(5);
    expect(await page.textContent('#an-hotspot-orders')).toContain('幸福小区3号楼');
    await page.locator('#an-hotspot-orders button[data-open-order]').first().click();
    await page.waitForSelector('#an-hotspot-orders dl[data-ticket-detail]');
    // 转办 needs a unit: refused here first, then sent.
    await page.click('button[data-hotspot-step="send"]');
    await page.waitForSelector('#an-step-message:has-text("请选择")');
    await page.selectOption('#an-step-unit', 'housing-bureau');
    await page.click('button[data-hotspot-step="send"]');
    await page.waitForSelector('#an-hotspot-facts[data-state="sent"]');
    expect(await page.textContent('#an-hotspot-history')).toContain('转办');
    // 主动治理 is offered on the warning sent (its order is the warnings' routes' to test).
    await page.waitForSelector('#an-proactive #an-order-unit');
    await screenshot(page, 'analysis-hotspot-sent');
  });

  it('the monthly report renders, and its PDF holds the title and last month’s figures', async () => {
    const reply = await server.as('supervisor')({ method: 'GET', url: '/api/reports/analysis?period=month' });
    expect(reply.statusCode, reply.body).toBe(200);
    const report = reply.json<AnalysisReport>();
    // Last month's rows: the month's own and the recent days' that fall in it.
    const inMonth = [...monthRows, ...recentRows, ...leaks].filter((row) => month.includes(dayOf(row.at)));
    const orders = inMonth.filter((row) => row.categoryCode !== null).length;
    const calls = inMonth.length;
    expect([report.analysis.from, report.analysis.totals.orders, report.analysis.totals.calls]).toEqual([month[0], orders, calls]);

    const printable = await browser.newPage();
    await signIn(printable, `${server.url}/report?period=month`, 'supervisor');
    await printable.waitForFunction(() => (globalThis as unknown as { reportReady?: boolean }).reportReady === true);
    expect(await printable.textContent('#rp-title')).toBe(report.title);
    expect(await printable.textContent('#rp-headline tr[data-figure="anOrders"]')).toContain(String(orders));
    await screenshot(printable, 'analysis-report');

    // 下载PDF on the analysis page: the server prints the report page in Chromium.
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 40_000 }), page.click('#an-download-pdf')]);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-report-')), download.suggestedFilename());
    await download.saveAs(file);
    expect(file.endsWith('.pdf')).toBe(true);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    const flat = text.replace(/\s+/g, '');
    expect(flat).toContain(report.title.replace(/\s+/g, ''));
    expect(text).toMatch(new RegExp(`工单量\\s+${orders}\\s`));
    expect(text).toMatch(new RegExp(`呼入量\\s+${calls}\\s`));
  });

  it('the wallboard draws today’s curve and lists the open warning, linked to the analysis page', async () => {
    const wallboard = await browser.newPage();
    await signIn(wallboard, `${server.url}/wallboard`, 'supervisor');
    await wallboard.waitForSelector('#wb-day-curve svg');
    const link = wallboard.locator('#wb-hotspots a[data-open-hotspot]').first();
    await link.waitFor();
    expect(await link.getAttribute('href')).toMatch(/^\/analysis\?hotspot=\d+$/);
    await screenshot(wallboard, 'wallboard-day-curve');
    expect(browser.pageErrors).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
