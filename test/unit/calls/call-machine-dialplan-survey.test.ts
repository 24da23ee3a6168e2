// The call machine with the survey compiled into the dialplan: after the agent hangs up the caller
// is let into the survey's context (the server listens on), the channel's leaving the application
// is not the call's end, and the survey's end event puts its path and rating on the ticket when the
// line's end closes the call. A survey that cannot be handed over runs on the engine.
import { describe, expect, it } from 'vitest';
import { compileFlowsToDialplan } from '../../../src/domain/ivr/dialplan-compiler.js';
import { surveyArrivalContext } from '../../../src/domain/ivr/dialplan-survey.js';
import type { IvrStep } from '../../../src/domain/calls/call-facts.js';
import { CALL, CallMachineDriver, T0 } from '../../helpers/call-machine-driver.js';
import { shippedFlowSet } from '../../helpers/shipped-flows.js';

const compiled = compileFlowsToDialplan(shippedFlowSet(), 'survey');
const SURVEY = { flow: 'survey', flowName: '满意度评价' } as const;
const LEG1 = `agentleg-1-${CALL}`;

/** Talking with 8003 from T0+6000; the agent hangs up at T0+16000. */
function surveyed(): CallMachineDriver {
  const d = new CallMachineDriver({ dialplanMenus: compiled }).queueInGeneral().connectAgent('8003');
  d.advance(10_000).agentHangsUp();
  return d;
}

/**
 * What the compiled survey reports for a caller who pressed 2 a second into the question: the
 * path the engine's own survey takes at the same moments (the pbx differential test holds the two equal).
 */
function ratedTwoByEngine(): IvrStep[] {
  const d = new CallMachineDriver().queueInGeneral().connectAgent('8003');
  d.advance(10_000).agentHangsUp();
  d.advance(1000).key('2');
  d.advance(2000).playbackFinished();
  const path = d.facts.ivrPath;
  return path.slice(path.findIndex((step) => step.kind === 'node' && step.flow === 'survey'));
}
const ratedTwo = ratedTwoByEngine();

