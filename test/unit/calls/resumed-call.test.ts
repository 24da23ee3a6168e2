// A conversation kept through a takeover: the call rebuilt from its saved row goes on in the
// `talking` phase and ends like any conversation, with the agent, the talk from the first answer,
// the recording and the hold time on its ticket; what cannot be carried on is refused.
import { describe, expect, it } from 'vitest';
import { CallMachineDriver, LANGUAGE } from '../../helpers/call-machine-driver.js';
import { factsOf } from '../../../src/domain/calls/call-step.js';
import { CONVERSATION_KEPT, resumedCall, type ConversationFound, type SavedLiveCall } from '../../../src/domain/calls/resumed-call.js';

/** What the progress writer saved of the driver's call at `now` (the calls row as recovery reads it). */
function savedRow(d: CallMachineDriver): SavedLiveCall {
  const facts = factsOf(d.state, d.now);
  const { call } = d.state;
  return { id: call.callId, channelId: call.channelId, callerNumber: call.callerNumber, callerName: call.callerName, dialedNumber: call.dialedNumber, startedAt: call.startedAt, answeredAt: facts.answeredAt, updatedAt: d.now, ivrPath: facts.ivrPath, progress: facts };
}

/** The agent's leg in the bridge, with no answer time or recorder of the phone system's own. */
const found = (legId: string, agentId: string): ConversationFound => ({ legId, agentId, bridgedAt: NaN, recorders: [] });

function inConversation(): { d: CallMachineDriver; leg: string } {
  const d = new CallMachineDriver().queueInGeneral().connectAgent('8003');
  return { d, leg: d.last('DialAgent').legId };
}

describe('a conversation kept through a takeover', () => {
  it('goes on talking and ends with the same agent, answer time and recording, the takeover on the path', () => {
    const { d, leg } = inConversation();
    const before = factsOf(d.state, d.now);
    d.advance(20_000);
    const resumed = resumedCall(savedRow(d), found(leg, '8003'), LANGUAGE, d.now + 3000);
    expect(resumed?.state.phase.kind).toBe('talking');
    expect(resumed?.commands.map((c) => c.type)).toEqual(['TellAcd', 'NotifyAgent', 'NotifyAgent', 'Log']);
    expect(resumed?.commands[0]).toEqual({ type: 'TellAcd', event: { type: 'ConversationResumed', callId: d.callId, agentId: '8003', queueId: 'general', answeredAt: before.agentAnsweredAt, at: d.now + 3000 } });
    expect(resumed?.commands[1]).toMatchObject({ type: 'NotifyAgent', event: { kind: 'offered', agentId: '8003', call: { callId: d.callId, queue: 'general' } } });

    const next = new CallMachineDriver().takeOver(resumed?.state ?? d.state);
    next.now = d.now + 3000;
    const ended = next.advance(30_000).agentHangsUp(leg);
    expect(ended).toEqual(expect.arrayContaining([{ type: 'TellAcd', event: { type: 'CallEnded', callId: d.callId, at: next.now } }, { type: 'Disconnect', wait: true }]));
    expect(next.phase).toBe('survey');
    next.advance(5000).callerHangsUp();
    expect(next.facts).toMatchObject({ agentId: '8003', agentAnsweredAt: before.agentAnsweredAt, conversationEndedAt: d.now + 33_000, endedBy: 'agent', queue: 'general', recordings: before.recordings });
    expect(next.outcomes).toEqual(expect.arrayContaining(['answered:8003', `${CONVERSATION_KEPT}:8003`]));
  });

  it('the caller hanging up ends the call and releases the agent leg', () => {
    const { d, leg } = inConversation();
    const resumed = resumedCall(savedRow(d), found(leg, '8003'), LANGUAGE, d.now);
    const next = new CallMachineDriver().takeOver(resumed?.state ?? d.state);
    next.now = d.now;
    const ended = next.advance(10_000).callerHangsUp();
    expect(ended).toEqual(expect.arrayContaining([{ type: 'HangUpChannel', channelId: leg, wait: false }, expect.objectContaining({ type: 'TellAcd', event: expect.objectContaining({ type: 'CallEnded' }) })]));
    expect(next.facts).toMatchObject({ agentId: '8003', endedBy: 'caller' });
    // New legs and recordings get ids the old run did not use.
    expect(resumed?.state.seq).toMatchObject({ leg: d.state.seq.leg, recording: d.state.seq.recording });
  });

  it('a call held at the last save stays held: the hold goes on from when it began', () => {
    const { d, leg } = inConversation();
    d.advance(5000).feed({ type: 'HoldChanged', channelId: leg, held: true, at: d.now });
    d.advance(4000);
    const resumed = resumedCall(savedRow(d), found(leg, '8003'), LANGUAGE, d.now + 2000);
    const next = new CallMachineDriver().takeOver(resumed?.state ?? d.state);
    next.now = d.now + 2000;
    expect(next.state.record.hold).toEqual({ totalMs: 0, since: d.now - 4000 });
    expect(next.advance(1000).feed({ type: 'HoldChanged', channelId: leg, held: false, at: next.now })).toEqual([{ type: 'StopHold' }]);
    next.advance(1000).callerHangsUp();
    expect(next.facts.holdMs).toBe(7000);
  });

  it('takes the answer from the bridge and the recording from its recorder when the server stopped before saving them', () => {
    const d = new CallMachineDriver().queueInGeneral();
    const row = savedRow(d);
    d.connectAgent('8003');
    const leg = d.last('DialAgent').legId;
    const recording = d.last('RecordConversation').name;
    const resumed = resumedCall(row, { legId: leg, agentId: '8003', bridgedAt: d.now - 50, recorders: [{ name: recording, startedAt: d.now - 40 }] }, LANGUAGE, d.now + 1000);
    expect(resumed?.commands[0]).toMatchObject({ event: { type: 'ConversationResumed', agentId: '8003', answeredAt: d.now - 50 } });
    const next = new CallMachineDriver().takeOver(resumed?.state ?? d.state);
    next.now = d.now + 1000;
    next.advance(5000).callerHangsUp();
    expect(next.facts).toMatchObject({ agentId: '8003', agentAnsweredAt: d.now - 50, recordings: [{ name: recording, kind: 'conversation', format: 'wav', startedAt: d.now - 40 }] });
    expect(next.outcomes).toEqual(expect.arrayContaining(['answered:8003', `${CONVERSATION_KEPT}:8003`]));
    // Without the bridge's time, nothing tells when the agent answered: not taken on.
    expect(resumedCall(row, found(leg, '8003'), LANGUAGE, d.now)).toBeNull();
  });

  it('refuses what it cannot carry on: no valid progress, another agent, a leg not of ours, a callback', () => {
    const { d, leg } = inConversation();
    const row = savedRow(d);
    expect(resumedCall({ ...row, progress: null }, found(leg, '8003'), LANGUAGE, d.now)).toBeNull();
    expect(resumedCall(row, found(leg, '8001'), LANGUAGE, d.now)).toBeNull();
    expect(resumedCall(row, found('PJSIP/8003-00000001', '8003'), LANGUAGE, d.now)).toBeNull();
    expect(resumedCall({ ...row, dialedNumber: 'callback' }, found(leg, '8003'), LANGUAGE, d.now)).toBeNull();
    const queued = new CallMachineDriver().queueInGeneral();
    expect(resumedCall(savedRow(queued), found(leg, '8003'), LANGUAGE, queued.now)).toBeNull();
  });
});
