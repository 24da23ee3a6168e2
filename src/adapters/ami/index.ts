export { AmiClient, type AmiClientOptions, type AmiClientEvents, type AmiDisconnected } from './ami-client.js';
export { surveyCallEvent } from './ami-survey-events.js';
export { AmiError, type AmiErrorCode } from './ami-error.js';
export { fieldLines, fieldString, type AmiEvent, type AmiMessage, type AmiValue } from './ami-message.js';
export type { AmiListResult } from './in-flight-actions.js';
