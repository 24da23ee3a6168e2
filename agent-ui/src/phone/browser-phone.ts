// The agent's browser phone on the desktop: reads the agent's credential, registers over the
// server's /sip, and joins the pieces: SIP events → stepPhone → the card; the card's clicks → the
// SIP phone. A line call (X-Hotline-Line) is answered as soon as it is offered; citizens' calls
// are then put through on it by the server, and ended on it through the API. The wallboard's phone
// (a supervisor's) is the same phone without keypad, hold or auto-answer choice: it answers by
// itself the monitoring calls the server marks (X-Hotline-Monitor), and only those.
import { api, ApiError } from '../api.js';
import type { PhoneCredentialsReply } from '../../../src/contract/api/phone.js';
import { canChooseSpeaker, chosenDevice, listDevices, MicrophoneError, openMicrophone, playOn, rememberDevice, type DeviceKind } from './phone-devices.js';
import { phoneCard, type PhoneCommand } from './phone-card.js';
import { INITIAL_PHONE, stepPhone, type PhoneEvent, type PhoneState } from './phone-state.js';
import { startSipPhone, type SipPhone } from './sip-phone.js';
import { ringsAloud, signInCheckDue } from './phone-display.js';
import { ringTone } from './ring-tone.js';
import { autoAnswerWanted, browserPhoneWanted, rememberAutoAnswer, rememberBrowserPhoneWanted } from './phone-preferences.js';
import { h } from '../dom.js';
import { t } from '../i18n.js';

export interface BrowserPhone {
  readonly element: HTMLElement;
  /** The citizen's call the agent is talking on now (the desktop's socket says), or null. */
  citizenCall(callId: string | null): void;
  stop(): void;
}

export interface BrowserPhoneOptions {
  /** The wallboard's phone: answers monitoring calls by itself, and rings for any other. */
  readonly monitoring?: boolean;
}

