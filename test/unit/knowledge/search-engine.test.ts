import { describe, expect, it } from 'vitest';
import { SearchEngine, type EngineQuery } from '../../../src/domain/knowledge/search/search-engine.js';
import { doc, text } from './engine-documents.js';

const ask = (engine: SearchEngine, typed: string, extra: Partial<EngineQuery> = {}, words: readonly string[] = []) =>
  engine.search({ audience: 'agents', text: text(typed, words), offset: 0, limit: 10, ...extra });
const ids = (reply: { hits: readonly { id: number }[] }): number[] => reply.hits.map((h) => h.id);

describe('the knowledge search engine', () => {
  it('ranks a match in the title above the same match in the body, and leaves out articles without it', () => {
    const engine = new SearchEngine(new Map());
    engine.put(doc({ id: 1, title: '供暖收费标准', body: '本市燃气价格调整，停车收费另行规定。' }));
    engine.put(doc({ id: 2, title: '停车收费标准', body: '路内停车首小时5元。' }));
    engine.put(doc({ id: 3, title: '垃圾分类', body: '厨余垃圾去除包装后投放。' }));
    const reply = ask(engine, '停车');
    expect(ids(reply)).toEqual([2, 1]);
    expect(reply.total).toBe(2);
    expect(reply.hits[0]!.score).toBeGreaterThan(reply.hits[1]!.score!);
  });

  it('finds any two-character part of a word the segmenter kept whole, and one character alone', () => {
    const engine = new SearchEngine(new Map());
    engine.put(doc({ id: 1, title: '住房公积金提取', words: ['住房公积金', '公积金', '提取'] }));
    engine.put(doc({ id: 2, title: '医疗保险报销', words: ['医疗保险', '报销'] }));
    expect(ids(ask(engine, '积金'))).toEqual([1]);
    expect(ids(ask(engine, '医'))).toEqual([2]);
    expect(ids(ask(engine, '房公'))).toEqual([1]);
  });

  it('ranks an article holding the whole query above one holding a part of it', () => {
    const engine = new SearchEngine(new Map());
    engine.put(doc({ id: 1, title: '电梯维保单位名录', body: '电梯维保单位名单。电梯年检。' }));
    engine.put(doc({ id: 2, title: '电梯困人应急处置', body: '电梯困人时保持冷静。' }));
    expect(ids(ask(engine, '电梯困人'))[0]).toBe(2);
  });

  it('matches whole ASCII words and numbers, case- and width-blind', () => {
    const engine = new SearchEngine(new Map());
    engine.put(doc({ id: 1, title: 'ETC办理', body: '客服电话95022。' }));
    engine.put(doc({ id: 2, title: '热线', body: '拨打12345反映。' }));
    expect(ids(ask(engine, 'etc'))).toEqual([1]);
    expect(ids(ask(engine, 'ＥＴＣ'))).toEqual([1]);
    expect(ids(ask(engine, '１２３４５'))).toEqual([2]);
    expect(ids(ask(engine, '1234'))).toEqual([]);
  });

  it('replaces an article on put, removes it on remove, and keeps the two audiences apart', () => {
    const engine = new SearchEngine(new Map());
    engine.put(doc({ id: 1, title: '旧的停水通知' }));
    engine.put(doc({ id: 1, title: '停电通知', version: 2 }));
    engine.put(doc({ id: 1, title: '停水通知草稿', audience: 'editors', version: 3 }));
    expect(ask(engine, '停水').hits).toEqual([]);
    expect(ask(engine, '停电').hits.map((h) => [h.id, h.version])).toEqual([[1, 2]]);
    expect(ask(engine, '停水', { audience: 'editors' }).hits.map((h) => [h.id, h.version])).toEqual([[1, 3]]);
    engine.remove(1, 'agents');
    expect(ask(engine, '停电').hits).toEqual([]);
    expect(engine.size).toBe(1);
    engine.remove(99, 'agents');
    expect(engine.size).toBe(1);
  });

  it('stays right after many replacements compact the postings', () => {
    const engine = new SearchEngine(new Map());
    for (let id = 1; id <= 100; id += 1) engine.put(doc({ id, title: `第${id}号停车场收费` }));
    for (let round = 0; round < 5; round += 1) for (let id = 1; id <= 100; id += 1) engine.put(doc({ id, title: id % 2 === 0 ? '停车场收费' : '公园开放时间', version: round + 2 }));
    const reply = ask(engine, '停车场', { limit: 50 });
    expect(reply.total).toBe(50);
    expect(reply.hits.every((h) => h.id % 2 === 0 && h.version === 6)).toBe(true);
  });

  it('filters by audience, category (major or sub), kind, status, owner and the day of validity', () => {
    const engine = new SearchEngine(new Map());
    engine.put(doc({ id: 1, title: '物业收费', categoryCodes: ['0201'], kind: 'policy', ownerUnit: 'housing-bureau' }));
    engine.put(doc({ id: 2, title: '物业投诉', categoryCodes: ['0202', '0601'], kind: 'faq', ownerUnit: 'housing-bureau', validTo: '2025-12-31' }));
    engine.put(doc({ id: 3, title: '物业招标', categoryCodes: ['0601'], kind: 'guide', status: 'draft', audience: 'editors', validFrom: '2027-01-01' }));
    expect(ids(ask(engine, '物业', { category: '02' })).sort()).toEqual([1, 2]);
    expect(ids(ask(engine, '物业', { category: '0601' }))).toEqual([2]);
    expect(ids(ask(engine, '物业', { kind: 'policy' }))).toEqual([1]);
    expect(ids(ask(engine, '物业', { validOn: '2026-12-05' }))).toEqual([1]);
    expect(ids(ask(engine, '物业', { validOn: '2025-12-31' })).sort()).toEqual([1, 2]);
    expect(ids(ask(engine, '物业', { audience: 'editors', status: 'draft' }))).toEqual([3]);
    expect(ids(ask(engine, '物业', { audience: 'editors', validOn: '2026-12-05' }))).toEqual([]);
    expect(ids(ask(engine, '物业', { ownerUnit: 'housing-bureau' })).sort()).toEqual([1, 2]);
    expect(ids(ask(engine, '物业', { ownerUnit: 'civil-affairs' }))).toEqual([]);
  });

  it('pages with offset and limit, the total counting every hit', () => {
    const engine = new SearchEngine(new Map());
    for (let id = 1; id <= 25; id += 1) engine.put(doc({ id, title: `停车场${'甲乙丙丁戊'.charAt(id % 5)}区收费` }));
    const first = ask(engine, '停车场', { limit: 10 });
    const third = ask(engine, '停车场', { offset: 20, limit: 10 });
    expect(first.total).toBe(25);
    expect(first.hits).toHaveLength(10);
    expect(third.hits).toHaveLength(5);
    const every = [...ids(first), ...ids(ask(engine, '停车场', { offset: 10, limit: 10 })), ...ids(third)];
    expect(new Set(every).size).toBe(25);
  });

  it('without query text lists what passes the filters, newest first, without scores', () => {
    const engine = new SearchEngine(new Map());
    engine.put(doc({ id: 1, title: '甲', updatedAt: 3000 }));
    engine.put(doc({ id: 2, title: '乙', updatedAt: 5000, categoryCodes: ['0101'] }));
    engine.put(doc({ id: 3, title: '丙', updatedAt: 4000, categoryCodes: ['0102'] }));
    engine.put(doc({ id: 4, title: '丁', updatedAt: 9000, audience: 'editors' }));
    const all = engine.search({ audience: 'agents', offset: 0, limit: 10 });
    expect(all.hits.map((h) => [h.id, h.score, h.passage])).toEqual([
      [2, null, null],
      [3, null, null],
      [1, null, null],
    ]);
    expect(engine.search({ audience: 'agents', category: '01', offset: 1, limit: 1 })).toEqual({ total: 2, hits: [{ id: 3, version: 1, score: null, passage: null }] });
  });

  it('shows the sentence of the body that matched best as the passage', () => {
    const engine = new SearchEngine(new Map());
    engine.put(doc({ id: 1, title: '供暖', body: '本市供暖期为11月15日至次年3月15日。室温不低于18摄氏度，暖气不热可以报修。供热单位负责维修。' }));
    expect(ask(engine, '暖气不热').hits[0]!.passage).toBe('室温不低于18摄氏度，暖气不热可以报修。');
    expect(ask(engine, '供暖').hits[0]!.passage).toBe('本市供暖期为11月15日至次年3月15日。');
  });
});
