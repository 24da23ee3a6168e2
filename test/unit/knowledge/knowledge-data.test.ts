import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseSeedArticles } from '../../../src/domain/knowledge/seed-article.js';
import { parseHotlineWords, parseSynonyms } from '../../../src/domain/knowledge/synonyms.js';
import { parseCategories } from '../../../src/domain/tickets/categories.js';
import { parseDispatchRules } from '../../../src/domain/tickets/dispatch-rules.js';

const read = (file: string): unknown => parse(fs.readFileSync(file, 'utf8'));
const codes = (result: { ok: boolean; errors?: readonly { code: string; path: string }[] }) => (result.ok ? [] : result.errors!.map(({ code, path }) => `${path} ${code}`));

describe('the knowledge data files as shipped', () => {
  it('synonyms.yaml has 40+ groups of hotline words, each word in one group, and the fillers', () => {
    const result = parseSynonyms(read('fixtures/knowledge/synonyms.yaml'));
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.value.groups.length).toBeGreaterThanOrEqual(40);
    expect(result.value.groups).toContainEqual(['社保', '社会保险']);
    expect(result.value.groups).toContainEqual(['公积金', '住房公积金']);
    expect(result.value.fillers).toContain('怎么办');
  });

  it('articles.yaml has 60+ articles of every kind, in known categories and units, some expired and some not yet valid', () => {
    const result = parseSeedArticles(read('fixtures/knowledge/articles.yaml'));
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const articles = result.value;
    const taxonomy = parseCategories(read('fixtures/categories.yaml'));
    const rules = parseDispatchRules(read('fixtures/dispatch-rules.yaml'));
    if (!taxonomy.ok || !rules.ok) throw new Error('fixtures');
    expect(articles.length).toBeGreaterThanOrEqual(60);
    expect(new Set(articles.map((a) => a.kind))).toEqual(new Set(['policy', 'guide', 'faq', 'contact']));
    for (const a of articles) {
      for (const code of [a.categoryCode, ...a.alsoCategories]) if (code !== null) expect(taxonomy.value.byCode.has(code), `${a.key} ${code}`).toBe(true);
      if (a.ownerUnit !== null) expect(rules.value.unitsById.has(a.ownerUnit), `${a.key} ${a.ownerUnit}`).toBe(true);
    }
    expect(new Set(articles.map((a) => a.categoryCode?.slice(0, 2))).size).toBeGreaterThanOrEqual(15);
    expect(articles.some((a) => a.validTo !== null && a.validTo < '2026-12-05')).toBe(true);
    expect(articles.some((a) => a.validFrom !== null && a.validFrom > '2026-12-05')).toBe(true);
    expect(articles.filter((a) => a.sourceNumber !== null).length).toBeGreaterThanOrEqual(20);
  });

  it('hotline-words.yaml keeps the words the brief names', () => {
    const result = parseHotlineWords(read('fixtures/knowledge/hotline-words.yaml'));
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.value).toEqual(expect.arrayContaining(['飞线充电', '维修资金', '网约车']));
  });
});

describe('checking the knowledge data', () => {
  it('reports every problem of a synonym table with its path', () => {
    expect(codes(parseSynonyms({ groups: [['社保'], ['社保', '社会保险'], ['医保', 12345], ['社会保险', '社险']], colour: 1 }))).toEqual([
      'colour KNOWLEDGE_SYNONYM_UNKNOWN_FIELD',
      'groups[0] KNOWLEDGE_SYNONYM_INVALID_FIELD',
      'groups[2] KNOWLEDGE_SYNONYM_INVALID_FIELD',
      'groups[3] KNOWLEDGE_SYNONYM_DUPLICATE_WORD',
    ]);
    expect(codes(parseSynonyms({ groups: [] }))).toEqual(['groups KNOWLEDGE_SYNONYM_MISSING_FIELD']);
    expect(codes(parseSynonyms('groups'))).toEqual([' KNOWLEDGE_SYNONYM_INVALID_FIELD']);
  });

  it('normalises the words of the table as the search normalises text', () => {
    const result = parseSynonyms({ groups: [['ＥＴＣ', '电子不停车收费']] });
    expect(result.ok && result.value.groups).toEqual([['etc', '电子不停车收费']]);
  });

  it('reports bad keys, kinds, days, codes and validity of seed articles, all at once', () => {
    const good = { key: 'a-1', title: '标题', body: '正文', kind: 'faq' };
    const raw = {
      articles: [
        good,
        { ...good },
        { ...good, key: 'B 2', kind: 'memo', validFrom: '2026/01/01', categoryCode: '12' },
        { ...good, key: 'c', validFrom: '2026-02-01', validTo: '2026-01-01', alsoCategories: ['01'], colour: 'red' },
        { key: 'd', body: '正文', kind: 'faq' },
      ],
    };
    expect(codes(parseSeedArticles(raw))).toEqual([
      'articles[1].key KNOWLEDGE_ARTICLE_DUPLICATE_KEY',
      'articles[2].key KNOWLEDGE_ARTICLE_INVALID_KEY',
      'articles[2].kind KNOWLEDGE_ARTICLE_INVALID_FIELD',
      'articles[2].categoryCode KNOWLEDGE_ARTICLE_INVALID_FIELD',
      'articles[2].validFrom KNOWLEDGE_ARTICLE_INVALID_FIELD',
      'articles[3].colour KNOWLEDGE_ARTICLE_UNKNOWN_FIELD',
      'articles[3].alsoCategories KNOWLEDGE_ARTICLE_INVALID_FIELD',
      'articles[3].validTo KNOWLEDGE_ARTICLE_INVALID_VALIDITY',
      'articles[4].title KNOWLEDGE_ARTICLE_MISSING_FIELD',
    ]);
  });
});
