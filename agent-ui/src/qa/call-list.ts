// The QA call list: filters, a table of answered calls, and "more" paging with the server's cursor.
import { api, query } from '../api.js';
import type { QaCall, QaCallsReply } from '../api-types.js';
import { chinaTime, chinaToday, field, h, seconds } from '../dom.js';
import { QA_GRADE_WORDS, SATISFACTION_WORDS, t, word, wordsOf } from '../i18n.js';
import { showError } from '../page.js';
import { queueLabel, queueNames, type QueueNames } from '../queue-names.js';

// Tickets store the ratings as the contract spells them (basically-satisfied), so the filter sends that.
const SATISFACTIONS = wordsOf(SATISFACTION_WORDS);

export interface CallList {
  readonly element: HTMLElement;
  /** Reads the first page again with the same filters (e.g. to show a new review). */
  reload(): void;
}

export function callList(onSelect: (call: QaCall) => void): CallList {
  const today = chinaToday();
  const from = h('input', { type: 'date', value: today });
  const to = h('input', { type: 'date', value: today });
  const agent = h('input', { size: 6, pattern: '[A-Za-z0-9_-]*' });
  const queue = h('input', { size: 10, pattern: '[A-Za-z0-9_-]*' });
  const minTalk = h('input', { type: 'number', min: 0, max: 86400, class: 'narrow' });
  const maxTalk = h('input', { type: 'number', min: 0, max: 86400, class: 'narrow' });
  const satisfaction = h('select', {}, h('option', { value: '' }, t('any')), SATISFACTIONS.map((s) => h('option', { value: s }, word(SATISFACTION_WORDS, s))));
  const rows = h('tbody', { id: 'qa-call-rows' });
  const message = h('p', { class: 'message', role: 'status', id: 'qa-calls-message' });
  const more = h('button', { type: 'button', id: 'qa-more', hidden: true }, t('more'));
  let cursor: string | null = null;

  const load = async (append: boolean): Promise<void> => {
    message.textContent = t('loading');
    try {
      const params = query({
        from: from.value,
        to: to.value,
        agent: agent.value.trim(),
        queue: queue.value.trim(),
        minTalkSeconds: minTalk.value,
        maxTalkSeconds: maxTalk.value,
        satisfaction: satisfaction.value,
        limit: 20,
        cursor: append ? cursor : null,
      });
      const [page, names] = await Promise.all([api<QaCallsReply>('GET', `/api/qa/calls${params}`), queueNames()]);
      if (!append) rows.replaceChildren();
      for (const call of page.calls) rows.append(row(call, names, onSelect));
      cursor = page.nextCursor;
      more.hidden = cursor === null;
      message.textContent = rows.children.length === 0 ? t('noCalls') : '';
    } catch (error) {
      showError(message, error);
    }
  };
  more.addEventListener('click', () => void load(true));

  const filters = h(
    'form',
    {
      class: 'filters',
      id: 'qa-filters',
      onsubmit: (event: Event) => {
        event.preventDefault();
        void load(false);
      },
    },
    field('qa-from', t('from'), from),
    field('qa-to', t('to'), to),
    field('qa-agent', t('agent'), agent),
    field('qa-queue', t('queue'), queue),
    field('qa-min-talk', t('minTalk'), minTalk),
    field('qa-max-talk', t('maxTalk'), maxTalk),
    field('qa-satisfaction', t('satisfaction'), satisfaction),
    h('button', { type: 'submit', class: 'primary', id: 'qa-search' }, t('search')),
  );
  const table = h(
    'table',
    { class: 'list' },
    h('thead', {}, h('tr', {}, [t('time'), t('callerNumber'), t('agent'), t('queue'), t('talk'), t('satisfaction'), t('reviews'), ''].map((text) => h('th', { scope: 'col' }, text)))),
    rows,
  );
  void load(false);
  return {
    element: h('section', { class: 'card', 'aria-labelledby': 'qa-calls-title' }, h('h2', { id: 'qa-calls-title' }, t('calls')), filters, table, message, more),
    reload: () => void load(false),
  };
}

function row(call: QaCall, names: QueueNames, onSelect: (call: QaCall) => void): HTMLTableRowElement {
  const open = h('button', { type: 'button', class: 'small', 'data-action': 'open', 'aria-label': `${t('select')} ${call.callerNumber} ${chinaTime(call.createdAt)}` }, t('select'));
  const tr = h(
    'tr',
    { 'data-call-id': call.callId, 'data-ticket-id': call.id },
    h('td', {}, chinaTime(call.createdAt)),
    h('td', {}, call.callerNumber),
    h('td', {}, call.agentId ?? '–'),
    h('td', { title: call.queue }, queueLabel(names, call.queue)),
    h('td', {}, call.talkMs === null ? '–' : seconds(call.talkMs / 1000)),
    h('td', {}, call.satisfaction ? word(SATISFACTION_WORDS, call.satisfaction) : '–'),
    h('td', { class: 'reviews' }, call.reviews.map((r) => `${r.total} (${word(QA_GRADE_WORDS, r.grade)})`).join(', ') || '–'),
    h('td', {}, open),
  );
  open.addEventListener('click', () => {
    for (const other of tr.parentElement?.children ?? []) other.classList.remove('selected');
    tr.classList.add('selected');
    onSelect(call);
  });
  return tr;
}