/** ws://host/sip for a page served over http, wss:// over https (the sign-in cookie goes with it). */
function socketUrlFor(path: string): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${path}`;
}

export function browserPhone(options: BrowserPhoneOptions = {}): BrowserPhone {
  const monitoring = options.monitoring === true;
  let state: PhoneState = INITIAL_PHONE;
  let sip: SipPhone | null = null;
  let stopped = false;
  const ring = ringTone();

  const dispatch = (event: PhoneEvent): void => {
    const before = state;
    state = stepPhone(state, event);
    card.render(state);
    ring.set(ringsAloud(state));
    card.element.dataset.ringTone = ring.ringing ? 'on' : 'off';
    if (event.type === 'SocketConnecting' && signInCheckDue(event.attempt)) void checkSignIn();
    // The line call is answered without the agent, and so is every call when the agent chose
    // auto-answer; on the wallboard, a monitoring call: once, when it starts ringing.
    if (event.type === 'CallOffered' && before.call.kind === 'idle' && state.call.kind === 'ringing' && (monitoring ? event.monitor === true : state.call.line || autoAnswerWanted())) void answer();
  };

  /** Ends the SIP phone for good (until started again) and tells the card why. */
  const halt = (event: PhoneEvent): void => {
    stopped = true;
    sip?.stop();
    sip = null;
    dispatch(event);
  };

  /** A phone that keeps failing to reconnect because the sign-in expired stops and says so, instead of trying for ever. */
  const checkSignIn = async (): Promise<void> => {
    try {
      await api<PhoneCredentialsReply>('GET', '/api/phone/credentials');
    } catch (error) {
      if (!(error instanceof ApiError) || (error.code !== 'AUTH_REQUIRED' && error.code !== 'PHONE_NOT_ASSIGNED')) return;
      halt({ type: 'CredentialRefused', code: error.code });
    }
  };

  const answer = async (): Promise<void> => {
    if (state.call.kind !== 'ringing' || !sip) return;
    const callId = state.call.callId;
    dispatch({ type: 'AnswerStarted', callId });
    try {
      const microphone = await openMicrophone(chosenDevice('microphone'));
      dispatch({ type: 'MicrophoneReady' });
      sip.answer(microphone);
    } catch (error) {
      dispatch({ type: 'MicrophoneFailed', problem: error instanceof MicrophoneError ? error.problem : 'unavailable' });
    }
  };

  const command = (which: PhoneCommand): void => {
    const call = state.call;
    if (which === 'answer') return void answer();
    if (which === 'decline') return sip?.decline();
    // On the agent's line the server ends the conversation: the phone's own hang-up would end the line.
    if (which === 'hangUp') return call.kind !== 'idle' && call.line ? endOnLine() : sip?.hangUp();
    if (call.kind !== 'talking') return;
    if (which === 'mute') sip?.setMuted(!call.muted);
    else sip?.setHeld(!call.held);
  };

  const endOnLine = (): void => {
    const callId = state.citizenCall;
    if (callId === null) return;
    api('POST', `/api/calls/${encodeURIComponent(callId)}/hangup`).catch(() => undefined);
  };

  const chooseDevice = (kind: DeviceKind, id: string | null): void => {
    rememberDevice(kind, id);
    if (kind === 'speaker') return void playOn(card.remoteAudio, id);
    // A microphone chosen during a call goes on the call at once.
    if (state.call.kind === 'talking' && sip) {
      const phone = sip;
      openMicrophone(id).then(
        (stream) => phone.replaceMicrophone(stream),
        (error: unknown) => dispatch({ type: 'MicrophoneFailed', problem: error instanceof MicrophoneError ? error.problem : 'unavailable' }),
      );
    }
  };

  const card = phoneCard({ command, digit: (digit) => sip?.sendDigit(digit), chooseDevice }, { keypad: !monitoring });
  card.render(state);

  /** Asks for the microphone once at start: a refusal shows before the first call, and the devices get their names. */
  const checkDevices = async (): Promise<void> => {
    try {
      const probe = await openMicrophone(chosenDevice('microphone'));
      probe.getTracks().forEach((track) => track.stop());
      dispatch({ type: 'MicrophoneReady' });
    } catch (error) {
      dispatch({ type: 'MicrophoneFailed', problem: error instanceof MicrophoneError ? error.problem : 'unavailable' });
    }
    const devices = await listDevices().catch(() => ({ microphone: [], speaker: [] }));
    card.showDevices('microphone', devices.microphone, chosenDevice('microphone'));
    if (!canChooseSpeaker(card.remoteAudio)) return card.speakerFixed();
    card.showDevices('speaker', devices.speaker, chosenDevice('speaker'));
    await playOn(card.remoteAudio, chosenDevice('speaker'));
  };

  // The switch: off, the phone does not register and the server rings the agent's desk phone.
  const offLine = h('p', { id: 'phone-off', class: 'phone-off' }, t('phoneSwitchedOff'));
  const switchButton = h('button', { type: 'button', id: 'phone-switch' });
  const showSwitch = (on: boolean): void => {
    switchButton.textContent = on ? t('phoneSwitchOff') : t('phoneSwitchOn');
    offLine.hidden = on;
  };
  switchButton.addEventListener('click', () => {
    const on = !browserPhoneWanted();
    rememberBrowserPhoneWanted(on);
    showSwitch(on);
    if (!on) return halt({ type: 'Stopped' });
    stopped = false;
    void start();
  });
  const autoAnswer = h('input', { type: 'checkbox', id: 'phone-auto-answer', checked: autoAnswerWanted() });
  autoAnswer.addEventListener('change', () => rememberAutoAnswer(autoAnswer.checked));
  const autoAnswerField = h('label', { class: 'phone-auto-answer' }, autoAnswer, ' ', t('phoneAutoAnswer'));
  card.element.prepend(switchButton, offLine, ...(monitoring ? [] : [autoAnswerField]));

  const start = async (): Promise<void> => {
    let credential: PhoneCredentialsReply;
    try {
      credential = await api<PhoneCredentialsReply>('GET', '/api/phone/credentials');
    } catch (error) {
      // No phone for this user (or the server cannot make its password): said once, not retried.
      const code = error instanceof ApiError ? error.code : 'NETWORK_ERROR';
      // A wallboard whose monitoring rings another phone (a handset) has none to show at all.
      if (monitoring && code === 'PHONE_NOT_ASSIGNED') card.element.hidden = true;
      dispatch({ type: 'CredentialRefused', code });
      return;
    }
    if (stopped) return;
    void checkDevices();
    sip = startSipPhone({ socketUrl: socketUrlFor(credential.socketPath), sipUri: credential.sipUri, authUser: credential.authUser, password: credential.password, remoteAudio: card.remoteAudio, dispatch });
  };
  showSwitch(browserPhoneWanted());
  if (browserPhoneWanted()) void start();
  else stopped = true;

  return {
    element: card.element,
    citizenCall: (callId) => {
      if (state.citizenCall !== callId) dispatch({ type: 'CitizenCallChanged', callId });
    },
    stop: () => halt({ type: 'Stopped' }),
  };
}
