// The wallboard's controls for a call in conversation (监听 / 密语 / 强插 / 拦截 / 强拆): one set per
// agent on a call. The supervisor's own sessions are read from GET /api/monitors after each action
// and every few seconds; a change of mode keeps the session (the server swaps what the supervisor's
// phone hears). 拦截 is offered once the supervisor hears the call; 强拆 ends the call for good, so it
// asks to be pressed a second time within a few seconds.
import type { AgentStateView } from '../../../src/contract/socket-events.js';
import { api } from '../api.js';
import type { CallReleasedReply, MonitorsReply, MonitorStartedReply, MonitorView } from '../api-types.js';
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { showError } from '../page.js';

const MODES = [
  ['listen', 'monitorListen'],
  ['whisper', 'monitorWhisper'],
  ['barge', 'monitorBarge'],
] as const;
const REFRESH_MS = 3000;
/** How long a first press of 强拆 waits for the second. */
const RELEASE_ARMED_MS = 5000;

export interface MonitorControls {
  /** The controls for an agent's row: buttons while they talk on a call, nothing otherwise. */
  cellFor(agent: AgentStateView): HTMLElement;
  /** Where refusals are shown. */
  readonly message: HTMLElement;
  /** Reads the supervisor's sessions again (a session started elsewhere on the page). */
  refresh(): void;
}

export function monitorControls(userId: string, changed: () => void): MonitorControls {
  const mine = new Map<string, MonitorView>();
  /** The call whose 强拆 was pressed once and waits for the second press. */
  let armedRelease: string | null = null;
  const message = h('p', { class: 'message', role: 'status', id: 'wb-monitor-message' });
  const refresh = async (): Promise<void> => {
    const { monitors } = await api<MonitorsReply>('GET', '/api/monitors');
    mine.clear();
    for (const monitor of monitors) if (monitor.supervisorId === userId) mine.set(monitor.callId, monitor);
    changed();
  };
  const act = async (request: () => Promise<unknown>): Promise<void> => {
    try {
      await request();
      message.textContent = '';
    } catch (error) {
      showError(message, error);
    }
    await refresh().catch(() => undefined);
  };
  window.setInterval(() => void refresh().catch(() => undefined), REFRESH_MS);
  void refresh().catch(() => undefined);

  const cellFor = (agent: AgentStateView): HTMLElement => {
    const callId = agent.state === 'on_call' ? agent.callId : null;
    if (!callId) return h('td', { class: 'monitor' });
    const session = mine.get(callId);
    const buttons = MODES.map(([mode, text]) =>
      h(
        'button',
        {
          type: 'button',
          'data-monitor': mode,
          'aria-pressed': session?.heard === mode ? 'true' : 'false',
          onclick: () =>
            void act(() =>
              session ? api<MonitorStartedReply>('PATCH', `/api/monitors/${session.monitorId}`, { mode }) : api<MonitorStartedReply>('POST', `/api/calls/${encodeURIComponent(callId)}/monitor`, { mode }),
            ),
        },
        t(text),
      ),
    );
    const stop = session ? h('button', { type: 'button', 'data-monitor': 'stop', onclick: () => void act(() => api('DELETE', `/api/monitors/${session.monitorId}`)) }, t('monitorStop')) : null;
    const takeOver =
      session && session.heard !== null
        ? h('button', { type: 'button', 'data-monitor': 'take-over', onclick: () => void act(() => api<MonitorStartedReply>('POST', `/api/monitors/${session.monitorId}/take-over`)) }, t('monitorTakeOver'))
        : null;
    const ringing = session && session.heard === null ? h('span', { class: 'hint' }, t('monitorRinging')) : null;
    return h('td', { class: 'monitor', 'data-call': callId, 'data-monitoring': session?.heard ?? 'none' }, buttons, takeOver, releaseButton(callId), stop, ringing);
  };
  /** 强拆: the first press arms the button (it says so), a second within a few seconds ends the call. */
  const releaseButton = (callId: string): HTMLElement => {
    const armed = armedRelease === callId;
    return h(
      'button',
      {
        type: 'button',
        class: 'danger',
        'data-monitor': 'release',
        'data-armed': armed ? 'true' : 'false',
        onclick: () => {
          if (armedRelease !== callId) {
            armedRelease = callId;
            window.setTimeout(() => {
              if (armedRelease !== callId) return;
              armedRelease = null;
              changed();
            }, RELEASE_ARMED_MS);
            return changed();
          }
          armedRelease = null;
          void act(() => api<CallReleasedReply>('POST', `/api/calls/${encodeURIComponent(callId)}/release`));
        },
      },
      t(armed ? 'monitorReleaseConfirm' : 'monitorRelease'),
    );
  };
  return { cellFor, message, refresh: () => void refresh().catch(() => undefined) };
}
