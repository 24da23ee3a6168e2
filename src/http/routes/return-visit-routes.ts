// The return visits to make by hand (人工回访) over HTTP: the replied orders every automatic visit
// failed on, for the agents who work the list and the supervisors. The rating itself goes through
// POST /api/tickets/:id/satisfaction, after which the order leaves the list.
import type { FastifyInstance } from 'fastify';
import type { TicketRecords, TicketRow } from '../../app/ports/ticket-records.js';
import { ReturnVisitListQuery, ReturnVisitListReply, type ReturnVisitOrder } from '../../contract/api/return-visits.js';
import { permits, relationsToReturnVisits } from '../../domain/auth/permissions.js';
import { allow, userOf } from '../auth-guard.js';
import { httpError } from '../http-error.js';
import { iso } from '../iso-time.js';
import { replies } from '../route-replies.js';
import type { TypeBoxProvider } from '../typebox-provider.js';

export interface ReturnVisitRoutesDeps {
  readonly tickets: TicketRecords;
}

function visitOrder(ticket: TicketRow): ReturnVisitOrder {
  return {
    id: ticket.id,
    number: ticket.number,
    callerNumber: ticket.callerNumber,
    title: ticket.title,
    categoryCode: ticket.categoryCode,
    mainUnit: ticket.mainUnit,
    handledAt: iso(ticket.handledAt),
    manualVisitAt: iso(ticket.manualVisitAt),
    version: ticket.version,
  };
}

export function returnVisitRoutes(app: FastifyInstance, deps: ReturnVisitRoutesDeps): void {
  const api = app.withTypeProvider<TypeBoxProvider>();
  const schema = { querystring: ReturnVisitListQuery, tags: ['tickets'], response: replies({ 200: ReturnVisitListReply }, ['REQUEST_INVALID', 'AUTH_FORBIDDEN', 'TICKET_CURSOR_INVALID']) };
  api.get('/api/return-visits', { config: allow('ticket.return-visit-list'), schema }, async (request) => {
    // An agent passes the door as a role; only one with the return-visits duty works the list.
    if (!permits('ticket.return-visit-list', userOf(request), relationsToReturnVisits(userOf(request)))) throw httpError('AUTH_FORBIDDEN');
    const page = await deps.tickets.manualVisits(request.query.limit ?? 50, request.query.cursor);
    if (!page) throw httpError('TICKET_CURSOR_INVALID');
    return { orders: page.tickets.map(visitOrder), nextCursor: page.nextCursor };
  });
}
