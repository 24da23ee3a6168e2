// The call machine for a callback: the citizen we rang back (for a place the ACD kept) answered; the
// machine greets them and rings the agent the ACD reserved, and tells the ACD how the attempt went
// (answered, the agent's phone failed, or the citizen left first), under the first call's id.
import { describe, expect, it } from 'vitest';
import { CALL, CallMachineDriver, T0 } from '../../helpers/call-machine-driver.js';

const CALLBACK = `callback-1-${CALL}`;
const LEG = `agentleg-1-${CALLBACK}`;
const ORIGIN = { acdCallId: CALL, agentId: '8003', queueId: 'general' } as const;

function rungBack(): CallMachineDriver {
  const d = new CallMachineDriver();
  d.arrive({ from: '13800007777', to: 'callback', callId: CALLBACK, callback: ORIGIN });
  return d;
}

describe('call machine: a callback call', () => {
  it('greets the citizen (no answer of ours: the channel is up) and rings the reserved agent for 20 s under the first call’s id', () => {
    const d = new CallMachineDriver();
    expect(d.arrive({ from: '13800007777', to: 'callback', callId: CALLBACK, callback: ORIGIN })).toEqual([
      { type: 'RecordCallStart' },
      { type: 'RecordAnswered', at: T0 },
      { type: 'PlayPrompts', playbackId: `${CALL}-q1`, prompts: ['callback_greeting'], language: 'zh-CN', wait: true },
      { type: 'RouteChannel', channelId: LEG },
      {
        type: 'NotifyAgent',
        event: {
          kind: 'offered',
          agentId: '8003',
          at: T0,
          call: {
            callId: CALLBACK,
            callerNumber: '13800007777',
            callerName: null,
            caller: { elderly: false, enterprise: null },
            queue: 'general',
            queuedAt: T0,
            ivrPath: [
              { at: T0, kind: 'outcome', outcome: 'callback-of', detail: CALL },
              { at: T0, kind: 'outcome', outcome: 'offered', detail: '8003' },
            ],
            language: 'zh-CN',
          },
        },
      },
      { type: 'DialAgent', legId: LEG, agentId: '8003', acdId: CALL, ringTimeoutSeconds: 20, recording: `call-${CALLBACK}` },
    ]);
    expect(d.phase).toBe('queued');
    // Hold music follows the greeting; the ACD's music for the queue is not for a callback.
    expect(d.acd({ type: 'PlayMusicOnHold', callId: CALL, musicOnHold: 'general-moh' })).toEqual([]);
    expect(d.advance(2000).playbackFinished()).toEqual([{ type: 'StartHold', musicClass: 'default' }]);
  });

  it('the agent answers: the ACD hears CallbackAnswered, the conversation is connected and recorded, and the ticket is the callback’s', () => {
    const d = rungBack();
    d.advance(2000).playbackFinished();
    expect(d.advance(1000).agentAnswers(LEG)).toEqual([
      { type: 'NotifyAgent', event: { kind: 'answered', agentId: '8003', callId: CALLBACK, at: T0 + 3000 } },
      { type: 'TellAcd', event: { type: 'CallbackAnswered', callId: CALL, at: T0 + 3000 } },
      { type: 'RecordConversation', name: `call-${CALLBACK}`, legId: LEG },
      { type: 'Connect', legId: LEG },
      { type: 'MarkCall', name: 'HOTLINE_AGENT', value: '8003' },
    ]);
    expect(d.phase).toBe('talking');
    expect(d.advance(5000).callerHangsUp()).toEqual([
      { type: 'TellAcd', event: { type: 'CallEnded', callId: CALL, at: T0 + 8000 } },
      { type: 'HangUpChannel', channelId: LEG, wait: false },
      { type: 'Disconnect', wait: false },
      { type: 'CloseCall', facts: d.facts },
    ]);
    expect(d.facts).toMatchObject({
      callId: CALLBACK,
      callerNumber: '13800007777',
      dialedNumber: 'callback',
      answeredAt: T0,
      agentId: '8003',
      agentAnsweredAt: T0 + 3000,
      conversationEndedAt: T0 + 8000,
      queue: 'general',
      queuedAt: T0,
      recordings: [{ name: `call-${CALLBACK}`, kind: 'conversation', format: 'wav', startedAt: T0 + 3000 }],
    });
    expect(d.outcomes).toEqual([`callback-of:${CALL}`, 'offered:8003', 'answered:8003']);
    expect(d.told.map((e) => e.type)).toEqual(['CallbackAnswered', 'CallEnded']);
  });

  it('an answer during the greeting stops it before the citizen is connected', () => {
    const d = rungBack();
    expect(d.advance(1000).agentAnswers(LEG).slice(2, 5)).toEqual([
      { type: 'StopPrompts', playbackId: `${CALL}-q1`, wait: true },
      { type: 'RecordConversation', name: `call-${CALLBACK}`, legId: LEG },
      { type: 'Connect', legId: LEG },
    ]);
  });

  it('the agent’s phone rings out: the attempt failed, we hang the citizen up, and their leaving changes nothing more', () => {
    const d = rungBack();
    d.advance(2000).playbackFinished();
    expect(d.advance(18_000).legGone(LEG)).toEqual([
      { type: 'TellAcd', event: { type: 'CallbackAttemptFailed', callId: CALL, reason: 'agent did not answer', at: T0 + 20_000 } },
      { type: 'HangUpCaller' },
      { type: 'CloseCall', facts: d.facts },
    ]);
    expect(d.phase).toBe('ended');
    expect(d.outcomes).toEqual([`callback-of:${CALL}`, 'offered:8003', 'offer-failed:8003']);
    expect(d.callerHangsUp()).toEqual([]);
    expect(d.facts).toMatchObject({ endedBy: 'system', agentId: null, hangupCause: 16, endedAt: T0 + 20_000 });
  });

  it('the agent’s phone cannot be rung: the attempt failed the same way', () => {
    const d = rungBack();
    expect(d.advance(50).agentDialFailed()).toEqual([
      { type: 'HangUpChannel', channelId: LEG, wait: false },
      { type: 'TellAcd', event: { type: 'CallbackAttemptFailed', callId: CALL, reason: 'agent did not answer', at: T0 + 50 } },
      { type: 'HangUpCaller' },
      { type: 'CloseCall', facts: d.facts },
    ]);
  });

  it('the citizen hangs up before the agent answers: the leg is hung up and the attempt failed, not abandoned', () => {
    const d = rungBack();
    expect(d.advance(4000).callerHangsUp(16)).toEqual([
      { type: 'HangUpChannel', channelId: LEG, wait: false },
      { type: 'TellAcd', event: { type: 'CallbackAttemptFailed', callId: CALL, reason: 'citizen left before an agent answered', at: T0 + 4000 } },
      { type: 'CloseCall', facts: d.facts },
    ]);
    expect(d.facts).toMatchObject({ endedBy: 'caller', agentId: null, queue: 'general' });
  });

  it('the agent hangs up after the conversation: the survey follows as for any call', () => {
    const d = rungBack();
    d.advance(1000).agentAnswers(LEG);
    expect(d.advance(5000).agentHangsUp(LEG)).toEqual([
      { type: 'TellAcd', event: { type: 'CallEnded', callId: CALL, at: T0 + 6000 } },
      { type: 'Disconnect', wait: true },
      { type: 'PlayPrompts', playbackId: `${CALLBACK}-s1`, prompts: ['survey_question'], language: 'zh-CN', wait: false },
    ]);
  });
});
