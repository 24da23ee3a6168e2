// The citizen phone page's state, read without a browser: what it shows as the SIP phone and the
// page report a call's life, a failure and a microphone problem.
import { describe, expect, it } from 'vitest';
import { callInProgress, canDial, INITIAL_CITIZEN, stepCitizen, type CitizenEvent, type CitizenState } from '../../../agent-ui/src/citizen/citizen-state.js';

const run = (events: readonly CitizenEvent[], from: CitizenState = INITIAL_CITIZEN): CitizenState => events.reduce(stepCitizen, from);
const connected = run([{ type: 'SocketConnecting', attempt: 1 }, { type: 'SocketConnected' }]);

describe('the citizen phone page', () => {
  it('dials only once connected, and not again during a call', () => {
    expect(canDial(INITIAL_CITIZEN)).toBe(false);
    expect(canDial(connected)).toBe(true);
    const calling = run([{ type: 'Dialling', number: '12345' }], connected);
    expect(calling.call).toEqual({ kind: 'calling', number: '12345', media: null });
    expect([canDial(calling), callInProgress(calling)]).toEqual([false, true]);
    expect(run([{ type: 'Dialling', number: '123452' }], calling).call).toEqual(calling.call);
  });

  it('follows a call from the dial to its end, with its audio path', () => {
    const talking = run([{ type: 'Dialling', number: '12345' }, { type: 'MediaChanged', callId: 'c', media: 'connecting' }, { type: 'CallConfirmed', callId: 'c' }, { type: 'MediaChanged', callId: 'c', media: 'connected' }], connected);
    expect(talking.call).toEqual({ kind: 'talking', number: '12345', media: 'connected' });
    const ended = run([{ type: 'CallEnded', callId: 'c' }], talking);
    expect([ended.call.kind, canDial(ended)]).toEqual(['ended', true]);
  });

  it('keeps why a call failed past its end', () => {
    const failed = run([{ type: 'Dialling', number: '12345' }, { type: 'CallFailed', status: 403, cause: 'Rejected' }, { type: 'CallEnded', callId: 'c' }], connected);
    expect(failed.call).toEqual({ kind: 'failed', status: 403, cause: 'Rejected' });
    expect(canDial(failed)).toBe(true);
  });

  it('says a microphone problem, and gives the dial back when the microphone could not be opened', () => {
    const refused = run([{ type: 'Dialling', number: '12345' }, { type: 'MicrophoneFailed', problem: 'denied' }], connected);
    expect([refused.mic, refused.call.kind, canDial(refused)]).toEqual(['denied', 'idle', true]);
    expect(run([{ type: 'MicrophoneReady' }], refused).mic).toBeNull();
  });

  it('shows a lost socket, and a refused credential for good', () => {
    expect(run([{ type: 'SocketLost' }], connected).link).toBe('lost');
    const off = run([{ type: 'CredentialRefused', code: 'CITIZEN_PHONE_OFF' }, { type: 'SocketConnected' }]);
    expect([off.link, off.refusal, canDial(off)]).toEqual(['unavailable', 'CITIZEN_PHONE_OFF', false]);
  });
});
