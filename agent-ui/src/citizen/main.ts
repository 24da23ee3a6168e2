// The citizen phone page (/phone, served in demo mode only): a browser calls the hotline as a citizen
// does, over the server's /sip/citizen relay without a sign-in. It dials 12345 or 123452 presenting the
// chosen caller number, sends keys as RFC 4733 events, shows the call's state, a live level of what the
// citizen hears (the call's received audio, from WebRTC statistics) and any microphone problem.
import '../styles.css';
import type { CitizenPhoneReply } from '../../../src/contract/api/phone.js';
import { CALLER_NUMBER_HEADER, CITIZEN_CALLERS, CITIZEN_DIAL_NUMBERS, type CitizenCallerKind } from '../../../src/contract/citizen-phone.js';
import { api, ApiError } from '../api.js';
import { byId, field, fill, h } from '../dom.js';
import { currentLang, errorText, setLang, t, type TextKey } from '../i18n.js';
import { MicrophoneError, openMicrophone } from '../phone/phone-devices.js';
import { startSipPhone, type SipPhone } from '../phone/sip-phone.js';
import { callInProgress, canDial, INITIAL_CITIZEN, stepCitizen, type CitizenEvent, type CitizenState } from './citizen-state.js';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const;
const CALLER_TEXT: Readonly<Record<CitizenCallerKind, TextKey>> = { plain: 'citizenCallerPlain', elderly: 'citizenCallerElderly', enterprise: 'citizenCallerEnterprise' };
const LEVEL_EVERY_MS = 250;

let state: CitizenState = INITIAL_CITIZEN;
let sip: SipPhone | null = null;
let sipDomain = '';

const remoteAudio = h('audio', { id: 'citizen-audio', autoplay: true });
const callerSelect = h('select', {}, CITIZEN_CALLERS.map((caller) => h('option', { value: caller.number }, t(CALLER_TEXT[caller.kind], { number: caller.number }))));
const dialButtons = CITIZEN_DIAL_NUMBERS.map((number) => h('button', { type: 'button', id: `citizen-dial-${number}`, class: 'primary', onclick: () => void dial(number) }, t('citizenDial', { number })));
const hangUpButton = h('button', { type: 'button', id: 'citizen-hangup', class: 'danger', onclick: () => sip?.hangUp() }, t('citizenHangUp'));
const keyButtons = KEYS.map((key) => h('button', { type: 'button', 'data-digit': key, 'aria-label': `${t('citizenKeypad')} ${key}`, onclick: () => sip?.sendDigit(key) }, key));
const status = h('p', { id: 'citizen-status', class: 'phone-status', role: 'status' });
const problem = h('p', { id: 'citizen-problem', class: 'banner', role: 'alert', hidden: true });
const level = h('meter', { min: 0, max: 1, value: 0, 'data-energy': 0 });
const card = h(
  'section',
  { id: 'citizen', class: 'card phone', 'aria-labelledby': 'citizen-title' },
  h('h2', { id: 'citizen-title' }, t('citizenTitle')),
  h('p', { class: 'help' }, t('citizenIntro')),
  field('citizen-caller', t('citizenCallerNumber'), callerSelect),
  h('div', { class: 'phone-controls' }, dialButtons, hangUpButton),
  status,
  problem,
  h('div', { id: 'citizen-keypad', class: 'phone-keypad', role: 'group', 'aria-label': t('citizenKeypad') }, keyButtons),
  field('citizen-level', t('citizenLevel'), level),
  remoteAudio,
);

function statusText(s: CitizenState): string {
  if (s.link === 'unavailable') return t('citizenUnavailable', { reason: errorText(s.refusal ?? 'NETWORK_ERROR') });
  const call = s.call;
  if (call.kind === 'calling') return t('citizenCalling', { number: call.number });
  if (call.kind === 'talking') return t('citizenTalking', { number: call.number });
  if (s.link === 'connecting') return t('citizenConnecting');
  if (s.link === 'lost') return t('citizenLinkLost');
  if (call.kind === 'failed') return t('citizenFailed', { status: call.status ?? '', cause: call.cause });
  return t(call.kind === 'ended' ? 'citizenEnded' : 'citizenIdle');
}

