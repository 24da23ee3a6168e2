// The knowledge panel's two rules, without a browser: which articles an agent may be shown today,
// and the quote 「引用此答案」 puts in the work order's description.
import { describe, expect, it } from 'vitest';
import { quoteText, readableToday } from '../../../agent-ui/src/agent/knowledge-quote.js';

describe('the knowledge panel', () => {
  it('shows only published articles valid today (both ends of the validity included)', () => {
    const today = '2026-12-05';
    expect(readableToday({ status: 'published', validFrom: null, validTo: null }, today)).toBe(true);
    expect(readableToday({ status: 'published', validFrom: today, validTo: today }, today)).toBe(true);
    expect(readableToday({ status: 'published', validFrom: null, validTo: '2026-12-04' }, today)).toBe(false);
    expect(readableToday({ status: 'published', validFrom: '2026-12-06', validTo: null }, today)).toBe(false);
    for (const status of ['expired', 'superseded', 'draft', 'in-review'] as const) expect(readableToday({ status, validFrom: null, validTo: null }, today)).toBe(false);
  });

  it('quotes the title, the document number and the answer’s first words, on one line', () => {
    const article = { id: 3, version: 2, title: '住宅专项维修资金如何申请使用', sourceNumber: '×建发〔2025〕12号', body: '业主可向物业\n提出申请。  '.concat('详'.repeat(400)) };
    const text = quoteText(article, '引用知识', 20);
    expect(text).toMatch(/^【引用知识】住宅专项维修资金如何申请使用（×建发〔2025〕12号）：业主可向物业 提出申请。 详+…$/);
    expect([...text.split('：')[1]!].length).toBe(21);
    expect(quoteText({ ...article, sourceNumber: null, body: '短答案' }, '引用知识')).toMatch(/】住宅专项维修资金如何申请使用：短答案$/);
  });
});
