// The banner that tells the agent a supervisor is on their call (密语 / 强插, and 监听 where the centre
// announces it) or took their caller over (拦截): shown from the server's monitor:changed, cleared when the call ends.
import type { MonitorChanged } from '../../../src/contract/socket-events.js';
import { h } from '../dom.js';
import { t } from '../i18n.js';

const TEXT = { listen: 'bannerListen', whisper: 'bannerWhisper', barge: 'bannerBarge', 'take-over': 'bannerTakeOver' } as const;

export interface MonitorBanner {
  readonly element: HTMLElement;
  changed(event: MonitorChanged): void;
  /** The call ended: no supervisor is on it any more. */
  callEnded(callId: string): void;
}

export function monitorBanner(): MonitorBanner {
  const element = h('div', { id: 'monitor-banner', class: 'banner', role: 'status', hidden: true, 'data-mode': 'none' });
  let callId: string | null = null;
  const hide = (): void => {
    callId = null;
    element.hidden = true;
    element.dataset.mode = 'none';
    element.textContent = '';
  };
  return {
    element,
    changed: (event) => {
      if (event.mode === null) return void (event.callId === callId ? hide() : undefined);
      callId = event.callId;
      element.hidden = false;
      element.dataset.mode = event.mode;
      element.textContent = t(TEXT[event.mode], { supervisor: event.supervisorId });
    },
    callEnded: (ended) => {
      if (ended === callId) hide();
    },
  };
}
