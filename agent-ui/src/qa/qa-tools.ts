// QA's day tools: draw the daily random sample, the per-agent summary, and the CSV export link.
import { api, query } from '../api.js';
import type { QaSampleReply, QaSummaryReply, SampleBody } from '../api-types.js';
import { chinaToday, field, fill, h } from '../dom.js';
import { t } from '../i18n.js';
import { errorParagraph } from '../page.js';

export function qaTools(): HTMLElement {
  return h('section', { class: 'card', 'aria-labelledby': 'qa-tools-title' }, h('h2', { id: 'qa-tools-title', class: 'sr-only' }, t('qaPage')), sampleTool(), summaryTool());
}

function sampleTool(): HTMLElement {
  const day = h('input', { type: 'date', value: chinaToday(), required: true });
  const pct = h('input', { type: 'number', min: 1, max: 100, value: 5, required: true, class: 'narrow' });
  const out = h('div', { role: 'status', id: 'qa-sample-result' });
  const draw = async (): Promise<void> => {
    try {
      const sample = await api<QaSampleReply>('POST', '/api/qa/samples', { day: day.value, percent: Number(pct.value) } satisfies SampleBody);
      fill(out, h('p', {}, t('sampleResult', { day: sample.day, count: sample.calls.length })), h('ul', {}, sample.calls.map((c) => h('li', {}, `${c.agentId} · ${c.callId}`))));
    } catch (error) {
      fill(out, errorParagraph(error));
    }
  };
  return h(
    'form',
    {
      class: 'filters',
      'aria-labelledby': 'qa-sample-title',
      onsubmit: (event: Event) => {
        event.preventDefault();
        void draw();
      },
    },
    h('h3', { id: 'qa-sample-title' }, t('dailySample')),
    field('qa-sample-day', t('day'), day),
    field('qa-sample-percent', t('percent'), pct),
    h('button', { type: 'submit', id: 'qa-sample-draw' }, t('draw')),
    out,
  );
}

function summaryTool(): HTMLElement {
  const from = h('input', { type: 'date', value: chinaToday(), required: true });
  const to = h('input', { type: 'date', value: chinaToday(), required: true });
  const csv = h('a', { id: 'qa-csv', class: 'button' }, t('exportCsv'));
  const out = h('div', { role: 'status', id: 'qa-summary-result' });
  const updateLink = (): void => {
    // A plain link: the session cookie authorises the GET and the browser saves the attachment.
    csv.setAttribute('href', `/api/qa/reviews.csv${query({ from: from.value, to: to.value })}`);
  };
  from.addEventListener('change', updateLink);
  to.addEventListener('change', updateLink);
  updateLink();
  const load = async (): Promise<void> => {
    try {
      const { agents } = await api<QaSummaryReply>('GET', `/api/qa/summary${query({ from: from.value, to: to.value })}`);
      fill(
        out,
        h(
          'table',
          { class: 'list' },
          h('thead', {}, h('tr', {}, [t('agent'), t('reviews'), t('average'), t('min'), t('max'), t('fatalCount')].map((text) => h('th', { scope: 'col' }, text)))),
          h('tbody', {}, agents.map((a) => h('tr', {}, [a.agentId, a.reviews, a.average, a.min, a.max, a.fatalCount].map((v) => h('td', {}, String(v)))))),
        ),
      );
    } catch (error) {
      fill(out, errorParagraph(error));
    }
  };
  return h(
    'form',
    {
      class: 'filters',
      'aria-labelledby': 'qa-summary-title',
      onsubmit: (event: Event) => {
        event.preventDefault();
        void load();
      },
    },
    h('h3', { id: 'qa-summary-title' }, t('agentSummary')),
    field('qa-summary-from', t('from'), from),
    field('qa-summary-to', t('to'), to),
    h('button', { type: 'submit', id: 'qa-summary-load' }, t('search')),
    csv,
    out,
  );
}
