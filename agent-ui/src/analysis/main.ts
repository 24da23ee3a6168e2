// The supervisors' analysis page (/analysis): a range's figures drawn as charts with their tables,
// the weekly and monthly reports (printable page, PDF, CSV), and the hotspot warnings (热点预警)
// with their orders and steps. `?hotspot=<id>` opens that warning (the wallboard's links).
import '../styles.css';
import '../charts/charts.css';
import { api, query } from '../api.js';
import type { Analysis } from '../api-types.js';
import { fill, h } from '../dom.js';
import { t } from '../i18n.js';
import { errorParagraph, startPage } from '../page.js';
import { analysisView, type AnalysisView } from './analysis-view.js';
import type { DayRange } from './date-range.js';
import { showHotspot } from './hotspot-detail.js';
import { hotspotList } from './hotspot-list.js';
import { rangeForm } from './range-form.js';
import { reportLinks } from './report-links.js';

function figuresSection(): { element: HTMLElement; show: (range: DayRange) => Promise<void> } {
  const shown = h('p', { class: 'message', id: 'an-shown', role: 'status' });
  const body = h('div', { id: 'an-body' });
  let view: AnalysisView | null = null;
  let asked = 0;
  const show = async (range: DayRange): Promise<void> => {
    const mine = ++asked;
    shown.textContent = t('anLoading');
    try {
      const analysis = await api<Analysis>('GET', `/api/analysis${query({ from: range.from, to: range.to })}`);
      // A newer range was asked for meanwhile: its answer wins.
      if (mine !== asked) return;
      view?.dispose();
      view = analysisView(analysis);
      fill(body, view.element);
      view.draw();
      shown.textContent = t('anShown', { from: analysis.from, to: analysis.to });
      body.dataset.from = analysis.from;
      body.dataset.to = analysis.to;
    } catch (error) {
      if (mine !== asked) return;
      shown.textContent = '';
      view?.dispose();
      view = null;
      fill(body, errorParagraph(error));
    }
  };
  return { element: h('div', {}, shown, body), show };
}

function hotspotSection(): { element: HTMLElement; open: (id: number) => void; reload: () => Promise<void> } {
  const detail = h('div', { id: 'an-hotspot-detail' }, h('p', { class: 'message' }, t('anPickHotspot')));
  const open = (id: number): void => {
    list.select(id);
    void showHotspot({ target: detail, changed: () => void list.reload() }, id);
  };
  const list = hotspotList(open);
  const element = h(
    'section',
    { class: 'card', 'aria-labelledby': 'an-hotspots-title', id: 'an-hotspots-section' },
    h('h2', { id: 'an-hotspots-title' }, t('anHotspots')),
    h('div', { class: 'columns' }, list.element, h('div', { class: 'card' }, detail)),
  );
  return { element, open, reload: list.reload };
}

startPage({
  title: 'analysisPage',
  roles: ['supervisor'],
  render: (main) => {
    main.classList.add('analysis');
    const figures = figuresSection();
    const range = rangeForm((chosen) => void figures.show(chosen));
    const hotspots = hotspotSection();
    fill(main, h('section', { class: 'card', id: 'an-range-card' }, range.element), figures.element, hotspots.element, reportLinks());
    const first = range.current();
    if (first) void figures.show(first);
    void hotspots.reload();
    const asked = Number(new URLSearchParams(location.search).get('hotspot'));
    if (Number.isInteger(asked) && asked > 0) {
      hotspots.open(asked);
      hotspots.element.scrollIntoView();
    }
  },
});
