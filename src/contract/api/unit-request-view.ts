// A unit's 退单/延期 request as the API shows it: to the unit on its order, to supervisors on the ticket.
import { Type, type Static } from '@sinclair/typebox';
import { UNIT_REQUEST_KINDS, UNIT_REQUEST_STATES } from '../../domain/tickets/unit-requests.js';
import { IsoTime, literals, Nullable } from './schema-parts.js';

/** The order's latest request and, once made, the hotline's decision. */
export const UnitRequestView = Type.Object({
  kind: literals(UNIT_REQUEST_KINDS),
  state: literals(UNIT_REQUEST_STATES),
  unit: Type.String({ description: 'The unit that asked (the main unit then)' }),
  reason: Type.String(),
  requestedBy: Type.String(),
  requestedAt: IsoTime,
  days: Nullable(Type.Integer({ description: 'Extension: working days asked for' })),
  decidedBy: Nullable(Type.String()),
  decidedAt: Nullable(IsoTime),
  decisionReason: Nullable(Type.String()),
  redispatchedTo: Nullable(Type.String({ description: 'An approved return: the unit the order went to' })),
});
export type UnitRequestView = Static<typeof UnitRequestView>;
