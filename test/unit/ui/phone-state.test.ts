// The agent's browser phone without a browser: what the reducer makes of the SIP stack's events, and
// what the card then shows (status word, banners, which buttons work).
import { describe, expect, it } from 'vitest';
import { phoneBanners, phoneControls, phoneStatus, ringsAloud, signInCheckDue } from '../../../agent-ui/src/phone/phone-display.js';
import { micProblemOf } from '../../../agent-ui/src/phone/mic-problem.js';
import { INITIAL_PHONE, stepPhone, type PhoneEvent, type PhoneState } from '../../../agent-ui/src/phone/phone-state.js';
import { isLineCall, LINE_CALL_HEADER, LINE_CALL_HEADER_VARIABLE } from '../../../src/contract/phone-line.js';

const run = (events: readonly PhoneEvent[], from: PhoneState = INITIAL_PHONE): PhoneState => events.reduce(stepPhone, from);

const REGISTERED: readonly PhoneEvent[] = [{ type: 'SocketConnecting', attempt: 1 }, { type: 'SocketConnected' }, { type: 'Registered' }];
const OFFER: PhoneEvent = { type: 'CallOffered', callId: 'c1', from: 'Hotline', line: false };
const TALKING: readonly PhoneEvent[] = [...REGISTERED, OFFER, { type: 'AnswerStarted', callId: 'c1' }, { type: 'MediaChanged', callId: 'c1', media: 'connected' }, { type: 'CallConfirmed', callId: 'c1' }];

describe('the phone’s link', () => {
  it('goes 未连接 → 注册中 → 就绪 as the socket opens and the REGISTER is answered', () => {
    expect(phoneStatus(INITIAL_PHONE)).toBe('offline');
    expect(phoneStatus(run(REGISTERED.slice(0, 1)))).toBe('registering');
    expect(phoneStatus(run(REGISTERED.slice(0, 2)))).toBe('registering');
    expect(phoneStatus(run(REGISTERED))).toBe('ready');
    expect(phoneBanners(run(REGISTERED))).toEqual([]);
  });

  it('says 断线重连 with the attempt while JsSIP reconnects, and is clean again once registered', () => {
    const lost = run([...REGISTERED, { type: 'Unregistered' }, { type: 'SocketLost' }]);
    expect(phoneStatus(lost)).toBe('reconnecting');
    expect(phoneBanners(lost)).toEqual([{ kind: 'reconnecting', attempt: 1 }]);
    const retrying = run([{ type: 'SocketConnecting', attempt: 3 }, { type: 'RegistrationFailed', status: null, cause: 'Connection Error' }, { type: 'SocketLost' }], lost);
    expect(phoneBanners(retrying)).toEqual([{ kind: 'reconnecting', attempt: 3 }]);
    const back = run([{ type: 'SocketConnecting', attempt: 4 }, { type: 'SocketConnected' }, { type: 'Registered' }], retrying);
    expect(phoneStatus(back)).toBe('ready');
    expect(phoneBanners(back)).toEqual([]);
  });

  it('shows a refused REGISTER with its SIP status until a later one succeeds', () => {
    const refused = run([...REGISTERED.slice(0, 2), { type: 'RegistrationFailed', status: 403, cause: 'Rejected' }]);
    expect(phoneStatus(refused)).toBe('offline');
    expect(phoneBanners(refused)).toEqual([{ kind: 'registrationFailed', status: 403, cause: 'Rejected' }]);
    expect(phoneBanners(stepPhone(refused, { type: 'Registered' }))).toEqual([]);
  });

  it('keeps a user without a phone without one, whatever comes later, and only says why', () => {
    const none = run([{ type: 'CredentialRefused', code: 'PHONE_NOT_ASSIGNED' }, ...REGISTERED, OFFER]);
    expect(phoneStatus(none)).toBe('unavailable');
    expect(none.call.kind).toBe('idle');
    expect(phoneBanners(none)).toEqual([{ kind: 'noPhone', code: 'PHONE_NOT_ASSIGNED' }]);
    expect(Object.values(phoneControls(none)).every((enabled) => !enabled)).toBe(true);
  });
});

