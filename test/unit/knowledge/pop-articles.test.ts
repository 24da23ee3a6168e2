// The screen pop's suggested articles: asked with the IVR choices' words, the suggested category and
// the caller's recent orders' categories on the call's China day; a knowledge base that fails or is
// slow never delays the pop past its wait nor loses it: the pop goes without articles, logged.
import { NodeTimers } from '../../../src/adapters/clock/node-timers.js';
import { describe, expect, it } from 'vitest';
import type { ArticleSuggestionRequest, KnowledgeSuggestions } from '../../../src/app/ports/knowledge-suggestions.js';
import type { HistoryRow } from '../../../src/app/ports/ticket-records.js';
import { buildScreenPop } from '../../../src/app/screen-pop.js';
import type { PopSources } from '../../../src/app/ports/pop-sources.js';
import { loadCategories } from '../../../src/adapters/tickets/category-file.js';
import type { PopFacts } from '../../../src/domain/calls/call-protocol.js';
import type { PopArticle } from '../../../src/domain/calls/screen-pop.js';
import { capturedLog } from '../../helpers/log-lines.js';

const taxonomy = loadCategories('fixtures/categories.yaml');
// 2026-03-31 23:30 UTC is already 1 April in China.
const AT = Date.UTC(2026, 2, 31, 23, 30);

const article = (id: number, status: PopArticle['status'] = 'published'): PopArticle => ({
  id, version: 2, status, kind: 'policy', title: `条目${id}`, snippet: '…', categoryCode: '0201', sourceDocument: null, sourceNumber: null,
  ownerUnit: null, validFrom: null, validTo: null, reviewDue: null, updatedAt: new Date(0).toISOString(), score: 1,
});

const facts: PopFacts = {
  callId: 'call-1', callerNumber: '13800001111', callerName: null, caller: { elderly: false, enterprise: null }, queue: 'general', queuedAt: AT - 5_000, language: 'zh-CN',
  ivrPath: [
    { at: 1, kind: 'node', flow: 'main', node: 'menu', flowName: '主菜单' },
    { at: 2, kind: 'key', key: '1', label: '物业管理' },
  ],
};

const history = (categoryCode: string | null): HistoryRow => ({ id: 1, number: '20260301-000001', status: 'closed', requestType: 'consultation', categoryCode, title: 't', createdAt: AT - 86_400_000 }) as HistoryRow;

function sources(suggestions: KnowledgeSuggestions, waitMs = 200) {
  const log = capturedLog('warn');
  const pop: PopSources = {
    history: async () => [history('0203'), history('0201'), history(null)],
    callsSince: async () => 0,
    queueName: () => '综合服务',
    taxonomy,
    choiceWords: () => ['物业 维修资金'],
    knowledge: { suggestions, waitMs, timers: new NodeTimers(), logger: log.logger },
  };
  return { pop, log };
}

describe('the articles a pop carries', () => {
  it('asks with the choice words, the categories (the IVR’s first, each once) and the China day; keeps at most 5 published', async () => {
    const asked: ArticleSuggestionRequest[] = [];
    const { pop } = sources({ suggest: async (request) => (asked.push(request), [1, 2, 3, 4, 5, 6].map((id) => article(id)).concat(article(7, 'expired'))) });
    const built = await buildScreenPop(facts, '8001', AT, pop);
    expect(asked).toEqual([{ words: ['物业 维修资金'], categories: ['0201', '0203'], validOn: '2026-04-01', limit: 5 }]);
    expect(built.suggestedCategory).toBe('0201');
    expect(built.articles.map((a) => a.id)).toEqual([1, 2, 3, 4, 5]);
  });

  it('never shows an article that is not published, whatever the source answers', async () => {
    const { pop } = sources({ suggest: async () => [article(1, 'expired'), article(2, 'draft'), article(3)] });
    expect((await buildScreenPop(facts, '8001', AT, pop)).articles.map((a) => a.id)).toEqual([3]);
  });

  it('a source slower than the wait: the pop comes after the wait, without articles, and the delay is logged', async () => {
    const { pop, log } = sources({ suggest: () => new Promise(() => undefined) }, 50);
    const started = performance.now();
    const built = await buildScreenPop(facts, '8001', AT, pop);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(built).toMatchObject({ callId: 'call-1', articles: [], history: [{ categoryCode: '0203' }, { categoryCode: '0201' }, { categoryCode: null }] });
    expect(log.lines()).toEqual([expect.objectContaining({ callId: 'call-1', waitMs: 50, msg: expect.stringContaining('did not suggest articles in time') })]);
  });

  it('a failing source: the pop goes without articles and the failure is logged', async () => {
    const { pop, log } = sources({ suggest: async () => Promise.reject(new Error('index gone')) });
    const built = await buildScreenPop(facts, '8001', AT, pop);
    expect(built.articles).toEqual([]);
    expect(log.lines()).toEqual([expect.objectContaining({ callId: 'call-1', err: expect.objectContaining({ message: 'index gone' }) })]);
  });

  it('asks nothing when the call names neither words nor a category', async () => {
    const asked: ArticleSuggestionRequest[] = [];
    const { pop } = sources({ suggest: async (request) => (asked.push(request), [article(1)]) });
    const bare: PopSources = { ...pop, history: async () => [], choiceWords: () => [] };
    const built = await buildScreenPop({ ...facts, ivrPath: [] }, '8001', AT, bare);
    expect(built.articles).toEqual([]);
    expect(asked).toEqual([]);
  });
});
