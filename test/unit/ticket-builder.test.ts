import { describe, expect, it } from 'vitest';
import type { CallFacts } from '../../src/domain/calls/call-facts.js';
import { buildTicket } from '../../src/domain/tickets/ticket-builder.js';

const t0 = Date.UTC(2026, 10, 23, 2, 0, 0);
const facts: CallFacts = {
  callId: '1795375581.1',
  callerNumber: '13800001111',
  callerName: null,
  dialedNumber: '12345',
  startedAt: t0,
  answeredAt: t0 + 40,
  endedAt: t0 + 9_040,
  hangupCause: 16,
  endedBy: 'caller',
  ivrPath: [{ at: t0 + 50, kind: 'prompt', prompt: 'welcome', outcome: 'played' }],
};

describe('buildTicket', () => {
  it('carries the call facts and derives the durations', () => {
    const ticket = buildTicket(facts, 42, t0 + 9_050);
    expect(ticket).toMatchObject({
      number: '20261123-000042',
      callId: '1795375581.1',
      channel: 'phone',
      status: 'accepted',
      callerNumber: '13800001111',
      ringMs: 40,
      talkMs: 9_000,
      totalMs: 9_040,
      hangupCause: 16,
      hangupCauseText: 'normal clearing',
      endedBy: 'caller',
      createdAt: t0 + 9_050,
    });
    expect(ticket.ivrPath).toEqual(facts.ivrPath);
  });

  it('gives an unanswered call no talk time and rings it to the end', () => {
    const ticket = buildTicket({ ...facts, answeredAt: null, hangupCause: 19 }, 1, t0 + 9_100);
    expect(ticket).toMatchObject({ callAnsweredAt: null, ringMs: 9_040, talkMs: 0, totalMs: 9_040, hangupCauseText: 'no answer' });
  });

  it('never reports a negative duration when clocks disagree', () => {
    const ticket = buildTicket({ ...facts, answeredAt: t0 + 100, endedAt: t0 + 50 }, 1, t0 + 60);
    expect(ticket.talkMs).toBe(0);
    expect(ticket.totalMs).toBe(50);
  });
});