describe('a call', () => {
  it('rings with answer and decline only, then talks with hang-up, mute, hold and keys', () => {
    const ringing = run([...REGISTERED, OFFER]);
    expect(phoneStatus(ringing)).toBe('ringing');
    expect(phoneControls(ringing)).toEqual({ answer: true, decline: true, hangUp: false, mute: false, hold: false, keypad: false });
    const talking = run(TALKING);
    expect(talking.call).toMatchObject({ kind: 'talking', media: 'connected', muted: false, held: false });
    expect(phoneStatus(talking)).toBe('talking');
    expect(phoneControls(talking)).toEqual({ answer: false, decline: false, hangUp: true, mute: true, hold: true, keypad: true });
  });

  it('shows 已静音 and 保持 (held wins, and keys wait for the resume)', () => {
    const muted = run([{ type: 'MuteChanged', callId: 'c1', muted: true }], run(TALKING));
    expect(phoneStatus(muted)).toBe('muted');
    const held = stepPhone(muted, { type: 'HoldChanged', callId: 'c1', held: true });
    expect(phoneStatus(held)).toBe('held');
    expect(phoneControls(held).keypad).toBe(false);
    const resumed = run([{ type: 'HoldChanged', callId: 'c1', held: false }, { type: 'MuteChanged', callId: 'c1', muted: false }], held);
    expect(phoneStatus(resumed)).toBe('talking');
  });

  it('ends on the call’s own end only; another call’s events change nothing', () => {
    const talking = run(TALKING);
    expect(run([{ type: 'CallEnded', callId: 'other' }, { type: 'MuteChanged', callId: 'other', muted: true }], talking)).toEqual(talking);
    const ended = stepPhone(talking, { type: 'CallEnded', callId: 'c1' });
    expect(ended.call.kind).toBe('idle');
    expect(phoneStatus(ended)).toBe('ready');
  });

  it('keeps the first call when a second is offered (the wrapper answers that one busy)', () => {
    const talking = run(TALKING);
    expect(stepPhone(talking, { ...OFFER, callId: 'c2' })).toEqual(talking);
  });

  it('goes back to ringing with a banner when the microphone cannot be opened, and the banner leaves once it can', () => {
    const denied = run([...REGISTERED, OFFER, { type: 'AnswerStarted', callId: 'c1' }, { type: 'MicrophoneFailed', problem: 'denied' }]);
    expect(denied.call.kind).toBe('ringing');
    expect(phoneBanners(denied)).toEqual([{ kind: 'micDenied' }]);
    expect(phoneBanners(stepPhone(denied, { type: 'MicrophoneReady' }))).toEqual([]);
    expect(phoneBanners(run([{ type: 'MicrophoneFailed', problem: 'unavailable' }], run(REGISTERED)))).toEqual([{ kind: 'micUnavailable' }]);
  });

  it('says so when the audio path (ICE/DTLS) fails, and stays a call the agent can hang up', () => {
    const failed = stepPhone(run(TALKING), { type: 'MediaChanged', callId: 'c1', media: 'failed' });
    expect(phoneBanners(failed)).toEqual([{ kind: 'mediaFailed' }]);
    expect(phoneControls(failed).hangUp).toBe(true);
  });

  it('keeps talking through a lost socket (the media goes straight to Asterisk) and shows the reconnection beside it', () => {
    const lost = stepPhone(run(TALKING), { type: 'SocketLost' });
    expect(phoneStatus(lost)).toBe('talking');
    expect(phoneBanners(lost)).toEqual([{ kind: 'reconnecting', attempt: 1 }]);
  });

  it('forgets everything when stopped (signed out)', () => {
    expect(stepPhone(run(TALKING), { type: 'Stopped' })).toEqual(INITIAL_PHONE);
    expect(stepPhone(run([{ type: 'CredentialRefused', code: 'PHONE_NOT_CONFIGURED' }]), { type: 'Stopped' })).toEqual(INITIAL_PHONE);
  });
});

