// The analysis figures (GET /api/analysis) as the charts' specs: the same shaping for the analysis
// page and the printed report. Pure: words come in as arguments, so the tests need no browser.
import type { Analysis } from '../../../src/contract/api/analysis.js';
import type { AxisChartSpec, HeatSpec } from '../charts/chart-options.js';

export interface SeriesNames {
  readonly calls: string;
  readonly orders: string;
  readonly withinTarget: string;
  readonly abandoned: string;
  readonly serviceLevel: string;
  readonly thisPeriod: string;
  readonly previous: string;
  readonly onTimeRate: string;
  readonly satisfactionRate: string;
  readonly target: string;
  readonly noArea: string;
}

/** The 15-second answer target of the local indicators (人工应答及时率 ≥ 80%). */
export const SERVICE_LEVEL_TARGET = 0.8;

export const isEmptyAnalysis = (analysis: Analysis): boolean => analysis.totals.calls === 0 && analysis.totals.orders === 0;

/** count / previous - 1, null when there was nothing before. */
export const change = (count: number, previous: number): number | null => (previous === 0 ? null : count / previous - 1);

export function dayChart(analysis: Analysis, names: SeriesNames): AxisChartSpec {
  return {
    categories: analysis.days.map((d) => d.day.slice(5)),
    series: [
      { name: names.calls, kind: 'line', values: analysis.days.map((d) => d.calls) },
      { name: names.orders, kind: 'line', values: analysis.days.map((d) => d.orders) },
      { name: names.abandoned, kind: 'line', values: analysis.days.map((d) => d.abandoned) },
    ],
    // A slider is worth its room only once the days no longer fit the width.
    zoom: analysis.days.length > 31,
  };
}

export function weekChart(analysis: Analysis, names: SeriesNames): AxisChartSpec {
  return {
    categories: analysis.weeks.map((w) => w.weekStart.slice(5)),
    series: [
      { name: names.calls, kind: 'bar', values: analysis.weeks.map((w) => w.calls) },
      { name: names.orders, kind: 'bar', values: analysis.weeks.map((w) => w.orders) },
    ],
  };
}

const hourLabel = (hour: number): string => `${String(hour).padStart(2, '0')}:00`;

export function hourChart(analysis: Analysis, names: SeriesNames): AxisChartSpec {
  return {
    categories: analysis.hours.map((h) => hourLabel(h.hour)),
    series: [
      { name: names.calls, kind: 'bar', values: analysis.hours.map((h) => h.calls) },
      { name: names.orders, kind: 'bar', values: analysis.hours.map((h) => h.orders) },
      { name: names.serviceLevel, kind: 'line', rate: true, values: analysis.hours.map((h) => h.serviceLevel) },
    ],
    rateTarget: { value: SERVICE_LEVEL_TARGET, label: names.target },
  };
}

/** Today's curve on the wallboard: calls, answered within 15 s and abandoned per hour, up to `hourNow`. */
export function dayCurve(hours: Analysis['hours'], hourNow: number, names: SeriesNames): AxisChartSpec {
  const upToNow = hours.filter((h) => h.hour <= hourNow);
  return {
    categories: upToNow.map((h) => hourLabel(h.hour)),
    series: [
      { name: names.calls, kind: 'line', values: upToNow.map((h) => h.calls) },
      { name: names.withinTarget, kind: 'line', values: upToNow.map((h) => h.answeredWithinTarget) },
      { name: names.abandoned, kind: 'line', values: upToNow.map((h) => h.abandoned) },
    ],
  };
}

export function categoryChart(analysis: Analysis, names: SeriesNames): AxisChartSpec {
  return {
    categories: analysis.topCategories.map((c) => c.name),
    series: [
      { name: names.thisPeriod, kind: 'bar', values: analysis.topCategories.map((c) => c.count) },
      { name: names.previous, kind: 'bar', values: analysis.topCategories.map((c) => c.previous) },
    ],
    horizontal: true,
  };
}

/** Units by on-time rate, best first; a unit with nothing replied yet goes last. */
export function unitsByOnTime(units: Analysis['units']): Analysis['units'] {
  return [...units].sort((a, b) => (b.onTimeRate ?? -1) - (a.onTimeRate ?? -1) || b.orders - a.orders);
}

export function unitChart(analysis: Analysis, names: SeriesNames): AxisChartSpec {
  const units = unitsByOnTime(analysis.units);
  return {
    categories: units.map((u) => u.name),
    series: [
      { name: names.onTimeRate, kind: 'bar', rate: true, values: units.map((u) => u.onTimeRate) },
      { name: names.satisfactionRate, kind: 'bar', rate: true, values: units.map((u) => u.satisfactionRate) },
    ],
    horizontal: true,
  };
}

export function heatSpec(analysis: Analysis, names: SeriesNames): HeatSpec {
  return { rows: analysis.heat.areas.map((area) => area || names.noArea), columns: analysis.heat.categories.map((c) => c.name), cells: analysis.heat.cells };
}