describe('call machine: the survey compiled into the dialplan', () => {
  it('lets the caller into the survey once the conversation is taken down, with the facts the dialplan reads', () => {
    const d = new CallMachineDriver({ dialplanMenus: compiled }).queueInGeneral().connectAgent('8003');
    expect(d.advance(10_000).agentHangsUp()).toEqual([
      { type: 'TellAcd', event: { type: 'CallEnded', callId: CALL, at: T0 + 16_000 } },
      { type: 'Disconnect', wait: true },
      { type: 'ContinueIntoSurvey', entry: { context: surveyArrivalContext(compiled.version), extension: compiled.survey, language: 'zh-CN', facts: ['dialed:12345', 'open:enterprise-desk', 'change:enterprise-desk@99999999999'], path: '' } },
    ]);
    expect(d.phase).toBe('survey');
  });

  it('the channel leaving the application does not end the call; the survey’s own hang-up closes it at once with the rating and path', () => {
    const d = surveyed();
    expect(d.advance(100).callerLeft()).toEqual([]);
    expect(d.phase).toBe('survey');
    // Keys reach the server too (it is subscribed to the channel): the dialplan answers them, not the engine.
    expect(d.advance(900).key('2')).toEqual([]);
    // Sent right before the dialplan's Hangup(): the ticket does not wait for the line's end (no hang-up asked of the PBX either).
    expect(d.advance(2000).feed({ type: 'SurveyEnded', channelId: CALL, path: ratedTwo, variables: { satisfaction: 'basically-satisfied' }, at: d.now })).toEqual([{ type: 'CloseCall', facts: d.facts }]);
    expect(d.phase).toBe('ended');
    expect(d.advance(5).feed({ type: 'ChannelGone', channelId: CALL, cause: 16, at: d.now })).toEqual([]);
    expect(d.facts).toMatchObject({ endedBy: 'agent', hangupCause: 16, satisfaction: 'basically-satisfied', agentId: '8003', conversationEndedAt: T0 + 16_000, endedAt: T0 + 19_000 });
    expect(ratedTwo.map((step) => step.kind)).toEqual(['node', 'prompt', 'key', 'node', 'node', 'prompt', 'outcome']);
    expect(d.facts.ivrPath.slice(-7)).toEqual(ratedTwo);
  });

  it('a caller who hangs up in the survey: the handler’s end closes the call, with the cut-off question on the path, no rating, the caller’s cause', () => {
    const d = surveyed();
    d.advance(100).callerLeft();
    const cut: IvrStep[] = [
      { at: T0 + 16_100, kind: 'node', node: 'ask', ...SURVEY },
      { at: T0 + 17_500, kind: 'prompt', prompt: 'survey_question', outcome: 'interrupted' },
    ];
    // The server does not watch the channel in the survey: the handler's event is the line's end too.
    expect(d.advance(1400).feed({ type: 'SurveyEnded', channelId: CALL, path: cut, variables: {}, hungUp: { cause: 16 }, at: d.now })).toEqual([{ type: 'CloseCall', facts: d.facts }]);
    expect(d.facts).toMatchObject({ endedBy: 'agent', hangupCause: 16, satisfaction: null });
    expect(d.facts.ivrPath.slice(-2)).toEqual(cut);
    // AMI's Hangup of the same line, after it, changes nothing.
    expect(d.feed({ type: 'DialplanLineGone', channelId: CALL, cause: 16, at: d.now })).toEqual([]);
  });

  it('a line that ends before the survey’s handler is in place closes the call at AMI’s Hangup, without survey steps', () => {
    const d = surveyed();
    d.advance(100).callerLeft();
    expect(d.advance(50).feed({ type: 'DialplanLineGone', channelId: CALL, cause: 16, at: d.now })).toEqual([{ type: 'CloseCall', facts: d.facts }]);
    expect(d.facts).toMatchObject({ hangupCause: 16, satisfaction: null });
    expect(d.facts.ivrPath.some((step) => step.kind === 'node' && step.flow === 'survey')).toBe(false);
  });

  it('a line found gone at a resync (its survey’s end lost with the AMI link) closes the call, still ended by the agent', () => {
    const d = surveyed();
    d.advance(100).callerLeft();
    expect(d.advance(5000).lineLost()).toEqual([{ type: 'CloseCall', facts: d.facts }]);
    expect(d.facts).toMatchObject({ endedBy: 'agent', hangupCause: null, satisfaction: null, agentId: '8003', conversationEndedAt: T0 + 16_000 });
  });

  it('an AMI Hangup outside the compiled survey is not the call’s business (ARI reports those lines)', () => {
    const d = surveyed();
    expect(d.feed({ type: 'SurveyNotHandedOver' })).toHaveLength(1);
    expect(d.feed({ type: 'DialplanLineGone', channelId: CALL, cause: 16, at: d.now })).toEqual([]);
  });

  it('an unreadable end event still closes the call at the line’s end, without survey steps, and says so', () => {
    const d = surveyed();
    d.advance(100).callerLeft();
    d.advance(3000).feed({ type: 'SurveyEnded', channelId: CALL, path: null, variables: {}, at: d.now });
    expect(d.feed({ type: 'ChannelGone', channelId: CALL, cause: 16, at: d.now })).toEqual([{ type: 'CloseCall', facts: d.facts }]);
    expect(d.facts.ivrPath.some((step) => step.kind === 'node' && step.flow === 'survey')).toBe(false);
    expect(d.logs.some((log) => log.level === 'warn')).toBe(true);
  });

  it('a survey the dialplan could not take is run by the engine', () => {
    const d = surveyed();
    expect(d.feed({ type: 'SurveyNotHandedOver' })).toEqual([{ type: 'PlayPrompts', playbackId: `${CALL}-s1`, prompts: ['survey_question'], language: 'zh-CN', wait: false }]);
    expect(d.advance(1000).key('1')).toEqual([
      { type: 'StopPrompts', playbackId: `${CALL}-s1`, wait: false },
      { type: 'PlayPrompts', playbackId: `${CALL}-s2`, prompts: ['survey_thanks'], language: 'zh-CN', wait: false },
    ]);
    expect(d.advance(2000).playbackFinished()).toEqual([{ type: 'HangUpCaller' }, { type: 'CloseCall', facts: d.facts }]);
    expect(d.facts).toMatchObject({ satisfaction: 'satisfied', endedBy: 'agent' });
  });

  it('without a compiled survey (a node needs the server), the engine runs it', () => {
    const flows = shippedFlowSet();
    const survey = flows.flows.get('survey')!;
    const withQueue = { ...flows, flows: new Map([...flows.flows, ['survey', { ...survey, nodes: { ...survey.nodes, bye: { type: 'queue', queue: 'general' } } }]]) } as typeof flows;
    const notCompiled = compileFlowsToDialplan(withQueue, 'survey');
    expect(notCompiled.survey).toBeNull();
    const d = new CallMachineDriver({ dialplanMenus: notCompiled }).queueInGeneral().connectAgent('8003');
    expect(d.advance(10_000).agentHangsUp().at(-1)).toEqual({ type: 'PlayPrompts', playbackId: `${CALL}-s1`, prompts: ['survey_question'], language: 'zh-CN', wait: false });
    expect(d.agentHangsUp(LEG1)).toEqual([]);
  });
});
