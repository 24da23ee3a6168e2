// Return visits by hand in a real browser against the real server: 陈静 (8004, on the return-visit
// list) finds the 待回访 panel on her desktop with the replied order every automatic visit failed on
// (and not the one whose citizen declined visits), opens it, records the citizen's answer, and the
// order leaves the list with its rating stored.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { TicketChanges } from '../../src/app/ports/ticket-records.js';
import { callFacts } from '../helpers/call-facts.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { launchBrowser, screenshot, signIn, unlabelledFields, type TestBrowser } from './browser.js';

const runtime = inject('pbxRuntime');
const HOUR = 3_600_000;

describe('return visits by hand (real browser, real server)', () => {
  let server: TestServer;
  let browser: TestBrowser;

  /** A replied order, as the follow-up leaves it when every visit call failed: its id and number. */
  const repliedOrder = async (callId: string, title: string, extra: TicketChanges): Promise<{ id: number; number: string }> => {
    const now = Date.now();
    const { ticket } = await server.storage.tickets.closeCallWithTicket(callFacts(callId, { callerNumber: '13800006666', startedAt: now - 3 * 86_400_000, answeredAt: now - 3 * 86_400_000 + 1_000, agentId: '8001', agentAnsweredAt: now - 3 * 86_400_000 + 5_000, endedAt: now - 3 * 86_400_000 + 60_000 }), now);
    const replied: TicketChanges = { status: 'replied', requestType: 'complaint', categoryCode: '0203', title, description: '电梯停在两层之间', mainUnit: 'housing-bureau', dispatchedAt: now - 2 * 86_400_000, handledAt: now - 5 * HOUR, ...extra };
    const written = await server.storage.tickets.update(ticket.id, null, replied, []);
    expect(written.ok).toBe(true);
    return { id: ticket.id, number: ticket.number };
  };

  beforeAll(async () => {
    server = await startTestServer(runtime, 'e2e-visits');
    browser = await launchBrowser({ deskPhone: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('陈静 rates an order on the 待回访 panel and it leaves the list', async () => {
    const order = await repliedOrder('e2e-visit-1', '电梯故障', { manualVisitAt: Date.now() - HOUR });
    const declined = await repliedOrder('e2e-visit-2', '楼道灯不亮', { manualVisitAt: Date.now() - 2 * HOUR, returnVisitDeclined: true });

    const page = await browser.newPage();
    await signIn(page, `${server.url}/`, '8004');
    const item = page.locator(`#return-visit-list li[data-order="${order.number}"]`);
    await item.waitFor();
    expect(await page.locator(`#return-visit-list li[data-order="${declined.number}"]`).count()).toBe(0);
    expect(await page.textContent('#return-visits-title')).toContain('待回访');
    await page.click(`button[data-open-visit="${order.number}"]`);
    await page.waitForSelector(`#return-visit-number:has-text("${order.number}")`);
    expect(await page.textContent('#return-visit-caller')).toBe('13800006666');
    expect(await page.textContent('#return-visit-unit')).toBe('市住房和城乡建设局');
    expect(await page.textContent('#return-visit-category')).toBe('0203 电梯故障');
    expect(await unlabelledFields(page)).toEqual([]);
    await screenshot(page, 'return-visit-chosen');

    await page.fill('#return-visit-note', '市民表示电梯已恢复');
    await page.click('button[data-rating="basically-satisfied"]');
    await expect.poll(() => page.textContent('#return-visit-message')).toBe('回访结果已记录：基本满意');
    await item.waitFor({ state: 'detached' });
    expect(await page.textContent('#return-visit-count')).toBe('0');
    expect(await server.storage.tickets.get(order.id)).toMatchObject({ satisfaction: 'basically-satisfied', status: 'replied', manualVisitAt: null });
    const rating = (await server.storage.tickets.events(order.id)).find((event) => event.kind === 'satisfaction');
    expect(rating).toMatchObject({ actor: '8004', note: '市民表示电梯已恢复', data: { rating: 'basically-satisfied' } });
    await screenshot(page, 'return-visit-recorded');

    // An agent not on the list sees no panel.
    const other = await browser.newPage();
    await signIn(other, `${server.url}/`, '8002');
    await other.waitForSelector('#ticket-card', { state: 'attached' });
    expect(await other.locator('#return-visits').count()).toBe(0);
    expect(browser.pageErrors).toEqual([]);
  }, 60_000);
});
