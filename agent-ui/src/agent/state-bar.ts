// The agent's own state: ready / pause with a reason / log out, the time in the state, and the
// wrap-up countdown. Every change goes through the socket and waits for the server's ack.
import type { Ack, AgentStateView } from '../../../src/contract/socket-events.js';
import { field, fill, h, seconds } from '../dom.js';
import { AGENT_STATE_WORDS, CHOSEN_PAUSE_REASONS, errorText, PAUSE_REASON_WORDS, t, word } from '../i18n.js';
import type { HotlineSocket } from '../socket-link.js';

const ACK_TIMEOUT_MS = 8000;

export interface StateBar {
  readonly element: HTMLElement;
  update(state: AgentStateView | null): void;
  ready(): void;
  pause(): void;
  current(): AgentStateView | null;
}

export function stateBar(socket: HotlineSocket, hasPhone: boolean): StateBar {
  let state: AgentStateView | null = null;
  const name = h('span', { class: 'state-name', id: 'agent-state', 'data-state': 'unknown' }, '–');
  const duration = h('span', { id: 'agent-state-duration', 'aria-label': t('duration') }, '');
  const wrapUp = h('span', { id: 'wrap-up-countdown', hidden: true }, '');
  const message = h('span', { class: 'message', role: 'status', id: 'state-message' });
  const reason = h('select', {}, CHOSEN_PAUSE_REASONS.map((r) => h('option', { value: r }, word(PAUSE_REASON_WORDS, r))));
  const readyButton = h('button', { type: 'button', class: 'primary', id: 'btn-ready', 'aria-keyshortcuts': 'Alt+R' }, t('ready'));
  const pauseButton = h('button', { type: 'button', id: 'btn-pause', 'aria-keyshortcuts': 'Alt+P' }, t('pause'));
  const logoutButton = h('button', { type: 'button', id: 'btn-agent-logout' }, t('agentLogout'));

  const run = async (action: () => Promise<Ack>): Promise<void> => {
    message.textContent = '';
    message.title = '';
    try {
      const ack = await action();
      if (ack.ok) return;
      message.textContent = errorText(ack.code);
      message.title = ack.message;
    } catch {
      message.textContent = t('offline');
    }
  };
  const ready = (): void => void run(() => socket.timeout(ACK_TIMEOUT_MS).emitWithAck('agent:ready'));
  const pause = (): void => void run(() => socket.timeout(ACK_TIMEOUT_MS).emitWithAck('agent:pause', { reason: reason.value }));
  readyButton.addEventListener('click', ready);
  pauseButton.addEventListener('click', pause);
  logoutButton.addEventListener('click', () => void run(() => socket.timeout(ACK_TIMEOUT_MS).emitWithAck('agent:logout')));
  for (const control of [readyButton, pauseButton, logoutButton, reason]) control.disabled = !hasPhone;

  const tick = (): void => {
    if (!state) return;
    duration.textContent = seconds((Date.now() - Date.parse(state.since)) / 1000);
    const ends = state.state === 'wrap_up' && state.wrapUpEndsAt ? Date.parse(state.wrapUpEndsAt) : null;
    wrapUp.hidden = ends === null;
    if (ends !== null) wrapUp.textContent = `${t('wrapUpLeft')} ${seconds(Math.ceil((ends - Date.now()) / 1000))}`;
  };
  window.setInterval(tick, 1000);

  const element = h(
    'section',
    { class: 'card statebar', 'aria-labelledby': 'state-title' },
    h('h2', { id: 'state-title', class: 'sr-only' }, t('state')),
    h('div', {}, h('div', { class: 'label' }, t('state')), name, ' ', duration, ' ', wrapUp),
    readyButton,
    field('pause-reason', t('pauseReason'), reason),
    pauseButton,
    logoutButton,
    message,
  );
  if (!hasPhone) element.append(h('p', { class: 'message' }, t('noPhone')));
  return {
    element,
    update: (next) => {
      state = next;
      name.dataset.state = next?.state ?? 'unknown';
      const reasonText = next?.reason ? ` · ${word(PAUSE_REASON_WORDS, next.reason)}` : '';
      fill(name, next ? `${word(AGENT_STATE_WORDS, next.state)}${reasonText}` : '–');
      if (next?.state === 'paused' && next.reason && (CHOSEN_PAUSE_REASONS as readonly string[]).includes(next.reason)) reason.value = next.reason;
      tick();
    },
    ready,
    pause,
    current: () => state,
  };
}
