import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseDispatchRules, type DispatchRules } from '../../../src/domain/tickets/dispatch-rules.js';
import { suggestUnits, type DispatchRequest, type PastOrder } from '../../../src/domain/tickets/dispatch-suggestion.js';

const rulesOf = (raw: unknown): DispatchRules => {
  const result = parseDispatchRules(raw);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
};

const city = rulesOf(parse(fs.readFileSync('fixtures/dispatch-rules.yaml', 'utf8')));
const ask = (text: string, categoryCode: string | null = null, area: string | null = null): DispatchRequest => ({ text, categoryCode, area });

/** Two units that the same word points at equally, so only history or the id can part them. */
const twins = rulesOf({
  units: [
    { id: 'alpha', name: '甲单位', kind: 'bureau' },
    { id: 'beta', name: '乙单位', kind: 'bureau' },
  ],
  rules: [
    { unit: 'alpha', keywords: ['噪音'], weight: 2 },
    { unit: 'beta', keywords: ['噪音'], weight: 2 },
  ],
});

describe('dispatch suggestion with the shipped rules', () => {
  it('sends a broken lift to the housing bureau, with the keyword as the reason', () => {
    const s = suggestUnits(city, ask('小区电梯故障三天没人修'), []);
    expect(s.main).toBe('housing-bureau');
    expect(s.urgent).toBe(false);
    expect(s.candidates.map((c) => [c.unitId, c.score])).toEqual([
      ['housing-bureau', 3],
      ['market-regulation', 1],
    ]);
    expect(s.candidates[0]).toMatchObject({ name: '市住房和城乡建设局', reasons: [{ kind: 'keyword', keyword: '电梯故障', points: 3 }], responsibility: null });
    expect(s.assisting).toEqual([]);
  });

  it('counts an exact subcategory double the rule weight', () => {
    const s = suggestUnits(city, ask('小区电梯故障三天没人修', '0203'), []);
    expect(s.candidates[0]).toEqual({
      unitId: 'housing-bureau',
      name: '市住房和城乡建设局',
      score: 9,
      reasons: [
        { kind: 'keyword', keyword: '电梯故障', points: 3 },
        { kind: 'category', code: '0203', points: 6 },
      ],
      responsibility: null,
    });
    expect(s.candidates[1]).toMatchObject({ unitId: 'market-regulation', score: 3 });
  });

  it('marks a water outage urgent and sends it to the water company', () => {
    const s = suggestUnits(city, ask('停水了'), []);
    expect(s).toEqual({
      candidates: [{ unitId: 'water-group', name: '市自来水公司', score: 3, reasons: [{ kind: 'keyword', keyword: '停水', points: 3 }], responsibility: null }],
      main: 'water-group',
      assisting: [],
      urgent: true,
    });
  });

  it('marks a utility subcategory urgent even when no word in the text says so', () => {
    for (const [code, unit] of [['0301', 'water-group'], ['0302', 'power-supply'], ['0303', 'gas-group'], ['0304', 'heating-company']]) {
      const s = suggestUnits(city, ask('家里有情况', code), []);
      expect([s.main, s.urgent], code).toEqual([unit, true]);
    }
    expect(suggestUnits(city, ask('家里有情况', '0305'), []).urgent).toBe(false);
  });

  it('lets a major code in a rule stand for all its subcategories, at the plain weight', () => {
    const s = suggestUnits(city, ask('平台扣钱', '0701'), []);
    expect(s.candidates).toEqual([
      { unitId: 'human-resources', name: '市人力资源和社会保障局', score: 2, reasons: [{ kind: 'category', code: '07', points: 2 }], responsibility: null },
    ]);
  });

  it('does not count a keyword again when a longer keyword of the same rule already covers it', () => {
    const s = suggestUnits(city, ask('闻到燃气泄漏的味道'), []);
    expect(s.candidates).toEqual([{ unitId: 'gas-group', name: '市燃气集团', score: 3, reasons: [{ kind: 'keyword', keyword: '燃气泄漏', points: 3 }], responsibility: null }]);
    expect(s.urgent).toBe(true);
  });

  it.each([
    ['小区物业不作为，物业管理混乱', 'housing-bureau'],
    ['网购商品有质量问题，商家拒绝退款', 'market-regulation'],
    ['小区门口天天有车违停', 'traffic-police'],
    ['工地施工扰民，晚上也在干', 'housing-bureau'],
    ['邻居楼顶加盖，属于违法建设', 'urban-management'],
    ['包工头拖欠农民工工资半年', 'human-resources'],
    ['一下雨屋顶漏水', 'housing-bureau'],
    ['楼下有人飞线充电', 'fire-rescue'],
    ['广场舞噪音太大', 'ecology-environment'],
    ['整栋楼停电了', 'power-supply'],
  ])('suggests a unit for a hot topic: %s', (text, unit) => {
    expect(suggestUnits(city, ask(text), []).main).toBe(unit);
  });

  it('applies a 街道 rule only in its own area', () => {
    const inXicheng = suggestUnits(city, ask('楼道堆物没人管', null, '西城街道'), []);
    expect(inXicheng.candidates.map((c) => c.unitId)).toEqual(['xicheng-subdistrict']);
    expect(suggestUnits(city, ask('楼道堆物没人管', null, '东城街道'), []).main).toBe('dongcheng-subdistrict');
    expect(suggestUnits(city, ask('楼道堆物没人管', null, '北山街道'), [])).toEqual({ candidates: [], main: null, assisting: [], urgent: false });
    expect(suggestUnits(city, ask('楼道堆物没人管'), []).main).toBeNull();
  });

  it('ranks the 街道 beside the fire service for cable charging in its area, as the assisting unit', () => {
    const s = suggestUnits(city, ask('楼下有人飞线充电', '1001', '东城街道'), []);
    expect(s.candidates.map((c) => [c.unitId, c.score])).toEqual([
      ['dongcheng-subdistrict', 6],
      ['fire-rescue', 6],
    ]);
    expect([s.main, s.assisting]).toEqual(['dongcheng-subdistrict', ['fire-rescue']]);
  });

  it('suggests nothing when nothing points anywhere', () => {
    expect(suggestUnits(city, ask('你好，我想咨询一下'), [])).toEqual({ candidates: [], main: null, assisting: [], urgent: false });
  });
});

