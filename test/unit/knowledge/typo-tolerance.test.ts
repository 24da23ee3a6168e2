import { describe, expect, it } from 'vitest';
import { SearchEngine } from '../../../src/domain/knowledge/search/search-engine.js';
import { TypoNeighbours } from '../../../src/domain/knowledge/search/typo-neighbours.js';
import { doc, text } from './engine-documents.js';

describe('the typo neighbourhood of the vocabulary', () => {
  const vocabulary = new TypoNeighbours();
  for (const word of ['公积金', '公积金', '住房公积金', '维修资金', '飞线充电', '营业执照']) vocabulary.add(word);

  it('finds words one replaced, one missing or one extra character away', () => {
    expect(vocabulary.near('公基金')).toEqual(['公积金']);
    expect(vocabulary.near('维修滋金')).toEqual(['维修资金']);
    expect(vocabulary.near('住房公金')).toEqual(['住房公积金']);
    expect(vocabulary.near('飞线充充电')).toEqual(['飞线充电']);
    expect(vocabulary.near('营业执照')).toEqual([]);
  });

  it('does not take two edits, nor swapped characters, for one', () => {
    expect(vocabulary.near('公基全')).toEqual([]);
    expect(vocabulary.near('飞充线电')).toEqual([]);
  });

  it('forgets a word when the last article holding it goes', () => {
    const words = new TypoNeighbours();
    words.add('飞线充电');
    words.drop('飞线充电');
    expect(words.near('飞线冲电')).toEqual([]);
  });
});

describe('typo tolerance in a search', () => {
  function engine(): SearchEngine {
    const e = new SearchEngine(new Map());
    e.put(doc({ id: 1, title: '住房公积金提取', words: ['住房公积金', '公积金', '住房', '提取'] }));
    e.put(doc({ id: 2, title: '公积金贷款额度', words: ['公积金', '贷款', '额度'] }));
    e.put(doc({ id: 3, title: '产业基金申报', words: ['产业基金', '产业', '基金', '申报'] }));
    e.put(doc({ id: 4, title: '公益基金会', words: ['公益基金会', '公益', '基金会', '基金'] }));
    return e;
  }
  const ask = (e: SearchEngine, typed: string, words: readonly string[]) => e.search({ audience: 'agents', text: text(typed, words), offset: 0, limit: 10 }).hits.map((h) => h.id);

  it('finds 公积金 for the homophone typo 公基金, above the articles that only share 基金', () => {
    const found = ask(engine(), '公基金', ['公', '基金']);
    expect(found.slice(0, 2).sort()).toEqual([1, 2]);
  });

  it('keeps a typed word that articles hold as it is', () => {
    const e = engine();
    e.put(doc({ id: 5, title: '公基金试点', words: ['公基金', '试点'] }));
    e.put(doc({ id: 6, title: '公基金规则', words: ['公基金', '规则'] }));
    expect(ask(e, '公基金', ['公基金']).slice(0, 2).sort()).toEqual([5, 6]);
  });
});
