// One order as its unit sees it: what the citizen asked, its deadlines and history, the latest
// request with the hotline's decision, and the unit's actions: 签收, 进展反馈, 答复, 退单, 延期.
import { api } from '../api.js';
import type { TicketReply, UnitOrderDetail, UnitOrderReply, UnitRequestView } from '../api-types.js';
import { chinaTime, field, fill, h } from '../dom.js';
import { t, word } from '../i18n.js';
import { TICKET_EVENT_WORDS, TICKET_STATUS_WORDS } from '../i18n/ticket-words.js';
import { errorParagraph, showError } from '../page.js';

type Action = 'sign' | 'progress' | 'reply' | 'return' | 'extension';

const STATE_WORDS = { pending: 'requestPending', approved: 'requestApproved', rejected: 'requestRejected' } as const;

function requestLines(request: UnitRequestView | null): HTMLElement[] {
  if (request === null) return [];
  const kind = request.kind === 'return' ? t('returnAction') : `${t('extensionAction')} ${t('days', { n: request.days ?? 0 })}`;
  const line = h('p', { id: 'unit-request', 'data-request-state': request.state }, t('requestLine', { kind, state: t(STATE_WORDS[request.state]), reason: request.reason }));
  const decision = request.decisionReason === null ? null : h('p', { id: 'unit-decision', class: request.state === 'rejected' ? 'error' : 'message' }, t('decisionLine', { reason: request.decisionReason }));
  return decision ? [line, decision] : [line];
}

/** The actions this unit may take on the order now (the server checks again). */
function actionsFor(order: UnitOrderDetail): Action[] {
  const open = order.status === 'dispatched' || order.status === 'in-progress';
  if (!open) return [];
  if (order.standing === 'assisting') return ['progress'];
  const asking = order.request?.state === 'pending' ? [] : (['return', 'extension'] as const);
  return [...(order.status === 'dispatched' ? (['sign'] as const) : []), 'progress', 'reply', ...asking];
}

const LABELS: Record<Action, Parameters<typeof t>[0]> = { sign: 'signAction', progress: 'progressAction', reply: 'replyAction', return: 'returnAction', extension: 'extensionAction' };

function send(order: UnitOrderDetail, action: Action, text: string, days: number): Promise<TicketReply> {
  const base = `/api/tickets/${order.id}`;
  if (action === 'sign') return api<TicketReply>('POST', `${base}/sign`, { version: order.version, ...(text ? { note: text } : {}) });
  if (action === 'progress' || action === 'reply') return api<TicketReply>('POST', `${base}/feedback`, { version: order.version, kind: action, note: text || null });
  return api<TicketReply>('POST', `${base}/unit-request`, { version: order.version, kind: action, reason: text, ...(action === 'extension' ? { days } : {}) });
}

function actionForm(order: UnitOrderDetail, action: Action, done: () => void, message: HTMLElement): HTMLFormElement {
  const asks = action === 'return' || action === 'extension';
  const text = h('input', { name: 'text', required: asks, maxlength: 2000 });
  const days = h('input', { name: 'days', type: 'number', min: 1, max: 20, value: 2, required: true });
  const submit = h('button', { type: 'submit', class: 'primary', 'data-action': action }, t(LABELS[action]));
  return h(
    'form',
    {
      'data-form': action,
      onsubmit: (event: Event) => {
        event.preventDefault();
        submit.disabled = true;
        send(order, action, text.value.trim(), Number(days.value)).then(
          () => {
            message.textContent = `${t(LABELS[action])} · ${t('done')}`;
            done();
          },
          (error: unknown) => {
            submit.disabled = false;
            showError(message, error);
          },
        );
      },
    },
    field(`unit-${action}-text`, asks ? t('reasonLabel') : t('noteLabel'), text),
    action === 'extension' ? field('unit-extension-days', t('daysLabel'), days) : null,
    submit,
  );
}

function view(order: UnitOrderDetail, reload: () => void): HTMLElement[] {
  const message = h('p', { class: 'message', role: 'status', id: 'unit-action-message' });
  const caller = order.confidential ? t('confidentialCaller') : `${order.callerName ?? ''} ${order.callerNumber}`;
  return [
    h('h3', { id: 'unit-order-number' }, `${order.number} · ${order.title ?? ''}`),
    h('p', {}, h('strong', { id: 'unit-order-status', 'data-status': order.status }, word(TICKET_STATUS_WORDS, order.status)), ` · ${order.standing === 'main' ? t('standingMain') : t('standingAssisting')}`),
    h('p', { id: 'unit-order-caller' }, `${t('caller')}: ${caller}`),
    h('p', {}, `${t('descriptionLabel')}: ${order.description ?? '–'}`),
    h('p', {}, `${t('locationLabel')}: ${order.location ?? '–'}`),
    h('p', {}, `${t('assisting')}: ${order.assistingUnits.join(', ') || '–'}`),
    h('p', {}, `${t('signBy')} ${chinaTime(order.signBy)} · ${t('replyBy')} ${chinaTime(order.replyBy)} · ${t('followUpBy')} ${chinaTime(order.followUpBy)} · ${t('closeBy')} ${chinaTime(order.closeBy)}`),
    ...requestLines(order.request),
    h('div', { class: 'unit-actions' }, actionsFor(order).map((action) => actionForm(order, action, reload, message))),
    message,
    h('h3', {}, t('orderHistory')),
    h('ol', { class: 'history', id: 'unit-history' }, order.history.map((event) => h('li', { 'data-kind': event.kind }, `${chinaTime(event.at)} · ${event.actor} · ${word(TICKET_EVENT_WORDS, event.kind)}${event.toStatus ? ` → ${word(TICKET_STATUS_WORDS, event.toStatus)}` : ''}${event.note ? ` · ${event.note}` : ''}`))),
  ];
}

/** Shows the order in `target`; after an action it is read again, and `changed` refreshes the list. */
export async function showOrder(target: HTMLElement, number: string, changed: () => void): Promise<void> {
  try {
    const { order } = await api<UnitOrderReply>('GET', `/api/unit/orders/${encodeURIComponent(number)}`);
    fill(target, view(order, () => {
      changed();
      void showOrder(target, number, changed);
    }));
  } catch (error) {
    fill(target, errorParagraph(error));
  }
}
