// The options the pages' charts are built with: ECharts' option type narrowed to the parts registered
// in echarts-parts.ts. Types only, so the pure option builders (and their tests) load no chart code.
import type { BarSeriesOption, HeatmapSeriesOption, LineSeriesOption } from 'echarts/charts';
import type { DataZoomComponentOption, GridComponentOption, LegendComponentOption, MarkLineComponentOption, TooltipComponentOption, VisualMapComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';

export type ChartOption = ComposeOption<
  LineSeriesOption | BarSeriesOption | HeatmapSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption | DataZoomComponentOption | VisualMapComponentOption | MarkLineComponentOption
>;
export type LineSeries = LineSeriesOption;
export type BarSeries = BarSeriesOption;
