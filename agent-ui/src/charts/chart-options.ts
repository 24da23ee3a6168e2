// The few kinds of chart the pages draw, as ECharts options built from plain figures: lines and
// bars over a category axis (with an optional rate axis on the right and a zoom slider), horizontal
// bars, a heat table, and a small trend line. Pure: the tests read the options without a browser.
import type { BarSeries, ChartOption, LineSeries } from './chart-option.js';

export interface SeriesSpec {
  readonly name: string;
  readonly values: readonly (number | null)[];
  readonly kind: 'line' | 'bar';
  /** On the right-hand rate axis (values 0..1, shown as percent). */
  readonly rate?: boolean;
}

export interface AxisChartSpec {
  readonly categories: readonly string[];
  readonly series: readonly SeriesSpec[];
  /** A slider under the chart to zoom into a stretch of a long axis. */
  readonly zoom?: boolean;
  /** A dashed line across the rate axis (e.g. the 80% service-level target). */
  readonly rateTarget?: { readonly value: number; readonly label: string };
  /** Bars along the vertical axis (long names read better). */
  readonly horizontal?: boolean;
}

export const PALETTE = ['#1f6fb2', '#2e9d5b', '#d9822b', '#c23b3b', '#7b5ea7', '#3a9ca6', '#8c6d31', '#5b6b7a'];
const percentOf = (rate: number | null): number | null => (rate === null ? null : Math.round(rate * 1000) / 10);

interface AxisUse {
  /** The rate series' axis index: 1 beside counts, 0 when every series is a rate. */
  readonly rateAxis: number;
  /** The value axis runs along x (horizontal bars). */
  readonly horizontal: boolean;
  readonly target: AxisChartSpec['rateTarget'];
}

function seriesOption(spec: SeriesSpec, use: AxisUse): LineSeries | BarSeries {
  const data = spec.rate ? spec.values.map(percentOf) : [...spec.values];
  const axis = { [use.horizontal ? 'xAxisIndex' : 'yAxisIndex']: spec.rate ? use.rateAxis : 0 };
  if (spec.kind === 'bar') return { type: 'bar', name: spec.name, data, ...axis };
  const line: LineSeries = { type: 'line', name: spec.name, data, ...axis, showSymbol: data.length <= 40 };
  const target = use.target;
  if (spec.rate && target) line.markLine = { symbol: 'none', silent: true, lineStyle: { type: 'dashed', color: '#c23b3b' }, label: { formatter: target.label, position: 'insideEndTop' }, data: [{ yAxis: target.value * 100 }] };
  return line;
}

const countAxis = { type: 'value' as const, minInterval: 1 };
const rateAxis = { type: 'value' as const, min: 0, max: 100, axisLabel: { formatter: '{value}%' } };

export function axisChart(spec: AxisChartSpec): ChartOption {
  const rates = spec.series.filter((s) => s.rate).length;
  const onlyRates = rates === spec.series.length;
  const valueAxes = onlyRates ? [rateAxis] : rates > 0 ? [countAxis, { ...rateAxis, splitLine: { show: false } }] : [countAxis];
  const categoryAxis = { type: 'category' as const, data: [...spec.categories], axisTick: { alignWithLabel: true } };
  const horizontal = spec.horizontal ?? false;
  const use: AxisUse = { rateAxis: onlyRates ? 0 : 1, horizontal, target: spec.rateTarget };
  return {
    color: PALETTE,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 32, bottom: spec.zoom ? 48 : 8, containLabel: true },
    ...(horizontal ? { yAxis: { ...categoryAxis, inverse: true }, xAxis: valueAxes } : { xAxis: categoryAxis, yAxis: valueAxes }),
    ...(spec.zoom ? { dataZoom: [{ type: 'slider', bottom: 8, height: 20 }, { type: 'inside' }] } : {}),
    series: spec.series.map((s) => seriesOption(s, use)),
  };
}

export interface HeatSpec {
  readonly rows: readonly string[];
  readonly columns: readonly string[];
  /** cells[row][column] */
  readonly cells: readonly (readonly number[])[];
}

/** The [column, row, value] triplets ECharts' heatmap reads, from a row-major table. */
export function heatPoints(cells: HeatSpec['cells']): [number, number, number][] {
  return cells.flatMap((row, y) => row.map((value, x): [number, number, number] => [x, y, value]));
}

export function heatChart(spec: HeatSpec): ChartOption {
  const points = heatPoints(spec.cells);
  const max = Math.max(1, ...points.map((p) => p[2]));
  return {
    tooltip: { position: 'top' },
    grid: { left: 8, right: 8, top: 8, bottom: 72, containLabel: true },
    xAxis: { type: 'category', data: [...spec.columns], splitArea: { show: true }, axisLabel: { interval: 0, rotate: spec.columns.length > 6 ? 30 : 0 } },
    yAxis: { type: 'category', data: [...spec.rows], splitArea: { show: true }, inverse: true },
    visualMap: { min: 0, max, calculable: true, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 120, inRange: { color: ['#f4f8fc', '#9ec5e8', '#1f6fb2', '#c23b3b'] } },
    series: [{ type: 'heatmap', data: points, label: { show: true }, emphasis: { itemStyle: { borderColor: '#333', borderWidth: 1 } } }],
  };
}

/** A trend drawn small beside a figure: no axes, no legend. */
export function sparkline(values: readonly number[]): ChartOption {
  return {
    color: PALETTE,
    grid: { left: 2, right: 2, top: 4, bottom: 4 },
    xAxis: { type: 'category', show: false, data: values.map((_, i) => String(i)) },
    yAxis: { type: 'value', show: false, min: 0 },
    series: [{ type: 'line', data: [...values], showSymbol: false, areaStyle: { opacity: 0.15 }, silent: true }],
  };
}
