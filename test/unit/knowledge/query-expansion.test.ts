import { describe, expect, it } from 'vitest';
import { planQuery, QUERY_WEIGHT } from '../../../src/domain/knowledge/search/query-terms.js';
import { SearchEngine } from '../../../src/domain/knowledge/search/search-engine.js';
import { TypoNeighbours } from '../../../src/domain/knowledge/search/typo-neighbours.js';
import { synonymLookup } from '../../../src/domain/knowledge/synonyms.js';
import { doc, text } from './engine-documents.js';

const synonyms = synonymLookup({ groups: [['社保', '社会保险'], ['公积金', '住房公积金'], ['etc', '电子不停车收费']], fillers: [] });

function engineWith(fillers: readonly string[] = []): SearchEngine {
  const engine = new SearchEngine(synonyms, new Set(fillers));
  engine.put(doc({ id: 1, title: '社会保险缴费指南', words: ['社会保险', '社会', '保险', '缴费', '指南'] }));
  engine.put(doc({ id: 2, title: '社保卡补办', words: ['社保', '社保卡', '补办'] }));
  engine.put(doc({ id: 3, title: '住房公积金提取', words: ['住房公积金', '公积金', '住房', '提取'] }));
  engine.put(doc({ id: 4, title: '高速公路电子不停车收费', words: ['高速公路', '电子不停车收费', '收费'] }));
  engine.put(doc({ id: 5, title: '停车收费标准', words: ['停车', '收费', '标准'] }));
  return engine;
}
const ask = (engine: SearchEngine, typed: string, words: readonly string[] = []) =>
  engine.search({ audience: 'agents', text: text(typed, words), offset: 0, limit: 10 }).hits.map((h) => h.id);

describe('query expansion by the synonym table', () => {
  it('finds the other words of the group in both directions, the typed word first', () => {
    const engine = engineWith();
    expect(ask(engine, '社保', ['社保'])).toEqual([2, 1]);
    expect(ask(engine, '社会保险', ['社会保险', '社会', '保险'])).toEqual([1, 2]);
  });

  it('scores an expanded word a little below the typed one', () => {
    const plan = planQuery('社保', ['社保'], { synonyms, fillers: new Set(), typos: new TypoNeighbours(), documentCount: () => 1 });
    const weight = (term: string) => plan.terms.find((t) => t.term === term)?.weight;
    expect(weight('社保')).toBe(QUERY_WEIGHT.word);
    expect(weight('社会保险')).toBe(QUERY_WEIGHT.synonym);
    expect(QUERY_WEIGHT.synonym).toBeLessThan(QUERY_WEIGHT.word);
    // A word and its synonyms are one group: an article scores the best of them, not their sum.
    expect(plan.terms.find((t) => t.term === '社保')?.group).toBe(plan.terms.find((t) => t.term === '社会保险')?.group);
  });

  it('expands a synonym found inside a longer typed word, and an ASCII word', () => {
    const engine = engineWith();
    expect(ask(engine, '住房公积金提取', ['住房公积金', '公积金', '提取'])).toEqual([3]);
    expect(ask(engine, '公积金', ['公积金'])).toEqual([3]);
    expect(ask(engine, 'ETC')).toEqual([4]);
  });

  it('adds nothing for a synonym no article holds, rather than its scattered characters', () => {
    const engine = new SearchEngine(synonyms);
    engine.put(doc({ id: 5, title: '停车收费标准', words: ['停车', '收费', '标准'] }));
    expect(ask(engine, 'ETC')).toEqual([]);
  });

  it('gives fillers (怎么办, 请问) a low weight and no part in the coverage', () => {
    const plan = planQuery('请问社保怎么办', ['请问', '社保', '怎么办', '怎么'], {
      synonyms,
      fillers: new Set(['请问', '怎么办', '怎么']),
      typos: new TypoNeighbours(),
      documentCount: () => 1,
    });
    expect(plan.terms.find((t) => t.term === '怎么办')).toMatchObject({ weight: QUERY_WEIGHT.filler, concepts: 0 });
    expect(plan.terms.find((t) => t.term === '社保')!.concepts).not.toBe(0);
    expect(plan.conceptCount).toBe(1);
    const engine = engineWith(['请问', '怎么办', '怎么']);
    engine.put(doc({ id: 9, title: '户口迁移怎么办', words: ['户口', '迁移', '怎么办', '怎么'] }));
    expect(ask(engine, '请问社保怎么办', ['请问', '社保', '怎么办', '怎么'])[0]).toBe(2);
  });
});
