// The call machine while the caller waits in a queue: offers to agents' phones (the screen pop),
// ring-no-answer, withdrawn offers, failed dials, the answer and its recording, hold music, place
// announcements and the callback offer, overflow, the ACD's refusal, and hang-ups while waiting or
// ringing.
import { describe, expect, it } from 'vitest';
import { CALL, CallMachineDriver, T0 } from '../../helpers/call-machine-driver.js';

const LEG1 = `agentleg-1-${CALL}`;
const LEG2 = `agentleg-2-${CALL}`;
const MAIN = { flow: 'main', flowName: '主菜单' } as const;

describe('call machine: offers to agents', () => {
  it('an offer routes the leg, marks the channel, pops the call on the agent’s screen with its path, and rings the phone', () => {
    const d = new CallMachineDriver().queueInGeneral({ from: '13812345678', name: '李四' });
    expect(d.advance(500).offer('8003', { ringTimeoutSeconds: 15 })).toEqual([
      { type: 'RouteChannel', channelId: LEG1 },
      {
        type: 'NotifyAgent',
        event: {
          kind: 'offered',
          agentId: '8003',
          at: T0 + 4500,
          call: {
            callId: CALL,
            callerNumber: '13812345678',
            callerName: '李四',
            caller: { elderly: false, enterprise: null },
            queue: 'general',
            queuedAt: T0 + 4000,
            ivrPath: [
              { at: T0, kind: 'node', node: 'route', ...MAIN },
              { at: T0, kind: 'node', node: 'menu', ...MAIN },
              { at: T0 + 3000, kind: 'prompt', prompt: 'main_menu', outcome: 'played' },
              { at: T0 + 4000, kind: 'timeout', node: 'menu' },
              { at: T0 + 4000, kind: 'node', node: 'general-queue', ...MAIN },
              { at: T0 + 4000, kind: 'outcome', outcome: 'queued', detail: 'general' },
              { at: T0 + 4500, kind: 'outcome', outcome: 'offered', detail: '8003' },
            ],
            language: 'zh-CN',
          },
        },
      },
      { type: 'DialAgent', legId: LEG1, agentId: '8003', acdId: CALL, ringTimeoutSeconds: 15, recording: `call-${CALL}` },
    ]);
    expect(d.state.phase).toMatchObject({ kind: 'queued', offer: { legId: LEG1, agentId: '8003', acdId: CALL } });
  });

  it('a repeated offer (the ACD of a cluster sends at least once) rings nothing more, before the answer or after it', () => {
    const d = new CallMachineDriver().queueInGeneral();
    d.advance(500).offer('8003');
    expect(d.offer('8003').filter((c) => c.type !== 'Log')).toEqual([]);
    expect(d.state.phase).toMatchObject({ kind: 'queued', offer: { legId: LEG1 } });
    d.advance(2000).agentAnswers(LEG1);
    expect(d.offer('8003').filter((c) => c.type !== 'Log')).toEqual([]);
    expect(d.phase).toBe('talking');
  });

  it('the agent answers: the ACD hears it, the caller is connected, marked and recorded, and the ticket names the agent and the recording', () => {
    const d = new CallMachineDriver().queueInGeneral();
    d.advance(500).offer('8003');
    expect(d.advance(2000).agentAnswers(LEG1)).toEqual([
      { type: 'NotifyAgent', event: { kind: 'answered', agentId: '8003', callId: CALL, at: T0 + 6500 } },
      { type: 'TellAcd', event: { type: 'AgentAnswered', callId: CALL, agentId: '8003', at: T0 + 6500 } },
      { type: 'RecordConversation', name: `call-${CALL}`, legId: LEG1 },
      { type: 'Connect', legId: LEG1 },
      { type: 'MarkCall', name: 'HOTLINE_AGENT', value: '8003' },
    ]);
    expect(d.phase).toBe('talking');
    d.advance(10_000).callerHangsUp();
    expect(d.facts).toMatchObject({
      agentId: '8003',
      agentAnsweredAt: T0 + 6500,
      conversationEndedAt: T0 + 16_500,
      queue: 'general',
      queuedAt: T0 + 4000,
      endedBy: 'caller',
      recordings: [{ name: `call-${CALL}`, kind: 'conversation', format: 'wav', startedAt: T0 + 6500 }],
    });
    expect(d.outcomes).toEqual(['queued:general', 'offered:8003', 'answered:8003']);
  });

  it('a recording that cannot start is taken off the ticket and noted on the path; the conversation goes on', () => {
    const d = new CallMachineDriver().queueInGeneral().connectAgent('8003');
    expect(d.advance(100).recordingFailed('disk full')).toEqual([]);
    expect(d.phase).toBe('talking');
    expect(d.path.at(-1)).toEqual({ at: T0 + 6100, kind: 'outcome', outcome: 'recording-failed', detail: 'disk full' });
    d.recordingFailed('x'.repeat(300), 'not-a-recording-of-this-call');
    expect(d.path.at(-1)).toEqual({ at: T0 + 6100, kind: 'outcome', outcome: 'recording-failed', detail: 'x'.repeat(200) });
    d.advance(5000).callerHangsUp();
    expect(d.facts.recordings).toEqual([]);
    expect(d.facts.agentId).toBe('8003');
  });

  it('a phone that rings unanswered: the leg is gone, the path says offer-failed, the ACD hears OfferTimedOut and offers the call on', () => {
    const d = new CallMachineDriver().queueInGeneral();
    d.advance(500).offer('8001', { ringTimeoutSeconds: 3 });
    expect(d.advance(3000).legGone(LEG1)).toEqual([{ type: 'TellAcd', event: { type: 'OfferTimedOut', callId: CALL, agentId: '8001', at: T0 + 7500 } }]);
    expect(d.path.at(-1)).toEqual({ at: T0 + 7500, kind: 'outcome', outcome: 'offer-failed', detail: '8001' });
    expect(d.state.phase).toMatchObject({ kind: 'queued', offer: null });
    // Not answered, the first offer used no recording: the next one is named the same.
    expect(d.offer('8003').at(-1)).toEqual({ type: 'DialAgent', legId: LEG2, agentId: '8003', acdId: CALL, ringTimeoutSeconds: 15, recording: `call-${CALL}` });
    d.advance(1000).agentAnswers(LEG2);
    expect(d.outcomes).toEqual(['queued:general', 'offered:8001', 'offer-failed:8001', 'offered:8003', 'answered:8003']);
    d.callerHangsUp();
    expect(d.facts.agentId).toBe('8003');
  });

  it('the ACD withdraws an offer: the agent’s screen is told and the phone stops ringing; a late answer is hung up', () => {
    const d = new CallMachineDriver().queueInGeneral();
    d.advance(500).offer('8001');
    expect(d.acd({ type: 'CancelOffer', agentId: '8002', reason: 'no_answer' })).toEqual([]);
    expect(d.advance(15_000).acd({ type: 'CancelOffer', agentId: '8001', reason: 'no_answer' })).toEqual([
      { type: 'NotifyAgent', event: { kind: 'withdrawn', agentId: '8001', callId: CALL, at: T0 + 19_500 } },
      { type: 'HangUpChannel', channelId: LEG1, wait: true },
    ]);
    expect(d.state.phase).toMatchObject({ kind: 'queued', offer: null });
    // The withdrawn leg's end is no news; its answer, had it come, is hung up.
    expect(d.legGone(LEG1)).toEqual([]);
    expect(d.agentAnswers(LEG1)).toEqual([{ type: 'HangUpChannel', channelId: LEG1, wait: true }]);
    expect(d.outcomes).toEqual(['queued:general', 'offered:8001']);
    expect(d.told.map((e) => e.type)).toEqual(['CallQueued']);
  });

  it('a phone the phone system could not ring is a failed offer, not the agent’s no-answer; a leg the failed request made anyway is hung up', () => {
    const d = new CallMachineDriver().queueInGeneral();
    d.advance(500).offer('8003');
    const leg = d.last('DialAgent').legId;
    expect(d.advance(50).agentDialFailed()).toEqual([
      { type: 'HangUpChannel', channelId: leg, wait: false },
      { type: 'TellAcd', event: { type: 'OfferFailed', callId: CALL, agentId: '8003', at: T0 + 4550 } },
    ]);
    expect(d.state.phase).toMatchObject({ kind: 'queued', offer: null });
    expect(d.outcomes).toEqual(['queued:general', 'offered:8003']);
    // A late failure of an offer already given up changes nothing.
    expect(d.agentDialFailed()).toEqual([]);
  });

  it('the leg existing starts the ACD’s ring time; a leg of an offer given up is not reported', () => {
    const d = new CallMachineDriver().queueInGeneral();
    d.advance(500).offer('8003');
    expect(d.advance(300).agentDialed()).toEqual([{ type: 'TellAcd', event: { type: 'OfferRinging', callId: CALL, agentId: '8003', at: T0 + 4800 } }]);
    const leg = d.last('DialAgent');
    d.acd({ type: 'CancelOffer', agentId: '8003', reason: 'offer_failed' });
    expect(d.agentDialed(leg)).toEqual([]);
  });

  it('while the phone system lags the ring time is not started, and the leg ending unanswered is the system’s failure, not ring-no-answer', () => {
    const d = new CallMachineDriver().queueInGeneral();
    d.advance(500).offer('8003');
    expect(d.advance(300).agentDialed(undefined, true)).toEqual([]);
    expect(d.logs.at(-1)).toMatchObject({ level: 'info', fields: { agentId: '8003' } });
    expect(d.state.phase).toMatchObject({ kind: 'queued', offer: { agentId: '8003', ringUncounted: true } });
    // Asterisk gives the dial up (its own time limit) before any answer reached the server.
    expect(d.advance(20_000).legGone()).toEqual([{ type: 'TellAcd', event: { type: 'OfferFailed', callId: CALL, agentId: '8003', at: T0 + 24_800 } }]);
    // The next offer, dialed while it still lags, is answered: the agent on the call carries no mark of the offer.
    d.advance(1000).offer('8001');
    d.advance(300).agentDialed(undefined, true);
    d.advance(2000).agentAnswers();
    expect(d.state.phase).toMatchObject({ kind: 'talking', agent: { agentId: '8001' } });
    expect(d.state.phase.kind === 'talking' && 'ringUncounted' in d.state.phase.agent).toBe(false);
  });

  it('a leg rung out while the system kept up is ring-no-answer', () => {
    const d = new CallMachineDriver().queueInGeneral();
    d.advance(500).offer('8003');
    d.advance(300).agentDialed();
    expect(d.advance(20_000).legGone()).toEqual([{ type: 'TellAcd', event: { type: 'OfferTimedOut', callId: CALL, agentId: '8003', at: T0 + 24_800 } }]);
  });

  it('an offer for a call that is no longer waiting is given back to the ACD at once', () => {
    const d = new CallMachineDriver().queueInGeneral();
    d.callerHangupRequested(16);
    expect(d.advance(10).offer('8003')).toEqual([{ type: 'TellAcd', event: { type: 'OfferFailed', callId: CALL, agentId: '8003', at: T0 + 4010 } }]);

    const talking = new CallMachineDriver().queueInGeneral().connectAgent('8003');
    expect(talking.offer('8001')).toEqual([{ type: 'TellAcd', event: { type: 'OfferFailed', callId: CALL, agentId: '8001', at: T0 + 6000 } }]);
  });
});

