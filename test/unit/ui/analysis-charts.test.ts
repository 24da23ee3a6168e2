// The analysis page's and the report's shaping without a browser: the ranges it offers, the figures
// turned into the charts' series and ECharts options (rates as percent on their own axis, the heat
// table's triplets, units by on-time rate), the steps a warning's state allows, and a download's name.
import { describe, expect, it } from 'vitest';
import { change, dayChart, dayCurve, heatSpec, hourChart, isEmptyAnalysis, unitChart, unitsByOnTime, type SeriesNames } from '../../../agent-ui/src/analysis/analysis-series.js';
import { customRange, presetRange } from '../../../agent-ui/src/analysis/date-range.js';
import { mayMakeOrder, stepProblem, stepsFrom } from '../../../agent-ui/src/analysis/hotspot-steps.js';
import { fileName } from '../../../agent-ui/src/content-disposition.js';
import { axisChart, heatChart, heatPoints } from '../../../agent-ui/src/charts/chart-options.js';
import type { Analysis } from '../../../src/contract/api/analysis.js';

const names: SeriesNames = { calls: '呼入', orders: '工单', withinTarget: '15秒内', abandoned: '放弃', serviceLevel: '服务水平', thisPeriod: '本期', previous: '上期', onTimeRate: '按时', satisfactionRate: '满意', target: '目标', noArea: '未填区域' };

const hour = (h: number, calls: number, withinTarget: number, abandoned: number, serviceLevel: number | null): Analysis['hours'][number] => ({ hour: h, calls, answered: calls - abandoned, answeredWithinTarget: withinTarget, abandoned, orders: calls, serviceLevel });
const unit = (unitId: string, orders: number, onTimeRate: number | null, satisfactionRate: number | null): Analysis['units'][number] => ({ unitId, name: unitId, orders, replied: orders, onTime: 0, onTimeRate, rated: 0, satisfied: 0, satisfactionRate });

function analysis(over: Partial<Analysis> = {}): Analysis {
  return {
    from: '2026-11-01',
    to: '2026-11-03',
    totals: { calls: 30, answered: 27, answeredWithinTarget: 20, abandoned: 3, orders: 25, answerRate: 0.9, serviceLevel: 20 / 27, onTimeRate: 0.8, satisfactionRate: 0.9 },
    hours: Array.from({ length: 24 }, (_, h) => hour(h, h === 9 ? 10 : 0, h === 9 ? 7 : 0, h === 9 ? 1 : 0, h === 9 ? 0.777 : null)),
    days: ['2026-11-01', '2026-11-02', '2026-11-03'].map((day, i) => ({ day, calls: 10 + i, answered: 9, answeredWithinTarget: 7, abandoned: 1, orders: 8 + i })),
    weeks: [{ weekStart: '2026-10-26', calls: 10, orders: 8 }, { weekStart: '2026-11-02', calls: 23, orders: 19 }],
    topCategories: [{ categoryCode: '0304', name: '供暖', count: 12, previous: 8, change: 0.5, weeks: [4, 8] }],
    heat: { areas: ['东城街道', ''], categories: [{ code: '03', name: '城建' }, { code: '06', name: '劳动' }], cells: [[5, 1], [0, 2]] },
    units: [unit('water', 5, 0.6, null), unit('housing', 9, 0.95, 0.8), unit('police', 2, null, null), unit('heat', 7, 0.6, 0.5)],
    ...over,
  };
}

describe('the ranges', () => {
  it('counts the last days up to today inclusive, and this month from its first day', () => {
    expect(presetRange('last7', '2026-03-02')).toEqual({ from: '2026-02-24', to: '2026-03-02' });
    expect(presetRange('last30', '2026-01-15')).toEqual({ from: '2025-12-17', to: '2026-01-15' });
    expect(presetRange('last90', '2026-12-31')).toEqual({ from: '2026-10-03', to: '2026-12-31' });
    expect(presetRange('thisMonth', '2026-11-24')).toEqual({ from: '2026-11-01', to: '2026-11-24' });
  });

  it('takes two days typed by hand in order, and refuses a reversed or impossible one', () => {
    expect(customRange('2026-11-01', '2026-11-01')).toEqual({ from: '2026-11-01', to: '2026-11-01' });
    expect(customRange('2026-11-02', '2026-11-01')).toBeNull();
    expect(customRange('2026-02-30', '2026-03-01')).toBeNull();
    expect(customRange('', '2026-03-01')).toBeNull();
  });
});

