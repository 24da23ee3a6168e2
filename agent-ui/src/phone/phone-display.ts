// What the phone card shows for a state: one status word, the banners, and which controls work.
// Pure, beside the reducer, so a test can read what the agent would see.
import type { PhoneState } from './phone-state.js';

/** The status word of the phone (未连接, 注册中, 就绪, 专线就绪, 振铃, 通话中, 保持, 已静音, 断线重连, or no phone). */
export type PhoneStatus = 'offline' | 'registering' | 'ready' | 'lineReady' | 'ringing' | 'talking' | 'held' | 'muted' | 'reconnecting' | 'unavailable';

/** The agent's line is up and carries no citizen: ready for the next call, nothing to hang up. */
function idleLine({ call, citizenCall }: PhoneState): boolean {
  return call.kind === 'talking' && call.line && citizenCall === null;
}

export type PhoneBanner =
  | { readonly kind: 'noPhone'; readonly code: string }
  | { readonly kind: 'micDenied' }
  | { readonly kind: 'micUnavailable' }
  | { readonly kind: 'registrationFailed'; readonly status: number | null; readonly cause: string }
  | { readonly kind: 'reconnecting'; readonly attempt: number }
  | { readonly kind: 'mediaFailed' };

export interface PhoneControls {
  readonly answer: boolean;
  readonly decline: boolean;
  readonly hangUp: boolean;
  readonly mute: boolean;
  readonly hold: boolean;
  readonly keypad: boolean;
}

export function phoneStatus(state: PhoneState): PhoneStatus {
  const { link, call } = state;
  if (link.kind === 'unavailable') return 'unavailable';
  if (idleLine(state) && !(call.kind === 'talking' && (call.held || call.muted))) return 'lineReady';
  // A call in progress is what the agent needs to see first; a lost socket shows as a banner then.
  if (call.kind === 'ringing' || call.kind === 'answering') return 'ringing';
  if (call.kind === 'talking') return call.held ? 'held' : call.muted ? 'muted' : 'talking';
  switch (link.kind) {
    case 'registered':
      return 'ready';
    case 'reconnecting':
      return 'reconnecting';
    case 'connecting':
    case 'registering':
      return 'registering';
    default:
      return 'offline';
  }
}

export function phoneBanners({ link, call, mic }: PhoneState): PhoneBanner[] {
  if (link.kind === 'unavailable') return [{ kind: 'noPhone', code: link.code }];
  const banners: PhoneBanner[] = [];
  if (mic === 'denied') banners.push({ kind: 'micDenied' });
  if (mic === 'unavailable') banners.push({ kind: 'micUnavailable' });
  if (link.kind === 'refused') banners.push({ kind: 'registrationFailed', status: link.status, cause: link.cause });
  if (link.kind === 'reconnecting') banners.push({ kind: 'reconnecting', attempt: link.attempt });
  if ((call.kind === 'talking' || call.kind === 'answering') && call.media === 'failed') banners.push({ kind: 'mediaFailed' });
  return banners;
}

export function phoneControls(state: PhoneState): PhoneControls {
  const { call } = state;
  const ringing = call.kind === 'ringing';
  const talking = call.kind === 'talking';
  // An idle line is not hung up from here (that would pause the agent phone_lost) nor held; a
  // hold left on is still undone.
  const line = call.kind !== 'idle' && call.line;
  const withCitizen = !line || state.citizenCall !== null;
  return {
    answer: ringing,
    decline: ringing,
    hangUp: (talking || call.kind === 'answering') && withCitizen,
    mute: talking,
    hold: talking && (withCitizen || call.held),
    // Keys travel in the call's RTP (RFC 2833): not while it is held.
    keypad: talking && !call.held && withCitizen,
  };
}

/** Whether the page rings aloud: a call the agent must answer (a line call is answered by itself). */
export function ringsAloud({ call }: PhoneState): boolean {
  return call.kind === 'ringing' && !call.line;
}

/**
 * Whether a reconnection attempt is the moment to ask the server if the agent is still signed in:
 * the /sip socket is refused before the upgrade when the sign-in expired, and the browser does not
 * say why, so every third failed attempt asks once (JsSIP waits longer between attempts each time).
 */
export function signInCheckDue(attempt: number): boolean {
  return attempt >= 3 && attempt % 3 === 0;
}
