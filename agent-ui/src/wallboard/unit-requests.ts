// On the wallboard: the units' pending 退单 / 延期 requests with approve and reject (approving a
// return names the unit the order goes to), and an order found by its number with its status and
// history, so a supervisor follows what a unit did on it.
import { api, query } from '../api.js';
import type { HandlingUnit, PendingRequestListReply, TicketDetail, TicketDetailReply, TicketReply } from '../api-types.js';
import { chinaTime, field, fill, h } from '../dom.js';
import { t, word } from '../i18n.js';
import { TICKET_EVENT_WORDS, TICKET_STATUS_WORDS } from '../i18n/ticket-words.js';
import { errorParagraph, showError } from '../page.js';

type Pending = PendingRequestListReply['requests'][number];

const STATE_WORDS = { pending: 'requestPending', approved: 'requestApproved', rejected: 'requestRejected' } as const;

function decisionForm(item: Pending, units: readonly HandlingUnit[], decided: () => void, message: HTMLElement): HTMLElement {
  const reason = h('input', { name: 'reason', required: true, maxlength: 2000 });
  const others = units.filter((unit) => unit.id !== item.request.unit);
  const target = h('select', { name: 'unit' }, others.map((unit) => h('option', { value: unit.id }, unit.name)));
  const decide = (decision: 'approve' | 'reject'): void => {
    if (!reason.value.trim()) {
      reason.reportValidity();
      return;
    }
    const redispatch = decision === 'approve' && item.request.kind === 'return' ? { mainUnit: target.value } : {};
    api<TicketReply>('POST', `/api/tickets/${item.ticket.id}/unit-request/decision`, { version: item.ticket.version, decision, reason: reason.value.trim(), ...redispatch }).then(decided, (error: unknown) => showError(message, error));
  };
  return h(
    'div',
    { class: 'unit-actions' },
    field(`wb-decision-reason-${item.ticket.id}`, t('decisionReason'), reason),
    item.request.kind === 'return' ? field(`wb-redispatch-${item.ticket.id}`, t('redispatchTo'), target) : null,
    h('button', { type: 'button', class: 'primary', 'data-decide': 'approve', onclick: () => decide('approve') }, t('approve')),
    h('button', { type: 'button', 'data-decide': 'reject', onclick: () => decide('reject') }, t('reject')),
  );
}

function pendingItem(item: Pending, units: readonly HandlingUnit[], decided: () => void, message: HTMLElement): HTMLElement {
  const unitName = units.find((unit) => unit.id === item.request.unit)?.name ?? item.request.unit;
  const kind = item.request.kind === 'return' ? t('returnAction') : `${t('extensionAction')} ${t('days', { n: item.request.days ?? 0 })}`;
  return h(
    'li',
    { 'data-request-ticket': item.ticket.number, 'data-request-kind': item.request.kind },
    h('strong', {}, `${item.ticket.number} · ${item.ticket.title ?? ''}`),
    ` · ${unitName} · ${kind} · ${chinaTime(item.request.requestedAt)} · ${item.request.reason}`,
    decisionForm(item, units, decided, message),
  );
}

function ticketView(ticket: TicketDetail): (HTMLElement | null)[] {
  const request = ticket.unitRequest;
  return [
    h('p', {}, h('strong', { id: 'wb-order-status', 'data-status': ticket.status }, word(TICKET_STATUS_WORDS, ticket.status)), ` · ${ticket.number} · ${ticket.mainUnit ?? '–'}${ticket.signedBy ? ` · ${t('signAction')}: ${ticket.signedBy} (${ticket.signedVia ?? ''})` : ''}`),
    request ? h('p', { id: 'wb-order-request' }, `${request.kind === 'return' ? t('returnAction') : t('extensionAction')} · ${t(STATE_WORDS[request.state])} · ${request.reason}`) : null,
    h('ol', { class: 'history', id: 'wb-order-history' }, ticket.history.map((event) => h('li', { 'data-kind': event.kind }, `${chinaTime(event.at)} · ${event.actor} · ${word(TICKET_EVENT_WORDS, event.kind)}${event.note ? ` · ${event.note}` : ''}`))),
  ];
}

/** The lookup of one order by its number. */
function orderLookup(): HTMLElement {
  const number = h('input', { name: 'number', placeholder: '20261123-000001', pattern: '\\d{8}-\\d{6}|\\d{1,15}', required: true });
  const result = h('div', { id: 'wb-order' });
  const form = h(
    'form',
    {
      id: 'wb-order-lookup',
      class: 'filters',
      onsubmit: (event: Event) => {
        event.preventDefault();
        api<TicketDetailReply>('GET', `/api/tickets/${encodeURIComponent(number.value.trim())}`).then(
          (answer) => fill(result, ticketView(answer.ticket)),
          (error: unknown) => fill(result, errorParagraph(error)),
        );
      },
    },
    field('wb-order-number', t('orderNumber'), number),
    h('button', { type: 'submit' }, t('lookUp')),
  );
  return h('div', {}, h('h3', {}, t('orderLookup')), form, result);
}

export interface UnitRequestsSection {
  readonly element: HTMLElement;
  reload(): Promise<void>;
}

export function unitRequestsSection(): UnitRequestsSection {
  const list = h('ul', { class: 'help-list', id: 'wb-unit-requests' });
  const message = h('p', { class: 'message', role: 'status', id: 'wb-unit-requests-message' });
  let units: HandlingUnit[] = [];
  const reload = async (): Promise<void> => {
    try {
      if (units.length === 0) units = (await api<{ units: HandlingUnit[] }>('GET', '/api/units')).units;
      const { requests } = await api<PendingRequestListReply>('GET', `/api/unit-requests${query({ limit: 50 })}`);
      message.textContent = requests.length === 0 ? t('noUnitRequests') : '';
      fill(list, requests.map((item) => pendingItem(item, units, () => void reload(), message)));
    } catch (error) {
      showError(message, error);
    }
  };
  const element = h(
    'section',
    { class: 'card', 'aria-labelledby': 'wb-unit-requests-title' },
    h('h2', { id: 'wb-unit-requests-title' }, t('unitRequests'), ' ', h('button', { type: 'button', id: 'wb-unit-requests-refresh', onclick: () => void reload() }, t('refresh'))),
    list,
    message,
    orderLookup(),
  );
  return { element, reload };
}
