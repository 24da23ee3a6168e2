// What the agent's browser phone is doing, as a pure reducer: stepPhone(state, event) → state. The
// JsSIP wrapper (sip-phone.ts) only turns the SIP stack's events into PhoneEvents, and the card
// (phone-card.ts) only draws what phone-display.ts derives from the state; so every rule of what
// the agent sees is here and tested without a browser (test/unit/ui/phone-state.test.ts).

/** Why the microphone cannot be used: the browser (or the agent) refused it, or there is none that works. */
export type MicProblem = 'denied' | 'unavailable';

/** The phone's link to Asterisk: the /sip socket and the registration over it. */
export type PhoneLink =
  | { readonly kind: 'off' }
  /** No phone for this user (the credential was refused): final, never retried. */
  | { readonly kind: 'unavailable'; readonly code: string }
  | { readonly kind: 'connecting' }
  | { readonly kind: 'registering' }
  | { readonly kind: 'registered' }
  /** Asterisk answered the REGISTER with an error (status null: no answer came). */
  | { readonly kind: 'refused'; readonly status: number | null; readonly cause: string }
  /** The socket dropped (or never opened); JsSIP opens it again by itself. */
  | { readonly kind: 'reconnecting'; readonly attempt: number };

/** The call's audio path (ICE and DTLS between the browser and Asterisk). */
export type MediaState = 'connecting' | 'connected' | 'failed';

interface CallFacts {
  readonly callId: string;
  /** The caller as SIP shows it (display name or user). */
  readonly from: string;
  /** The agent's line call (X-Hotline-Line), answered without a click. */
  readonly line: boolean;
}

export type PhoneCall =
  | { readonly kind: 'idle' }
  | ({ readonly kind: 'ringing' } & CallFacts)
  /** Answer pressed (or a line call): the microphone is being opened and the 200 OK sent. */
  | ({ readonly kind: 'answering'; readonly media: MediaState } & CallFacts)
  | ({ readonly kind: 'talking'; readonly media: MediaState; readonly muted: boolean; readonly held: boolean } & CallFacts);

export interface PhoneState {
  readonly link: PhoneLink;
  readonly call: PhoneCall;
  readonly mic: MicProblem | null;
  /**
   * The citizen's call the desktop has the agent talking on (its call id), or null. On the agent's
   * line this is what tells "on a call" from "line ready": the line stays up between calls.
   */
  readonly citizenCall: string | null;
}

export type PhoneEvent =
  | { readonly type: 'CredentialRefused'; readonly code: string }
  | { readonly type: 'SocketConnecting'; readonly attempt: number }
  | { readonly type: 'SocketConnected' }
  | { readonly type: 'SocketLost' }
  | { readonly type: 'Registered' }
  | { readonly type: 'RegistrationFailed'; readonly status: number | null; readonly cause: string }
  | { readonly type: 'Unregistered' }
  | { readonly type: 'MicrophoneFailed'; readonly problem: MicProblem }
  | { readonly type: 'MicrophoneReady' }
  /** `monitor`: a supervisor's monitoring call (X-Hotline-Monitor), which the wallboard answers by itself. */
  | ({ readonly type: 'CallOffered'; readonly monitor?: boolean } & CallFacts)
  | { readonly type: 'AnswerStarted'; readonly callId: string }
  | { readonly type: 'CallConfirmed'; readonly callId: string }
  | { readonly type: 'CallEnded'; readonly callId: string }
  | { readonly type: 'MuteChanged'; readonly callId: string; readonly muted: boolean }
  | { readonly type: 'HoldChanged'; readonly callId: string; readonly held: boolean }
  | { readonly type: 'MediaChanged'; readonly callId: string; readonly media: MediaState }
  | { readonly type: 'Stopped' }
  /** The desktop's socket: the agent is now talking with a citizen (call id), or no longer (null). */
  | { readonly type: 'CitizenCallChanged'; readonly callId: string | null };

