// The analysis shaped from hand-made sums: volumes by day, hour and Monday-started week, rates, the top
// subcategories against the days before, the heat table's order, and the units' names and rates.
import { describe, expect, it } from 'vitest';
import { analysisOf } from '../../../src/domain/reports/analysis.js';
import { heatTable, topCategories } from '../../../src/domain/reports/analysis-categories.js';
import type { AnalysisSums } from '../../../src/domain/reports/analysis-rows.js';
import { parseCategories, type Taxonomy } from '../../../src/domain/tickets/categories.js';

function taxonomy(): Taxonomy {
  const parsed = parseCategories({
    categories: [
      { code: '02', name: '住房保障与物业', en: 'Housing', children: [{ code: '0201', name: '物业管理', en: 'Property' }, { code: '0202', name: '屋顶漏水', en: 'Roof leaks' }] },
      { code: '04', name: '交通运输', en: 'Transport', children: [{ code: '0401', name: '停车管理', en: 'Parking' }] },
    ],
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.value;
}

const names = { taxonomy: taxonomy(), unitNames: new Map([['housing-bureau', '市住房和城乡建设局']]) };
const none: AnalysisSums = { callHours: [], orderHours: [], categoryDays: [], areaCategories: [], units: [] };

describe('analysisOf', () => {
  // 2026-11-28 is a Saturday: the range touches two weeks (Monday 11-23 and Monday 11-30).
  const sums: AnalysisSums = {
    ...none,
    callHours: [
      { day: '2026-11-28', hour: 9, calls: 10, answered: 8, answeredWithinTarget: 6, abandoned: 2 },
      { day: '2026-11-30', hour: 9, calls: 5, answered: 4, answeredWithinTarget: 4, abandoned: 1 },
      { day: '2026-11-30', hour: 23, calls: 1, answered: 0, answeredWithinTarget: 0, abandoned: 0 },
      { day: '2026-12-05', hour: 9, calls: 99, answered: 99, answeredWithinTarget: 99, abandoned: 0 },
    ],
    orderHours: [
      { day: '2026-11-28', hour: 9, count: 7 },
      { day: '2026-11-30', hour: 10, count: 3 },
    ],
    units: [
      { unitId: 'unknown-unit', orders: 1, replied: 0, onTime: 0, rated: 0, satisfied: 0 },
      { unitId: 'housing-bureau', orders: 5, replied: 4, onTime: 3, rated: 2, satisfied: 1 },
    ],
  };
  const a = analysisOf('2026-11-28', '2026-11-30', sums, names);

  it('sums calls and orders per day (every day listed) and per hour, ignoring days out of range', () => {
    expect(a.days.map((d) => [d.day, d.calls, d.answered, d.answeredWithinTarget, d.abandoned, d.orders])).toEqual([
      ['2026-11-28', 10, 8, 6, 2, 7],
      ['2026-11-29', 0, 0, 0, 0, 0],
      ['2026-11-30', 6, 4, 4, 1, 3],
    ]);
    expect(a.hours).toHaveLength(24);
    expect(a.hours[9]).toEqual({ hour: 9, calls: 15, answered: 12, answeredWithinTarget: 10, abandoned: 3, orders: 7, serviceLevel: 0.8333 });
    expect(a.hours[10]).toMatchObject({ orders: 3, calls: 0, serviceLevel: null });
    expect(a.hours[23]).toMatchObject({ calls: 1, answered: 0, serviceLevel: null });
  });

  it('groups the days into Monday-started weeks and gives the totals and rates', () => {
    expect(a.weeks).toEqual([
      { weekStart: '2026-11-23', calls: 10, orders: 7 },
      { weekStart: '2026-11-30', calls: 6, orders: 3 },
    ]);
    expect(a.totals).toEqual({ calls: 16, answered: 12, answeredWithinTarget: 10, abandoned: 3, orders: 10, answerRate: 0.75, serviceLevel: 0.8333, onTimeRate: 0.75, satisfactionRate: 0.5 });
  });

  it('names the units from the dispatch rules (an unknown id as itself), most orders first', () => {
    expect(a.units.map((u) => [u.unitId, u.name, u.onTimeRate, u.satisfactionRate])).toEqual([
      ['housing-bureau', '市住房和城乡建设局', 0.75, 0.5],
      ['unknown-unit', 'unknown-unit', null, null],
    ]);
  });

  it('gives rates as null, not 0, over a range with nothing in it', () => {
    const empty = analysisOf('2026-11-01', '2026-11-01', none, names);
    expect(empty.totals).toEqual({ calls: 0, answered: 0, answeredWithinTarget: 0, abandoned: 0, orders: 0, answerRate: null, serviceLevel: null, onTimeRate: null, satisfactionRate: null });
    expect(empty.topCategories).toEqual([]);
    expect(empty.heat).toEqual({ areas: [], categories: [], cells: [] });
  });
});

describe('topCategories', () => {
  it('ranks subcategories over the range, compares the same number of days before, and counts per week', () => {
    const rows = [
      { day: '2026-11-23', categoryCode: '0202', count: 4 },
      { day: '2026-11-30', categoryCode: '0202', count: 2 },
      { day: '2026-11-24', categoryCode: '0401', count: 6 },
      { day: '2026-11-25', categoryCode: '', count: 50 },
      // The 14 days before 11-23..12-06: 11-09..11-22.
      { day: '2026-11-09', categoryCode: '0202', count: 3 },
      { day: '2026-11-08', categoryCode: '0401', count: 40 },
      { day: '2026-11-20', categoryCode: '9999', count: 1 },
    ];
    expect(topCategories(rows, '2026-11-23', '2026-12-06', ['2026-11-23', '2026-11-30'], names.taxonomy)).toEqual([
      { categoryCode: '0202', name: '屋顶漏水', count: 6, previous: 3, change: 1, weeks: [4, 2] },
      { categoryCode: '0401', name: '停车管理', count: 6, previous: 0, change: null, weeks: [6, 0] },
    ]);
  });

  it('keeps ten at most', () => {
    const rows = Array.from({ length: 12 }, (_, i) => ({ day: '2026-11-23', categoryCode: `05${String(i).padStart(2, '0')}`, count: i + 1 }));
    const top = topCategories(rows, '2026-11-23', '2026-11-23', ['2026-11-23'], names.taxonomy);
    expect(top.map((c) => c.count)).toEqual([12, 11, 10, 9, 8, 7, 6, 5, 4, 3]);
    expect(top[0]?.name).toBe('0511');
  });
});

describe('heatTable', () => {
  it('rolls subcategories up to majors, areas and majors most orders first, "" kept', () => {
    const heat = heatTable(
      [
        { area: '东城街道', categoryCode: '0201', count: 2 },
        { area: '东城街道', categoryCode: '0202', count: 3 },
        { area: '', categoryCode: '0401', count: 9 },
        { area: '西城街道', categoryCode: '', count: 1 },
      ],
      names.taxonomy,
    );
    expect(heat).toEqual({
      areas: ['', '东城街道', '西城街道'],
      categories: [{ code: '04', name: '交通运输' }, { code: '02', name: '住房保障与物业' }, { code: '', name: '未分类' }],
      cells: [
        [9, 0, 0],
        [0, 5, 0],
        [0, 0, 1],
      ],
    });
  });
});