describe('call machine: waiting in line', () => {
  it('the queue’s music plays; a place announcement replaces it and the music comes back after it', () => {
    const d = new CallMachineDriver().queueInGeneral();
    expect(d.acd({ type: 'PlayMusicOnHold', musicOnHold: 'general-moh' })).toEqual([{ type: 'StartHold', musicClass: 'general-moh' }]);
    expect(d.advance(3000).acd({ type: 'AnnouncePosition', queueId: 'general', position: 3, estimatedWaitSeconds: 120, callbackOffered: false })).toEqual([
      { type: 'PlayPrompts', playbackId: `${CALL}-q1`, prompts: ['queue_position_is', 'num_3', 'queue_position_unit', 'queue_wait_about', 'num_2_liang', 'queue_wait_minutes'], language: 'zh-CN', wait: true },
    ]);
    // Another announcement while one plays: nothing (its figures are not marked either).
    expect(d.acd({ type: 'AnnouncePosition', queueId: 'general', position: 2, estimatedWaitSeconds: 60, callbackOffered: false })).toEqual([]);
    // A new music class while the announcement plays waits for its end.
    expect(d.acd({ type: 'PlayMusicOnHold', musicOnHold: 'calm' })).toEqual([]);
    expect(d.advance(4000).playbackFinished('played', `${CALL}-q1`)).toEqual([{ type: 'StartHold', musicClass: 'calm' }]);
    expect(d.path.filter((s) => s.kind === 'prompt' && s.prompt.startsWith('queue_'))).toEqual([]);
  });

  it('while an agent’s phone rings the place is not announced', () => {
    const d = new CallMachineDriver().queueInGeneral();
    d.offer('8003');
    expect(d.acd({ type: 'AnnouncePosition', queueId: 'general', position: 1, estimatedWaitSeconds: 10, callbackOffered: true })).toEqual([]);
  });

  it('an answer during an announcement stops it before the caller is connected', () => {
    const d = new CallMachineDriver().queueInGeneral();
    d.acd({ type: 'AnnouncePosition', queueId: 'general', position: 1, estimatedWaitSeconds: 10, callbackOffered: false });
    d.offer('8003');
    expect(d.advance(2000).agentAnswers()).toEqual([
      { type: 'NotifyAgent', event: { kind: 'answered', agentId: '8003', callId: CALL, at: T0 + 6000 } },
      { type: 'TellAcd', event: { type: 'AgentAnswered', callId: CALL, agentId: '8003', at: T0 + 6000 } },
      { type: 'StopPrompts', playbackId: `${CALL}-q1`, wait: true },
      { type: 'RecordConversation', name: `call-${CALL}`, legId: LEG1 },
      { type: 'Connect', legId: LEG1 },
      { type: 'MarkCall', name: 'HOTLINE_AGENT', value: '8003' },
    ]);
    // The stopped announcement's end brings no hold music into the conversation.
    expect(d.playbackFinished('played', `${CALL}-q1`)).toEqual([]);
  });

  it('hold music and announcements stop once the caller has hung up', () => {
    const d = new CallMachineDriver().queueInGeneral();
    d.callerHangupRequested(16);
    expect(d.acd({ type: 'PlayMusicOnHold', musicOnHold: 'general-moh' })).toEqual([]);
    expect(d.acd({ type: 'AnnouncePosition', queueId: 'general', position: 1, estimatedWaitSeconds: 10, callbackOffered: false })).toEqual([]);
  });

  it('a caller who hangs up while waiting has abandoned the queue', () => {
    const d = new CallMachineDriver().queueInGeneral();
    d.advance(5000);
    expect(d.callerHangsUp(16)).toEqual([{ type: 'TellAcd', event: { type: 'CallAbandoned', callId: CALL, at: T0 + 9000 } }, { type: 'CloseCall', facts: d.facts }]);
    expect(d.facts).toMatchObject({ endedBy: 'caller', queue: 'general', agentId: null, conversationEndedAt: null });
  });

  it('a caller who hangs up while an agent’s phone rings: the leg is hung up and the call abandoned; a late answer is hung up', () => {
    const d = new CallMachineDriver().queueInGeneral();
    d.advance(500).offer('8003');
    d.advance(1000);
    expect(d.callerHangupRequested(16)).toEqual([]);
    expect(d.agentAnswers(LEG1)).toEqual([{ type: 'HangUpChannel', channelId: LEG1, wait: true }]);
    expect(d.callerLeft()).toEqual([
      { type: 'HangUpChannel', channelId: LEG1, wait: false },
      { type: 'TellAcd', event: { type: 'CallAbandoned', callId: CALL, at: T0 + 5500 } },
      { type: 'CloseCall', facts: d.facts },
    ]);
    expect(d.facts).toMatchObject({ agentId: null, agentAnsweredAt: null, endedBy: 'caller' });
    // The ACD withdraws the offer in turn: the call is over.
    expect(d.acd({ type: 'CancelOffer', agentId: '8003', reason: 'abandoned' })).toEqual([]);
  });
});

