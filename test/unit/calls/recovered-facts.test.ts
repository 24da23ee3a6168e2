// A call the previous run left unfinished, closed from what was saved and what Asterisk recorded
// meanwhile (pure; times in ms, the records' steps as the CEL adapter gives them).
import { describe, expect, it } from 'vitest';
import type { IvrStep } from '../../../src/domain/calls/call-facts.js';
import { recoveredFacts, summarizeRecords, type RecordedStep, type SavedCall } from '../../../src/domain/calls/recovered-facts.js';
import { buildTicket } from '../../../src/domain/tickets/ticket-builder.js';

const T0 = 1_800_000_000_000;
const AT = T0 + 60_000; // the restarted server settles the call
const CALLER = 'sim-1-2';
const LEG = 'agentleg-1-sim-1';

const path: IvrStep[] = [
  { at: T0 + 1_000, kind: 'node', flow: 'main', node: 'menu' },
  { at: T0 + 5_000, kind: 'outcome', outcome: 'queued', detail: 'general' },
  { at: T0 + 8_000, kind: 'outcome', outcome: 'answered', detail: '8001' },
];
const saved = (ivrPath: readonly IvrStep[] = path): SavedCall => ({
  id: 'sim-1',
  callerNumber: '13800000011',
  callerName: null,
  dialedNumber: '12345',
  startedAt: T0,
  answeredAt: T0 + 500,
  updatedAt: T0 + 8_050,
  ivrPath,
});

const joined = (at: number, who: 'caller' | 'agent' | 'party', leg = who === 'caller' ? CALLER : LEG): RecordedStep => ({ at: T0 + at, kind: 'joined', who, leg });
const left = (at: number, who: 'caller' | 'agent' | 'party', leg = who === 'caller' ? CALLER : LEG): RecordedStep => ({ at: T0 + at, kind: 'left', who, leg });
const hungUp = (at: number, cause: number | null = 16): RecordedStep => ({ at: T0 + at, kind: 'hung-up', cause });
const ticketOf = (...args: Parameters<typeof recoveredFacts>) => buildTicket(recoveredFacts(...args), 1, AT);

describe('a call left by the previous run', () => {
  it('without records, is closed from what was saved alone, as before', () => {
    expect(ticketOf(saved(), 'gone', AT)).toMatchObject({ endedBy: 'unknown', hangupCause: null, callEndedAt: T0 + 8_050, talkMs: 50 });
    expect(ticketOf(saved(), 'sent-to-fallback', AT)).toMatchObject({ endedBy: 'system', hangupCause: null, callEndedAt: AT, talkMs: AT - (T0 + 8_000) });
  });

  it('gone: the caller hung up in the conversation while the server was down', () => {
    const records = [joined(8_000, 'caller'), joined(8_001, 'agent'), left(11_200, 'caller'), hungUp(11_210), left(61_000, 'agent')];
    const ticket = ticketOf(saved(), 'gone', AT, records);
    expect(ticket).toMatchObject({ endedBy: 'caller', hangupCause: 16, hangupCauseText: 'normal clearing', callEndedAt: T0 + 11_210, talkMs: 3_200, agentId: '8001', status: 'accepted' });
    expect(ticket.ivrPath.at(-1)).toMatchObject({ outcome: 'lost-during-restart' });
  });

  it('still on the line: the agent hung up while the server was down, and the caller waited', () => {
    const records = [joined(8_000, 'caller'), joined(8_001, 'agent'), left(11_000, 'agent')];
    expect(ticketOf(saved(), 'sent-to-fallback', AT, records)).toMatchObject({ endedBy: 'agent', hangupCause: null, callEndedAt: AT, talkMs: 3_000 });
  });

  it('gone before any agent: the caller hung up in the IVR or the queue', () => {
    const ivrOnly = path.slice(0, 2);
    expect(ticketOf(saved(ivrOnly), 'gone', AT, [hungUp(9_500, 31)])).toMatchObject({ endedBy: 'caller', hangupCause: 31, callEndedAt: T0 + 9_500, talkMs: 0, agentId: null, status: 'missed', missedIn: 'queue' });
  });

  it('ignores what was recorded once the restarted server began to settle it (its own doing)', () => {
    const records = [joined(8_000, 'caller'), joined(8_001, 'agent'), left(60_010, 'caller'), left(60_020, 'agent')];
    expect(ticketOf(saved(), 'sent-to-fallback', AT, records)).toMatchObject({ endedBy: 'system', callEndedAt: AT, talkMs: AT - (T0 + 8_000) });
  });

  it('keeps a talk whose answer the previous run had no time to save: not missed, the agent unknown', () => {
    const ticket = ticketOf(saved(path.slice(0, 2)), 'gone', AT, [joined(8_000, 'caller'), joined(8_001, 'agent'), left(12_001, 'agent'), hungUp(15_000)]);
    expect(ticket).toMatchObject({ status: 'accepted', agentId: null, talkMs: 4_000, endedBy: 'agent', callEndedAt: T0 + 15_000 });
  });
});

