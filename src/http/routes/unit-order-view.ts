// How an order is shown to its handling unit: what it needs to handle it and its deadlines, never the
// call, the agent, the queue or the recordings; on a confidential order the caller's number masked and
// the name withheld (the unit reaches the citizen through the hotline then). And a request as shown.
import type { TicketEventRow, TicketRow } from '../../app/ports/ticket-records.js';
import type { UnitOrder, UnitOrderDetail } from '../../contract/api/unit-orders.js';
import type { UnitRequestView } from '../../contract/api/unit-request-view.js';
import type { TicketStatus } from '../../domain/tickets/ticket-status.js';
import { maskPhone } from '../../domain/privacy/mask-phone.js';
import type { UnitRequest } from '../../domain/tickets/unit-requests.js';
import { iso } from '../iso-time.js';

/** The hotline's people show as the hotline: a unit sees which unit did what, not which agent or supervisor. */
export const HOTLINE_ACTOR = '12345';

export function unitRequestView(request: UnitRequest | null): UnitRequestView | null {
  if (request === null) return null;
  return {
    kind: request.kind,
    state: request.state,
    unit: request.unit,
    reason: request.reason,
    requestedBy: request.requestedBy,
    requestedAt: iso(request.requestedAt),
    days: request.days ?? null,
    decidedBy: request.decidedBy ?? null,
    decidedAt: iso(request.decidedAt),
    decisionReason: request.decisionReason ?? null,
    redispatchedTo: request.redispatchedTo ?? null,
  };
}

export function unitOrder(ticket: TicketRow, unitId: string | null): UnitOrder {
  const request = unitRequestView(ticket.unitRequest);
  return {
    id: ticket.id,
    number: ticket.number,
    version: ticket.version,
    status: ticket.status as TicketStatus,
    standing: unitId === null || ticket.mainUnit === unitId ? 'main' : 'assisting',
    requestType: ticket.requestType,
    categoryCode: ticket.categoryCode,
    title: ticket.title,
    callerNumber: ticket.confidential ? maskPhone(ticket.callerNumber) : ticket.callerNumber,
    callerName: ticket.confidential ? null : ticket.callerName,
    confidential: ticket.confidential,
    elderly: ticket.elderly,
    urgency: ticket.urgency,
    mainUnit: ticket.mainUnit,
    assistingUnits: ticket.assistingUnits,
    warning: ticket.warning,
    createdAt: iso(ticket.createdAt),
    dispatchedAt: iso(ticket.dispatchedAt),
    signBy: iso(ticket.signBy),
    replyBy: iso(ticket.replyBy),
    followUpBy: iso(ticket.followUpBy),
    closeBy: iso(ticket.closeBy),
    firstResponseAt: iso(ticket.firstResponseAt),
    lastProgressAt: iso(ticket.lastProgressAt),
    handledAt: iso(ticket.handledAt),
    signedBy: ticket.signedVia === 'phone' ? maskPhone(ticket.signedBy ?? '') : ticket.signedBy,
    signedVia: ticket.signedVia,
    // Another unit's request (an assisting unit reading) is the main unit's business with the hotline.
    request: request !== null && (unitId === null || request.unit === unitId) ? request : null,
  };
}

/** The history without the hotline's internal records: an event shows its actor only when a unit made it. */
export function unitOrderDetail(ticket: TicketRow, unitId: string | null, events: readonly TicketEventRow[]): UnitOrderDetail {
  return {
    ...unitOrder(ticket, unitId),
    description: ticket.description,
    location: ticket.location,
    area: ticket.area,
    enterpriseName: ticket.enterpriseName,
    history: events
      .filter((event) => event.kind !== 'edited')
      .map((event) => ({
        at: iso(event.at),
        kind: event.kind,
        actor: typeof event.data?.byUnit === 'string' ? event.actor : HOTLINE_ACTOR,
        fromStatus: event.fromStatus,
        toStatus: event.toStatus,
        note: event.note,
      })),
  };
}
