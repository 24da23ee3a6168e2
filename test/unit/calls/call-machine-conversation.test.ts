// The call machine once an agent talks with the caller: hang-ups on either side, the survey after
// the agent leaves, the error boundary and a lost line mid-conversation, and three-way calls with a
// responsible unit that the agent may leave to the caller and the unit.
import { describe, expect, it } from 'vitest';
import { CALL, CallMachineDriver, T0 } from '../../helpers/call-machine-driver.js';

const LEG1 = `agentleg-1-${CALL}`;
const PARTY = `party-1-${CALL}`;
const SURVEY = { flow: 'survey', flowName: '满意度评价' } as const;

/** Queued at T0+4000, offered to 8003 at once, answered at T0+6000. */
const talking = (options: ConstructorParameters<typeof CallMachineDriver>[0] = {}): CallMachineDriver => new CallMachineDriver(options).queueInGeneral().connectAgent('8003');

describe('call machine: the conversation ends', () => {
  it('the caller hangs up: the ACD hears the call ended, the agent’s leg and the bridge are released, and the ticket has the talk time', () => {
    const d = talking();
    d.advance(10_000);
    expect(d.callerHangupRequested(16)).toEqual([]);
    expect(d.callerLeft()).toEqual([
      { type: 'TellAcd', event: { type: 'CallEnded', callId: CALL, at: T0 + 16_000 } },
      { type: 'HangUpChannel', channelId: LEG1, wait: false },
      { type: 'Disconnect', wait: false },
      { type: 'CloseCall', facts: d.facts },
    ]);
    expect(d.facts).toMatchObject({ endedBy: 'caller', hangupCause: 16, agentId: '8003', agentAnsweredAt: T0 + 6000, conversationEndedAt: T0 + 16_000, endedAt: T0 + 16_000 });
    // The agent's leg goes too, after the call is closed.
    expect(d.agentHangsUp(LEG1)).toEqual([]);
  });

  it('the agent hangs up: the bridge is taken down and the caller hears the survey; the rating lands on the ticket', () => {
    const d = talking();
    expect(d.advance(10_000).agentHangsUp()).toEqual([
      { type: 'TellAcd', event: { type: 'CallEnded', callId: CALL, at: T0 + 16_000 } },
      { type: 'Disconnect', wait: true },
      { type: 'PlayPrompts', playbackId: `${CALL}-s1`, prompts: ['survey_question'], language: 'zh-CN', wait: false },
    ]);
    expect(d.phase).toBe('survey');
    expect(d.advance(1000).key('2')).toEqual([
      { type: 'StopPrompts', playbackId: `${CALL}-s1`, wait: false },
      { type: 'PlayPrompts', playbackId: `${CALL}-s2`, prompts: ['survey_thanks'], language: 'zh-CN', wait: false },
    ]);
    // The system hangs up: the call closes with the decision (the ticket waits for nothing more).
    expect(d.advance(2000).playbackFinished()).toEqual([{ type: 'HangUpCaller' }, { type: 'CloseCall', facts: d.facts }]);
    expect(d.phase).toBe('ended');
    expect(d.advance(20).callerHangsUp(16)).toEqual([]);
    expect(d.facts).toMatchObject({
      endedBy: 'agent',
      hangupCause: 16,
      satisfaction: 'basically-satisfied',
      agentId: '8003',
      agentAnsweredAt: T0 + 6000,
      conversationEndedAt: T0 + 16_000,
      endedAt: T0 + 19_000,
      recordings: [{ name: `call-${CALL}`, kind: 'conversation', format: 'wav', startedAt: T0 + 6000 }],
    });
    expect(d.facts.ivrPath.slice(-7)).toEqual([
      { at: T0 + 16_000, kind: 'node', node: 'ask', ...SURVEY },
      { at: T0 + 17_000, kind: 'prompt', prompt: 'survey_question', outcome: 'interrupted' },
      { at: T0 + 17_000, kind: 'key', key: '2', label: '基本满意' },
      { at: T0 + 17_000, kind: 'node', node: 'basically-satisfied', ...SURVEY },
      { at: T0 + 17_000, kind: 'node', node: 'thanks', ...SURVEY },
      { at: T0 + 19_000, kind: 'prompt', prompt: 'survey_thanks', outcome: 'played' },
      { at: T0 + 19_000, kind: 'outcome', outcome: 'hangup' },
    ]);
    expect(d.told.map((e) => e.type)).toEqual(['CallQueued', 'AgentAnswered', 'CallEnded']);
  });

  it('a caller who says nothing in the survey hears the no-input prompt, then goodbye; no rating', () => {
    const d = talking();
    d.advance(5000).agentHangsUp();
    expect(d.advance(4000).playbackFinished()).toEqual([{ type: 'StartTimer', timerId: 'survey:t2', ms: 5000 }]);
    expect(d.advance(5000).timerFires()).toEqual([{ type: 'PlayPrompts', playbackId: `${CALL}-s2`, prompts: ['no_input', 'survey_question'], language: 'zh-CN', wait: false }]);
    d.advance(5000).playbackFinished();
    expect(d.advance(5000).timerFires()).toEqual([{ type: 'PlayPrompts', playbackId: `${CALL}-s3`, prompts: ['goodbye'], language: 'zh-CN', wait: false }]);
    expect(d.advance(1000).playbackFinished()).toEqual([{ type: 'HangUpCaller' }, { type: 'CloseCall', facts: d.facts }]);
    expect(d.facts).toMatchObject({ satisfaction: null, endedBy: 'agent' });
  });

  it('a caller who hangs up during the survey question: the question is cut off, the ticket is the agent’s end', () => {
    const d = talking();
    d.advance(5000).agentHangsUp();
    d.advance(1500);
    expect(d.callerHangsUp(16)).toEqual([{ type: 'CloseCall', facts: d.facts }]);
    expect(d.facts.ivrPath.at(-1)).toEqual({ at: T0 + 12_500, kind: 'prompt', prompt: 'survey_question', outcome: 'interrupted' });
    expect(d.facts).toMatchObject({ satisfaction: null, endedBy: 'agent', hangupCause: 16, conversationEndedAt: T0 + 11_000 });
  });

  it('with no survey configured, the caller is hung up by us when the agent leaves', () => {
    const d = talking({ afterCallFlow: null });
    expect(d.advance(5000).agentHangsUp()).toEqual([
      { type: 'TellAcd', event: { type: 'CallEnded', callId: CALL, at: T0 + 11_000 } },
      { type: 'Disconnect', wait: true },
      { type: 'HangUpCaller' },
      { type: 'CloseCall', facts: d.facts },
    ]);
    expect(d.phase).toBe('ended');
    expect(d.facts).toMatchObject({ endedBy: 'agent', conversationEndedAt: T0 + 11_000, endedAt: T0 + 11_000 });
  });

  it('the agent’s leg goes after the caller hung up but before the caller’s channel left: no survey, and the agent counts as ending it', () => {
    const d = talking();
    d.advance(5000).callerHangupRequested(16);
    expect(d.advance(10).agentHangsUp()).toEqual([
      { type: 'TellAcd', event: { type: 'CallEnded', callId: CALL, at: T0 + 11_010 } },
      { type: 'Disconnect', wait: true },
    ]);
    expect(d.phase).toBe('ending');
    expect(d.advance(10).callerLeft()).toEqual([{ type: 'CloseCall', facts: d.facts }]);
    expect(d.facts).toMatchObject({ endedBy: 'agent', conversationEndedAt: T0 + 11_010, endedAt: T0 + 11_020 });
  });

  it('a failed step mid-conversation releases the agent and the bridge and sends the caller to a human', () => {
    const d = talking();
    expect(d.advance(100).stepFailed('Connect')).toEqual([
      { type: 'TellAcd', event: { type: 'CallEnded', callId: CALL, at: T0 + 6100 } },
      { type: 'HangUpChannel', channelId: LEG1, wait: false },
      { type: 'Disconnect', wait: false },
      { type: 'SendToHumanFallback' },
    ]);
    expect(d.phase).toBe('fallback');
    // The agent's leg ending now is no news; the caller's end closes the call once, released already.
    expect(d.agentHangsUp(LEG1)).toEqual([]);
    expect(d.advance(5000).callerHangsUp()).toEqual([{ type: 'CloseCall', facts: d.facts }]);
    expect(d.facts).toMatchObject({ agentId: '8003', conversationEndedAt: T0 + 6100, endedBy: 'caller' });
    expect(d.outcomes.at(-1)).toBe('human-fallback');
  });

  it('a line lost mid-conversation releases the agent side and closes the call, ended by nobody known', () => {
    const d = talking();
    expect(d.advance(30_000).lineLost()).toEqual([
      { type: 'TellAcd', event: { type: 'CallEnded', callId: CALL, at: T0 + 36_000 } },
      { type: 'HangUpChannel', channelId: LEG1, wait: false },
      { type: 'Disconnect', wait: false },
      { type: 'CloseCall', facts: d.facts },
    ]);
    expect(d.facts).toMatchObject({ endedBy: 'unknown', agentId: '8003', conversationEndedAt: T0 + 36_000 });
  });

  it('what a restart would find saved: the path holds queued, offered and answered as the call moves on', () => {
    const d = new CallMachineDriver().queueInGeneral();
    expect(d.outcomes).toEqual(['queued:general']);
    d.offer('8003');
    expect(d.outcomes).toEqual(['queued:general', 'offered:8003']);
    d.advance(1000).agentAnswers();
    expect(d.outcomes).toEqual(['queued:general', 'offered:8003', 'answered:8003']);
    expect(d.state.record).toMatchObject({ queue: 'general', agent: { agentId: '8003', legId: LEG1, answeredAt: T0 + 5000 } });
  });

  it('the same leg’s answer twice (rebuilt at a resync, then Asterisk’s own): the agent talks on, nothing is hung up', () => {
    const d = new CallMachineDriver().queueInGeneral();
    d.offer('8003');
    d.advance(1000).agentAnswers();
    expect(d.advance(200).agentAnswers(LEG1)).toEqual([]);
    expect(d.phase).toBe('talking');
    expect(d.outcomes.filter((outcome) => outcome.startsWith('answered'))).toEqual(['answered:8003']);
  });
});

