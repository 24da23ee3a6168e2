// The handling unit's page in a real browser against the real server: a unit user signing in on the
// agent desktop is sent to its page, opens its order, signs it, reports progress and replies; asks
// for an extension on a second order, which a supervisor approves on the wallboard; the supervisor
// finds the first order there with its status and the unit's history.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { callFacts } from '../helpers/call-facts.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { launchBrowser, screenshot, signIn, unlabelledFields, type TestBrowser } from './browser.js';

const runtime = inject('pbxRuntime');

describe('unit page (real browser, real server)', () => {
  let server: TestServer;
  let browser: TestBrowser;

  /** A call's order, filed by the agent and dispatched by the supervisor to the housing bureau: its number. */
  const dispatchedOrder = async (callId: string, title: string): Promise<string> => {
    const now = Date.now();
    const { ticket } = await server.storage.tickets.closeCallWithTicket(callFacts(callId, { callerNumber: '13800005555', startedAt: now - 60_000, answeredAt: now - 59_000, queue: 'general', queuedAt: now - 55_000, agentId: '8001', agentAnsweredAt: now - 50_000, endedAt: now - 1_000 }), now);
    const filed = await server.as('8001')({ method: 'PATCH', url: `/api/tickets/${ticket.id}`, payload: { version: 1, requestType: 'complaint', categoryCode: '0203', title, description: '电梯停在两层之间' } });
    expect(filed.statusCode, filed.body).toBe(200);
    const dispatched = await server.as('supervisor')({ method: 'POST', url: `/api/tickets/${ticket.id}/dispatch`, payload: { version: 2, mainUnit: 'housing-bureau' } });
    expect(dispatched.statusCode, dispatched.body).toBe(200);
    return ticket.number;
  };

  beforeAll(async () => {
    server = await startTestServer(runtime, 'e2e-unit');
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a unit signs, reports and replies; asks for more time; the supervisor decides and sees the history', async () => {
    const first = await dispatchedOrder('e2e-unit-1', '电梯故障');
    const second = await dispatchedOrder('e2e-unit-2', '楼顶漏水');

    const unit = await browser.newPage();
    // Signed in on the agent desktop, the unit is sent to its own page.
    await signIn(unit, `${server.url}/`, 'housing');
    expect(new URL(unit.url()).pathname).toBe('/unit');
    await unit.waitForSelector(`tr[data-order="${first}"][data-status="dispatched"]`);
    // The next deadline (sign by) is still ahead: coloured, not overdue.
    expect(await unit.locator(`tr[data-order="${first}"] td.due.red`).count()).toBe(0);
    expect(await unit.locator(`tr[data-order="${first}"] td.due.yellow, tr[data-order="${first}"] td.due.green`).count()).toBe(1);
    await unit.click(`button[data-open-order="${first}"]`);
    await unit.waitForSelector('#unit-order-status[data-status="dispatched"]');
    expect(await unit.textContent('#unit-order-caller')).toContain('13800005555');
    expect(await unlabelledFields(unit)).toEqual([]);
    await screenshot(unit, 'unit-order-dispatched');

    await unit.fill('#unit-sign-text', '已签收，派维保人员');
    await unit.click('button[data-action="sign"]');
    await unit.waitForSelector('#unit-order-status[data-status="in-progress"]');
    await unit.fill('#unit-progress-text', '维保人员已到场');
    await unit.click('button[data-action="progress"]');
    await unit.waitForSelector('#unit-history li[data-kind="progress"]');
    await unit.fill('#unit-reply-text', '电梯已修复，已回复市民');
    await unit.click('button[data-action="reply"]');
    await unit.waitForSelector('#unit-order-status[data-status="replied"]');
    await unit.waitForSelector(`tr[data-order="${first}"][data-status="replied"]`);
    expect(await unit.locator('#unit-history li').evaluateAll((items: { dataset: { kind?: string } }[]) => items.map((item) => item.dataset.kind))).toEqual(['created', 'filed', 'dispatch', 'response', 'progress', 'reply']);
    await screenshot(unit, 'unit-order-replied');

    // 延期 on the second order: two working days more, with a reason.
    await unit.click(`button[data-open-order="${second}"]`);
    await unit.waitForSelector(`#unit-order-number:has-text("${second}")`);
    await unit.fill('#unit-extension-text', '需协调防水施工队');
    await unit.fill('#unit-extension-days', '2');
    await unit.click('button[data-action="extension"]');
    await unit.waitForSelector('#unit-request[data-request-state="pending"]');

    const supervisor = await browser.newPage();
    await signIn(supervisor, `${server.url}/wallboard`, 'supervisor');
    // The wallboard's follow-up figures count the sign made on the unit page within 5 minutes.
    const report = await server.as('supervisor')({ method: 'GET', url: '/api/reports/daily' });
    const { followUp } = report.json<{ followUp: { signedWithinTarget: number; signedWithinTargetRate: number } }>();
    expect(followUp.signedWithinTarget).toBeGreaterThanOrEqual(1);
    await expect.poll(() => supervisor.textContent('#wb-signed-in-time'), { timeout: 10_000 }).toBe(`${(followUp.signedWithinTargetRate * 100).toFixed(1)}%`);
    const request = supervisor.locator(`li[data-request-ticket="${second}"][data-request-kind="extension"]`);
    await request.waitFor();
    await screenshot(supervisor, 'wallboard-unit-requests');
    await request.locator('input[name="reason"]').fill('同意延期两个工作日');
    await request.locator('button[data-decide="approve"]').click();
    await request.waitFor({ state: 'detached' });
    await supervisor.waitForSelector('#wb-unit-requests-message:has-text("暂无")');

    // The supervisor finds the first order: its status and the unit's steps in its history.
    await supervisor.fill('#wb-order-number', first);
    await supervisor.click('#wb-order-lookup button[type="submit"]');
    await supervisor.waitForSelector('#wb-order-status[data-status="replied"]');
    expect(await supervisor.locator('#wb-order-history li').evaluateAll((items: { dataset: { kind?: string } }[]) => items.map((item) => item.dataset.kind))).toEqual(['created', 'filed', 'dispatch', 'response', 'progress', 'reply']);
    expect(await supervisor.textContent('#wb-order-history')).toContain('housing');
    await screenshot(supervisor, 'wallboard-order-history');

    // Back on the unit page, the decision shows with the hotline's reason.
    await unit.click('#unit-refresh');
    await unit.click(`button[data-open-order="${second}"]`);
    await unit.waitForSelector('#unit-request[data-request-state="approved"]');
    expect(await unit.textContent('#unit-decision')).toContain('同意延期两个工作日');
    await screenshot(unit, 'unit-extension-approved');
  });

  it('退单: rejected, the order stays with the unit, which reads why; asked again and approved, it goes to the unit chosen', async () => {
    const third = await dispatchedOrder('e2e-unit-3', '小区电梯年检过期');
    const unit = await browser.newPage();
    await signIn(unit, `${server.url}/unit`, 'housing');
    await unit.click(`button[data-open-order="${third}"]`);
    await unit.waitForSelector('#unit-order-status[data-status="dispatched"]');
    await unit.fill('#unit-return-text', '电梯年检属市场监管局职责');
    await unit.click('button[data-action="return"]');
    await unit.waitForSelector('#unit-request[data-request-state="pending"]');

    const supervisor = await browser.newPage();
    await signIn(supervisor, `${server.url}/wallboard`, 'supervisor');
    const request = supervisor.locator(`li[data-request-ticket="${third}"][data-request-kind="return"]`);
    await request.locator('input[name="reason"]').fill('物业督促年检属住建局职责');
    await request.locator('button[data-decide="reject"]').click();
    await request.waitFor({ state: 'detached' });

    await unit.click('#unit-refresh');
    await unit.click(`button[data-open-order="${third}"]`);
    await unit.waitForSelector('#unit-request[data-request-state="rejected"]');
    expect(await unit.textContent('#unit-decision')).toContain('物业督促年检属住建局职责');
    await screenshot(unit, 'unit-return-rejected');

    await unit.fill('#unit-return-text', '再次申请：特种设备检验不属本单位');
    await unit.click('button[data-action="return"]');
    await unit.waitForSelector('#unit-request[data-request-state="pending"]');
    await supervisor.click('#wb-unit-requests-refresh');
    const again = supervisor.locator(`li[data-request-ticket="${third}"][data-request-kind="return"]`);
    await again.locator('input[name="reason"]').fill('改派市场监管局');
    await again.locator('select[name="unit"]').selectOption('market-regulation');
    await again.locator('button[data-decide="approve"]').click();
    await again.waitFor({ state: 'detached' });
    await supervisor.fill('#wb-order-number', third);
    await supervisor.click('#wb-order-lookup button[type="submit"]');
    await supervisor.waitForSelector('#wb-order-status[data-status="dispatched"]');
    expect(await supervisor.textContent('#wb-order')).toContain('market-regulation');

    // No longer the housing bureau's: gone from its list.
    await unit.click('#unit-refresh');
    await unit.waitForSelector(`tr[data-order="${third}"]`, { state: 'detached' });
  });
});
