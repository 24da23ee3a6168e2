import { describe, expect, it } from 'vitest';
import { loadHotlineWords, loadSynonyms } from '../../../src/adapters/knowledge/knowledge-files.js';
import { JiebaSegmenter } from '../../../src/adapters/search/jieba-segmenter.js';
import { segmenterWords } from '../../../src/app/knowledge/knowledge-index.js';

const hotline = JiebaSegmenter.withWords(segmenterWords(loadSynonyms(), loadHotlineWords()));

describe('the jieba segmenter', () => {
  it('loads its prebuilt binary and dictionary and cuts Chinese into words', () => {
    const plain = JiebaSegmenter.withWords();
    expect(plain.cutForSearch('我想问一下公积金怎么提取')).toEqual(expect.arrayContaining(['公积金', '提取']));
  });

  it('in search mode also gives the sub-words of a long word', () => {
    expect(JiebaSegmenter.withWords().cutForSearch('中华人民共和国住房公积金管理条例')).toEqual(expect.arrayContaining(['中华人民共和国', '共和国', '住房', '公积金', '管理条例', '条例']));
  });

  it('keeps the hotline words of the user dictionary whole, where the general dictionary splits them', () => {
    const plain = JiebaSegmenter.withWords();
    expect(plain.cutForSearch('楼下有人飞线充电')).not.toContain('飞线充电');
    expect(hotline.cutForSearch('楼下有人飞线充电')).toContain('飞线充电');
    expect(hotline.cutForSearch('维修资金怎么用')).toContain('维修资金');
    expect(hotline.cutForSearch('网约车司机绕路')).toContain('网约车');
  });

  it('adds a user word found inside a longer word (维修资金 in 专项维修资金)', () => {
    const words = hotline.cutForSearch('住宅专项维修资金使用');
    expect(words).toEqual(expect.arrayContaining(['专项维修资金', '维修资金']));
  });

  it('is built once per set of user words', () => {
    expect(JiebaSegmenter.withWords(['飞线充电', '网约车'])).toBe(JiebaSegmenter.withWords(['网约车', '飞线充电', ' 网约车 ']));
    expect(JiebaSegmenter.withWords()).not.toBe(JiebaSegmenter.withWords(['飞线充电']));
  });

  it('cuts empty, emoji, control and very long text without throwing', () => {
    for (const text of ['', '😀👨‍👩‍👧', '\u0000\u0007', '停'.repeat(10_000), 'a'.repeat(10_000), 'ETC 12345 ａｂｃ']) {
      expect(Array.isArray(hotline.cutForSearch(text))).toBe(true);
    }
  });
});
