// A caller in the survey Asterisk runs when the server that let them in was killed: the restarted
// server takes the call on in its "survey in the dialplan" phase, so the survey's end still puts
// the rating and its path on the one ticket, with the conversation as the last save held it; what
// cannot be carried on is refused (the call is then closed as before).
import { describe, expect, it } from 'vitest';
import { compileFlowsToDialplan } from '../../../src/domain/ivr/dialplan-compiler.js';
import { factsOf } from '../../../src/domain/calls/call-step.js';
import { resumedInSurvey, SURVEY_KEPT, type SavedLiveCall } from '../../../src/domain/calls/resumed-call.js';
import type { IvrStep } from '../../../src/domain/calls/call-facts.js';
import { CALL, CallMachineDriver, T0 } from '../../helpers/call-machine-driver.js';
import { shippedFlowSet } from '../../helpers/shipped-flows.js';

const compiled = compileFlowsToDialplan(shippedFlowSet(), 'survey');

/** The calls row as the killed server last saved it. */
function savedRow(d: CallMachineDriver): SavedLiveCall {
  const facts = factsOf(d.state, d.now);
  const { call } = d.state;
  return { id: call.callId, channelId: call.channelId, callerNumber: call.callerNumber, callerName: call.callerName, dialedNumber: call.dialedNumber, startedAt: call.startedAt, answeredAt: facts.answeredAt, updatedAt: d.now, ivrPath: facts.ivrPath, progress: facts };
}

/** Talked with 8003 from T0+6000 until the agent hung up at T0+16000: the caller is in the compiled survey. */
function inSurvey(): CallMachineDriver {
  const d = new CallMachineDriver({ dialplanMenus: compiled }).queueInGeneral().connectAgent('8003');
  d.advance(10_000).agentHangsUp();
  expect(d.state.phase).toEqual({ kind: 'survey', where: 'dialplan' });
  return d;
}

/** The restarted server's session of the call, taken on `afterMs` after the last save. */
function restarted(d: CallMachineDriver, afterMs: number): CallMachineDriver {
  const resumed = resumedInSurvey(savedRow(d), d.now + afterMs);
  expect(resumed?.commands.map((command) => command.type)).toEqual(['Log']);
  const next = new CallMachineDriver({ dialplanMenus: compiled }).takeOver(resumed?.state ?? d.state);
  next.now = d.now + afterMs;
  return next;
}

const surveyPath = (at: number): IvrStep[] => [
  { at, kind: 'node', flow: 'survey', flowName: '满意度评价', node: 'ask' },
  { at: at + 1000, kind: 'key', key: '2' },
  { at: at + 3000, kind: 'outcome', outcome: 'hangup' },
];

describe('a caller kept in the compiled survey through a restart', () => {
  it('the survey’s end closes the call with the rating, its path and the conversation as saved', () => {
    const d = inSurvey();
    const before = factsOf(d.state, d.now);
    const next = restarted(d, 4000);
    expect(next.phase).toBe('survey');
    // The survey's own hang-up: the call closes at once, with no request to the PBX.
    const closing = next.advance(3000).feed({ type: 'SurveyEnded', channelId: CALL, path: surveyPath(d.now + 2000), variables: { satisfaction: 'basically-satisfied' }, at: next.now });
    expect(closing).toEqual([{ type: 'CloseCall', facts: next.facts }]);
    expect(next.facts).toMatchObject({ agentId: '8003', agentAnsweredAt: before.agentAnsweredAt, conversationEndedAt: T0 + 16_000, endedBy: 'agent', queue: 'general', satisfaction: 'basically-satisfied', recordings: before.recordings, endedAt: d.now + 7000 });
    expect(next.outcomes).toEqual(expect.arrayContaining(['answered:8003', SURVEY_KEPT]));
    expect(next.facts.ivrPath.slice(0, before.ivrPath.length)).toEqual(before.ivrPath);
    expect(next.facts.ivrPath.at(-1)).toMatchObject({ kind: 'outcome', outcome: 'hangup' });
    // The line's end after it changes nothing.
    expect(next.advance(5).feed({ type: 'DialplanLineGone', channelId: CALL, cause: 16, at: next.now })).toEqual([]);
  });

  it('a line found gone (its survey’s end unheard) closes the call without a rating', () => {
    const next = restarted(inSurvey(), 2000);
    expect(next.feed({ type: 'DialplanLineGone', channelId: CALL, cause: null, at: next.now })).toEqual([{ type: 'CloseCall', facts: next.facts }]);
    expect(next.facts).toMatchObject({ agentId: '8003', endedBy: 'agent', satisfaction: null, hangupCause: null });
  });

  it('a save made before the conversation’s end: the end is taken from Asterisk’s records', () => {
    const d = inSurvey();
    // What the killed server last saved: the conversation going on (its end not yet written).
    const talking = { ...savedRow(d), progress: { ...factsOf(d.state, d.now), conversationEndedAt: null, endedBy: 'unknown' } };
    const leg = d.state.record.agent?.legId ?? '';
    const records = [
      { at: T0 + 6000, kind: 'joined', who: 'caller', leg: d.state.call.channelId },
      { at: T0 + 6000, kind: 'joined', who: 'agent', leg },
      { at: T0 + 16_000, kind: 'left', who: 'agent', leg },
      { at: T0 + 16_010, kind: 'left', who: 'caller', leg: d.state.call.channelId },
    ] as const;
    expect(resumedInSurvey(talking, d.now + 1000)).toBeNull();
    expect(resumedInSurvey(talking, d.now + 1000, records)?.state.record).toMatchObject({ conversationEndedAt: T0 + 16_000, endedBy: 'agent' });
  });

  it('is refused when the save shows no ended conversation, no valid progress, or a callback', () => {
    const talking = new CallMachineDriver({ dialplanMenus: compiled }).queueInGeneral().connectAgent('8003');
    expect(resumedInSurvey(savedRow(talking), talking.now)).toBeNull();
    const d = inSurvey();
    expect(resumedInSurvey({ ...savedRow(d), progress: { queue: 'general' } }, d.now)).toBeNull();
    expect(resumedInSurvey({ ...savedRow(d), dialedNumber: 'callback' }, d.now)).toBeNull();
    expect(resumedInSurvey(savedRow(d), d.now)?.state.record.endedBy).toBe('agent');
  });
});
