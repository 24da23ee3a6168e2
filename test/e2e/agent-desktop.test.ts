// The agent desktop in a real browser against a real Asterisk: agent 8003 signs in and gets ready,
// a citizen calls, the screen pop shows the caller and the IVR path while the phone still rings
// (and again after a reload), the work order opens at the answer, and after hang-up the agent files
// it on the ticket from the same form, the citizen's no to return visits (拒绝回访) with it. A call
// through a menu option linked to the knowledge base pops with its article in the knowledge panel;
// 「引用此答案」 quotes it in the order, which files it among the articles used; an expired article
// is never shown, even when searched for.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { agentRoom } from '../../src/contract/socket-events.js';
import type { CallerEvent } from '../../src/tools/citizen-caller.js';
import fs from 'node:fs';
import path from 'node:path';
import { testFlowsDir, testQueuesFile } from '../helpers/test-config-files.js';
import { startTestCaller, type TestCaller } from '../helpers/test-caller.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { waitUntil } from '../helpers/wait.js';
import { launchBrowser, screenshot, signIn, unlabelledFields, type TestBrowser } from './browser.js';

const runtime = inject('pbxRuntime');
const ANSWER_AFTER_SECONDS = 5;

interface TicketFacts {
  requestType: string | null;
  area: string | null;
  categoryCode: string | null;
  description: string | null;
  callerNumber: string;
  agentId: string | null;
  talkMs: number;
  filedBy: string | null;
  returnVisitDeclined: number;
}

