import { describe, expect, it } from 'vitest';
import { dialplanCallFacts, parseDialplanMark, type DialplanCallMark } from '../../../src/domain/calls/dialplan-call.js';
import { buildTicket } from '../../../src/domain/tickets/ticket-builder.js';

const mark: DialplanCallMark = { callId: 'call-1', callerChannel: 'chan-1', reason: 'shed', entry: '12345', callerNumber: '13800001111', at: 1_000 };

describe('calls answered by the dialplan', () => {
  it("reads the dialplan's mark: why, the number dialed, and the caller's number whatever it holds", () => {
    expect(parseDialplanMark('shed|12345|13800001111')).toEqual({ reason: 'shed', entry: '12345', callerNumber: '13800001111' });
    expect(parseDialplanMark('server-away|123452|')).toEqual({ reason: 'server-away', entry: '123452', callerNumber: '' });
    expect(parseDialplanMark('shed|12345|a|b')).toEqual({ reason: 'shed', entry: '12345', callerNumber: 'a|b' });
    for (const text of ['', 'shed', 'shed|12345', 'other|12345|1', '|12345|1']) expect(parseDialplanMark(text)).toBeUndefined();
  });

  it('a caller who hung up in the fallback queue: missed in the queue, ended by the caller, with the cause', () => {
    const facts = dialplanCallFacts(mark, [{ kind: 'caller-hung-up', at: 21_000, cause: 16 }], 21_000);
    expect(facts).toMatchObject({ callId: 'call-1', callerNumber: '13800001111', dialedNumber: '12345', startedAt: 1_000, answeredAt: 1_000, endedAt: 21_000, queue: 'hotline-fallback', queuedAt: 1_000, agentId: null, endedBy: 'caller', hangupCause: 16 });
    expect(facts.ivrPath.map((step) => (step.kind === 'outcome' ? step.outcome : step.kind))).toEqual(['dialplan-shed', 'queued']);
    const ticket = buildTicket(facts, 1, 22_000);
    expect(ticket).toMatchObject({ missedIn: 'queue', agentId: null, talkMs: 0, endedBy: 'caller' });
  });

  it('an agent of the fallback queue answered: the ticket has the agent, the talk and who ended it', () => {
    const facts = dialplanCallFacts(
      { ...mark, reason: 'server-away' },
      [
        { kind: 'agent-joined', at: 9_000, agentId: '8003' },
        { kind: 'left-conversation', at: 69_000, who: 'agent' },
        { kind: 'left-conversation', at: 69_001, who: 'caller' },
        { kind: 'agent-joined', at: 70_000, agentId: '8004' },
        { kind: 'caller-hung-up', at: 69_002, cause: 16 },
      ],
      69_010,
    );
    expect(facts).toMatchObject({ agentId: '8003', agentAnsweredAt: 9_000, conversationEndedAt: 69_000, endedBy: 'agent', endedAt: 69_010 });
    expect(facts.ivrPath.at(-1)).toEqual({ at: 9_000, kind: 'outcome', outcome: 'answered', detail: '8003' });
    expect(buildTicket(facts, 1, 70_000)).toMatchObject({ missedIn: null, agentId: '8003', talkMs: 60_000 });
    // app_queue recorded the conversation under the name the dialplan gave it.
    expect(facts.recordings).toEqual([{ name: 'call-call-1-fallback', kind: 'conversation', format: 'wav', startedAt: 9_000 }]);
  });

  it('an end recorded before the mark (clocks of two threads) never makes a negative call', () => {
    expect(dialplanCallFacts(mark, [], 999).endedAt).toBe(1_000);
    expect(dialplanCallFacts(mark, [], 999).endedBy).toBe('unknown');
  });
});