function problemText(s: CitizenState): string | null {
  // A page that is no secure context gets no microphone whatever the citizen allows: say that instead.
  if (s.mic) return t(s.mic === 'unavailable' ? 'citizenMicUnavailable' : window.isSecureContext ? 'citizenMicDenied' : 'citizenMicInsecure');
  if (callInProgress(s) && 'media' in s.call && s.call.media === 'failed') return t('citizenMediaFailed');
  if (callInProgress(s) && 'media' in s.call && s.call.media === 'connecting') return t('citizenMediaConnecting');
  return null;
}

function render(): void {
  Object.assign(card.dataset, { link: state.link, call: state.call.kind, media: 'media' in state.call ? (state.call.media ?? 'none') : 'none', mic: state.mic ?? 'ok' });
  status.textContent = statusText(state);
  const text = problemText(state);
  problem.hidden = text === null;
  problem.textContent = text ?? '';
  for (const button of dialButtons) button.disabled = !canDial(state);
  callerSelect.disabled = !canDial(state);
  hangUpButton.disabled = !callInProgress(state);
  for (const button of keyButtons) button.disabled = state.call.kind !== 'talking';
}

function dispatch(event: CitizenEvent): void {
  state = stepCitizen(state, event);
  render();
}

async function dial(number: string): Promise<void> {
  if (!canDial(state) || !sip) return;
  dispatch({ type: 'Dialling', number });
  try {
    const microphone = await openMicrophone(null);
    dispatch({ type: 'MicrophoneReady' });
    // The caller number is presented in P-Asserted-Identity, which Asterisk trusts from this endpoint only.
    sip.dial(`sip:${number}@${sipDomain}`, microphone, [`${CALLER_NUMBER_HEADER}: <sip:${callerSelect.value}@${sipDomain}>`]);
  } catch (error) {
    dispatch({ type: 'MicrophoneFailed', problem: error instanceof MicrophoneError ? error.problem : 'unavailable' });
  }
}

/** The level of what the citizen hears, from the call's received audio (inbound RTP's audioLevel). */
async function showLevel(): Promise<void> {
  const stats = await sip?.mediaStats().catch(() => null);
  let inbound: { audioLevel?: number; totalAudioEnergy?: number } | undefined;
  stats?.forEach((report: { type?: string; kind?: string }) => {
    if (report.type === 'inbound-rtp' && report.kind === 'audio') inbound = report as typeof inbound;
  });
  level.value = inbound?.audioLevel ?? 0;
  level.dataset.energy = String(inbound?.totalAudioEnergy ?? 0);
}

/** Asks for the microphone once at start, so a refusal shows before the first call. */
async function checkMicrophone(): Promise<void> {
  try {
    (await openMicrophone(null)).getTracks().forEach((track) => track.stop());
    dispatch({ type: 'MicrophoneReady' });
  } catch (error) {
    dispatch({ type: 'MicrophoneFailed', problem: error instanceof MicrophoneError ? error.problem : 'unavailable' });
  }
}

async function start(): Promise<void> {
  let credential: CitizenPhoneReply;
  try {
    credential = await api<CitizenPhoneReply>('GET', '/api/phone/citizen-credentials');
  } catch (error) {
    return dispatch({ type: 'CredentialRefused', code: error instanceof ApiError ? error.code : 'NETWORK_ERROR' });
  }
  sipDomain = credential.sipUri.split('@')[1] ?? location.hostname;
  const socketUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${credential.socketPath}`;
  void checkMicrophone();
  sip = startSipPhone({
    socketUrl,
    sipUri: credential.sipUri,
    authUser: credential.authUser,
    password: credential.password,
    remoteAudio,
    dispatch,
    register: false,
    callFailed: (status, cause) => dispatch({ type: 'CallFailed', status, cause }),
  });
  setInterval(() => void showLevel(), LEVEL_EVERY_MS);
}

function languageSwitch(): HTMLElement {
  const choose = (event: Event): void => {
    setLang((event.target as HTMLSelectElement).value === 'en' ? 'en' : 'zh-CN');
    location.reload();
  };
  const select = h('select', { onchange: choose }, h('option', { value: 'zh-CN', selected: currentLang() === 'zh-CN' }, '中文'), h('option', { value: 'en', selected: currentLang() === 'en' }, 'English'));
  return field('lang-switch', t('language'), select);
}

document.documentElement.lang = currentLang();
document.title = `${t('citizenTitle')} · ${t('appName')}`;
fill(byId('app'), h('header', { class: 'topbar' }, h('h1', {}, t('appName')), languageSwitch()), h('main', {}, card));
render();
window.addEventListener('pagehide', () => sip?.stop());
void start();