describe('call machine: the callback offer', () => {
  it('the caller hears place and wait with the callback offer, presses 1, the ACD keeps the place, and we hang up: no abandon', () => {
    const d = new CallMachineDriver().queueInGeneral({ from: '13800007777' });
    // Before the offer, 1 means nothing.
    expect(d.key('1')).toEqual([]);
    expect(d.advance(1000).acd({ type: 'AnnouncePosition', queueId: 'general', position: 1, estimatedWaitSeconds: 30, callbackOffered: true })).toEqual([
      { type: 'PlayPrompts', playbackId: `${CALL}-q1`, prompts: ['queue_position_is', 'num_1', 'queue_position_unit', 'queue_wait_under_minute', 'queue_callback_offer'], language: 'zh-CN', wait: true },
    ]);
    expect(d.advance(2000).key('1')).toEqual([{ type: 'TellAcd', event: { type: 'CallbackRequested', callId: CALL, number: '13800007777', at: T0 + 7000 } }]);
    expect(d.path.at(-1)).toEqual({ at: T0 + 7000, kind: 'key', key: '1', label: '排队中按键回电' });
    expect(d.advance(10).acd({ type: 'ConfirmCallback', queueId: 'general', position: 1 })).toEqual([
      { type: 'StopPrompts', playbackId: `${CALL}-q1`, wait: true },
      { type: 'PlayPrompts', playbackId: `${CALL}-q2`, prompts: ['callback_confirmed'], language: 'zh-CN', wait: true },
    ]);
    expect(d.path.at(-1)).toEqual({ at: T0 + 7010, kind: 'outcome', outcome: 'callback-requested', detail: '1' });
    // The stopped offer's end is not the confirmation's.
    expect(d.playbackFinished('played', `${CALL}-q1`)).toEqual([]);
    expect(d.advance(3000).playbackFinished('played', `${CALL}-q2`)).toEqual([{ type: 'HangUpCaller' }, { type: 'CloseCall', facts: d.facts }]);
    expect(d.phase).toBe('ended');
    // Our hang-up coming back as the caller's channel hanging up is no news: the ACD keeps the place.
    expect(d.callerHangsUp(16)).toEqual([]);
    expect(d.facts).toMatchObject({ endedBy: 'system', agentId: null, queue: 'general' });
    expect(d.told.map((e) => e.type)).toEqual(['CallQueued', 'CallbackRequested']);
  });

  it('the confirmation with nothing playing is simply played; announcements stop once a callback is confirmed', () => {
    const d = new CallMachineDriver().queueInGeneral({ from: '13800007778' });
    d.acd({ type: 'AnnouncePosition', queueId: 'general', position: 2, estimatedWaitSeconds: 90, callbackOffered: true });
    d.advance(5000).playbackFinished();
    d.key('1');
    expect(d.acd({ type: 'ConfirmCallback', queueId: 'general', position: 2 })).toEqual([
      { type: 'PlayPrompts', playbackId: `${CALL}-q2`, prompts: ['callback_confirmed'], language: 'zh-CN', wait: true },
    ]);
    expect(d.acd({ type: 'AnnouncePosition', queueId: 'general', position: 1, estimatedWaitSeconds: 30, callbackOffered: true })).toEqual([]);
  });

  it('a caller who asked for a callback and hangs up before the ACD confirmed it has abandoned', () => {
    const d = new CallMachineDriver().queueInGeneral({ from: '13800007779' });
    d.acd({ type: 'AnnouncePosition', queueId: 'general', position: 1, estimatedWaitSeconds: 30, callbackOffered: true });
    d.key('1');
    d.advance(100);
    expect(d.callerHangsUp()).toContainEqual({ type: 'TellAcd', event: { type: 'CallAbandoned', callId: CALL, at: T0 + 4100 } });
  });

  it('a confirmation that comes after the caller hung up is noted and nothing is played', () => {
    const d = new CallMachineDriver().queueInGeneral({ from: '13800007780' });
    d.acd({ type: 'AnnouncePosition', queueId: 'general', position: 1, estimatedWaitSeconds: 30, callbackOffered: true });
    d.key('1');
    d.callerHangupRequested(16);
    expect(d.acd({ type: 'ConfirmCallback', queueId: 'general', position: 1 })).toEqual([]);
    expect(d.outcomes.at(-1)).toBe('callback-requested:1');
    // Not confirmed while the caller was there: their leaving is an abandon.
    expect(d.callerLeft()).toContainEqual({ type: 'TellAcd', event: { type: 'CallAbandoned', callId: CALL, at: T0 + 4000 } });
  });

  it('a number that cannot be rung back is never offered the callback', () => {
    const d = new CallMachineDriver().queueInGeneral({ from: 'anonymous' });
    expect(d.acd({ type: 'AnnouncePosition', queueId: 'general', position: 1, estimatedWaitSeconds: 30, callbackOffered: true }).at(-1)).toMatchObject({
      type: 'PlayPrompts',
      prompts: ['queue_position_is', 'num_1', 'queue_position_unit', 'queue_wait_under_minute'],
    });
    expect(d.key('1')).toEqual([]);
  });
});

