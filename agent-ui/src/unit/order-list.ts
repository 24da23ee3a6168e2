// The unit's orders: status filter, and per order its 1345 deadlines with the next one due marked
// red when passed, yellow within a day, green otherwise; the server's warning colour beside it.
import { api, query } from '../api.js';
import type { UnitOrder, UnitOrderListReply } from '../api-types.js';
import { chinaTime, fill, h } from '../dom.js';
import { t, word } from '../i18n.js';
import { TICKET_STATUS_WORDS, WARNING_WORDS } from '../i18n/ticket-words.js';
import { showError } from '../page.js';
import { deadlineColour, nextDeadline } from './deadlines.js';

const STATUSES = ['dispatched', 'in-progress', 'replied', 'closed'] as const;

export interface OrderList {
  readonly element: HTMLElement;
  reload(): Promise<void>;
}

function row(order: UnitOrder, selected: boolean, pick: (order: UnitOrder) => void): HTMLTableRowElement {
  const next = nextDeadline(order);
  const colour = deadlineColour(next, Date.now());
  const due = (iso: string | null): HTMLElement => {
    const active = iso !== null && iso === next;
    return h('td', { class: active && colour ? `due ${colour}` : 'due' }, chinaTime(iso), active && colour === 'red' ? ` ${t('overdue')}` : '');
  };
  return h(
    'tr',
    { class: selected ? 'selected' : '', 'data-order': order.number, 'data-status': order.status, onclick: () => pick(order) },
    h('td', {}, h('button', { type: 'button', class: 'link', 'data-open-order': order.number }, order.number)),
    h('td', {}, order.title ?? '–'),
    h('td', { 'data-order-status': order.status }, word(TICKET_STATUS_WORDS, order.status)),
    h('td', {}, order.standing === 'main' ? t('standingMain') : t('standingAssisting')),
    due(order.signBy),
    due(order.replyBy),
    h('td', { class: 'due' }, chinaTime(order.followUpBy)),
    due(order.closeBy),
    h('td', {}, order.warning ? h('span', { class: `badge warn-${order.warning}`, 'data-warning': order.warning }, word(WARNING_WORDS, order.warning)) : h('span', { class: 'badge' }, t('noWarning'))),
  );
}

export function orderList(pick: (order: UnitOrder) => void): OrderList {
  const status = h('select', { id: 'unit-status' }, h('option', { value: '' }, t('allStatuses')), ...STATUSES.map((s) => h('option', { value: s }, word(TICKET_STATUS_WORDS, s))));
  const body = h('tbody', { id: 'unit-orders' });
  const message = h('p', { class: 'message', role: 'status', id: 'unit-orders-message' });
  let selected: string | null = null;
  let orders: UnitOrder[] = [];
  const draw = (): void => fill(body, orders.map((order) => row(order, order.number === selected, (o) => { selected = o.number; draw(); pick(o); })));
  const reload = async (): Promise<void> => {
    try {
      const answer = await api<UnitOrderListReply>('GET', `/api/unit/orders${query({ status: status.value || null, limit: 200 })}`);
      orders = answer.orders;
      message.textContent = orders.length === 0 ? t('noOrders') : '';
      draw();
    } catch (error) {
      showError(message, error);
    }
  };
  status.addEventListener('change', () => void reload());
  const headings = [t('orderNumber'), t('orderTitle'), t('statusFilter'), t('standing'), t('signBy'), t('replyBy'), t('followUpBy'), t('closeBy'), t('warning')];
  const element = h(
    'section',
    { class: 'card', 'aria-labelledby': 'unit-orders-title' },
    h('h2', { id: 'unit-orders-title' }, t('myOrders')),
    h('div', { class: 'filters' }, h('label', { for: 'unit-status' }, t('statusFilter')), status, h('button', { type: 'button', id: 'unit-refresh', onclick: () => void reload() }, t('refresh'))),
    h('table', { class: 'list' }, h('thead', {}, h('tr', {}, headings.map((text) => h('th', {}, text)))), body),
    message,
  );
  return { element, reload };
}
