// Work orders over HTTP: list with filters and pages, read one with its history and recordings,
// and the agent's and supervisor's actions on it. Every write names the version it read.
import type { FastifyInstance } from 'fastify';
import type { TSchema } from '@sinclair/typebox';
import type { AuditLog } from '../../app/ports/audit-log.js';
import type { RecordingRecords } from '../../app/ports/recording-records.js';
import type { TicketRecords, TicketRow } from '../../app/ports/ticket-records.js';
import { MIN_INDEXED_TEXT, SHORT_TEXT_RANGE_MS, type TicketFilter, type TicketSearch } from '../../app/ports/ticket-search.js';
import type { AuthUser } from '../../domain/auth/roles.js';
import type { TicketActionResult, TicketService } from '../../app/ticket-service.js';
import type { UnitActionResult } from '../../app/unit-orders.js';
import { permits, relationsToTicket } from '../../domain/auth/permissions.js';
import { DispatchSuggestionReply, UnitsReply } from '../../contract/api/dispatch.js';
import { DispatchBody, FeedbackBody, FilingBody, RatingBody, StatusBody, TicketListQuery, TicketParams } from '../../contract/api/tickets.js';
import { TicketDetailReply, TicketListReply, TicketReply } from '../../contract/api/ticket-views.js';
import type { DispatchRules } from '../../domain/tickets/dispatch-rules.js';
import { suggestUnits } from '../../domain/tickets/dispatch-suggestion.js';
import type { ResponsibilityList } from '../../domain/knowledge/responsibility-list.js';
import { allow, userOf } from '../auth-guard.js';
import { instantOf } from '../day-param.js';
import { HTTP_ERRORS, type HttpErrorCode } from '../error-catalogue.js';
import { httpError } from '../http-error.js';
import { replies } from '../route-replies.js';
import type { TypeBoxProvider } from '../typebox-provider.js';
import { ticketDetail, ticketSummary } from './ticket-view.js';
import type { ArticleTitles } from '../../app/ports/article-titles.js';

export interface TicketRoutesDeps {
  readonly tickets: TicketRecords & TicketSearch;
  readonly ticketService: TicketService;
  readonly recordings: RecordingRecords;
  readonly dispatchRules: DispatchRules;
  /** 职责清单: the dispatch suggestion cites the entry each unit follows. */
  readonly responsibilities: ResponsibilityList;
  readonly audit: AuditLog;
  readonly now: () => number;
  /** The used articles' titles for the order's view. */
  readonly articleTitles: ArticleTitles;
}

const TICKET = ['REQUEST_INVALID', 'TICKET_NOT_FOUND'] as const;
/** What a write may be refused with: the ticket service's codes (see the catalogue). */
const WRITE: readonly HttpErrorCode[] = [...TICKET, 'AUTH_FORBIDDEN', 'TICKET_VERSION_CONFLICT', 'TICKET_NOT_YOURS', 'TICKET_CLOSED'];
const TRANSITION: readonly HttpErrorCode[] = [...WRITE, 'TICKET_TRANSITION_INVALID', 'TICKET_TYPE_REQUIRED', 'TICKET_CATEGORY_REQUIRED', 'TICKET_UNIT_REQUIRED'];
const FILING: readonly HttpErrorCode[] = [...WRITE, 'TICKET_TYPE_UNKNOWN', 'TICKET_CATEGORY_UNKNOWN', 'TICKET_URGENCY_UNKNOWN', 'TICKET_CREDIT_CODE_INVALID'];
const write = <B extends TSchema>(body: B, refusals: readonly HttpErrorCode[]) => ({ params: TicketParams, body, tags: ['tickets'], response: replies({ 200: TicketReply }, refusals) });

export function ticketRoutes(app: FastifyInstance, deps: TicketRoutesDeps): void {
  ticketRouteHandlers(app, deps, auditedAnswer(deps));
}

