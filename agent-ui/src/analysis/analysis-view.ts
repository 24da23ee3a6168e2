// The figures of a range on the analysis page: the totals as big numbers, then the charts (per day,
// per week, by hour with the service level, top categories, area × category, units) with their
// tables. An empty range shows a sentence, not empty axes.
import type { Analysis } from '../api-types.js';
import { chartBox, type ChartBox } from '../charts/chart-box.js';
import { axisChart, heatChart } from '../charts/chart-options.js';
import { h, percent } from '../dom.js';
import { t, type TextKey } from '../i18n.js';
import { categoryChart, dayChart, heatSpec, hourChart, isEmptyAnalysis, unitChart, weekChart } from './analysis-series.js';
import { categoryTable, drawTrends, unitTable } from './analysis-tables.js';
import { seriesNames } from './series-names.js';

export interface AnalysisView {
  readonly element: HTMLElement;
  /** Draws the charts; call once the element is in the page. */
  draw(): void;
  dispose(): void;
}

const bigNumber = (label: TextKey, value: string, id: string): HTMLElement => h('div', { class: 'tile' }, h('div', { class: 'label' }, t(label)), h('div', { class: 'value', id }, value));

export function totalsTiles(analysis: Analysis): HTMLElement {
  const s = analysis.totals;
  return h(
    'div',
    { class: 'tiles', id: 'an-totals' },
    bigNumber('anCalls', String(s.calls), 'an-total-calls'),
    bigNumber('anAnswerRate', percent(s.answerRate), 'an-total-answer-rate'),
    bigNumber('anServiceLevel', percent(s.serviceLevel), 'an-total-service-level'),
    bigNumber('anAbandoned', String(s.abandoned), 'an-total-abandoned'),
    bigNumber('anOrders', String(s.orders), 'an-total-orders'),
    bigNumber('anOnTimeRate', percent(s.onTimeRate), 'an-total-on-time'),
    bigNumber('anSatisfactionRate', percent(s.satisfactionRate), 'an-total-satisfaction'),
  );
}

const section = (titleKey: TextKey, id: string, ...content: HTMLElement[]): HTMLElement =>
  h('section', { class: 'card chart-card', 'aria-labelledby': `${id}-title` }, h('h2', { id: `${id}-title` }, t(titleKey)), ...content);

export function analysisView(analysis: Analysis): AnalysisView {
  if (isEmptyAnalysis(analysis)) return { element: h('p', { class: 'message empty', id: 'an-empty' }, t('anEmpty')), draw: () => undefined, dispose: () => undefined };
  const names = seriesNames();
  const box = (id: string, caption: TextKey, height?: number): ChartBox => chartBox({ id, caption: t(caption), height });
  const days = box('an-chart-days', 'anPerDay');
  const weeks = box('an-chart-weeks', 'anPerWeek', 240);
  const hours = box('an-chart-hours', 'anPerHour');
  const categories = box('an-chart-categories', 'anTopCategories', Math.max(200, analysis.topCategories.length * 34 + 60));
  const heat = box('an-chart-heat', 'anHeat', Math.max(220, analysis.heat.areas.length * 30 + 110));
  const units = box('an-chart-units', 'anUnitsChart', Math.max(200, analysis.units.length * 34 + 60));
  const trends = categoryTable(analysis, 'an-categories');
  const element = h(
    'div',
    { class: 'analysis-figures', id: 'an-figures' },
    totalsTiles(analysis),
    h('div', { class: 'columns even' }, section('anPerDay', 'an-days', days.element), section('anPerWeek', 'an-weeks', weeks.element)),
    section('anPerHour', 'an-hours', hours.element),
    h('div', { class: 'columns even' }, section('anTopCategories', 'an-top', categories.element, trends.element), section('anHeat', 'an-heat', heat.element)),
    section('anUnitsChart', 'an-units', units.element, unitTable(analysis, 'an-unit-table')),
  );
  const all = [days, weeks, hours, categories, heat, units, ...trends.charts];
  return {
    element,
    draw() {
      days.draw(axisChart(dayChart(analysis, names)));
      weeks.draw(axisChart(weekChart(analysis, names)));
      hours.draw(axisChart(hourChart(analysis, names)));
      categories.draw(axisChart(categoryChart(analysis, names)));
      heat.draw(heatChart(heatSpec(analysis, names)));
      units.draw(axisChart(unitChart(analysis, names)));
      drawTrends(analysis, trends);
    },
    dispose: () => all.forEach((chart) => chart.dispose()),
  };
}
