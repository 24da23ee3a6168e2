// During a conversation: transfer to another queue, or ring a third party (a responsible unit) in.
import { api } from '../api.js';
import type { PartyBody, QueuesReply, TransferBody } from '../api-types.js';
import { field, fill, h } from '../dom.js';
import { t } from '../i18n.js';
import { showError } from '../page.js';

export interface CallActions {
  readonly element: HTMLElement;
  /** The call the buttons act on, or null when there is no conversation. */
  setCall(callId: string | null): void;
  focusTransfer(): void;
}

export function callActions(): CallActions {
  let callId: string | null = null;
  const queue = h('select', {});
  const transfer = h('button', { type: 'button', id: 'btn-transfer', 'aria-keyshortcuts': 'Alt+T' }, t('transfer'));
  const number = h('input', { inputmode: 'tel', pattern: '\\+?[0-9]{3,20}', size: 12 });
  const threeWay = h('button', { type: 'button', id: 'btn-three-way' }, t('threeWay'));
  const message = h('span', { class: 'message', role: 'status', id: 'call-action-message' });
  const run = async (action: () => Promise<unknown>, done: string): Promise<void> => {
    message.textContent = '';
    try {
      await action();
      message.textContent = done;
    } catch (error) {
      showError(message, error);
    }
  };
  transfer.addEventListener('click', () => {
    if (callId) void run(() => api('POST', `/api/calls/${encodeURIComponent(callId ?? '')}/transfer`, { queue: queue.value } satisfies TransferBody), t('transferred'));
  });
  threeWay.addEventListener('click', () => {
    if (callId && number.value.trim()) void run(() => api('POST', `/api/calls/${encodeURIComponent(callId ?? '')}/parties`, { number: number.value.trim() } satisfies PartyBody), t('threeWayStarted'));
  });
  void api<QueuesReply>('GET', '/api/queues').then(
    ({ queues }) => fill(queue, queues.map((q) => h('option', { value: q.queueId }, q.name))),
    () => undefined,
  );
  const element = h('section', { class: 'card actions', 'aria-label': `${t('transfer')} / ${t('threeWay')}` }, field('transfer-queue', t('transferTo'), queue), transfer, field('three-way-number', t('threeWayNumber'), number), threeWay, message);
  const setCall = (next: string | null): void => {
    callId = next;
    for (const control of [queue, transfer, number, threeWay]) control.disabled = next === null;
  };
  setCall(null);
  return { element, setCall, focusTransfer: () => queue.focus() };
}