describe('dispatch suggestion scoring', () => {
  const past = (unitId: string, categoryCode = '0802', area: string | null = null): PastOrder => ({ unitId, categoryCode, area });

  it('breaks a tie by unit id when there is no history', () => {
    const s = suggestUnits(twins, ask('楼上噪音', '0802'), []);
    expect(s.candidates.map((c) => [c.unitId, c.score])).toEqual([
      ['alpha', 2],
      ['beta', 2],
    ]);
    expect([s.main, s.assisting]).toEqual(['alpha', ['beta']]);
  });

  it('lets history of the same category tip the tie; other categories and undeclared units do not count', () => {
    const orders = [past('beta'), past('alpha'), past('beta'), past('gone-unit'), past('gone-unit'), past('alpha', '0801'), past('alpha', '0801')];
    const s = suggestUnits(twins, ask('楼上噪音', '0802'), orders);
    expect(s.main).toBe('beta');
    expect(s.candidates).toEqual([
      { unitId: 'beta', name: '乙单位', score: 4.67, reasons: [{ kind: 'keyword', keyword: '噪音', points: 2 }, { kind: 'history', count: 2, of: 3, points: 2.67 }], responsibility: null },
      { unitId: 'alpha', name: '甲单位', score: 3.33, reasons: [{ kind: 'keyword', keyword: '噪音', points: 2 }, { kind: 'history', count: 1, of: 3, points: 1.33 }], responsibility: null },
    ]);
    expect(s.assisting).toEqual(['alpha']);
  });

  it('counts only past orders of the same area when the request has one', () => {
    const orders = [past('alpha', '0802', '东城街道'), past('beta', '0802', '西城街道'), past('beta', '0802', '西城街道')];
    expect(suggestUnits(twins, ask('楼上噪音', '0802', '东城街道'), orders).candidates.map((c) => [c.unitId, c.score])).toEqual([
      ['alpha', 6],
      ['beta', 2],
    ]);
    expect(suggestUnits(twins, ask('楼上噪音', '0802'), orders).main).toBe('beta');
  });

  it('uses no history without a category, and history alone can suggest a unit', () => {
    expect(suggestUnits(twins, ask('楼上噪音'), [past('beta')]).main).toBe('alpha');
    expect(suggestUnits(twins, ask('别的事', '0802'), [past('beta')]).candidates).toEqual([
      { unitId: 'beta', name: '乙单位', score: 4, reasons: [{ kind: 'history', count: 1, of: 1, points: 4 }], responsibility: null },
    ]);
  });

  it('matches Latin keywords regardless of case', () => {
    const rules = rulesOf({ units: [{ id: 'telecom', name: '通信公司', kind: 'state-firm' }], rules: [{ unit: 'telecom', keywords: ['WiFi'] }] });
    expect(suggestUnits(rules, ask('小区wifi断了'), []).main).toBe('telecom');
  });

  it('gives the same answer for the same input, whatever the order of past orders', () => {
    const orders = [past('beta'), past('alpha'), past('beta'), past('alpha', '0802', '南湖街道')];
    const first = suggestUnits(city, ask('停水停电，楼上噪音', '0802'), orders);
    expect(suggestUnits(city, ask('停水停电，楼上噪音', '0802'), [...orders].reverse())).toEqual(first);
    expect(suggestUnits(twins, ask('噪音', '0802'), orders)).toEqual(suggestUnits(twins, ask('噪音', '0802'), [...orders].reverse()));
  });

  it('lists at most `limit` candidates (5 by default, at least 1) and at most 2 assisting units', () => {
    const text = '停水停电停气，暖气不热，楼道堆物，还有噪音和油烟';
    const all = suggestUnits(city, ask(text, null, '南湖街道'), []);
    expect(all.candidates.map((c) => [c.unitId, c.score])).toEqual([
      ['nanhu-subdistrict', 4],
      ['ecology-environment', 3],
      ['gas-group', 3],
      ['heating-company', 3],
      ['power-supply', 3],
    ]);
    expect(all.main).toBe('nanhu-subdistrict');
    expect(all.assisting).toEqual(['ecology-environment', 'gas-group']);
    expect(all.urgent).toBe(true);
    const ten = suggestUnits(city, ask(text, null, '南湖街道'), [], { limit: 10 }).candidates.map((c) => c.unitId);
    expect([ten.length, ten.at(-1)]).toEqual([6, 'water-group']);
    const two = suggestUnits(city, ask(text, null, '南湖街道'), [], { limit: 2 });
    expect(two.candidates.map((c) => c.unitId)).toEqual(['nanhu-subdistrict', 'ecology-environment']);
    expect(two.assisting).toEqual(['ecology-environment']);
    expect(suggestUnits(city, ask(text, null, '南湖街道'), [], { limit: 0 }).candidates.map((c) => c.unitId)).toEqual(['nanhu-subdistrict']);
  });
});
