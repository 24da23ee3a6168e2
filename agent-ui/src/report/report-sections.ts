// The sections of the printed 民情分析报告: headline figures against the period before, the volumes,
// the top issues, the area × category heat table, the warnings and the units. Each chart is drawn
// without animation (the PDF is taken at once) and reported so the page knows when all are drawn.
import type { AnalysisReport } from '../api-types.js';
import { categoryChart, change, dayChart, heatSpec, hourChart, isEmptyAnalysis, unitChart } from '../analysis/analysis-series.js';
import { categoryTable, drawTrends, unitTable } from '../analysis/analysis-tables.js';
import { hotspotDays, hotspotFigures, hotspotWhere } from '../analysis/hotspot-list.js';
import { changeText, pointsText, seriesNames } from '../analysis/series-names.js';
import { chartBox, type ChartBox } from '../charts/chart-box.js';
import { axisChart, heatChart, type AxisChartSpec } from '../charts/chart-options.js';
import { h, percent } from '../dom.js';
import { HOTSPOT_KIND_WORDS, HOTSPOT_STATE_WORDS, t, word, type TextKey } from '../i18n.js';

export interface ReportBody {
  readonly element: HTMLElement;
  /** Draws every chart; resolves once all are on the page. */
  draw(): Promise<void>;
}

const heads = (...texts: string[]): HTMLElement => h('thead', {}, h('tr', {}, texts.map((text) => h('th', { scope: 'col' }, text))));
const section = (titleKey: TextKey, id: string, ...content: (HTMLElement | null)[]): HTMLElement =>
  h('section', { class: 'report-section', id, 'aria-labelledby': `${id}-title` }, h('h2', { id: `${id}-title` }, t(titleKey)), ...content);

function headline(report: AnalysisReport): HTMLElement {
  const now = report.analysis.totals;
  const before = report.previous;
  const counts: [TextKey, number, number][] = [
    ['anCalls', now.calls, before.calls],
    ['anOrders', now.orders, before.orders],
  ];
  const rates: [TextKey, number | null, number | null][] = [
    ['anServiceLevel', now.serviceLevel, before.serviceLevel],
    ['anOnTimeRate', now.onTimeRate, before.onTimeRate],
    ['anSatisfactionRate', now.satisfactionRate, before.satisfactionRate],
  ];
  return h(
    'table',
    { class: 'list figures', id: 'rp-headline' },
    heads(t('rpMetric'), t('rpThis'), t('rpLast'), t('rpChange')),
    h(
      'tbody',
      {},
      counts.map(([key, a, b]) => h('tr', { 'data-figure': key }, h('th', { scope: 'row' }, t(key)), h('td', { class: 'num' }, String(a)), h('td', { class: 'num' }, String(b)), h('td', { class: 'num' }, changeText(change(a, b), a)))),
      rates.map(([key, a, b]) => h('tr', { 'data-figure': key }, h('th', { scope: 'row' }, t(key)), h('td', { class: 'num' }, percent(a)), h('td', { class: 'num' }, percent(b)), h('td', { class: 'num' }, pointsText(a, b)))),
    ),
  );
}

function warningsTable(report: AnalysisReport): HTMLElement {
  if (report.warnings.length === 0) return h('p', { class: 'message', id: 'rp-no-warnings' }, t('rpNoWarnings'));
  return h(
    'table',
    { class: 'list', id: 'rp-warnings' },
    heads(t('anKind'), t('anCategory'), t('anWhere'), t('anDays'), t('anFigures'), t('anOrderCount'), t('anState'), t('anReason')),
    h(
      'tbody',
      {},
      report.warnings.map((w) =>
        h(
          'tr',
          { 'data-hotspot': w.id },
          h('td', {}, word(HOTSPOT_KIND_WORDS, w.kind)),
          h('td', {}, w.categoryName ?? '–'),
          h('td', {}, hotspotWhere(w)),
          h('td', {}, hotspotDays(w)),
          h('td', { class: 'num' }, hotspotFigures(w)),
          h('td', { class: 'num' }, String(w.orderCount)),
          h('td', {}, word(HOTSPOT_STATE_WORDS, w.state)),
          h('td', { class: 'reason' }, w.reason),
        ),
      ),
    ),
  );
}

export function reportBody(report: AnalysisReport): ReportBody {
  const analysis = report.analysis;
  const names = seriesNames();
  const charts: ChartBox[] = [];
  const box = (id: string, caption: TextKey, height = 260): ChartBox => {
    const chart = chartBox({ id, caption: t(caption), height, animation: false });
    charts.push(chart);
    return chart;
  };
  const empty = isEmptyAnalysis(analysis);
  const days = box('rp-chart-days', 'anPerDay');
  const hours = box('rp-chart-hours', 'anPerHour');
  const categories = box('rp-chart-categories', 'anTopCategories', Math.max(180, analysis.topCategories.length * 30 + 60));
  const heat = box('rp-chart-heat', 'anHeat', Math.max(200, analysis.heat.areas.length * 26 + 110));
  const units = box('rp-chart-units', 'anUnitsChart', Math.max(180, analysis.units.length * 30 + 60));
  const trends = categoryTable(analysis, 'rp-categories', { animation: false });
  charts.push(...trends.charts);
  const element = h(
    'div',
    { class: 'report-body' },
    section('rpHeadline', 'rp-headline-section', headline(report), h('p', { id: 'rp-repeats' }, t('rpRepeats', { n: report.repeats }))),
    empty
      ? h('p', { class: 'message', id: 'an-empty' }, t('anEmpty'))
      : h(
          'div',
          {},
          section('rpVolumes', 'rp-volumes', h('h3', {}, t('anPerDay')), days.element, h('h3', {}, t('anPerHour')), hours.element),
          section('rpTopIssues', 'rp-top', categories.element, trends.element, h('h3', {}, t('anHeat')), heat.element),
        ),
    section('rpWarnings', 'rp-warnings-section', warningsTable(report)),
    section('rpUnits', 'rp-units', empty ? null : units.element, unitTable(analysis, 'rp-unit-table')),
  );
  const plain = (spec: AxisChartSpec): AxisChartSpec => ({ ...spec, zoom: false });
  return {
    element,
    async draw() {
      if (empty) return;
      days.draw(axisChart(plain(dayChart(analysis, names))));
      hours.draw(axisChart(hourChart(analysis, names)));
      categories.draw(axisChart(categoryChart(analysis, names)));
      heat.draw(heatChart(heatSpec(analysis, names)));
      units.draw(axisChart(unitChart(analysis, names)));
      drawTrends(analysis, trends);
      await Promise.all(charts.map((chart) => chart.drawn()));
    },
  };
}
