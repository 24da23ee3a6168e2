// The knowledge page in a real browser against the real server: a unit writes an article and submits
// it; the knowledge editor sends it back with a note; the unit edits and submits it again; the editor
// publishes it and agents find it. A revision of a published article is a new version agents do not
// see until it is approved. The reminders list an expired article of the fixtures; a step on an article
// someone else changed first is refused with its words and a reload.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { ArticleDetail, ArticleSearchReply } from '../../src/contract/api/knowledge.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { launchBrowser, screenshot, signIn, unlabelledFields, type TestBrowser } from './browser.js';

const runtime = inject('pbxRuntime');

describe('knowledge page (real browser, real server)', () => {
  let server: TestServer;
  let browser: TestBrowser;

  /** What an agent reads of the article (the published version only). */
  const agentReads = async (id: number): Promise<ArticleDetail> => {
    const reply = await server.as('8001')({ method: 'GET', url: `/api/knowledge/articles/${id}` });
    expect(reply.statusCode, reply.body).toBe(200);
    return reply.json<{ article: ArticleDetail }>().article;
  };

  const newestStatus = (page: Page, status: string) => page.waitForSelector(`#kb-versions tbody tr:first-child[data-status="${status}"]`);

  /** Opens an article from the list, searched by its title's words. */
  const openArticle = async (page: Page, title: string, status: string): Promise<void> => {
    await page.selectOption('#kb-status', status);
    await page.fill('#kb-q', title);
    await page.click('#kb-search');
    await page.click(`#kb-articles tr[data-status="${status}"] button:has-text("${title}")`);
    // The same article may be on show already, as it was: its newest version tells the fresh view.
    await newestStatus(page, status);
    await page.waitForSelector(`#kb-article-title:has-text("${title}")`);
  };

  beforeAll(async () => {
    server = await startTestServer(runtime, 'e2e-knowledge');
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a unit writes and submits; the editor sends it back, then publishes it; agents find it; a revision waits for approval', async () => {
    const title = '加装电梯补贴申请指南';
    const unit = await browser.newPage();
    // From the unit's own page, 知识维护 leads to the knowledge page.
    await signIn(unit, `${server.url}/unit`, 'housing');
    await unit.click('#unit-knowledge-link');
    await unit.waitForSelector('#kb-new');
    expect(new URL(unit.url()).pathname).toBe('/knowledge');
    // The owner is fixed to the unit's own.
    expect(await unit.inputValue('#kb-owner')).toBe('housing-bureau');

    await unit.click('#kb-new');
    expect(await unit.inputValue('#kb-form-owner')).toBe('housing-bureau');
    await unit.fill('#kb-form-title', title);
    await unit.selectOption('#kb-form-kind', 'guide');
    await unit.selectOption('#kb-form-category', '0203');
    await unit.fill('#kb-form-source', '《既有住宅加装电梯实施办法》');
    await unit.fill('#kb-form-body', '既有住宅加装电梯，每台补贴二十万元，向所在街道提出申请。');
    expect(await unlabelledFields(unit)).toEqual([]);
    await unit.click('#kb-save');
    await newestStatus(unit, 'draft');
    const id = Number(await unit.getAttribute('#kb-article-title', 'data-article'));
    await unit.click('button[data-article-action="submit"]');
    await newestStatus(unit, 'in-review');
    // A unit cannot publish its own article.
    expect(await unit.locator('button[data-article-action="approve"]').count()).toBe(0);
    await screenshot(unit, 'knowledge-unit-submitted');

    // The knowledge editor, signed in on the agent desktop, is sent to the knowledge page.
    const editor = await browser.newPage();
    await signIn(editor, `${server.url}/`, 'editor');
    await editor.waitForSelector('#kb-new');
    expect(new URL(editor.url()).pathname).toBe('/knowledge');
    await openArticle(editor, title, 'in-review');
    await editor.click('button[data-article-action="reject"]');
    // Sending back asks for a note first.
    await editor.waitForSelector('#kb-action-message:has-text("意见")');
    await editor.fill('#kb-step-note', '请写明申请材料和办理地点');
    await editor.click('button[data-article-action="reject"]');
    await newestStatus(editor, 'draft');
    expect(await editor.textContent('#kb-versions')).toContain('请写明申请材料和办理地点');

    // The unit reads the note, edits its draft and submits it again.
    await openArticle(unit, title, 'draft');
    expect(await unit.textContent('#kb-versions')).toContain('请写明申请材料和办理地点');
    await unit.click('button[data-article-action="edit"]');
    await unit.fill('#kb-form-body', '既有住宅加装电梯，每台补贴二十万元。携业主同意书和设计方案，向所在街道便民服务中心申请。');
    await unit.fill('#kb-form-note', '已补充申请材料和地点');
    await unit.click('#kb-save');
    await unit.waitForSelector('#kb-article-body:has-text("便民服务中心")');
    await unit.click('button[data-article-action="submit"]');
    await newestStatus(unit, 'in-review');

    await openArticle(editor, title, 'in-review');
    await editor.click('button[data-article-action="approve"]');
    await newestStatus(editor, 'published');
    await screenshot(editor, 'knowledge-editor-published');

    // Agents find it by its words.
    const found = await server.as('8001')({ method: 'GET', url: `/api/knowledge/articles?q=${encodeURIComponent('加装电梯补贴')}` });
    expect(found.statusCode, found.body).toBe(200);
    expect(found.json<ArticleSearchReply>().items.map((item) => item.id)).toContain(id);

    // 修订: a new version; agents keep the published text until it is approved.
    await editor.click('button[data-article-action="revise"]');
    await editor.fill('#kb-form-body', '自2027年起，每台补贴二十五万元。携业主同意书和设计方案，向所在街道便民服务中心申请。');
    await editor.fill('#kb-form-note', '补贴标准调整');
    await editor.click('#kb-save');
    await newestStatus(editor, 'draft');
    await editor.waitForSelector('#kb-published-stays');
    await editor.click('button[data-article-action="submit"]');
    await newestStatus(editor, 'in-review');
    const before = await agentReads(id);
    expect(before.body).toContain('二十万元');
    expect(before.body).not.toContain('二十五万元');
    await editor.click('button[data-article-action="approve"]');
    await newestStatus(editor, 'published');
    expect((await agentReads(id)).body).toContain('二十五万元');
    expect(await editor.locator('#kb-versions tbody tr').evaluateAll((rows: { dataset: { status?: string } }[]) => rows.map((row) => row.dataset.status))).toEqual(['published', 'superseded']);
    expect(browser.pageErrors).toEqual([]);
  });

  it('the reminders list an expired article of the fixtures; a step someone else overtook is refused and reloaded', async () => {
    const editor = await browser.newPage();
    await signIn(editor, `${server.url}/knowledge`, 'editor');
    const expired = editor.locator('#kb-reminders li[data-flag="expired"]').first();
    await expired.waitFor();
    await expired.locator('button[data-open-article]').click();
    await editor.waitForSelector('#kb-article-flags [data-flag="expired"]');
    await screenshot(editor, 'knowledge-reminders');

    // Someone else withdraws the article on show first: 下架 here is refused with the error's words
    // and 重新载入 shows the article as it is now.
    await editor.locator('#kb-reminders li[data-flag="expires-soon"] button[data-open-article]').first().click();
    await editor.waitForSelector('#kb-versions tbody tr:first-child[data-status="published"]');
    const id = Number(await editor.getAttribute('#kb-article-title', 'data-article'));
    const shown = (await server.as('editor')({ method: 'GET', url: `/api/knowledge/articles/${id}` })).json<{ article: ArticleDetail }>().article;
    const withdrawn = await server.as('editor')({ method: 'POST', url: `/api/knowledge/articles/${id}/steps`, payload: { version: shown.version, step: 'withdraw', note: '政策已废止' } });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    await editor.click('button[data-article-action="withdraw"]');
    await editor.waitForSelector('#kb-action-message:has-text("错误码 KNOWLEDGE_")');
    await editor.click('#kb-reload');
    await editor.waitForSelector('#kb-versions tbody tr:first-child[data-status="expired"]');
    expect(await editor.locator('button[data-article-action="withdraw"]').count()).toBe(0);
    expect(browser.pageErrors).toEqual([]);
  });
});