describe('call machine: overflow and refusal', () => {
  it('an elderly caller overflows to general: the channel is marked, the path says so, and the ticket keeps the elderly flag', () => {
    const d = new CallMachineDriver();
    d.call({ from: '13900000080', to: '12345' });
    d.advance(500).key('0');
    d.advance(2000).playbackFinished();
    expect(d.state.record.queue).toBe('elderly');
    expect(d.advance(3000).acd({ type: 'CallOverflowed', fromQueueId: 'elderly', toQueueId: 'general', reason: 'max_wait' })).toEqual([
      { type: 'MarkCall', name: 'HOTLINE_QUEUE', value: 'general' },
    ]);
    expect(d.path.at(-1)).toEqual({ at: T0 + 5500, kind: 'outcome', outcome: 'overflowed', detail: 'elderly→general' });
    // Another id's overflow (an attended transfer's) is not this call's.
    expect(d.acd({ type: 'CallOverflowed', callId: `${CALL}~transfer1`, fromQueueId: 'general', toQueueId: 'enterprise', reason: 'no_agents' })).toEqual([]);
    expect(d.offer('8003')).toContainEqual(expect.objectContaining({ type: 'NotifyAgent', event: expect.objectContaining({ call: expect.objectContaining({ queue: 'general' }) }) }));
    d.advance(2000).agentAnswers();
    d.advance(5000).callerHangsUp();
    expect(d.facts).toMatchObject({ queue: 'general', elderly: true, agentId: '8003', queuedAt: T0 + 2500 });
  });

  it('an overflow after the caller hung up is noted but not marked', () => {
    const d = new CallMachineDriver().queueInGeneral();
    d.callerHangupRequested();
    expect(d.acd({ type: 'CallOverflowed', fromQueueId: 'general', toQueueId: 'enterprise', reason: 'no_agents' })).toEqual([]);
    expect(d.outcomes.at(-1)).toBe('overflowed:general→enterprise');
  });

  it('the ACD refuses the call (queue full): the caller goes to the human fallback', () => {
    const d = new CallMachineDriver().queueInGeneral();
    expect(d.advance(10).acd({ type: 'RejectCall', queueId: 'general', reason: 'queue_full' })).toEqual([{ type: 'SendToHumanFallback' }]);
    expect(d.phase).toBe('fallback');
    expect(d.logs.at(-1)).toMatchObject({ level: 'warn', fields: { reason: 'queue_full' } });
    expect(d.path.at(-1)).toEqual({ at: T0 + 4010, kind: 'outcome', outcome: 'human-fallback' });
    // The old session told the ACD of the abandon even so (it had been queued).
    expect(d.advance(5000).callerHangsUp()).toEqual([{ type: 'TellAcd', event: { type: 'CallAbandoned', callId: CALL, at: T0 + 9010 } }, { type: 'CloseCall', facts: d.facts }]);
  });

  it('a refusal after the caller hung up sends nobody anywhere', () => {
    const d = new CallMachineDriver().queueInGeneral();
    d.callerHangupRequested();
    expect(d.acd({ type: 'RejectCall', queueId: 'general', reason: 'queue_full' })).toEqual([]);
    expect(d.phase).toBe('queued');
  });
});
