import { describe, expect, it } from 'vitest';
import { surveyCallEvent } from '../../../src/adapters/ami/ami-survey-events.js';
import type { AmiEvent } from '../../../src/adapters/ami/ami-message.js';

// Fields as asterisk-manager gives them: keys in lower case, the user event's own headers among them.
const amiEvent = (name: string, fields: Record<string, string>): AmiEvent => ({ name, actionId: undefined, fields: { event: name, timestamp: '1764576005.250000', uniqueid: 'c1', channel: 'PJSIP/citizen-trunk-00000001', ...fields } });

describe('the compiled survey’s end over AMI', () => {
  const path = '1764576004000/n/survey/ask/%E6%BB%A1|1764576005000/k/1/%E6%BB%A1%E6%84%8F/|1764576005000/n/survey/satisfied/';

  it('reads the path and the variables the survey set, at Asterisk’s time stamp', () => {
    expect(surveyCallEvent(amiEvent('UserEvent', { userevent: 'HOTLINE_SURVEY_ENDED', path, vars: '|satisfaction=satisfied' }), 0)).toEqual({
      type: 'SurveyEnded',
      channelId: 'c1',
      path: [
        { at: 1764576004000, kind: 'node', flow: 'survey', node: 'ask', flowName: '满' },
        { at: 1764576005000, kind: 'key', key: '1', label: '满意' },
        { at: 1764576005000, kind: 'node', flow: 'survey', node: 'satisfied' },
      ],
      variables: { satisfaction: 'satisfied' },
      at: 1764576005250,
    });
  });

  it('takes the hangup handler’s cause as the caller’s hang-up', () => {
    expect(surveyCallEvent(amiEvent('UserEvent', { userevent: 'HOTLINE_SURVEY_ENDED', path, vars: '', cause: '16' }), 0)).toMatchObject({ type: 'SurveyEnded', hungUp: { cause: 16 } });
    expect(surveyCallEvent(amiEvent('UserEvent', { userevent: 'HOTLINE_SURVEY_ENDED', path, vars: '', cause: '' }), 0)).toMatchObject({ hungUp: { cause: null } });
  });

  it('gives a damaged path as null (the call still closes) and ignores other user events', () => {
    expect(surveyCallEvent(amiEvent('UserEvent', { userevent: 'HOTLINE_SURVEY_ENDED', path: '12/n/survey/ask/%E6%ZZ', vars: '' }), 0)).toMatchObject({ type: 'SurveyEnded', path: null, variables: {} });
    expect(surveyCallEvent(amiEvent('UserEvent', { userevent: 'HOTLINE_SURVEY_ENDED', path: 'not a step', vars: '|satisfaction=satisfied' }), 0)).toMatchObject({ type: 'SurveyEnded', path: null });
    expect(surveyCallEvent(amiEvent('UserEvent', { userevent: 'SOMETHING_ELSE', path: '' }), 0)).toBeUndefined();
  });

  it('reports every channel’s Hangup with its cause, and nothing else of the link', () => {
    expect(surveyCallEvent(amiEvent('Hangup', { cause: '17' }), 0)).toEqual({ type: 'DialplanLineGone', channelId: 'c1', cause: 17, at: 1764576005250 });
    expect(surveyCallEvent(amiEvent('Hangup', { timestamp: '' }), 99)).toEqual({ type: 'DialplanLineGone', channelId: 'c1', cause: null, at: 99 });
    expect(surveyCallEvent(amiEvent('Newchannel', {}), 0)).toBeUndefined();
    expect(surveyCallEvent({ name: 'Hangup', actionId: undefined, fields: { event: 'Hangup' } }, 0)).toBeUndefined();
  });
});
