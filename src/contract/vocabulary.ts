// Every closed set of words the server sends and a page shows: ticket statuses, request types,
// agent states, roles, grades… as union types (the pages key their texts by these, so a word
// without a text does not compile) and as lists (the tests check each word has a text in both
// languages). The wire stays an open string where older rows or a newer server may hold other words.
import type { AdmissionMode } from '../domain/admission/admission-gate.js';
import type { RecordingRef } from '../domain/calls/call-facts.js';
import type { QaGrade } from '../domain/qa/qa-scoring.js';
import type { SatisfactionRating, WarningColour } from '../domain/tickets/ticket-warnings.js';

import { AGENT_STATES } from './api/agents.js';
import { AUDIT_RESULTS } from './api/audit.js';

export { AGENT_STATES, AUDIT_RESULTS };
export { ROLES, type Role } from '../domain/auth/roles.js';
export { REQUEST_TYPES, URGENCIES, type RequestType, type Urgency } from '../domain/tickets/request-types.js';
export { TICKET_STATUSES, type TicketStatus } from '../domain/tickets/ticket-status.js';
export type { AdmissionMode, QaGrade, SatisfactionRating, WarningColour };

/** A list that names every member of the union T, checked by the compiler: allOf<T>()([...]). */
const allOf =
  <T extends string>() =>
  <const A extends readonly T[]>(values: A & ([T] extends [A[number]] ? unknown : never)): A =>
    values;

export type AgentStateName = (typeof AGENT_STATES)[number];
export type AuditResult = (typeof AUDIT_RESULTS)[number];
export type RecordingKind = RecordingRef['kind'];

export const WARNING_COLOURS = allOf<WarningColour>()(['red', 'yellow', 'green']);
export const SATISFACTION_RATINGS = allOf<SatisfactionRating>()(['satisfied', 'basically-satisfied', 'dissatisfied']);
export const QA_GRADES = allOf<QaGrade>()(['excellent', 'good', 'pass', 'fail']);
export const RECORDING_KINDS = allOf<RecordingKind>()(['conversation', 'message']);
export const ADMISSION_MODES = allOf<AdmissionMode>()(['admit', 'shed']);

/** The pause reasons an agent chooses from. */
export const CHOSEN_PAUSE_REASONS = ['break', 'meal', 'training', 'meeting', 'toilet'] as const;
/** Pauses only the server itself sets (a ring-no-answer; the agent's line lost): an agent cannot fake one. */
export const SYSTEM_PAUSE_REASONS = ['no_answer', 'phone_lost'] as const;
export const PAUSE_REASONS = [...CHOSEN_PAUSE_REASONS, ...SYSTEM_PAUSE_REASONS] as const;
export type ChosenPauseReason = (typeof CHOSEN_PAUSE_REASONS)[number];
export type PauseReason = (typeof PAUSE_REASONS)[number];
