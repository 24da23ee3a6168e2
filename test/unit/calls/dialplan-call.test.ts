import { describe, expect, it } from 'vitest';
import type { IvrStep } from '../../../src/domain/calls/call-facts.js';
import { dialplanCallFacts, menusPathOf, parseDialplanMark, type DialplanCallMark, type DialplanCallStep } from '../../../src/domain/calls/dialplan-call.js';
import { PATH_PART_BYTES } from '../../../src/domain/ivr/dialplan-marks.js';
import { encodePath } from '../../../src/domain/ivr/dialplan-path.js';
import { buildTicket } from '../../../src/domain/tickets/ticket-builder.js';

const mark: DialplanCallMark = { callId: 'call-1', callerChannel: 'chan-1', reason: 'shed', entry: '12345', callerNumber: '13800001111', at: 1_000, menusPathBytes: null };

describe('calls answered by the dialplan', () => {
  it("reads the dialplan's mark: why, the number dialed, and the caller's number whatever it holds", () => {
    expect(parseDialplanMark('shed|12345|13800001111')).toEqual({ reason: 'shed', entry: '12345', callerNumber: '13800001111', menusPathBytes: null });
    expect(parseDialplanMark('server-away|123452|')).toEqual({ reason: 'server-away', entry: '123452', callerNumber: '', menusPathBytes: null });
    expect(parseDialplanMark('shed|12345|a|b')).toEqual({ reason: 'shed', entry: '12345', callerNumber: 'a|b', menusPathBytes: null });
    expect(parseDialplanMark('busy|12345|13800001111')).toEqual({ reason: 'busy', entry: '12345', callerNumber: '13800001111', menusPathBytes: null });
    for (const text of ['', 'shed', 'shed|12345', 'other|12345|1', '|12345|1']) expect(parseDialplanMark(text)).toBeUndefined();
  });

  it("reads the compiled menus' marks: why, the number dialed, the bytes of the path that follow, the caller's number whatever it holds", () => {
    expect(parseDialplanMark('menus-left|12345|812|13800001111')).toEqual({ reason: 'menus-left', entry: '12345', callerNumber: '13800001111', menusPathBytes: 812 });
    // No server at the hand-back: a server-away call, with the menus' path.
    expect(parseDialplanMark('menus-server-away|12345|0|a|b')).toEqual({ reason: 'server-away', entry: '12345', callerNumber: 'a|b', menusPathBytes: 0 });
    // The old words keep their three fields: a number in third place is the caller's.
    expect(parseDialplanMark('server-away|12345|812|1')).toMatchObject({ callerNumber: '812|1', menusPathBytes: null });
    for (const text of ['menus-left|12345|13800001111', 'menus-left|12345||1', 'menus-left|12345|-1|1', 'menus-left|12345|1e3|1', 'menus-left']) expect(parseDialplanMark(text)).toBeUndefined();
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

  it('a caller past the line limit, told every line was busy: no queue, no agent, no recording, ended by the hotline, a missed call to return', () => {
    const facts = dialplanCallFacts({ ...mark, reason: 'busy' }, [{ kind: 'caller-hung-up', at: 9_000, cause: 16 }], 9_000);
    expect(facts).toMatchObject({ callerNumber: '13800001111', dialedNumber: '12345', startedAt: 1_000, endedAt: 9_000, queue: null, queuedAt: null, agentId: null, endedBy: 'system', recordings: [] });
    expect(facts.ivrPath.map((step) => (step.kind === 'outcome' ? step.outcome : step.kind))).toEqual(['dialplan-busy']);
    expect(buildTicket(facts, 1, 10_000)).toMatchObject({ missedIn: 'ivr', agentId: null, talkMs: 0, endedBy: 'system' });
  });

  it('an end recorded before the mark (clocks of two threads) never makes a negative call', () => {
    expect(dialplanCallFacts(mark, [], 999).endedAt).toBe(1_000);
    expect(dialplanCallFacts(mark, [], 999).endedBy).toBe('unknown');
  });
});

describe('calls that left the menus compiled into the dialplan', () => {
  /** Arrival at 1,000 (the server's steps), main menu, key 1, then a hang-up in the consult menu's prompt. */
  const walked: IvrStep[] = [
    { at: 1_000, kind: 'node', flow: 'main', node: 'route', flowName: '主菜单' },
    { at: 1_020, kind: 'node', flow: 'main', node: 'menu', flowName: '主菜单' },
    { at: 5_000, kind: 'prompt', prompt: 'main_menu', outcome: 'played' },
    { at: 5_500, kind: 'key', key: '1', label: '咨询投诉' },
    { at: 5_500, kind: 'node', flow: 'main', node: 'consult-menu', flowName: '主菜单' },
    { at: 6_200, kind: 'prompt', prompt: 'consult_menu', outcome: 'interrupted' },
  ];
  const text = encodePath(walked);
  /** The path as the dialplan writes it after the mark: parts of PATH_PART_BYTES, in order. */
  const parts = (whole: string, at = 6_210): DialplanCallStep[] => {
    const steps: DialplanCallStep[] = [];
    for (let from = 0; from === 0 || from < whole.length; from += PATH_PART_BYTES) steps.push({ kind: 'menus-path-part', at, text: whole.slice(from, from + PATH_PART_BYTES) });
    return steps;
  };
  const left: DialplanCallMark = { ...mark, reason: 'menus-left', at: 6_205, menusPathBytes: text.length };

  it('a caller who hung up in the menus: missed in the IVR, no queue, ended by the caller, with the path the menus took and the arrival as its start', () => {
    const facts = dialplanCallFacts(left, [...parts(text), { kind: 'caller-hung-up', at: 6_211, cause: 16 }], 6_212);
    expect(facts).toMatchObject({ startedAt: 1_000, answeredAt: 1_000, endedAt: 6_212, queue: null, queuedAt: null, agentId: null, endedBy: 'caller', hangupCause: 16, recordings: [] });
    // Exactly the menus' steps: as the engine's ticket of the same walk, nothing of the dialplan's own.
    expect(facts.ivrPath).toEqual(walked);
    expect(buildTicket(facts, 1, 7_000)).toMatchObject({ status: 'missed', missedIn: 'ivr', queue: null, ringMs: 0, ivrMs: 5_212, waitMs: 0, totalMs: 5_212 });
  });

  it('a path longer than one part is put back together in order', () => {
    const long: IvrStep[] = Array.from({ length: 60 }, (_, i) => ({ at: 1_000 + i, kind: 'key', key: String(i % 10), label: '求助建议' }));
    const whole = encodePath(long);
    expect(whole.length).toBeGreaterThan(3 * PATH_PART_BYTES);
    expect(menusPathOf({ ...left, menusPathBytes: whole.length }, parts(whole))).toEqual({ steps: long, lost: false });
  });

  it('no server at the hand-back: the menus\' path, then the fallback queue as for any call the server missed', () => {
    const queuedText = encodePath([...walked.slice(0, 5), { at: 9_000, kind: 'node', flow: 'main', node: 'general-queue', flowName: '主菜单' }, { at: 9_000, kind: 'outcome', outcome: 'queued', detail: 'general' }]);
    const away: DialplanCallMark = { ...mark, reason: 'server-away', at: 9_010, menusPathBytes: queuedText.length };
    const facts = dialplanCallFacts(away, [...parts(queuedText, 9_011), { kind: 'caller-hung-up', at: 30_000, cause: 16 }], 30_001);
    expect(facts).toMatchObject({ startedAt: 1_000, queue: 'hotline-fallback', queuedAt: 9_010, agentId: null, endedBy: 'caller' });
    const words = facts.ivrPath.map((step) => (step.kind === 'outcome' ? `${step.outcome}:${step.detail ?? ''}` : step.kind));
    expect(words.slice(-4)).toEqual(['node', 'queued:general', 'dialplan-server-away:', 'queued:hotline-fallback']);
    expect(buildTicket(facts, 1, 31_000)).toMatchObject({ missedIn: 'queue', queue: 'hotline-fallback' });
  });

  it('a part lost or a path that cannot be read still gives the call its ticket, whose path says so', () => {
    const [first] = parts(text);
    for (const steps of [[], [{ ...first!, text: text.slice(1) }], [{ ...first!, text: text.replace('/n/', '/z/') }]] as DialplanCallStep[][]) {
      expect(menusPathOf(left, steps).lost).toBe(true);
      const facts = dialplanCallFacts(left, steps, 7_000);
      expect(facts.ivrPath).toEqual([{ at: 6_205, kind: 'outcome', outcome: 'menus-path-lost' }]);
      expect(buildTicket(facts, 1, 7_000)).toMatchObject({ missedIn: 'ivr', callStartedAt: 6_205 });
    }
  });

  it('the old marks have no menus path, whatever parts follow them', () => {
    expect(menusPathOf(mark, parts(text))).toEqual({ steps: [], lost: false });
  });
});
