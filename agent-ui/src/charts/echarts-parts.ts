// The one door to Apache ECharts: only the charts, components and renderer the pages draw are
// registered (echarts/core keeps the rest out of the bundle), and only this folder imports echarts.
import { BarChart, HeatmapChart, LineChart } from 'echarts/charts';
import { DataZoomComponent, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { init, use, type ECharts } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

export type { ChartOption } from './chart-option.js';

// SVG rather than canvas: crisp when the report is printed to PDF, and a few hundred points per chart
// draw as fast either way.
use([LineChart, BarChart, HeatmapChart, GridComponent, TooltipComponent, LegendComponent, DataZoomComponent, VisualMapComponent, MarkLineComponent, SVGRenderer]);

export type Chart = ECharts;

export function mountChart(element: HTMLElement): Chart {
  return init(element, null, { renderer: 'svg', locale: document.documentElement.lang === 'en' ? 'EN' : 'ZH' });
}
