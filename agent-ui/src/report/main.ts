// The printable 民情分析报告 (/report?period=week|month&start=YYYY-MM-DD): read from
// GET /api/reports/analysis and laid out for A4. Signed in as any page is, or, for the server's PDF
// printer, with a short-lived token in the URL fragment (#token=…): used as this page's bearer, never
// stored, and dropped from the address at once. `window.reportReady` turns true once every chart is drawn.
import '../styles.css';
import '../charts/charts.css';
import './report.css';
import { api, onUnauthorized, query, useBearer } from '../api.js';
import type { AnalysisReport } from '../api-types.js';
import { byId, chinaTime, fill, h } from '../dom.js';
import { currentLang, t } from '../i18n.js';
import { errorParagraph, startPage } from '../page.js';
import { reportBody } from './report-sections.js';

declare global {
  interface Window {
    /** Read by the PDF printer: the report is complete on the page. */
    reportReady?: boolean;
  }
}

/** The token of the fragment, taken out of the address so it is neither kept in history nor copied. */
function fragmentToken(): string | null {
  const token = new URLSearchParams(location.hash.slice(1)).get('token');
  if (token) history.replaceState(null, '', `${location.pathname}${location.search}`);
  return token;
}

function reportQuery(): string {
  const params = new URLSearchParams(location.search);
  return query({ period: params.get('period') ?? 'month', start: params.get('start') });
}

async function render(main: HTMLElement): Promise<void> {
  main.classList.add('report');
  fill(main, h('p', { class: 'message', id: 'rp-loading' }, t('rpLoading')));
  let report: AnalysisReport;
  try {
    report = await api<AnalysisReport>('GET', `/api/reports/analysis${reportQuery()}`);
  } catch (error) {
    fill(main, errorParagraph(error));
    main.dataset.reportError = 'true';
    return;
  }
  document.title = report.title;
  const { from, to } = report.analysis;
  const body = reportBody(report);
  fill(
    main,
    h(
      'header',
      { class: 'report-head' },
      h('h1', { id: 'rp-title' }, report.title),
      h('p', { id: 'rp-period' }, t('rpPeriod', { from, to })),
      h('p', { class: 'message' }, t('rpPrevious', { from: report.previous.from, to: report.previous.to })),
      h('p', { class: 'message' }, t('rpGenerated', { at: chinaTime(new Date().toISOString()) })),
      h('button', { type: 'button', class: 'no-print', id: 'rp-print', onclick: () => window.print() }, t('rpPrint')),
    ),
    body.element,
  );
  await body.draw();
  window.reportReady = true;
  main.dataset.ready = 'true';
}

const token = fragmentToken();
if (token) {
  // The printer's page: no header, no sign-in form; a refused token shows its error line.
  useBearer(token);
  // No sign-in to go back to: the error line says the token was refused.
  onUnauthorized(() => undefined);
  document.documentElement.lang = currentLang();
  const main = h('main', { id: 'main' });
  fill(byId('app'), main);
  void render(main);
} else {
  startPage({ title: 'reportPage', roles: ['supervisor', 'qa'], render: (main) => void render(main) });
}