describe('agent desktop (real browser, real Asterisk)', () => {
  let server: TestServer;
  let sim: TestCaller;
  let browser: TestBrowser;

  beforeAll(async () => {
    server = await startTestServer(runtime, 'e2e-desktop', {
      // Rings long enough for the demo phone to answer late; wrap-up long enough that only filing ends it.
      HOTLINE_QUEUES_FILE: testQueuesFile({ ringTimeoutSeconds: 15, wrapUpSeconds: 120 }),
      HOTLINE_AUTO_LOGIN: 'none',
      HOTLINE_DEMO_ANSWER_AFTER: String(ANSWER_AFTER_SECONDS),
      HOTLINE_FLOWS_DIR: flowsWithKnowledge(),
    });
    sim = await startTestCaller(runtime, 'citizen-sim-e2e-desktop');
    browser = await launchBrowser({ deskPhone: true });
  });
  afterAll(async () => {
    await browser?.close();
    await sim?.stop();
    await server?.close();
  });

  it('pops the call before the phone answers, keeps it through a reload, and files the work order', async () => {
    const page = await browser.newPage();
    await signIn(page, `${server.url}/`, '8003');
    // The browser phone is switched off on this computer: the page says where calls ring, and offers it back.
    expect(await page.textContent('#phone-off')).toBe('网页话机已关闭：来电响您的座席话机');
    expect(await page.textContent('#phone-switch')).toBe('使用网页话机');
    await page.waitForSelector('#connection[data-state="connected"]');
    await page.click('#btn-ready');
    await page.waitForSelector('#agent-state[data-state="available"]');
    expect(server.acd.agentState('8003')?.state).toBe('available');

    const events: CallerEvent[] = [];
    const call = sim.caller.call({ from: '13800007002', to: '12345', holdSeconds: 20 }, (event) => events.push(event));
    const answered = (): CallerEvent | undefined => events.find((event) => event.event === 'answered');

    await page.waitForSelector('#pop[data-phase="ringing"]', { timeout: 30_000 });
    const shownAt = Number(await page.getAttribute('#pop', 'data-shown-at'));
    expect(await page.textContent('#pop-number')).toBe('13800007002');
    const popPath = (await page.textContent('#pop-ivr-path')) ?? '';
    expect(popPath).toContain('主菜单');
    expect(await page.textContent('#live')).toContain('13800007002');
    expect(answered()).toBeUndefined();
    await screenshot(page, 'agent-desktop-ringing');

    // A reload while the phone rings: the page asks for the state again and shows the same pop.
    await page.reload();
    await page.waitForSelector('#pop[data-phase="ringing"]', { timeout: 5000 });
    expect(await page.textContent('#pop-number')).toBe('13800007002');
    expect(answered()).toBeUndefined();

    await page.waitForSelector('#pop[data-phase="talking"]', { timeout: 15_000 });
    await page.waitForSelector('#agent-state[data-state="on_call"]');
    expect(await page.getAttribute('#pop', 'data-phase')).toBe('talking');
    expect(await page.isEnabled('#btn-transfer')).toBe(true);
    const answerEvent = answered();
    expect(answerEvent).toBeDefined();
    // The pop came well before the demo phone answered (it answers ANSWER_AFTER_SECONDS after ringing).
    expect((answerEvent?.at ?? 0) - shownAt).toBeGreaterThan(1000);

    // The work order is open while the citizen speaks (as the call's draft; test/e2e/agent-draft.test.ts).
    await page.waitForSelector('#ticket-card[data-mode="draft"]:not([hidden])', { timeout: 5000 });
    const outcome = await call;
    await page.waitForSelector('#ticket-card[data-mode="ticket"]:not([hidden])', { timeout: 15_000 });
    await page.waitForSelector('#agent-state[data-state="wrap_up"]');
    await page.selectOption('#ticket-type', 'complaint');
    const major = await page.locator('#ticket-major option').nth(1).getAttribute('value');
    await page.selectOption('#ticket-major', major ?? '');
    const sub = await page.locator('#ticket-sub option').nth(1).getAttribute('value');
    await page.selectOption('#ticket-sub', sub ?? '');
    await page.fill('#ticket-title', '夜间施工噪音');
    await page.fill('#ticket-description', '小区旁工地每晚十一点后仍在施工，噪音很大。');
    // The citizen wants no call back about it (拒绝回访).
    expect(await page.textContent('label[for="ticket-visit-declined"]')).toBe('市民拒绝回访');
    await page.check('#ticket-visit-declined');
    await screenshot(page, 'agent-desktop-form');
    expect(await unlabelledFields(page)).toEqual([]);
    await page.keyboard.press('Alt+S');
    await expect.poll(() => page.textContent('#ticket-message')).toBe('已保存');

    // A supervisor edits the ticket meanwhile: the agent's submit meets a version conflict, the
    // page loads the supervisor's change, keeps the agent's text, and the second submit goes through.
    const saved = server.database.sqlite.prepare('select id, version from tickets where call_id = ?').get(outcome.callId) as { id: number; version: number };
    const edit = await server.as('supervisor')({ method: 'PATCH', url: `/api/tickets/${saved.id}`, payload: { version: saved.version, area: '朝阳区' } });
    expect(edit.statusCode).toBe(200);
    await page.click('#ticket-submit');
    await expect.poll(() => page.textContent('#ticket-message')).toContain('工单已被他人修改');
    expect(await page.inputValue('#ticket-area')).toBe('朝阳区');
    expect(await page.inputValue('#ticket-description')).toBe('小区旁工地每晚十一点后仍在施工，噪音很大。');
    await page.click('#ticket-submit');
    await page.waitForSelector('#ticket-card', { state: 'hidden' });

    const row = server.database.sqlite
      .prepare(
        `select request_type as requestType, area, category_code as categoryCode, description, caller_number as callerNumber,
                agent_id as agentId, talk_ms as talkMs, filed_by as filedBy, return_visit_declined as returnVisitDeclined
         from tickets where call_id = ?`,
      )
      .get(outcome.callId) as TicketFacts | undefined;
    expect(row).toMatchObject({ requestType: 'complaint', area: '朝阳区', categoryCode: sub, description: '小区旁工地每晚十一点后仍在施工，噪音很大。', callerNumber: '13800007002', agentId: '8003', filedBy: '8003', returnVisitDeclined: 1 });
    expect(row?.talkMs).toBeGreaterThan(0);
    // Filing ended the two-minute wrap-up: the agent is ready for the next call.
    await waitUntil(() => server.acd.agentState('8003')?.state === 'available', 5000, 50);
    await page.waitForSelector('#agent-state[data-state="available"]');
    await screenshot(page, 'agent-desktop-filed');

    // Alt+P pauses with the chosen reason.
    await page.selectOption('#pause-reason', 'meal');
    await page.keyboard.press('Alt+P');
    await page.waitForSelector('#agent-state[data-state="paused"]');
    expect(server.acd.agentState('8003')).toMatchObject({ state: 'paused', reason: 'meal' });

    // The server drops the socket: the indicator says so, the page connects again and re-reads its state.
    server.gateway.io.in(agentRoom('8003')).disconnectSockets(true);
    await page.waitForSelector('#connection[data-state="reconnecting"]', { timeout: 5000 });
    await page.waitForSelector('#connection[data-state="connected"]', { timeout: 10_000 });
    await page.waitForSelector('#agent-state[data-state="paused"]');
    expect(browser.pageErrors).toEqual([]);
    await page.close();
  }, 120_000);

  it('pops a call through a menu option linked to the knowledge base with its article in the panel; the quoted article is filed with the order', async () => {
    const page = await browser.newPage();
    await signIn(page, `${server.url}/`, '8003');
    await page.waitForSelector('#connection[data-state="connected"]');
    await page.click('#btn-ready');
    await page.waitForSelector('#agent-state[data-state="available"]');
    // 1 咨询投诉, then 1 政策咨询: the option this server's flow links to 物业 维修资金.
    const events: CallerEvent[] = [];
    // Held long enough for a slow machine; the test hangs up as soon as the draft is saved.
    const call = sim.caller.call({ from: '13800007012', to: '12345', dtmf: 'w1,1,w1,1', holdSeconds: 90 }, (event) => events.push(event));
    await page.waitForSelector('#pop[data-phase="ringing"]', { timeout: 30_000 });
    // Already in the panel while the phone rings: the pop carried it.
    await page.waitForSelector('#kb-list li', { timeout: 2000 });
    expect(events.find((event) => event.event === 'answered')).toBeUndefined();
    expect(await page.textContent('#kb-list-heading')).toBe('为本次来电推荐');
    const suggested = await page.locator('#kb-list li .kb-open').allTextContents();
    expect(suggested[0]).toBe(MAINTENANCE_FUND);
    expect(suggested).not.toContain(EXPIRED_PENSION);
    await screenshot(page, 'agent-desktop-knowledge-pop');

    // Talking: the work order is open as the call's draft; the agent opens the article and quotes it.
    await page.waitForSelector('#ticket-card[data-mode="draft"]:not([hidden])', { timeout: 15_000 });
    await page.fill('#ticket-description', '来电咨询维修资金如何申请。');
    await page.locator('#kb-list li .kb-open', { hasText: MAINTENANCE_FUND }).click();
    await page.waitForSelector('#kb-article-title');
    expect(await page.textContent('#kb-article-number')).toBe('建设部令第165号');
    expect(await page.textContent('#kb-article-source')).toBe('《住宅专项维修资金管理办法》');
    const articleId = Number(await page.getAttribute('#kb-article-title', 'data-article-id'));
    const version = Number(await page.getAttribute('#kb-article-title', 'data-version'));
    await page.click('#kb-use');
    expect(await page.textContent('#kb-use-message')).toBe('已引用到工单描述');
    const description = await page.inputValue('#ticket-description');
    expect(description.startsWith('来电咨询维修资金如何申请。\n【引用知识】住宅专项维修资金使用申请（建设部令第165号）：住宅共用部位')).toBe(true);
    expect(await page.textContent('#ticket-articles')).toContain(MAINTENANCE_FUND);

    // A search while talking: the expired 2025 plan is never shown; the valid articles are.
    await page.fill('#kb-search', '退休人员基本养老金调整');
    await expect.poll(() => page.textContent('#kb-list-heading'), { timeout: 5000 }).not.toBe('为本次来电推荐');
    const found = await page.locator('#kb-list li .kb-open').allTextContents();
    expect(found).not.toContain(EXPIRED_PENSION);
    const expired = await server.as('8003')({ method: 'GET', url: `/api/knowledge/articles?q=${encodeURIComponent('2025年退休人员基本养老金调整方案')}` });
    expect(expired.json().items.map((item: { title: string }) => item.title)).not.toContain(EXPIRED_PENSION);
    await page.waitForSelector('#draft-status[data-state="saved"]', { timeout: 5000 });

    // At hang-up the order is the draft's: the quote in its description, the article among those used.
    const dialing = events.find((event) => event.event === 'dialing');
    if (dialing?.event !== 'dialing') throw new Error('the caller never dialed');
    await sim.ari.hangup(dialing.callId);
    const outcome = await call;
    await page.waitForSelector('#ticket-card[data-mode="ticket"]:not([hidden])', { timeout: 15_000 });
    expect(await page.textContent('#ticket-articles')).toContain(MAINTENANCE_FUND);
    await page.selectOption('#ticket-type', 'consultation');
    await page.click('#ticket-submit');
    await page.waitForSelector('#ticket-card', { state: 'hidden' });
    const row = server.database.sqlite.prepare('select id, description, articles_used as articlesUsed, request_type as requestType from tickets where call_id = ?').get(outcome.callId) as { id: number; description: string; articlesUsed: string; requestType: string };
    expect(row.requestType).toBe('consultation');
    expect(row.description).toContain('【引用知识】住宅专项维修资金使用申请（建设部令第165号）');
    expect(JSON.parse(row.articlesUsed)).toEqual([{ id: articleId, version }]);
    const detail = (await server.as('supervisor')({ method: 'GET', url: `/api/tickets/${row.id}` })).json().ticket;
    expect(detail.articlesUsed).toEqual([{ id: articleId, version, title: MAINTENANCE_FUND }]);
    await screenshot(page, 'agent-desktop-knowledge-filed');
    expect(browser.pageErrors).toEqual([]);
    await page.close();
  }, 120_000);
});

const MAINTENANCE_FUND = '住宅专项维修资金使用申请';
const EXPIRED_PENSION = '2025年退休人员基本养老金调整方案';

/** The shipped flows, the consultation menu's 政策咨询 linked to 物业 维修资金 (its paths unchanged). */
function flowsWithKnowledge(): string {
  const dir = testFlowsDir('open');
  const main = path.join(dir, 'main.yaml');
  const text = fs.readFileSync(main, 'utf8');
  const linked = text.replace(/label: 政策咨询, knowledge: [^}]+}/, 'label: 政策咨询, knowledge: 物业 维修资金 }');
  if (linked === text) throw new Error('the consultation menu changed: link another option');
  fs.writeFileSync(main, linked);
  return dir;
}
