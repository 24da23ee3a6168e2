// The phone's card on the desktop: status, banners, the caller, the call's buttons, a keypad, and
// the microphone and speaker choices. It draws a PhoneState and reports the agent's clicks; what
// those do is browser-phone.ts's business.
import { field, fill, h } from '../dom.js';
import { errorText, t, type TextKey } from '../i18n.js';
import type { AudioDevice, DeviceKind } from './phone-devices.js';
import { phoneBanners, phoneControls, phoneStatus, type PhoneBanner, type PhoneStatus } from './phone-display.js';
import type { PhoneState } from './phone-state.js';

export type PhoneCommand = 'answer' | 'decline' | 'hangUp' | 'mute' | 'hold';

export interface PhoneCardHandlers {
  command(command: PhoneCommand): void;
  digit(digit: string): void;
  chooseDevice(kind: DeviceKind, id: string | null): void;
}

export interface PhoneCardOptions {
  /** The keypad and hold (the agent desktop's); the wallboard's phone only listens in and speaks. */
  readonly keypad: boolean;
}

export interface PhoneCard {
  readonly element: HTMLElement;
  readonly remoteAudio: HTMLAudioElement;
  render(state: PhoneState): void;
  showDevices(kind: DeviceKind, devices: readonly AudioDevice[], chosen: string | null): void;
  /** The browser cannot choose a speaker: the choice is replaced by a line saying so. */
  speakerFixed(): void;
}

const STATUS_TEXT: Readonly<Record<PhoneStatus, TextKey>> = {
  offline: 'phoneOffline',
  registering: 'phoneRegistering',
  ready: 'phoneReady',
  lineReady: 'phoneLineReady',
  ringing: 'phoneRinging',
  talking: 'phoneTalking',
  held: 'phoneHeld',
  muted: 'phoneMuted',
  reconnecting: 'phoneReconnecting',
  unavailable: 'phoneUnavailable',
};

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const;

function bannerText(banner: PhoneBanner): string {
  switch (banner.kind) {
    case 'noPhone':
      return t('phoneNoPhone', { reason: errorText(banner.code) });
    case 'micDenied':
      return t('phoneMicDenied');
    case 'micUnavailable':
      return t('phoneMicUnavailable');
    case 'registrationFailed':
      return t('phoneRegistrationFailed', { status: banner.status ?? '–', cause: banner.cause });
    case 'reconnecting':
      return t('phoneLinkLost', { attempt: banner.attempt });
    case 'mediaFailed':
      return t('phoneMediaFailed');
  }
}

export function phoneCard(handlers: PhoneCardHandlers, options: PhoneCardOptions = { keypad: true }): PhoneCard {
  const status = h('span', { class: 'phone-status', id: 'phone-status' }, t('phoneOffline'));
  const banners = h('div', { id: 'phone-banners', role: 'alert' });
  const caller = h('div', { id: 'phone-caller', class: 'phone-caller' });
  const button = (id: string, command: PhoneCommand, text: TextKey, primary = false): HTMLButtonElement =>
    h('button', { type: 'button', id, class: primary ? 'primary' : null, onclick: () => handlers.command(command) }, t(text));
  const answer = button('phone-answer', 'answer', 'phoneAnswer', true);
  const decline = button('phone-decline', 'decline', 'phoneDecline');
  const hangUp = button('phone-hangup', 'hangUp', 'phoneHangUp');
  const mute = button('phone-mute', 'mute', 'phoneMute');
  const hold = button('phone-hold', 'hold', 'phoneHold');
  const keys = KEYS.map((key) => h('button', { type: 'button', 'data-digit': key, 'aria-label': `${t('phoneKeypad')} ${key}`, onclick: () => handlers.digit(key) }, key));
  const keypad = h('div', { class: 'phone-keypad', id: 'phone-keypad', role: 'group', 'aria-label': t('phoneKeypad') }, keys);
  const select = (kind: DeviceKind): HTMLSelectElement => h('select', { onchange: (event: Event) => handlers.chooseDevice(kind, (event.target as HTMLSelectElement).value || null) });
  const mic = select('microphone');
  const speaker = select('speaker');
  const speakerField = field('phone-speaker', t('phoneSpeaker'), speaker);
  const remoteAudio = h('audio', { id: 'phone-audio', autoplay: true });
  const controls = h('div', { class: 'phone-controls' }, answer, decline, hangUp, mute, options.keypad ? hold : null);
  const devices = h('div', { class: 'phone-devices' }, field('phone-mic', t('phoneMicrophone'), mic), speakerField);
  const element = h(
    'section',
    { class: 'card phone', id: 'phone', 'data-status': 'offline', 'aria-labelledby': 'phone-title' },
    h('h2', { id: 'phone-title' }, t('phone'), ' ', status),
    banners,
    caller,
    controls,
    options.keypad ? keypad : null,
    devices,
    remoteAudio,
  );

  const render = (state: PhoneState): void => {
    const now = phoneStatus(state);
    element.dataset.status = now;
    element.dataset.call = state.call.kind;
    element.dataset.media = state.call.kind === 'answering' || state.call.kind === 'talking' ? state.call.media : '';
    element.dataset.line = state.call.kind !== 'idle' && state.call.line ? 'yes' : 'no';
    status.textContent = t(STATUS_TEXT[now]);
    fill(banners, phoneBanners(state).map((banner) => h('p', { class: 'banner', 'data-banner': banner.kind }, bannerText(banner))));
    fill(caller, state.call.kind === 'idle' ? null : t('phoneCaller', { from: state.call.from }), state.call.kind !== 'idle' && state.call.line ? h('span', { class: 'badge' }, t('phoneLineCall')) : null);
    const allowed = phoneControls(state);
    answer.disabled = !allowed.answer;
    decline.disabled = !allowed.decline;
    hangUp.disabled = !allowed.hangUp;
    mute.disabled = !allowed.mute;
    hold.disabled = !allowed.hold;
    for (const key of keys) key.disabled = !allowed.keypad;
    const talking = state.call.kind === 'talking' ? state.call : null;
    mute.textContent = t(talking?.muted ? 'phoneUnmute' : 'phoneMute');
    mute.setAttribute('aria-pressed', String(talking?.muted ?? false));
    hold.textContent = t(talking?.held ? 'phoneResume' : 'phoneHold');
    hold.setAttribute('aria-pressed', String(talking?.held ?? false));
    // No phone: only the line saying why stays.
    for (const part of [controls, keypad, devices]) part.hidden = state.link.kind === 'unavailable';
  };

  const showDevices = (kind: DeviceKind, list: readonly AudioDevice[], chosen: string | null): void => {
    const target = kind === 'microphone' ? mic : speaker;
    fill(target, h('option', { value: '' }, t('phoneDefaultDevice')), list.map((device) => h('option', { value: device.id }, device.label)));
    target.value = chosen !== null && list.some((device) => device.id === chosen) ? chosen : '';
  };

  const speakerFixed = (): void => {
    fill(speakerField, h('span', { class: 'message' }, t('phoneSpeakerFixed')));
  };

  return { element, remoteAudio, render, showDevices, speakerFixed };
}
