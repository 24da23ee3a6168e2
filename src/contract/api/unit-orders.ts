// What a handling unit (承办单位) sees of its orders, and the requests (退单/延期) supervisors decide:
// no call, agent, queue or recording in a unit's view; the caller masked on a confidential order.
import { Type, type Static } from '@sinclair/typebox';
import { TICKET_STATUSES } from '../../domain/tickets/ticket-status.js';
import { TicketSummary } from './ticket-views.js';
import { UnitRequestView } from './unit-request-view.js';
import { IsoTime, literals, Nullable } from './schema-parts.js';

export const UnitOrder = Type.Object({
  id: Type.Integer(),
  number: Type.String(),
  version: Type.Integer(),
  status: literals(TICKET_STATUSES),
  // main: 主办; assisting: 协办 (reads, and adds progress notes only).
  standing: literals(['main', 'assisting'] as const),
  requestType: Nullable(Type.String()),
  categoryCode: Nullable(Type.String()),
  title: Nullable(Type.String()),
  callerNumber: Type.String({ description: 'Masked on a confidential order' }),
  callerName: Nullable(Type.String({ description: 'Null on a confidential order' })),
  confidential: Type.Boolean(),
  elderly: Type.Boolean(),
  urgency: Type.String(),
  mainUnit: Nullable(Type.String()),
  assistingUnits: Type.Array(Type.String()),
  warning: Nullable(Type.String({ description: 'red, yellow or green' })),
  createdAt: IsoTime,
  dispatchedAt: Nullable(IsoTime),
  signBy: Nullable(IsoTime),
  replyBy: Nullable(IsoTime),
  followUpBy: Nullable(IsoTime),
  closeBy: Nullable(IsoTime),
  firstResponseAt: Nullable(IsoTime),
  lastProgressAt: Nullable(IsoTime),
  handledAt: Nullable(IsoTime),
  signedBy: Nullable(Type.String()),
  signedVia: Nullable(Type.String({ description: 'web or phone' })),
  request: Nullable(UnitRequestView),
});
export type UnitOrder = Static<typeof UnitOrder>;

export const UnitOrderEvent = Type.Object({
  at: IsoTime,
  kind: Type.String(),
  actor: Type.String({ description: "A unit's own user, or 12345 for the hotline's people" }),
  fromStatus: Nullable(Type.String()),
  toStatus: Nullable(Type.String()),
  note: Nullable(Type.String()),
});

export const UnitOrderDetail = Type.Object({
  ...UnitOrder.properties,
  description: Nullable(Type.String()),
  location: Nullable(Type.String()),
  area: Nullable(Type.String()),
  enterpriseName: Nullable(Type.String()),
  history: Type.Array(UnitOrderEvent),
});
export type UnitOrderDetail = Static<typeof UnitOrderDetail>;

export const UnitOrderListQuery = Type.Object(
  {
    status: Type.Optional(Type.Array(literals(TICKET_STATUSES), { maxItems: 6 })),
    unit: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$', description: 'Admins only: whose orders (a unit user always sees its own)' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
    cursor: Type.Optional(Type.String({ maxLength: 64 })),
  },
  { additionalProperties: false },
);
export type UnitOrderListQuery = Static<typeof UnitOrderListQuery>;

export const UnitOrderListReply = Type.Object({ orders: Type.Array(UnitOrder), nextCursor: Nullable(Type.String()) });
export type UnitOrderListReply = Static<typeof UnitOrderListReply>;
export const UnitOrderReply = Type.Object({ order: UnitOrderDetail });
export type UnitOrderReply = Static<typeof UnitOrderReply>;

/** The supervisors' list: the order as they see it, with its pending request. */
export const PendingRequest = Type.Object({ ticket: TicketSummary, request: UnitRequestView });
export const PendingRequestListReply = Type.Object({ requests: Type.Array(PendingRequest), nextCursor: Nullable(Type.String()) });
export type PendingRequestListReply = Static<typeof PendingRequestListReply>;