describe('the line call and the microphone’s failures', () => {
  it('marks the agent’s line call by its header, and nothing else', () => {
    expect(LINE_CALL_HEADER).toBe('X-Hotline-Line');
    expect(LINE_CALL_HEADER_VARIABLE).toBe('PJSIP_HEADER(add,X-Hotline-Line)');
    expect(isLineCall('1')).toBe(true);
    expect(isLineCall(' 1 ')).toBe(true);
    for (const value of [undefined, '', '0', 'yes', '11']) expect(isLineCall(value)).toBe(false);
    expect(run([...REGISTERED, { ...OFFER, line: true }]).call).toMatchObject({ kind: 'ringing', line: true });
  });

  it('shows an idle line as 专线就绪 with nothing to hang up or hold; with a citizen on it, a call like any other, ended through the server', () => {
    const line = [...REGISTERED, { ...OFFER, line: true }, { type: 'AnswerStarted', callId: 'c1' }, { type: 'CallConfirmed', callId: 'c1' }] as const satisfies readonly PhoneEvent[];
    const idle = run(line);
    expect(phoneStatus(idle)).toBe('lineReady');
    expect(phoneControls(idle)).toEqual({ answer: false, decline: false, hangUp: false, mute: true, hold: false, keypad: false });
    const withCitizen = stepPhone(idle, { type: 'CitizenCallChanged', callId: 'call-9' });
    expect(withCitizen.citizenCall).toBe('call-9');
    expect(phoneStatus(withCitizen)).toBe('talking');
    expect(phoneControls(withCitizen)).toEqual({ answer: false, decline: false, hangUp: true, mute: true, hold: true, keypad: true });
    // Held when the citizen left: the hold can still be undone, and it shows.
    const heldThenLeft = run([{ type: 'HoldChanged', callId: 'c1', held: true }, { type: 'CitizenCallChanged', callId: null }], withCitizen);
    expect(phoneStatus(heldThenLeft)).toBe('held');
    expect(phoneControls(heldThenLeft)).toMatchObject({ hangUp: false, hold: true });
    // A plain call ignores the citizen's call entirely.
    expect(phoneControls(run(TALKING)).hangUp).toBe(true);
    expect(run([{ type: 'Stopped' }], withCitizen).citizenCall).toBeNull();
  });

  it('tells a refused microphone from a missing one', () => {
    expect(micProblemOf(new DOMException('no', 'NotAllowedError'))).toBe('denied');
    expect(micProblemOf(new DOMException('insecure', 'SecurityError'))).toBe('denied');
    expect(micProblemOf(new DOMException('none', 'NotFoundError'))).toBe('unavailable');
    expect(micProblemOf(new DOMException('busy', 'NotReadableError'))).toBe('unavailable');
    expect(micProblemOf('strange')).toBe('unavailable');
  });
});

describe('the ring', () => {
  it('rings aloud while a call waits for the agent, not for the line call it answers by itself, and stops at the answer', () => {
    expect(ringsAloud(run(REGISTERED))).toBe(false);
    expect(ringsAloud(run([...REGISTERED, OFFER]))).toBe(true);
    expect(ringsAloud(run([...REGISTERED, { ...OFFER, line: true }]))).toBe(false);
    expect(ringsAloud(run([...REGISTERED, OFFER, { type: 'AnswerStarted', callId: 'c1' }]))).toBe(false);
    expect(ringsAloud(run(TALKING))).toBe(false);
    expect(ringsAloud(run([...REGISTERED, OFFER, { type: 'CallEnded', callId: 'c1' }]))).toBe(false);
  });
});

describe('a phone that cannot reconnect', () => {
  it('asks the server whether the agent is still signed in at every third attempt, from the third', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 9].map(signInCheckDue)).toEqual([false, false, true, false, false, true, false, true]);
  });
});