/** Every change, and every refused one, goes to the audit log beside the ticket's own history. */
export function auditedAnswer(deps: Pick<TicketRoutesDeps, 'audit' | 'now'>): Answer {
  return async (action, ticketId, result, user) => {
    if (action !== 'signed') await deps.audit.write({
      at: deps.now(),
      actor: user.id,
      role: user.role,
      action: `ticket.${action}`,
      target: `ticket:${ticketId}`,
      result: result.ok ? 'ok' : 'denied',
      ...(result.ok ? { detail: { version: result.ticket.version, status: result.ticket.status } } : { detail: { code: result.code } }),
    });
    if (!result.ok) throw httpError(result.code, 'field' in result && result.field ? `${HTTP_ERRORS[result.code].message} (${result.field})` : undefined);
    return { ticket: ticketSummary(result.ticket, user) };
  };
}

/** Audits (except a sign: the service audits that, whatever its channel) and answers the ticket or the refusal. */
export type Answer = (action: string, ticketId: number, result: TicketActionResult | UnitActionResult, user: AuthUser) => Promise<TicketReply>;

/**
 * A ticket by id or number, as the user may know of it: a unit user knows only its own orders, and
 * any other is answered as absent, the same as one that does not exist.
 */
export function ticketLoader(tickets: TicketRecords): (id: string, user?: AuthUser) => Promise<TicketRow> {
  return async (id, user) => {
    const ticket = await (id.includes('-') ? tickets.getByNumber(id) : tickets.get(Number(id)));
    if (!ticket || (user?.role === 'unit' && !permits('unit.orders', user, relationsToTicket(ticket, user)))) throw httpError('TICKET_NOT_FOUND', `No ticket ${id}`);
    return ticket;
  };
}

export function toFilter(query: TicketListQuery): TicketFilter {
  const filter: Record<string, unknown> = {
    from: instantOf(query.from, false),
    to: instantOf(query.to, true),
    statuses: query.status,
    requestType: query.type,
    category: query.category,
    agentId: query.agent,
    callerNumber: query.caller,
    queue: query.queue,
    warning: query.warning,
    text: query.q,
    cursor: query.cursor,
    limit: query.limit ?? 50,
  };
  for (const key of Object.keys(filter)) if (filter[key] === undefined) delete filter[key];
  return filter as unknown as TicketFilter;
}

