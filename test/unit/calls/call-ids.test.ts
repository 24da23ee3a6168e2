// The names of a call's pieces on the PBX: made in one place, and read back from there.
import { describe, expect, it } from 'vitest';
import { callIds } from '../../../src/domain/calls/call-ids.js';

describe('call ids', () => {
  it('name the conversation, legs, parties, callbacks, transfers, playbacks and recordings of a call', () => {
    expect(callIds.conversation('1733.5')).toBe('conv-1733.5');
    expect(callIds.agentLeg('1733.5', 2)).toBe('agentleg-2-1733.5');
    expect(callIds.party('1733.5', 1)).toBe('party-1-1733.5');
    expect(callIds.callback('1733.5', 3)).toBe('callback-3-1733.5');
    expect(callIds.consult('1733.5', 1)).toBe('1733.5~transfer1');
    expect([callIds.ivrPlayback('1733.5', 4), callIds.surveyPlayback('1733.5', 1), callIds.queuePlayback('1733.5', 1)]).toEqual(['1733.5-p4', '1733.5-s1', '1733.5-q1']);
    // Recording names are what Asterisk takes as a file name: anything else becomes '_'.
    expect([callIds.conversationRecording('a/b', 1), callIds.conversationRecording('a/b', 2), callIds.message('a b')]).toEqual(['call-a_b', 'call-a_b-2', 'message-a_b']);
  });

  it('read back which call a bridge or a leg belongs to, and nothing from other ids', () => {
    expect(callIds.callOfConversation(callIds.conversation('1733.5'))).toBe('1733.5');
    expect(callIds.callOfConversation('holding-1')).toBeNull();
    expect(callIds.legOf(callIds.agentLeg('1733.5', 2))).toEqual({ kind: 'agent', seq: 2, callId: '1733.5' });
    expect(callIds.legOf(callIds.party('1733.5', 1))).toEqual({ kind: 'party', seq: 1, callId: '1733.5' });
    for (const other of ['1733.5', 'rec-1733.5', 'callback-1-1733.5', 'agentleg-x-1733.5', callIds.demoPhone(callIds.agentLeg('1733.5', 1))]) expect(callIds.legOf(other)).toBeNull();
  });
});
