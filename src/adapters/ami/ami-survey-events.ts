// What the AMI link tells the calls while Asterisk runs the compiled survey: the server does not
// watch the caller's channel then (an ARI subscription would bring it every step and variable of
// the survey), so the survey's end comes as the dialplan's user event, and the line's end as the
// channel's Hangup, both events the link reads anyway (manager.conf's eventfilter).
import type { CallEvent } from '../../domain/calls/call-events.js';
import { readSurveyEnd, SURVEY_ENDED_EVENT } from '../../domain/ivr/dialplan-survey.js';
import { fieldString, type AmiEvent } from './ami-message.js';

/** `Timestamp: 1796626190.846123` (manager.conf `timestampevents`), in ms; `now` without one. */
function eventTime(event: AmiEvent, now: number): number {
  const seconds = Number(fieldString(event.fields, 'timestamp'));
  return Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds * 1000) : now;
}

function causeOf(text: string | undefined): number | null {
  const cause = Number(text);
  return text !== undefined && text !== '' && Number.isInteger(cause) ? cause : null;
}

/** The call event an AMI event carries for the compiled survey, if any. */
export function surveyCallEvent(event: AmiEvent, now: number): CallEvent | undefined {
  const channelId = fieldString(event.fields, 'uniqueid');
  if (!channelId) return undefined;
  if (event.name === 'Hangup') return { type: 'DialplanLineGone', channelId, cause: causeOf(fieldString(event.fields, 'cause')), at: eventTime(event, now) };
  if (event.name !== 'UserEvent' || fieldString(event.fields, 'userevent') !== SURVEY_ENDED_EVENT) return undefined;
  const { path, variables } = readSurveyEnd(fieldString(event.fields, 'path') ?? '', fieldString(event.fields, 'vars') ?? '');
  // Only the hangup handler's event names a cause: the caller hung up.
  const cause = fieldString(event.fields, 'cause');
  return { type: 'SurveyEnded', channelId, path, variables, ...(cause === undefined ? {} : { hungUp: { cause: causeOf(cause) } }), at: eventTime(event, now) };
}
