// The handling unit's routes: its orders (list and one, in the unit's own view), its sign (签收) and
// its requests (退单 / 延期); and the supervisors' list of pending requests with their decision.
import type { FastifyInstance } from 'fastify';
import { DecisionBody, SignBody, TicketParams, UnitRequestBody, UnitRequestListQuery } from '../../contract/api/tickets.js';
import { TicketReply } from '../../contract/api/ticket-views.js';
import { PendingRequestListReply, UnitOrderListQuery, UnitOrderListReply, UnitOrderReply } from '../../contract/api/unit-orders.js';
import type { AuthUser } from '../../domain/auth/roles.js';
import type { TicketFilter } from '../../app/ports/ticket-search.js';
import { allow, userOf } from '../auth-guard.js';
import type { HttpErrorCode } from '../error-catalogue.js';
import { httpError } from '../http-error.js';
import { replies } from '../route-replies.js';
import type { TypeBoxProvider } from '../typebox-provider.js';
import { auditedAnswer, ticketLoader, type TicketRoutesDeps } from './ticket-routes.js';
import { ticketSummary } from './ticket-view.js';
import { unitOrder, unitOrderDetail, unitRequestView } from './unit-order-view.js';

const WRITE: readonly HttpErrorCode[] = ['REQUEST_INVALID', 'TICKET_NOT_FOUND', 'AUTH_FORBIDDEN', 'TICKET_VERSION_CONFLICT', 'TICKET_NOT_YOURS', 'TICKET_TRANSITION_INVALID'];
const ASK: readonly HttpErrorCode[] = [...WRITE, 'UNIT_REQUEST_PENDING', 'UNIT_EXTENSION_DAYS_INVALID', 'UNIT_EXTENSION_NO_DEADLINE'];
const DECIDE: readonly HttpErrorCode[] = [...WRITE, 'UNIT_REQUEST_NONE', 'UNIT_REDISPATCH_UNIT_REQUIRED', 'UNIT_REDISPATCH_SAME_UNIT', 'TICKET_UNIT_UNKNOWN'];

/** Whose orders a list shows: a unit user's own, always; an admin names the unit. */
function unitOfList(user: AuthUser, asked: string | undefined): string {
  const unit = user.unitId ?? asked;
  if (unit === undefined) throw httpError('UNIT_USER_REQUIRED');
  return unit;
}

export function unitRoutes(app: FastifyInstance, deps: TicketRoutesDeps): void {
  const api = app.withTypeProvider<TypeBoxProvider>();
  const answer = auditedAnswer(deps);
  const load = ticketLoader(deps.tickets);
  const knownUnit = (unit: string): void => {
    if (!deps.dispatchRules.unitsById.has(unit)) throw httpError('TICKET_UNIT_UNKNOWN', `No handling unit '${unit}'`);
  };
  const write = { params: TicketParams, tags: ['units'] };

  const list = { querystring: UnitOrderListQuery, tags: ['units'], response: replies({ 200: UnitOrderListReply }, ['REQUEST_INVALID', 'TICKET_CURSOR_INVALID', 'UNIT_USER_REQUIRED']) };
  api.get('/api/unit/orders', { config: allow('unit.orders'), schema: list }, async (request) => {
    const user = userOf(request);
    const unit = unitOfList(user, request.query.unit);
    const filter: TicketFilter = { unit, limit: request.query.limit ?? 50, ...(request.query.status ? { statuses: request.query.status } : {}), ...(request.query.cursor ? { cursor: request.query.cursor } : {}) };
    const page = await deps.tickets.list(filter);
    if (!page) throw httpError('TICKET_CURSOR_INVALID');
    return { orders: page.tickets.map((ticket) => unitOrder(ticket, unit)), nextCursor: page.nextCursor };
  });

  api.get('/api/unit/orders/:id', { config: allow('unit.orders'), schema: { params: TicketParams, tags: ['units'], response: replies({ 200: UnitOrderReply }, ['REQUEST_INVALID', 'TICKET_NOT_FOUND']) } }, async (request) => {
    const user = userOf(request);
    const ticket = await load(request.params.id, user);
    return { order: unitOrderDetail(ticket, user.unitId ?? null, await deps.tickets.events(ticket.id)) };
  });

  // 签收 on the web; a reminder call's sign reaches the same service method with { kind: 'phone' }.
  api.post('/api/tickets/:id/sign', { config: allow('ticket.sign'), schema: { ...write, body: SignBody, response: replies({ 200: TicketReply }, WRITE) } }, async (request) => {
    const user = userOf(request);
    const id = (await load(request.params.id, user)).id;
    return answer('signed', id, await deps.ticketService.units.sign(id, { kind: 'user', user }, request.body.version, request.body.note ?? null), user);
  });

  api.post('/api/tickets/:id/unit-request', { config: allow('ticket.unit-request'), schema: { ...write, body: UnitRequestBody, response: replies({ 200: TicketReply }, ASK) } }, async (request) => {
    const { version, kind, reason, days } = request.body;
    const user = userOf(request);
    const id = (await load(request.params.id, user)).id;
    return answer(`${kind}-request`, id, await deps.ticketService.units.ask(id, version, { kind, reason, ...(days === undefined ? {} : { days }) }, user), user);
  });

  api.post('/api/tickets/:id/unit-request/decision', { config: allow('ticket.decide'), schema: { ...write, body: DecisionBody, response: replies({ 200: TicketReply }, DECIDE) } }, async (request) => {
    const { version, decision, reason, mainUnit, assistingUnits } = request.body;
    [...(mainUnit === undefined ? [] : [mainUnit]), ...(assistingUnits ?? [])].forEach(knownUnit);
    const user = userOf(request);
    const id = (await load(request.params.id)).id;
    const chosen = { decision, reason, ...(mainUnit === undefined ? {} : { mainUnit }), ...(assistingUnits === undefined ? {} : { assistingUnits }) };
    return answer('unit-request-decision', id, await deps.ticketService.units.decide(id, version, chosen, user), user);
  });

  const pending = { querystring: UnitRequestListQuery, tags: ['units'], response: replies({ 200: PendingRequestListReply }, ['REQUEST_INVALID', 'TICKET_CURSOR_INVALID']) };
  api.get('/api/unit-requests', { config: allow('ticket.decide'), schema: pending }, async (request) => {
    const user = userOf(request);
    const page = await deps.tickets.list({ unitRequestState: 'pending', limit: request.query.limit ?? 50, ...(request.query.cursor ? { cursor: request.query.cursor } : {}) });
    if (!page) throw httpError('TICKET_CURSOR_INVALID');
    const requests = page.tickets.flatMap((ticket) => {
      const view = unitRequestView(ticket.unitRequest);
      return view ? [{ ticket: ticketSummary(ticket, user), request: view }] : [];
    });
    return { requests, nextCursor: page.nextCursor };
  });
}