export const INITIAL_PHONE: PhoneState = { link: { kind: 'off' }, call: { kind: 'idle' }, mic: null, citizenCall: null };

export function stepPhone(state: PhoneState, event: PhoneEvent): PhoneState {
  // A user without a phone stays without one, whatever a late event says.
  if (state.link.kind === 'unavailable' && event.type !== 'Stopped') return state;
  switch (event.type) {
    case 'CredentialRefused':
      return { ...INITIAL_PHONE, link: { kind: 'unavailable', code: event.code } };
    case 'Stopped':
      return INITIAL_PHONE;
    case 'MicrophoneFailed':
      // An answer that could not open the microphone goes back to ringing: the agent may fix it and answer again.
      return { ...state, mic: event.problem, call: state.call.kind === 'answering' ? ringingAgain(state.call) : state.call };
    case 'MicrophoneReady':
      return { ...state, mic: null };
    case 'CitizenCallChanged':
      return { ...state, citizenCall: event.callId };
    case 'CallOffered':
    case 'AnswerStarted':
    case 'CallConfirmed':
    case 'CallEnded':
    case 'MuteChanged':
    case 'HoldChanged':
    case 'MediaChanged':
      return { ...state, call: stepCall(state.call, event) };
    default:
      return { ...state, link: stepLink(state.link, event) };
  }
}

type LinkEvent = Extract<PhoneEvent, { type: 'SocketConnecting' | 'SocketConnected' | 'SocketLost' | 'Registered' | 'RegistrationFailed' | 'Unregistered' }>;

function stepLink(link: PhoneLink, event: LinkEvent): PhoneLink {
  switch (event.type) {
    case 'SocketConnecting':
      // JsSIP says "connecting" before each attempt; after a loss it is a reconnection, counted.
      return link.kind === 'reconnecting' ? { kind: 'reconnecting', attempt: event.attempt } : link.kind === 'off' ? { kind: 'connecting' } : link;
    case 'SocketConnected':
      return { kind: 'registering' };
    case 'SocketLost':
      return link.kind === 'off' ? link : { kind: 'reconnecting', attempt: link.kind === 'reconnecting' ? link.attempt : 1 };
    case 'Registered':
      return { kind: 'registered' };
    case 'RegistrationFailed':
      // A REGISTER lost with its socket is the socket's failure, already shown as reconnecting.
      return link.kind === 'reconnecting' ? link : { kind: 'refused', status: event.status, cause: event.cause };
    case 'Unregistered':
      return link.kind === 'registered' ? { kind: 'registering' } : link;
  }
}

type CallEvent = Extract<PhoneEvent, { callId: string }>;

function stepCall(call: PhoneCall, event: CallEvent): PhoneCall {
  if (event.type === 'CallOffered') {
    // One call at a time: the wrapper answers a second offer busy, and the shown call stays.
    return call.kind === 'idle' ? { kind: 'ringing', callId: event.callId, from: event.from, line: event.line } : call;
  }
  if (call.kind === 'idle' || call.callId !== event.callId) return call;
  switch (event.type) {
    case 'AnswerStarted':
      return call.kind === 'ringing' ? { ...call, kind: 'answering', media: 'connecting' } : call;
    case 'CallConfirmed':
      return call.kind === 'talking' ? call : { ...facts(call), kind: 'talking', media: call.kind === 'answering' ? call.media : 'connecting', muted: false, held: false };
    case 'CallEnded':
      return { kind: 'idle' };
    case 'MuteChanged':
      return call.kind === 'talking' ? { ...call, muted: event.muted } : call;
    case 'HoldChanged':
      return call.kind === 'talking' ? { ...call, held: event.held } : call;
    case 'MediaChanged':
      return call.kind === 'ringing' ? call : { ...call, media: event.media };
  }
}

function facts(call: CallFacts): CallFacts {
  return { callId: call.callId, from: call.from, line: call.line };
}

function ringingAgain(call: CallFacts): PhoneCall {
  return { kind: 'ringing', ...facts(call) };
}
