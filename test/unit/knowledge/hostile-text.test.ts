// Whatever a person types, the search answers (perhaps nothing) and never throws: query syntax of
// full-text engines, very long strings, emoji, control characters, broken Unicode.
import { describe, expect, it } from 'vitest';
import { loadHotlineWords, loadSynonyms } from '../../../src/adapters/knowledge/knowledge-files.js';
import { JiebaSegmenter } from '../../../src/adapters/search/jieba-segmenter.js';
import { KnowledgeIndex, segmenterWords } from '../../../src/app/knowledge/knowledge-index.js';
import { normaliseText, textRuns } from '../../../src/domain/knowledge/search/normalise-text.js';

const synonyms = loadSynonyms();
const index = new KnowledgeIndex({ segmenter: JiebaSegmenter.withWords(segmenterWords(synonyms, loadHotlineWords())), synonyms });
index.put({ id: 1, version: 1, audience: 'agents', title: '停车收费 "AND" 标准', body: '路内停车首小时5元 * NEAR 12345。😀表情', categoryCodes: ['0401'], kind: 'policy', ownerUnit: null, status: 'published', validFrom: null, validTo: null, updatedAt: 1 });

const HOSTILE = [
  '"停车', '停车"', '"', '*', '停*', 'NEAR(停车 收费)', '停车 AND 收费', 'OR', 'NOT 停车', '停车 -收费', '()', '[]{}', '\\', "'; DROP TABLE articles; --",
  '😀', '😀停车😀', '👨‍👩‍👧', '\u0000停车\u0007', '\u200b\u200d\ufeff', '\ud800停车', '停车\udfff', '\u202e收费', '\n\t\r', ' ', '　', 'ｓｔｏｐ', 'ⅻ', '𠀀𠀁',
  '停'.repeat(10_000), 'a'.repeat(10_000), '停车收费😀'.repeat(2_000), '的'.repeat(10_000),
];

describe('hostile query text', () => {
  it.each(HOSTILE.map((q) => [q.length > 40 ? `${q.slice(0, 20)}… (${q.length})` : JSON.stringify(q), q]))('%s is answered without throwing', (_name, q) => {
    const reply = index.search({ audience: 'agents', text: q, offset: 0, limit: 10 });
    expect(reply.total).toBeGreaterThanOrEqual(0);
    expect(reply.hits.length).toBeLessThanOrEqual(10);
    // Text that normalises to nothing lists the newest (no score), like no text at all.
    for (const hit of reply.hits) expect(hit.score === null || Number.isFinite(hit.score)).toBe(true);
  });

  it('still finds the words around the syntax', () => {
    expect(index.search({ audience: 'agents', text: 'NEAR(停车 收费)', offset: 0, limit: 10 }).hits.map((h) => h.id)).toEqual([1]);
    expect(index.search({ audience: 'agents', text: '\u0000停车\u0007', offset: 0, limit: 10 }).hits.map((h) => h.id)).toEqual([1]);
  });

  it('indexes hostile article text too', () => {
    for (const [i, body] of HOSTILE.entries()) {
      index.put({ id: 100 + i, version: 1, audience: 'editors', title: body.slice(0, 200) || '空', body, categoryCodes: [], kind: 'faq', ownerUnit: null, status: 'draft', validFrom: null, validTo: null, updatedAt: i });
    }
    expect(index.search({ audience: 'editors', text: '停车', offset: 0, limit: 50 }).total).toBeGreaterThan(0);
  });

  it('normalises full-width forms and case, and turns control characters and broken surrogates into spaces', () => {
    expect(normaliseText('ＥＴＣ１２３４５')).toBe('etc12345');
    expect(normaliseText('a\u0000b\ud800c')).toBe('a b c');
    expect(textRuns(normaliseText('ETC办理95022，停车😀收费')).map((r) => [r.text, r.han])).toEqual([
      ['etc', false],
      ['办理', true],
      ['95022', false],
      ['停车', true],
      ['收费', true],
    ]);
  });
});