describe('call machine: three-way calls', () => {
  it('a unit is rung in and joins; the agent leaves and the caller talks on with the unit, recorded on the caller’s channel; the unit leaving ends the conversation', () => {
    const d = talking();
    expect(d.advance(1000).addParty('12319')).toEqual([
      { type: 'RouteChannel', channelId: PARTY },
      { type: 'DialParty', channelId: PARTY, number: '12319', ringTimeoutSeconds: 30 },
    ]);
    expect(d.advance(1000).partyAnswers()).toEqual([{ type: 'Join', channelId: PARTY }]);
    // The agent's recording ended with the agent's leg: the rest is recorded on the caller's channel.
    expect(d.advance(2000).agentHangsUp()).toEqual([
      { type: 'TellAcd', event: { type: 'CallEnded', callId: CALL, at: T0 + 10_000 } },
      { type: 'RecordConversation', name: `call-${CALL}-2`, legId: null },
    ]);
    expect(d.phase).toBe('three-way');
    // Nobody can hand on or add to a call whose agent has left.
    expect(d.transfer({ queue: 'elderly' })).toEqual([]);
    expect(d.addParty('12345')).toEqual([]);
    expect(d.advance(5000).partyLeaves()).toEqual([
      { type: 'Disconnect', wait: true },
      { type: 'PlayPrompts', playbackId: `${CALL}-s1`, prompts: ['survey_question'], language: 'zh-CN', wait: false },
    ]);
    expect(d.phase).toBe('survey');
    d.advance(1000).callerHangsUp();
    expect(d.outcomes).toEqual(['queued:general', 'offered:8003', 'answered:8003', 'three-way-dialing:12319', 'three-way-joined:12319', 'agent-left:8003', 'three-way-left:12319']);
    expect(d.facts).toMatchObject({ agentId: '8003', agentAnsweredAt: T0 + 6000, conversationEndedAt: T0 + 15_000, endedBy: 'agent' });
    expect(d.facts.recordings.map((recording) => [recording.name, recording.startedAt])).toEqual([[`call-${CALL}`, T0 + 6000], [`call-${CALL}-2`, T0 + 10_000]]);
  });

  it('the caller hangs up while talking with the unit: the unit and the agent’s leg are hung up, the ACD already knew', () => {
    const d = talking();
    d.advance(1000).addParty('12319');
    d.advance(1000).partyAnswers();
    d.advance(2000).agentHangsUp();
    expect(d.advance(2000).callerHangsUp()).toEqual([
      { type: 'HangUpChannel', channelId: PARTY, wait: false },
      { type: 'HangUpChannel', channelId: LEG1, wait: false },
      { type: 'Disconnect', wait: false },
      { type: 'CloseCall', facts: d.facts },
    ]);
    expect(d.facts).toMatchObject({ agentId: '8003', conversationEndedAt: T0 + 12_000, endedBy: 'caller' });
  });

  it('the agent hangs up while the unit still rings: the unit is hung up and the caller hears the survey', () => {
    const d = talking();
    d.advance(1000).addParty('12319');
    expect(d.advance(1000).agentHangsUp()).toEqual([
      { type: 'TellAcd', event: { type: 'CallEnded', callId: CALL, at: T0 + 8000 } },
      { type: 'HangUpChannel', channelId: PARTY, wait: false },
      { type: 'Disconnect', wait: true },
      { type: 'PlayPrompts', playbackId: `${CALL}-s1`, prompts: ['survey_question'], language: 'zh-CN', wait: false },
    ]);
    // The unit answering too late is hung up.
    expect(d.partyAnswers(PARTY)).toEqual([{ type: 'HangUpChannel', channelId: PARTY, wait: true }]);
  });

  it('a unit that cannot be dialed is noted; the conversation goes on', () => {
    const d = talking();
    d.advance(1000).addParty('12319');
    expect(d.partyDialFailed()).toEqual([]);
    expect(d.outcomes.slice(-2)).toEqual(['three-way-dialing:12319', 'three-way-failed:12319']);
    expect(d.phase).toBe('talking');
    expect(d.advance(1000).agentHangsUp().map((c) => c.type)).toEqual(['TellAcd', 'Disconnect', 'PlayPrompts']);
  });

  it('a unit that hangs up while the agent is still there leaves a two-party conversation', () => {
    const d = talking();
    d.advance(1000).addParty('12319');
    d.advance(1000).partyAnswers();
    expect(d.advance(1000).partyLeaves()).toEqual([]);
    expect(d.phase).toBe('talking');
    expect(d.outcomes.at(-1)).toBe('three-way-left:12319');
    expect(d.advance(1000).agentHangsUp().map((c) => c.type)).toEqual(['TellAcd', 'Disconnect', 'PlayPrompts']);
  });

  it('a unit is only rung into a live conversation; a line that answers without being ours is hung up', () => {
    const queued = new CallMachineDriver().queueInGeneral();
    expect(queued.addParty('12319')).toEqual([]);
    const down = talking();
    down.callerHangupRequested();
    expect(down.addParty('12319')).toEqual([]);
    const d = talking();
    expect(d.partyAnswers(`party-9-${CALL}`)).toEqual([{ type: 'HangUpChannel', channelId: `party-9-${CALL}`, wait: true }]);
  });
});
