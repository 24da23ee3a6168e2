// The return visits to make by hand (人工回访): what GET /api/return-visits takes and answers. Only
// orders that may be visited are listed (never confidential or declined ones), so the caller's
// number is shown as it is: the visitor dials it.
import { Type, type Static } from '@sinclair/typebox';
import { IsoTime, Nullable } from './schema-parts.js';

export const ReturnVisitListQuery = Type.Object(
  { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })), cursor: Type.Optional(Type.String({ maxLength: 64, description: 'nextCursor of the previous page' })) },
  { additionalProperties: false },
);
export type ReturnVisitListQuery = Static<typeof ReturnVisitListQuery>;

export const ReturnVisitOrder = Type.Object({
  id: Type.Integer(),
  number: Type.String({ description: 'YYYYMMDD-NNNNNN' }),
  callerNumber: Type.String({ description: 'The citizen to call back' }),
  title: Nullable(Type.String()),
  categoryCode: Nullable(Type.String()),
  mainUnit: Nullable(Type.String({ description: 'The unit that replied' })),
  handledAt: Nullable(IsoTime),
  // Since when it waits for a visit by hand (always set on this list; nullable as the column is).
  manualVisitAt: Nullable(IsoTime),
  version: Type.Integer({ description: 'Name it when recording the rating (POST /api/tickets/:id/satisfaction)' }),
});
export type ReturnVisitOrder = Static<typeof ReturnVisitOrder>;

export const ReturnVisitListReply = Type.Object({
  orders: Type.Array(ReturnVisitOrder, { description: 'Longest waiting first' }),
  nextCursor: Nullable(Type.String({ description: 'Pass as cursor for the next page' })),
});
export type ReturnVisitListReply = Static<typeof ReturnVisitListReply>;
