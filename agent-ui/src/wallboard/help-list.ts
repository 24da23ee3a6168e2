// 举手 on the wallboard: the agents on a call who asked for a supervisor, oldest first, each with one
// click to listen to that call; a new hand sounds a short tone (when the browser lets the page play).
import type { WallboardSnapshot } from '../../../src/contract/socket-events.js';
import { api } from '../api.js';
import type { MonitorStartedReply } from '../api-types.js';
import { chinaTime, fill, h } from '../dom.js';
import { t } from '../i18n.js';
import { showError } from '../page.js';

export interface HelpList {
  readonly element: HTMLElement;
  show(snapshot: WallboardSnapshot): void;
}

/** A short two-note chime through Web Audio: no sound file to serve. */
function chime(): void {
  try {
    const audio = new AudioContext();
    for (const [index, hertz] of [880, 660].entries()) {
      const tone = audio.createOscillator();
      const gain = audio.createGain();
      tone.frequency.value = hertz;
      gain.gain.value = 0.15;
      tone.connect(gain).connect(audio.destination);
      tone.start(audio.currentTime + index * 0.18);
      tone.stop(audio.currentTime + index * 0.18 + 0.15);
    }
  } catch {
    // No audio (a browser without Web Audio): the list is still there.
  }
}

export function helpList(listened: () => void): HelpList {
  const list = h('ul', { class: 'help-list', id: 'wb-help' });
  const message = h('p', { class: 'message', role: 'status' });
  const element = h('section', { class: 'card', 'aria-labelledby': 'wb-help-title' }, h('h2', { id: 'wb-help-title' }, t('helpRequests')), list, message);
  let known = new Set<string>();
  const show = (snapshot: WallboardSnapshot): void => {
    const now = new Set(snapshot.help.map((request) => `${request.agentId}:${request.callId}`));
    if ([...now].some((key) => !known.has(key))) {
      chime();
      element.dataset.chimedAt = new Date().toISOString();
    }
    known = now;
    element.hidden = snapshot.help.length === 0;
    const name = (agentId: string): string => snapshot.agents.find((agent) => agent.agentId === agentId)?.name ?? '';
    fill(
      list,
      snapshot.help.map((request) =>
        h(
          'li',
          { 'data-agent': request.agentId, 'data-call': request.callId },
          `${request.agentId} ${name(request.agentId)} · ${chinaTime(request.raisedAt)} `,
          h(
            'button',
            {
              type: 'button',
              'data-help-listen': request.callId,
              onclick: () =>
                void api<MonitorStartedReply>('POST', `/api/calls/${encodeURIComponent(request.callId)}/monitor`, { mode: 'listen' }).then(
                  () => listened(),
                  (error: unknown) => showError(message, error),
                ),
            },
            t('monitorListen'),
          ),
        ),
      ),
    );
  };
  element.hidden = true;
  return { element, show };
}
