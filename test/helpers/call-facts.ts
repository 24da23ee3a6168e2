// Call facts for tests that need a finished call without running one.
import type { CallFacts } from '../../src/domain/calls/call-facts.js';

export const T0 = Date.UTC(2026, 10, 23, 2, 0, 0);

export function callFacts(callId: string, overrides: Partial<CallFacts> = {}): CallFacts {
  return {
    callId,
    callerNumber: '13800001111',
    callerName: null,
    dialedNumber: '12345',
    startedAt: T0,
    answeredAt: T0 + 30,
    endedAt: T0 + 5_030,
    hangupCause: 16,
    endedBy: 'caller',
    ivrPath: [],
    queue: null,
    queuedAt: null,
    agentId: null,
    agentAnsweredAt: null,
    conversationEndedAt: null,
    satisfaction: null,
    holdMs: 0,
    recordings: [],
    elderly: false,
    enterprise: null,
    ...overrides,
  };
}
