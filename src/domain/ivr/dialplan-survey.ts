// The survey (the flow played after the agent hangs up) compiled into the dialplan: the names of
// its arrival context (which the compiler writes beside the menus') and of its hangup handler, the
// handler itself, and the event that tells the server how it went. Unlike the menus, the survey
// never hands the call back: it ends with the line. The server keeps the call but does not watch
// the channel while Asterisk runs the survey: a subscription would bring it every step and variable
// of the survey, one message each in Asterisk's queue for the application. The path and the
// variables the survey set come in one user event, which the server reads on its AMI link: sent by
// a hangup node right before its Hangup(), so the server closes the call while Asterisk hangs up, as
// it does when its own engine ends a call; or by the hangup handler when the caller hangs up first,
// then with the hang-up cause. Pure: version in, extensions.conf text out.
import type { Extension } from './dialplan-extension.js';
import type { IvrStep } from '../calls/call-facts.js';
import { CUT_PLAY, interruptedPlays } from './dialplan-marks.js';
import { decodePath } from './dialplan-path.js';

/** The user event of the survey's end: `path` (dialplan-path.ts) and `vars` (`|name=value`, encoded). */
export const SURVEY_ENDED_EVENT = 'HOTLINE_SURVEY_ENDED';

/** The event itself: the path and the variables as they stand. */
export const SURVEY_ENDED = `UserEvent(${SURVEY_ENDED_EVENT},path: \${HOTLINE_IVR_PATH},vars: \${HOTLINE_IVR_VARS})`;
/**
 * The same from the hangup handler, with the line's hang-up cause: the caller hung up, and this event
 * is all the server hears of it (it does not watch the channel while Asterisk runs the survey).
 */
export const SURVEY_ENDED_BY_HANGUP = `UserEvent(${SURVEY_ENDED_EVENT},path: \${HOTLINE_IVR_PATH},vars: \${HOTLINE_IVR_VARS},cause: \${HANGUPCAUSE})`;

/** Where the server continues a caller into the survey (the extension names the first node's context). */
export const surveyArrivalContext = (version: string): string => `ivr-${version}-survey`;
/** The survey's hangup handler (pushed by its arrival, which the compiler writes beside the menus'). */
export const surveyEndContext = (version: string): string => `ivr-${version}-survey-end`;

/** The handler: a prompt cut off by the hang-up goes on the path as interrupted, then the one event. */
function surveyEnd(plays: readonly (readonly string[])[]): Extension[] {
  return [
    {
      name: 's',
      lines: [CUT_PLAY, { label: 'end', app: SURVEY_ENDED_BY_HANGUP }, 'Return()'],
    },
    ...interruptedPlays(plays, 'end'),
  ];
}

/** The survey's own contexts of a version beside its arrival (the handler), by name. */
export function surveyContexts(version: string, plays: readonly (readonly string[])[]): [string, Extension[]][] {
  return [[surveyEndContext(version), surveyEnd(plays)]];
}

/** The event's words read: the path and the variables; what cannot be read is dropped (the machine says so), the call still closes. */
export function readSurveyEnd(pathText: string, varsText: string): { path: IvrStep[] | null; variables: Record<string, string> } {
  let path: IvrStep[] | null = null;
  let variables: Record<string, string> = {};
  try {
    path = decodePath(pathText);
    variables = decodeSurveyVariables(varsText);
  } catch {
    // Keeps whatever was read before the damage: a path without variables, or nothing.
  }
  return { path, variables };
}

/** The variables the survey set, from the event's `vars` (`|name=value|…`); a later value wins, as in the engine. */
export function decodeSurveyVariables(text: string): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const pair of text.split('|')) {
    const at = pair.indexOf('=');
    if (at <= 0) continue;
    variables[decodeURIComponent(pair.slice(0, at))] = decodeURIComponent(pair.slice(at + 1));
  }
  return variables;
}
