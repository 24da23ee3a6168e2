// The orders behind a warning and its history, as tables; an order's 详情 opens a row under it with
// the request's words, its unit and place (the supervisors' ticket read, GET /api/tickets/:id).
import { api } from '../api.js';
import type { HotspotDetailReply, TicketDetailReply } from '../api-types.js';
import { chinaTime, fill, h } from '../dom.js';
import { HOTSPOT_HISTORY_WORDS, t, TICKET_STATUS_WORDS, word } from '../i18n.js';
import { errorParagraph } from '../page.js';

const heads = (...texts: string[]): HTMLElement => h('thead', {}, h('tr', {}, texts.map((text) => h('th', { scope: 'col' }, text))));

async function orderDetail(id: number, cell: HTMLElement): Promise<void> {
  try {
    const { ticket } = await api<TicketDetailReply>('GET', `/api/tickets/${id}`);
    fill(
      cell,
      h(
        'dl',
        { class: 'facts', 'data-ticket-detail': id },
        h('dt', {}, t('anOrderDescription')),
        h('dd', {}, ticket.description ?? '–'),
        h('dt', {}, t('anLocation')),
        h('dd', {}, [ticket.area, ticket.location].filter(Boolean).join(' · ') || '–'),
        h('dt', {}, t('anOrderUnit')),
        h('dd', {}, ticket.mainUnit ?? '–'),
      ),
    );
  } catch (error) {
    fill(cell, errorParagraph(error));
  }
}

export function ordersTable(orders: HotspotDetailReply['orders']): HTMLElement {
  const rows = orders.flatMap((o) => {
    const cell = h('td', { colspan: 6 });
    const detail = h('tr', { class: 'detail', hidden: true, 'data-order-detail': o.id }, cell);
    const toggle = (): void => {
      detail.hidden = !detail.hidden;
      if (!detail.hidden && !cell.hasChildNodes()) void orderDetail(o.id, cell);
    };
    return [
      h(
        'tr',
        { 'data-order': o.id },
        h('th', { scope: 'row' }, o.number),
        h('td', {}, chinaTime(o.createdAt)),
        h('td', {}, [o.area, o.location].filter(Boolean).join(' · ') || '–'),
        h('td', {}, o.title ?? '–'),
        h('td', {}, word(TICKET_STATUS_WORDS, o.status)),
        h('td', {}, h('button', { type: 'button', class: 'small', 'data-open-order': o.id, 'aria-expanded': 'false', onclick: (event: Event) => {
          toggle();
          (event.currentTarget as HTMLElement).setAttribute('aria-expanded', String(!detail.hidden));
        } }, t('anOpenOrder'))),
      ),
      detail,
    ];
  });
  return h('table', { class: 'list', id: 'an-hotspot-orders' }, heads(t('anOrderNumber'), t('anOrderTime'), t('anLocation'), t('anTitle'), t('anStatus'), ''), h('tbody', {}, rows));
}

export function historyTable(history: HotspotDetailReply['history'], unitName: (id: string) => string): HTMLElement {
  return h(
    'table',
    { class: 'list', id: 'an-hotspot-history' },
    heads(t('anStepAt'), t('anStep'), t('anStepBy'), t('anSendTo'), t('anNote')),
    h(
      'tbody',
      {},
      history.map((entry) =>
        h(
          'tr',
          { 'data-step': entry.step },
          h('td', {}, chinaTime(entry.at)),
          h('td', {}, word(HOTSPOT_HISTORY_WORDS, entry.step)),
          h('td', {}, entry.by ?? '–'),
          h('td', {}, entry.unitId ? unitName(entry.unitId) : '–'),
          h('td', {}, entry.note ?? ''),
        ),
      ),
    ),
  );
}
