// The tables under the charts: the top categories with their change and a small weekly trend, and
// the units' on-time and satisfaction figures. Shared by the analysis page and the printed report.
import type { Analysis } from '../api-types.js';
import { chartBox, type ChartBox } from '../charts/chart-box.js';
import { sparkline } from '../charts/chart-options.js';
import { h, percent } from '../dom.js';
import { t } from '../i18n.js';
import { unitsByOnTime } from './analysis-series.js';
import { changeText } from './series-names.js';

const heads = (...texts: string[]): HTMLElement => h('thead', {}, h('tr', {}, texts.map((text) => h('th', { scope: 'col' }, text))));

/** The table and the trend charts drawn in it (the report waits for them too). */
export interface TableWithCharts {
  readonly element: HTMLElement;
  readonly charts: readonly ChartBox[];
}

export function categoryTable(analysis: Analysis, id: string, options: { animation?: boolean } = {}): TableWithCharts {
  const charts: ChartBox[] = [];
  const rows = analysis.topCategories.map((c, index) => {
    const trend = chartBox({ id: `${id}-trend-${index}`, caption: `${c.name} · ${t('anTrend')}`, height: 28, animation: options.animation });
    trend.element.classList.add('spark');
    charts.push(trend);
    return h(
      'tr',
      { 'data-category': c.categoryCode },
      h('th', { scope: 'row' }, `${c.name}（${c.categoryCode}）`),
      h('td', { class: 'num' }, String(c.count)),
      h('td', { class: 'num' }, String(c.previous)),
      h('td', { class: 'num', 'data-change': c.change ?? '' }, changeText(c.change, c.count)),
      h('td', { class: 'trend' }, trend.element),
    );
  });
  const element = h('table', { class: 'list figures', id }, heads(t('anCategory'), t('anThisPeriod'), t('anPrevious'), t('anChange'), t('anTrend')), h('tbody', {}, rows));
  return { element, charts };
}

/** Draws the trend lines once the table is in the page (a chart needs its box laid out). */
export function drawTrends(analysis: Analysis, table: TableWithCharts): void {
  analysis.topCategories.forEach((c, index) => table.charts[index]?.draw(sparkline(c.weeks)));
}

export function unitTable(analysis: Analysis, id: string): HTMLElement {
  return h(
    'table',
    { class: 'list figures', id },
    heads(t('anUnit'), t('anOrders'), t('anReplied'), t('anOnTime'), t('anOnTimeRate'), t('anRated'), t('anSatisfied'), t('anSatisfactionRate')),
    h(
      'tbody',
      {},
      unitsByOnTime(analysis.units).map((u) =>
        h(
          'tr',
          { 'data-unit': u.unitId },
          h('th', { scope: 'row' }, u.name),
          [u.orders, u.replied, u.onTime].map((n) => h('td', { class: 'num' }, String(n))),
          h('td', { class: 'num' }, percent(u.onTimeRate)),
          [u.rated, u.satisfied].map((n) => h('td', { class: 'num' }, String(n))),
          h('td', { class: 'num' }, percent(u.satisfactionRate)),
        ),
      ),
    ),
  );
}