function ticketRouteHandlers(app: FastifyInstance, deps: TicketRoutesDeps, answer: Answer): void {
  const api = app.withTypeProvider<TypeBoxProvider>();
  // Only the feedback route lets unit users in: it passes the user; the others need not.
  const load = ticketLoader(deps.tickets);
  const knownUnit = (unit: string): void => {
    if (!deps.dispatchRules.unitsById.has(unit)) throw httpError('TICKET_UNIT_UNKNOWN', `No handling unit '${unit}'`);
  };

  const list = { querystring: TicketListQuery, tags: ['tickets'], response: replies({ 200: TicketListReply }, ['REQUEST_INVALID', 'TICKET_TEXT_TOO_SHORT', 'TICKET_CURSOR_INVALID']) };
  api.get('/api/tickets', { config: allow('ticket.read'), schema: list }, async (request) => {
    const user = userOf(request);
    const filter = toFilter(request.query);
    if (filter.text !== undefined && [...filter.text].length < MIN_INDEXED_TEXT) {
      const span = (filter.to ?? deps.now()) - (filter.from ?? 0);
      if (filter.from === undefined || span > SHORT_TEXT_RANGE_MS) {
        throw httpError('TICKET_TEXT_TOO_SHORT', 'A search of one character needs a time range (from/to) of at most 31 days');
      }
    }
    const page = await deps.tickets.list(filter);
    if (!page) throw httpError('TICKET_CURSOR_INVALID');
    return { tickets: page.tickets.map((ticket) => ticketSummary(ticket, user)), nextCursor: page.nextCursor };
  });

  api.get('/api/tickets/:id', { config: allow('ticket.read'), schema: { params: TicketParams, tags: ['tickets'], response: replies({ 200: TicketDetailReply }, TICKET) } }, async (request) => {
    const ticket = await load(request.params.id);
    const [events, recordings, titles] = await Promise.all([deps.tickets.events(ticket.id), deps.recordings.ofCall(ticket.callId), deps.articleTitles.titlesOf(ticket.articlesUsed)]);
    return { ticket: ticketDetail(ticket, userOf(request), events, recordings, titles) };
  });

  api.patch('/api/tickets/:id', { config: allow('ticket.file'), schema: write(FilingBody, FILING) }, async (request) => {
    const { version, ...filing } = request.body;
    const user = userOf(request);
    const id = (await load(request.params.id)).id;
    return answer('file', id, await deps.ticketService.file(id, version, filing, user), user);
  });

  api.post('/api/tickets/:id/status', { config: allow('ticket.status'), schema: write(StatusBody, TRANSITION) }, async (request) => {
    const { version, to, note } = request.body;
    const user = userOf(request);
    const id = (await load(request.params.id)).id;
    return answer('status', id, await deps.ticketService.transition(id, version, to, note ?? null, user), user);
  });

  api.post('/api/tickets/:id/dispatch', { config: allow('ticket.dispatch'), schema: write(DispatchBody, [...TRANSITION, 'TICKET_UNIT_UNKNOWN']) }, async (request) => {
    const body = request.body;
    const assisting = (body.assistingUnits ?? []).filter((unit) => unit !== body.mainUnit);
    [body.mainUnit, ...assisting].forEach(knownUnit);
    const user = userOf(request);
    const id = (await load(request.params.id)).id;
    return answer('dispatch', id, await deps.ticketService.dispatch(id, body.version, { main: body.mainUnit, assisting }, body.note ?? null, user), user);
  });

  // What the handling unit reports, entered by a supervisor or sent by the unit's system with an admin token.
  api.post('/api/tickets/:id/feedback', { config: allow('ticket.feedback'), schema: write(FeedbackBody, TRANSITION) }, async (request) => {
    const body = request.body;
    const user = userOf(request);
    const id = (await load(request.params.id, user)).id;
    return answer('feedback', id, await deps.ticketService.feedback(id, body.version, body.kind, body.note ?? null, user), user);
  });

  api.post('/api/tickets/:id/satisfaction', { config: allow('ticket.rate'), schema: write(RatingBody, TRANSITION) }, async (request) => {
    const body = request.body;
    const user = userOf(request);
    const id = (await load(request.params.id)).id;
    return answer('satisfaction', id, await deps.ticketService.rate(id, body.version, body.rating, body.note ?? null, user), user);
  });

  const suggestion = { params: TicketParams, tags: ['tickets'], response: replies({ 200: DispatchSuggestionReply }, TICKET) };
  api.get('/api/tickets/:id/dispatch-suggestion', { config: allow('ticket.read'), schema: suggestion }, async (request) => {
    const ticket = await load(request.params.id);
    const text = [ticket.title, ticket.description, ticket.location].filter((part) => part !== null).join(' ');
    const past = ticket.categoryCode === null ? [] : await deps.tickets.pastOrders(ticket.categoryCode, 500);
    return { suggestion: suggestUnits(deps.dispatchRules, { text, categoryCode: ticket.categoryCode, area: ticket.area }, past, { responsibilities: deps.responsibilities }) };
  });

  // A unit's contact (联络员) and number are for the people who chase unsigned orders: supervisors and admins.
  api.get('/api/units', { config: allow('ticket.read'), schema: { tags: ['tickets'], response: replies({ 200: UnitsReply }) } }, async (request) => {
    const role = userOf(request).role;
    if (role === 'supervisor' || role === 'admin') return { units: deps.dispatchRules.units };
    return { units: deps.dispatchRules.units.map(({ contact: _contact, ...unit }) => unit) };
  });
}
