import { describe, expect, it } from 'vitest';
import type { CallFacts } from '../../src/domain/calls/call-facts.js';
import { buildTicket } from '../../src/domain/tickets/ticket-builder.js';
import { callFacts } from '../helpers/call-facts.js';

const t0 = Date.UTC(2026, 10, 23, 2, 0, 0);
const facts: CallFacts = callFacts('1795375581.1', {
  startedAt: t0,
  answeredAt: t0 + 40,
  queuedAt: t0 + 7_040,
  agentId: '8001',
  agentAnsweredAt: t0 + 9_040,
  conversationEndedAt: t0 + 69_040,
  endedAt: t0 + 79_040,
  endedBy: 'agent',
  satisfaction: 'satisfied',
  recordings: [{ name: 'call-1795375581.1', kind: 'conversation', format: 'wav', startedAt: 1795375590000 }],
  ivrPath: [{ at: t0 + 50, kind: 'prompt', prompt: 'main_menu', outcome: 'played' }],
});

describe('buildTicket', () => {
  it('carries the call facts and derives the durations', () => {
    const ticket = buildTicket(facts, 42, t0 + 79_050);
    expect(ticket).toMatchObject({
      number: '20261123-000042',
      callId: '1795375581.1',
      channel: 'phone',
      status: 'accepted',
      callerNumber: '13800001111',
      ringMs: 40,
      ivrMs: 7_000,
      waitMs: 2_000,
      talkMs: 60_000,
      totalMs: 79_040,
      queue: null,
      agentId: '8001',
      satisfaction: 'satisfied',
      hangupCause: 16,
      hangupCauseText: 'normal clearing',
      endedBy: 'agent',
      createdAt: t0 + 79_050,
    });
    expect(ticket.recordings).toEqual([{ name: 'call-1795375581.1', kind: 'conversation', format: 'wav', startedAt: 1795375590000 }]);
    expect(ticket.ivrPath).toEqual(facts.ivrPath);
  });

  it('gives an unanswered call no IVR, wait or talk time and rings it to the end', () => {
    const ticket = buildTicket(callFacts('x', { startedAt: t0, answeredAt: null, endedAt: t0 + 9_040, hangupCause: 19 }), 1, t0 + 9_100);
    expect(ticket).toMatchObject({ callAnsweredAt: null, ringMs: 9_040, ivrMs: 0, waitMs: 0, talkMs: 0, totalMs: 9_040, hangupCauseText: 'no answer' });
  });

  it('counts a caller who gave up in the queue as waiting to the end', () => {
    const ticket = buildTicket(callFacts('x', { startedAt: t0, answeredAt: t0 + 10, queuedAt: t0 + 6_010, endedAt: t0 + 36_010 }), 1, t0 + 36_020);
    expect(ticket).toMatchObject({ ivrMs: 6_000, waitMs: 30_000, talkMs: 0 });
  });

  it('closes the record of a call the hotline placed that no agent took, and keeps one an agent took as a request', () => {
    const visit = callFacts('outbound-visit.7.1-1', { startedAt: t0, answeredAt: t0 + 40, endedAt: t0 + 20_000, dialedNumber: 'outbound', flowResult: { flow: 'return-visit', variables: { satisfaction: 'satisfied' } } });
    expect(buildTicket(visit, 1, t0 + 20_001)).toMatchObject({ status: 'closed', closedAt: t0 + 20_001, missedIn: null });
    const toAgent = { ...visit, queue: 'general', queuedAt: t0 + 9_000, agentId: '8001', agentAnsweredAt: t0 + 12_000 };
    expect(buildTicket(toAgent, 2, t0 + 20_001)).toMatchObject({ status: 'accepted', closedAt: null, missedIn: null });
    expect(buildTicket(callFacts('inbound', { startedAt: t0, answeredAt: t0 + 40, endedAt: t0 + 5_000 }), 3, t0 + 5_001)).toMatchObject({ status: 'missed', closedAt: null, missedIn: 'ivr' });
  });

  it('never reports a negative duration when clocks disagree', () => {
    const ticket = buildTicket(callFacts('x', { startedAt: t0, answeredAt: t0 + 100, endedAt: t0 + 50, agentAnsweredAt: t0 + 60, conversationEndedAt: t0 + 55 }), 1, t0 + 60);
    expect(ticket.talkMs).toBe(0);
    expect(ticket.totalMs).toBe(50);
  });
});
