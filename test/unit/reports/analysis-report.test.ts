// The report's periods (Monday..Sunday, 1st..last), the last whole period before a day, ISO week
// numbers, titles, the warnings it lists, and its CSV tables.
import { describe, expect, it } from 'vitest';
import { isoWeek, lastWholePeriod, periodRange, periodStartProblem, previousPeriod, reportTitle, reportWarnings } from '../../../src/domain/reports/analysis-report.js';
import { analysisTable, percent } from '../../../src/domain/reports/analysis-tables.js';
import { analysisOf } from '../../../src/domain/reports/analysis.js';
import { parseCategories } from '../../../src/domain/tickets/categories.js';

describe('report periods', () => {
  it('covers Monday to Sunday for a week and the 1st to the last day for a month, leap years included', () => {
    expect(periodRange('week', '2026-11-23')).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(periodRange('week', '2026-12-28')).toEqual({ from: '2026-12-28', to: '2027-01-03' });
    expect(periodRange('month', '2026-11-01')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(periodRange('month', '2028-02-01')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(periodRange('month', '2026-12-01')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
  });

  it('refuses a start that does not begin a period', () => {
    expect(periodStartProblem('week', '2026-11-23')).toBeNull();
    expect(periodStartProblem('week', '2026-11-24')).toMatch(/Monday/);
    expect(periodStartProblem('month', '2026-11-01')).toBeNull();
    expect(periodStartProblem('month', '2026-11-02')).toMatch(/1st/);
    expect(periodStartProblem('month', '2026-02-30')).toMatch(/calendar day/);
  });

  it('defaults to the last whole period before today', () => {
    expect(lastWholePeriod('week', '2026-12-05')).toEqual({ from: '2026-11-23', to: '2026-11-29' }); // a Saturday
    expect(lastWholePeriod('week', '2026-11-30')).toEqual({ from: '2026-11-23', to: '2026-11-29' }); // a Monday
    expect(lastWholePeriod('week', '2026-11-29')).toEqual({ from: '2026-11-16', to: '2026-11-22' }); // a Sunday
    expect(lastWholePeriod('month', '2026-12-05')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(lastWholePeriod('month', '2027-01-01')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
  });

  it('names the period before', () => {
    expect(previousPeriod('week', '2026-11-23')).toEqual({ from: '2026-11-16', to: '2026-11-22' });
    expect(previousPeriod('month', '2026-03-01')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(previousPeriod('month', '2027-01-01')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
  });
});

describe('report titles', () => {
  it('numbers ISO weeks (week 1 holds the first Thursday)', () => {
    expect(isoWeek('2026-11-23')).toEqual({ year: 2026, week: 48 });
    expect(isoWeek('2025-12-29')).toEqual({ year: 2026, week: 1 });
    expect(isoWeek('2027-01-01')).toEqual({ year: 2026, week: 53 });
    expect(isoWeek('2027-01-04')).toEqual({ year: 2027, week: 1 });
  });

  it('titles a month and a week as the reports do', () => {
    expect(reportTitle('month', periodRange('month', '2026-11-01'))).toBe('2026年11月民情分析报告');
    expect(reportTitle('week', periodRange('week', '2026-11-23'))).toBe('2026年第48周民情分析报告 (11月23日—11月29日)');
  });
});

describe('report warnings', () => {
  it('lists the strongest twenty and counts the orders behind repeat warnings', () => {
    const warnings = Array.from({ length: 25 }, (_, i) => ({ id: i + 1, kind: i % 5 === 0 ? 'repeat' : 'surge', score: i % 7, orderCount: 2 }));
    const { listed, repeats } = reportWarnings(warnings);
    expect(listed).toHaveLength(20);
    expect(listed.map((w) => w.score)).toEqual([...listed.map((w) => w.score)].sort((a, b) => b - a));
    expect(listed[0]).toMatchObject({ id: 21, score: 6 });
    expect(repeats).toBe(10);
  });
});

describe('report tables', () => {
  const parsed = parseCategories({ categories: [{ code: '02', name: '住房保障与物业', en: 'Housing', children: [{ code: '0202', name: '屋顶漏水', en: 'Roof' }] }] });
  if (!parsed.ok) throw new Error('taxonomy');
  const analysis = analysisOf('2026-11-23', '2026-11-23', {
    callHours: [{ day: '2026-11-23', hour: 8, calls: 3, answered: 3, answeredWithinTarget: 2, abandoned: 0 }],
    orderHours: [],
    categoryDays: [{ day: '2026-11-23', categoryCode: '0202', count: 3 }],
    areaCategories: [{ area: '', categoryCode: '0202', count: 3 }],
    units: [{ unitId: 'u', orders: 3, replied: 3, onTime: 2, rated: 0, satisfied: 0 }],
  }, { taxonomy: parsed.value, unitNames: new Map([['u', '东城街道办事处']]) });

  it('gives each table a Chinese header and its rows, rates as percentages', () => {
    expect(percent(0.6667)).toBe(66.7);
    expect(analysisTable('hours', analysis, []).rows[8]).toEqual(['08:00', 3, 3, 2, 0, 0, 66.7]);
    expect(analysisTable('units', analysis, [])).toEqual({ header: ['承办单位', '工单量', '已答复', '按时答复', '按时答复率(%)', '已评价', '满意', '满意率(%)'], rows: [['东城街道办事处', 3, 3, 2, 66.7, 0, 0, null]] });
    expect(analysisTable('heat', analysis, []).rows).toEqual([['未填区域', 3]]);
    expect(analysisTable('categories', analysis, []).rows).toEqual([['0202', '屋顶漏水', 3, 0, null]]);
    const warning = { kind: 'repeat', state: 'sent', categoryName: null, area: '东城街道', place: '幸福小区3号楼', from: '2026-11-20', to: '2026-11-23', observed: 3, expected: 0.25, score: 4.567, reason: '同一地点答复后再次反映', orderCount: 3 };
    expect(analysisTable('warnings', analysis, [warning]).rows).toEqual([['屡办不成', '已交办', null, '东城街道', '幸福小区3号楼', '2026-11-20', '2026-11-23', 3, 0.3, 4.57, '同一地点答复后再次反映', 3]]);
  });
});
