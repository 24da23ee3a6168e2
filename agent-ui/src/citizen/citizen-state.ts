// What the citizen phone page (/phone, demo mode) is doing, as a pure reducer: the SIP phone's events
// (sip-phone.ts) and the page's own (a dial, a failed call) in, the state the page draws out. Read
// without a browser by test/unit/ui/citizen-state.test.ts.
import type { MediaState, MicProblem, PhoneEvent } from '../phone/phone-state.js';

export type CitizenLink = 'connecting' | 'connected' | 'lost' | 'unavailable';

export type CitizenCall =
  | { readonly kind: 'idle' }
  | { readonly kind: 'calling' | 'talking'; readonly number: string; readonly media: MediaState | null }
  | { readonly kind: 'ended' }
  | { readonly kind: 'failed'; readonly status: number | null; readonly cause: string };

export interface CitizenState {
  readonly link: CitizenLink;
  readonly call: CitizenCall;
  readonly mic: MicProblem | null;
  /** Why there is no phone here (an error code from the credential route). */
  readonly refusal: string | null;
}

export type CitizenEvent =
  | PhoneEvent
  | { readonly type: 'Dialling'; readonly number: string }
  | { readonly type: 'CallFailed'; readonly status: number | null; readonly cause: string };

export const INITIAL_CITIZEN: CitizenState = { link: 'connecting', call: { kind: 'idle' }, mic: null, refusal: null };

const inCall = (call: CitizenCall): call is Extract<CitizenCall, { kind: 'calling' | 'talking' }> => call.kind === 'calling' || call.kind === 'talking';

function stepCall(call: CitizenCall, event: CitizenEvent): CitizenCall {
  switch (event.type) {
    case 'Dialling':
      return inCall(call) ? call : { kind: 'calling', number: event.number, media: null };
    case 'CallConfirmed':
      return call.kind === 'calling' ? { ...call, kind: 'talking' } : call;
    case 'MediaChanged':
      return inCall(call) ? { ...call, media: event.media } : call;
    case 'CallFailed':
      return { kind: 'failed', status: event.status, cause: event.cause };
    case 'CallEnded':
      return call.kind === 'failed' ? call : { kind: 'ended' };
    case 'MicrophoneFailed':
      return call.kind === 'calling' && call.media === null ? { kind: 'idle' } : call;
    default:
      return call;
  }
}

function stepLink(link: CitizenLink, event: CitizenEvent): CitizenLink {
  if (link === 'unavailable') return link;
  if (event.type === 'CredentialRefused') return 'unavailable';
  if (event.type === 'SocketConnected') return 'connected';
  if (event.type === 'SocketLost') return 'lost';
  return link;
}

export function stepCitizen(state: CitizenState, event: CitizenEvent): CitizenState {
  const mic = event.type === 'MicrophoneFailed' ? event.problem : event.type === 'MicrophoneReady' ? null : state.mic;
  const refusal = event.type === 'CredentialRefused' ? event.code : state.refusal;
  return { link: stepLink(state.link, event), call: stepCall(state.call, event), mic, refusal };
}

/** Whether the dial buttons work: connected, and no call in progress. */
export function canDial(state: CitizenState): boolean {
  return state.link === 'connected' && !inCall(state.call);
}

/** Whether keys and hang-up work: a call is in progress. */
export function callInProgress(state: CitizenState): boolean {
  return inCall(state.call);
}
