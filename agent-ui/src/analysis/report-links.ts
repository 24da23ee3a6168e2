// The analysis page's report card: the weekly or monthly 民情分析报告 opened as its printable page,
// downloaded as the server's PDF, or each of its tables as CSV.
import { ApiError, fetchFile, query } from '../api.js';
import type { ReportPeriod } from '../api-types.js';
import { field, h } from '../dom.js';
import { REPORT_TABLE_WORDS, t, word, wordsOf } from '../i18n.js';
import { showError } from '../page.js';

/** Saves a blob under its name through a link the browser downloads. */
function save(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = h('a', { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own copy once started.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function reportLinks(): HTMLElement {
  const period = h('select', {}, h('option', { value: 'month' }, t('anMonthly')), h('option', { value: 'week' }, t('anWeekly')));
  const start = h('input', { type: 'date' });
  const message = h('p', { class: 'message', role: 'status', id: 'an-report-message' });
  const params = (): { period: ReportPeriod; start: string } => ({ period: period.value === 'week' ? 'week' : 'month', start: start.value });
  const open = h('a', { class: 'button', id: 'an-open-report', target: '_blank', rel: 'noopener' }, t('anOpenReport'));
  const refreshLink = (): void => void open.setAttribute('href', `/report${query(params())}`);
  period.addEventListener('change', refreshLink);
  start.addEventListener('change', refreshLink);
  refreshLink();

  const download = async (url: string, fallback: string): Promise<void> => {
    message.classList.remove('error');
    message.textContent = t('anDownloading', { file: fallback });
    try {
      const file = await fetchFile(url, fallback);
      save(file.blob, file.name);
      message.textContent = t('anDownloaded', { file: file.name });
    } catch (error) {
      message.classList.add('error');
      showError(message, error instanceof ApiError ? error : new ApiError(0, 'NETWORK_ERROR', String(error)));
    }
  };
  const pdf = h('button', { type: 'button', id: 'an-download-pdf', onclick: () => void download(`/api/reports/analysis.pdf${query(params())}`, 'report.pdf') }, t('anDownloadPdf'));
  const csv = wordsOf(REPORT_TABLE_WORDS).map((table) =>
    h('button', { type: 'button', class: 'small', 'data-csv': table, onclick: () => void download(`/api/reports/analysis.csv${query({ ...params(), table })}`, `${table}.csv`) }, word(REPORT_TABLE_WORDS, table)),
  );
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'an-reports-title', id: 'an-reports' },
    h('h2', { id: 'an-reports-title' }, t('anReports')),
    h('div', { class: 'filters' }, field('an-report-period', t('anReportPeriod'), period), field('an-report-start', t('anReportStart'), start), open, pdf),
    h('div', { class: 'actions', role: 'group', 'aria-label': t('anCsvTables') }, h('span', { class: 'label' }, t('anCsvTables')), csv),
    message,
  );
}
