// 举手: during a call the agent asks a supervisor for help (a button, Alt+H). The hand stays raised
// until the agent lowers it, a supervisor comes to the call, or the call ends (the server says so).
import type { Ack } from '../../../src/contract/socket-events.js';
import { h } from '../dom.js';
import { errorText, t } from '../i18n.js';
import type { SocketLink } from '../socket-link.js';

export interface HelpButton {
  readonly element: HTMLElement;
  /** The call the hand is about, or null when there is no conversation. */
  setCall(callId: string | null): void;
  toggle(): void;
}

export function helpButton(socket: SocketLink['socket']): HelpButton {
  let callId: string | null = null;
  let raised = false;
  const button = h('button', { type: 'button', id: 'btn-help', 'aria-pressed': 'false', 'aria-keyshortcuts': 'Alt+H' }, t('raiseHand'));
  const message = h('span', { class: 'message', role: 'status', id: 'help-message' });
  const show = (next: boolean): void => {
    raised = next;
    button.setAttribute('aria-pressed', String(next));
    button.textContent = t(next ? 'handRaised' : 'raiseHand');
  };
  const toggle = (): void => {
    if (callId === null) return;
    // What was asked, not a flip of the state at the answer: help:changed may come first.
    const wanted = !raised;
    socket
      .timeout(8000)
      .emitWithAck(wanted ? 'help:raise' : 'help:lower')
      .then((result: Ack) => {
        message.textContent = result.ok ? '' : errorText(result.code);
        if (result.ok) show(wanted);
      })
      .catch(() => (message.textContent = errorText('NETWORK_ERROR')));
  };
  button.addEventListener('click', toggle);
  socket.on('help:changed', ({ raised: now }) => show(now));
  const setCall = (next: string | null): void => {
    callId = next;
    button.disabled = next === null;
    if (next === null) show(false);
  };
  setCall(null);
  return { element: h('span', { class: 'help-request' }, button, message), setCall, toggle };
}
