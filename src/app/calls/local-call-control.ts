// The live calls of this server as the CallControl port: answered at once.
import type { CallControl } from '../ports/call-control.js';
import type { LiveCalls } from './live-calls.js';

export function localCallControl(calls: Pick<LiveCalls, 'activeCalls' | 'transfer' | 'addParty' | 'hangUp'>): CallControl {
  return {
    activeCalls: () => Promise.resolve(calls.activeCalls()),
    transfer: (callId, target, mode) => Promise.resolve(calls.transfer(callId, target, mode)),
    addParty: (callId, number) => Promise.resolve(calls.addParty(callId, number)),
    hangUp: (callId) => Promise.resolve(calls.hangUp(callId)),
  };
}