describe('the figures as charts', () => {
  it('an empty range is said so, not drawn', () => {
    const none = analysis();
    expect(isEmptyAnalysis(none)).toBe(false);
    expect(isEmptyAnalysis({ ...none, totals: { ...none.totals, calls: 0, orders: 0 } })).toBe(true);
  });

  it('per day: one point per day for calls, orders and abandons; a slider only past a month of days', () => {
    const spec = dayChart(analysis(), names);
    expect(spec.categories).toEqual(['11-01', '11-02', '11-03']);
    expect(spec.series.map((s) => [s.name, s.values])).toEqual([['呼入', [10, 11, 12]], ['工单', [8, 9, 10]], ['放弃', [1, 1, 1]]]);
    expect(spec.zoom).toBe(false);
    const days = Array.from({ length: 40 }, (_, i) => ({ day: `2026-10-${String(i).padStart(2, '0')}`, calls: i, answered: 0, answeredWithinTarget: 0, abandoned: 0, orders: 0 }));
    const zoomed = axisChart(dayChart(analysis({ days }), names));
    expect(zoomed.dataZoom).toEqual([expect.objectContaining({ type: 'slider' }), { type: 'inside' }]);
  });

  it('by hour: bars of counts and the service level as percent on a second axis with the 80% target line', () => {
    const option = axisChart(hourChart(analysis(), names));
    const series = option.series as { type: string; name: string; data: (number | null)[]; yAxisIndex: number; markLine?: { data: { yAxis: number }[] } }[];
    expect(series.map((s) => [s.type, s.yAxisIndex])).toEqual([['bar', 0], ['bar', 0], ['line', 1]]);
    expect(series[2]?.data[9]).toBe(77.7);
    expect(series[2]?.data[0]).toBeNull();
    expect(series[2]?.markLine?.data).toEqual([{ yAxis: 80 }]);
    expect(option.yAxis).toEqual([expect.objectContaining({ minInterval: 1 }), expect.objectContaining({ min: 0, max: 100 })]);
  });

  it('the wallboard curve stops at the hour now', () => {
    const spec = dayCurve(analysis().hours, 9, names);
    expect(spec.categories).toHaveLength(10);
    expect(spec.categories.at(-1)).toBe('09:00');
    expect(spec.series.map((s) => s.values.at(-1))).toEqual([10, 7, 1]);
  });

  it('units: best on-time rate first, a unit with nothing replied last; rates only, so one percent axis along x', () => {
    expect(unitsByOnTime(analysis().units).map((u) => u.unitId)).toEqual(['housing', 'heat', 'water', 'police']);
    const option = axisChart(unitChart(analysis(), names));
    expect(option.xAxis).toEqual([expect.objectContaining({ min: 0, max: 100 })]);
    const series = option.series as { xAxisIndex: number; data: (number | null)[] }[];
    expect(series.map((s) => s.xAxisIndex)).toEqual([0, 0]);
    expect(series[1]?.data).toEqual([80, 50, null, null]);
  });

  it('the heat table: [column, row, value] for every cell, the empty area named, the scale up to the largest cell', () => {
    expect(heatPoints([[5, 1], [0, 2]])).toEqual([[0, 0, 5], [1, 0, 1], [0, 1, 0], [1, 1, 2]]);
    const spec = heatSpec(analysis(), names);
    expect(spec.rows).toEqual(['东城街道', '未填区域']);
    const option = heatChart(spec);
    expect(option.visualMap).toMatchObject({ min: 0, max: 5 });
  });

  it('a change against nothing before is null', () => {
    expect(change(12, 8)).toBe(0.5);
    expect(change(3, 0)).toBeNull();
  });
});

describe('a warning’s steps', () => {
  it('offers by state what the server allows, and says what a step still needs', () => {
    expect(stepsFrom('new')).toEqual(['send', 'dismiss']);
    expect(stepsFrom('sent')).toEqual(['handle', 'dismiss']);
    expect(stepsFrom('handled')).toEqual(['reopen']);
    expect(stepsFrom('dismissed')).toEqual(['reopen']);
    expect(stepsFrom('escalated')).toEqual([]);
    expect(stepProblem('send', '', '')).toBe('unit-required');
    expect(stepProblem('send', 'water', '')).toBeNull();
    expect(stepProblem('dismiss', '', '  ')).toBe('note-required');
    expect(stepProblem('dismiss', '', '重复预警')).toBeNull();
    expect(stepProblem('handle', '', '')).toBeNull();
  });

  it('a proactive order is offered once, on an open warning', () => {
    expect(mayMakeOrder({ state: 'new', proactiveTicket: null })).toBe(true);
    expect(mayMakeOrder({ state: 'sent', proactiveTicket: null })).toBe(true);
    expect(mayMakeOrder({ state: 'sent', proactiveTicket: { id: 1, number: '20261124-000001' } })).toBe(false);
    expect(mayMakeOrder({ state: 'dismissed', proactiveTicket: null })).toBe(false);
  });
});

describe('a download’s name', () => {
  it('reads the UTF-8 name first, then the plain one', () => {
    expect(fileName(`attachment; filename="report.csv"; filename*=UTF-8''${encodeURIComponent('民情分析报告-2026-11-units.csv')}`)).toBe('民情分析报告-2026-11-units.csv');
    expect(fileName('attachment; filename="report.pdf"')).toBe('report.pdf');
    expect(fileName("attachment; filename*=UTF-8''%E0%A4%A")).toBeNull();
    expect(fileName(null)).toBeNull();
  });
});