describe("replaying Asterisk's records of a conversation", () => {
  it('goes on while a unit stays with the caller after the agent left, and ends when the unit leaves', () => {
    const records = [joined(0, 'caller'), joined(1, 'agent'), joined(2, 'party', 'party-1-sim-1'), left(3, 'agent'), left(4, 'party', 'party-1-sim-1')];
    expect(summarizeRecords(records, AT)).toMatchObject({ conversationStartedAt: T0 + 1, conversationEndedAt: T0 + 4, conversationEndedBy: 'agent' });
    const callerFirst = [joined(0, 'caller'), joined(1, 'agent'), joined(2, 'party', 'party-1-sim-1'), left(3, 'agent'), left(4, 'caller')];
    expect(summarizeRecords(callerFirst, AT)).toMatchObject({ conversationEndedAt: T0 + 4, conversationEndedBy: 'caller' });
  });

  it('does not end when one agent hands the caller to another (the second joined first)', () => {
    const records = [joined(0, 'caller'), joined(1, 'agent'), joined(5, 'agent', 'agentleg-2-sim-1'), left(6, 'agent'), left(9, 'agent', 'agentleg-2-sim-1')];
    expect(summarizeRecords(records, AT)).toMatchObject({ conversationEndedAt: T0 + 9, conversationEndedBy: 'agent' });
  });

  it('reads a leave without its join (older than the records read) as someone who was in', () => {
    expect(summarizeRecords([left(3, 'agent'), left(4, 'caller')], AT)).toMatchObject({ conversationStartedAt: null, conversationEndedAt: T0 + 3, conversationEndedBy: 'agent' });
    expect(summarizeRecords([left(3, 'caller'), hungUp(4), left(9, 'agent')], AT)).toMatchObject({ conversationEndedAt: T0 + 3, conversationEndedBy: 'caller', callerHungUpAt: T0 + 4 });
  });

  it('takes the records in time order, whatever order they came in', () => {
    expect(summarizeRecords([left(11, 'caller'), joined(1, 'agent'), hungUp(12), joined(0, 'caller')], AT)).toMatchObject({ conversationStartedAt: T0 + 1, conversationEndedAt: T0 + 11, conversationEndedBy: 'caller', callerHungUpAt: T0 + 12 });
  });

  it('says nothing about a conversation that never was', () => {
    expect(summarizeRecords([], AT)).toEqual({ callerHungUpAt: null, hangupCause: null, conversationStartedAt: null, conversationEndedAt: null, conversationEndedBy: null });
  });
});

describe('a call left by the previous run, with the call machine\'s last save', () => {
  const progress = {
    queue: 'elderly',
    queuedAt: T0 + 4_000,
    agentId: '8002',
    agentAnsweredAt: T0 + 8_000,
    recordings: [{ name: 'call-sim-1', kind: 'conversation', format: 'wav', startedAt: T0 + 8_010 }],
    elderly: true,
    enterprise: { name: '某某科技有限公司', creditCode: '91110000000000000X' },
    satisfaction: null,
  };

  it('keeps what the save holds beyond the path: queue, agent, recording, elderly and enterprise flags', () => {
    const facts = recoveredFacts({ ...saved(), progress }, 'sent-to-fallback', AT);
    expect(facts).toMatchObject({ queue: 'elderly', queuedAt: T0 + 4_000, agentId: '8002', agentAnsweredAt: T0 + 8_000, elderly: true, enterprise: progress.enterprise });
    expect(facts.recordings).toEqual(progress.recordings);
    expect(facts.ivrPath.at(-1)).toMatchObject({ kind: 'outcome', outcome: 'restart-human-fallback' });
  });

  it('a blind transfer\'s first agent stays on the ticket when the save says so, though the path\'s last answer is another', () => {
    expect(recoveredFacts({ ...saved(), progress: { ...progress, agentId: '8001' } }, 'gone', AT).agentId).toBe('8001');
  });

  it('a save of another shape (an older row, a damaged one) is not used: the path decides, as before', () => {
    for (const damaged of [null, 'x', { ...progress, recordings: [{ name: 1 }] }, { ...progress, elderly: 'yes' }, { ...progress, queue: 3 }]) {
      expect(recoveredFacts({ ...saved(), progress: damaged }, 'gone', AT)).toEqual(recoveredFacts(saved(), 'gone', AT));
    }
  });
});
