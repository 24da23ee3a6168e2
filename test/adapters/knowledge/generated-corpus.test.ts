import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { generateCorpus, loadCorpusSources } from '../../../src/adapters/knowledge/generated-corpus.js';
import { loadSeedArticles } from '../../../src/adapters/knowledge/knowledge-files.js';
import { seedArticleFields } from '../../../src/adapters/knowledge/seed-article-fields.js';
import { ArticleWriteBody } from '../../../src/contract/api/knowledge.js';

const sources = loadCorpusSources();

describe('the generated knowledge corpus', () => {
  it('is the same for the same seed and count, and another for another seed', () => {
    const a = generateCorpus(sources, 500);
    expect(generateCorpus(sources, 500)).toEqual(a);
    expect(generateCorpus(sources, 500, 7)).not.toEqual(a);
    expect(generateCorpus(sources, 600).slice(0, 500)).toEqual(a);
  });

  it('covers every subcategory with every kind, keyed gen-00001 on, in Chinese', () => {
    const corpus = generateCorpus(sources, 3000);
    expect(corpus).toHaveLength(3000);
    expect(corpus[0]!.key).toBe('gen-00001');
    expect(new Set(corpus.map((a) => a.key)).size).toBe(3000);
    const pairs = new Set(corpus.map((a) => `${a.categoryCode}/${a.kind}`));
    expect(pairs.size).toBe(sources.taxonomy.byCode.size * 4);
    for (const a of corpus.slice(0, 200)) expect((a.body.match(/\p{Script=Han}/gu) ?? []).length).toBeGreaterThanOrEqual(40);
    expect(corpus.every((a) => a.ownerUnit !== null && sources.rules.unitsById.has(a.ownerUnit))).toBe(true);
    expect(corpus.filter((a) => a.validTo !== null && a.validTo < '2026-12-05').length).toBeGreaterThan(100);
    expect(corpus.filter((a) => a.validFrom !== null && a.validFrom > '2026-12-05').length).toBeGreaterThan(50);
  });

  it('gives hand-written and generated articles that are valid article fields of the API', () => {
    for (const seed of [...loadSeedArticles(), ...generateCorpus(sources, 400)]) {
      const fields = seedArticleFields(seed);
      expect([...Value.Errors(ArticleWriteBody, fields)].map((e) => `${seed.key} ${e.path} ${e.message}`)).toEqual([]);
    }
  });
});
