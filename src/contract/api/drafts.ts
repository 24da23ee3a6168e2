// The work order typed during a call (the call's draft): what PUT /api/calls/:id/draft takes and
// what it and GET answer. The same limits as filing on the ticket; text may be empty and the credit
// code half typed, because the agent is still typing (the ticket takes only a valid code).
import { Type, type Static } from '@sinclair/typebox';
import { REQUEST_TYPES, URGENCIES } from '../../domain/tickets/request-types.js';
import { CallId, IsoTime, literals, Nullable } from './schema-parts.js';
import { WORK_ORDER_FIELDS } from './tickets.js';

const DraftFields = {
  ...WORK_ORDER_FIELDS,
  enterpriseName: Type.Optional(Type.String({ maxLength: 200 })),
  enterpriseCreditCode: Type.Optional(Type.String({ pattern: '^[0-9A-Z]{0,18}$' })),
};

/** The whole form as it is now (a field left out is empty); `submit` marks it filed at hang-up. */
export const DraftBody = Type.Object(
  { ...DraftFields, submit: Type.Optional(Type.Boolean({ description: 'The agent is done: the ticket written at hang-up is filed with these fields' })) },
  { additionalProperties: false },
);
export type DraftBody = Static<typeof DraftBody>;

export const CallDraftView = Type.Object({
  callId: CallId,
  requestType: Nullable(literals(REQUEST_TYPES)),
  categoryCode: Nullable(Type.String()),
  title: Type.String(),
  description: Type.String(),
  location: Type.String(),
  area: Type.String(),
  urgency: Nullable(literals(URGENCIES)),
  confidential: Type.Boolean(),
  returnVisitDeclined: Type.Boolean(),
  callerName: Type.String(),
  enterpriseName: Type.String(),
  enterpriseCreditCode: Type.String(),
  articlesUsed: Type.Array(Type.Object({ id: Type.Integer(), version: Type.Integer() })),
  writtenBy: Type.String(),
  submittedAt: Nullable(IsoTime),
  updatedAt: IsoTime,
});
export type CallDraftView = Static<typeof CallDraftView>;

/** null: nothing saved for the call yet. */
export const DraftReply = Type.Object({ draft: Nullable(CallDraftView) });
export type DraftReply = Static<typeof DraftReply>;
