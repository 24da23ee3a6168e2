// Work orders over HTTP: list with filters and pages, read one with its history and recordings,
// and the agent's and supervisor's actions on it. Every write names the version it read.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { AuditStore } from '../../adapters/db/audit-store.js';
import type { RecordingStore } from '../../adapters/db/recording-store.js';
import type { AuthUser } from '../../domain/auth/roles.js';
import type { TicketRow, TicketStore } from '../../adapters/db/ticket-store.js';
import { MIN_INDEXED_TEXT, SHORT_TEXT_RANGE_MS, type TicketFilter } from '../../adapters/db/ticket-query.js';
import type { TicketActionResult, TicketService } from '../../app/ticket-service.js';
import type { DispatchRules } from '../../domain/tickets/dispatch-rules.js';
import { suggestUnits } from '../../domain/tickets/dispatch-suggestion.js';
import { REQUEST_TYPES, URGENCIES } from '../../domain/tickets/request-types.js';
import { TICKET_STATUSES, type TicketStatus } from '../../domain/tickets/ticket-status.js';
import { userOf } from '../auth-guard.js';
import { HttpError } from '../http-error.js';
import { dayStart } from '../day-param.js';
import { ticketDetail, ticketSummary } from './ticket-view.js';

export interface TicketRoutesDeps {
  readonly tickets: TicketStore;
  readonly ticketService: TicketService;
  readonly recordings: RecordingStore;
  readonly dispatchRules: DispatchRules;
  readonly audit: AuditStore;
  readonly now: () => number;
}

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const Instant = Type.String({ format: 'date-time' });
const Text = (max: number) => Type.String({ maxLength: max });
const UnitId = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });
const Note = Type.Optional(Type.Union([Text(2000), Type.Null()]));
const Version = Type.Integer({ minimum: 1 });

const ListQuery = Type.Object(
  {
    from: Type.Optional(Type.Union([Day, Instant])),
    to: Type.Optional(Type.Union([Day, Instant])),
    status: Type.Optional(Type.Array(literals(TICKET_STATUSES), { maxItems: 6 })),
    type: Type.Optional(literals(REQUEST_TYPES)),
    category: Type.Optional(Type.String({ pattern: '^(\\d{2}|\\d{4})$' })),
    agent: Type.Optional(UnitId),
    caller: Type.Optional(Type.String({ pattern: '^\\+?[0-9]{3,20}$' })),
    queue: Type.Optional(UnitId),
    warning: Type.Optional(literals(['red', 'yellow', 'green'] as const)),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
    cursor: Type.Optional(Type.String({ maxLength: 64 })),
  },
  { additionalProperties: false },
);
const TicketParams = Type.Object({ id: Type.String({ pattern: '^(\\d{1,15}|\\d{8}-\\d{6})$' }) });
const FilingBody = Type.Object(
  {
    version: Version,
    requestType: Type.Optional(literals(REQUEST_TYPES)),
    categoryCode: Type.Optional(Type.String({ pattern: '^\\d{4}$' })),
    title: Type.Optional(Text(200)),
    description: Type.Optional(Text(5000)),
    location: Type.Optional(Text(500)),
    area: Type.Optional(Text(100)),
    urgency: Type.Optional(literals(URGENCIES)),
    confidential: Type.Optional(Type.Boolean()),
    callerName: Type.Optional(Text(100)),
    enterpriseName: Type.Optional(Type.Union([Text(200), Type.Null()])),
    enterpriseCreditCode: Type.Optional(Type.Union([Type.String({ pattern: '^[0-9A-Z]{18}$' }), Type.Null()])),
  },
  { additionalProperties: false },
);
const StatusBody = Type.Object({ version: Version, to: literals(TICKET_STATUSES), note: Note }, { additionalProperties: false });
const DispatchBody = Type.Object(
  { version: Version, mainUnit: UnitId, assistingUnits: Type.Optional(Type.Array(UnitId, { maxItems: 5, uniqueItems: true })), note: Note },
  { additionalProperties: false },
);
const FeedbackBody = Type.Object({ version: Version, kind: literals(['response', 'progress', 'reply'] as const), note: Note }, { additionalProperties: false });
const RatingBody = Type.Object({ version: Version, rating: literals(['satisfied', 'basically-satisfied', 'dissatisfied'] as const), note: Note }, { additionalProperties: false });

const STATUS: Readonly<Record<string, number>> = {
  TICKET_NOT_FOUND: 404,
  TICKET_VERSION_CONFLICT: 409,
  TICKET_NOT_YOURS: 403,
  TICKET_CLOSED: 409,
  TICKET_TRANSITION_INVALID: 409,
  TICKET_TYPE_REQUIRED: 409,
  TICKET_CATEGORY_REQUIRED: 409,
  TICKET_UNIT_REQUIRED: 409,
  TICKET_UNIT_UNKNOWN: 400,
};

export function ticketRoutes(app: FastifyInstance, deps: TicketRoutesDeps): void {
  // Every change, and every refused one, goes to the audit log beside the ticket's own history.
  const answer = (action: string, ticketId: number, result: TicketActionResult, user: AuthUser): Record<string, unknown> => {
    deps.audit.write({
      at: deps.now(),
      actor: user.id,
      role: user.role,
      action: `ticket.${action}`,
      target: `ticket:${ticketId}`,
      result: result.ok ? 'ok' : 'denied',
      ...(result.ok ? { detail: { version: result.ticket.version, status: result.ticket.status } } : { detail: { code: result.code } }),
    });
    if (!result.ok) throw new HttpError(STATUS[result.code] ?? 400, result.code, result.field ? `${result.code} (${result.field})` : result.code);
    return { ticket: ticketSummary(result.ticket, user) };
  };
  ticketRouteHandlers(app, deps, answer);
}

type Answer = (action: string, ticketId: number, result: TicketActionResult, user: AuthUser) => Record<string, unknown>;

/** A day is a China calendar day; an instant is taken as given. */
function instantOf(value: string | undefined, endOfDay: boolean): number | undefined {
  if (value === undefined) return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return dayStart(value) + (endOfDay ? 86_400_000 : 0);
  return Date.parse(value);
}

type ListQueryValue = { from?: string; to?: string; status?: string[]; type?: string; category?: string; agent?: string; caller?: string; queue?: string; warning?: string; q?: string; limit?: number; cursor?: string };

export function toFilter(query: ListQueryValue): TicketFilter {
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
  const load = (request: FastifyRequest): TicketRow => {
    const { id } = request.params as { id: string };
    const ticket = id.includes('-') ? deps.tickets.getByNumber(id) : deps.tickets.get(Number(id));
    if (!ticket) throw new HttpError(404, 'TICKET_NOT_FOUND', `No ticket ${id}`);
    return ticket;
  };
  const knownUnit = (unit: string): void => {
    if (!deps.dispatchRules.unitsById.has(unit)) throw new HttpError(400, 'TICKET_UNIT_UNKNOWN', `No handling unit '${unit}'`);
  };

  app.get('/api/tickets', { schema: { querystring: ListQuery, tags: ['tickets'] } }, async (request) => {
    const user = userOf(request);
    const filter = toFilter(request.query as ListQueryValue);
    if (filter.text !== undefined && [...filter.text].length < MIN_INDEXED_TEXT) {
      const span = (filter.to ?? deps.now()) - (filter.from ?? 0);
      if (filter.from === undefined || span > SHORT_TEXT_RANGE_MS) {
        throw new HttpError(400, 'TICKET_TEXT_TOO_SHORT', `A search of fewer than ${MIN_INDEXED_TEXT} characters needs a time range (from/to) of at most 31 days`);
      }
    }
    const page = deps.tickets.list(filter);
    if (!page) throw new HttpError(400, 'TICKET_CURSOR_INVALID', 'This cursor was not handed out by this server');
    return { tickets: page.tickets.map((ticket) => ticketSummary(ticket, user)), nextCursor: page.nextCursor };
  });

  app.get('/api/tickets/:id', { schema: { params: TicketParams, tags: ['tickets'] } }, async (request) => {
    const ticket = load(request);
    return { ticket: ticketDetail(ticket, userOf(request), deps.tickets.events(ticket.id), deps.recordings.ofCall(ticket.callId)) };
  });

  app.patch('/api/tickets/:id', { config: { roles: ['agent', 'supervisor'] }, schema: { params: TicketParams, body: FilingBody, tags: ['tickets'] } }, async (request) => {
    const { version, ...filing } = request.body as { version: number } & Record<string, unknown>;
    const user = userOf(request);
    const id = load(request).id;
    return answer('file', id, deps.ticketService.file(id, version, filing, user), user);
  });

  app.post('/api/tickets/:id/status', { config: { roles: ['agent', 'supervisor'] }, schema: { params: TicketParams, body: StatusBody, tags: ['tickets'] } }, async (request) => {
    const { version, to, note } = request.body as { version: number; to: TicketStatus; note?: string | null };
    const user = userOf(request);
    const id = load(request).id;
    return answer('status', id, deps.ticketService.transition(id, version, to, note ?? null, user), user);
  });

  app.post('/api/tickets/:id/dispatch', { config: { roles: ['agent', 'supervisor'] }, schema: { params: TicketParams, body: DispatchBody, tags: ['tickets'] } }, async (request) => {
    const body = request.body as { version: number; mainUnit: string; assistingUnits?: string[]; note?: string | null };
    const assisting = (body.assistingUnits ?? []).filter((unit) => unit !== body.mainUnit);
    [body.mainUnit, ...assisting].forEach(knownUnit);
    const user = userOf(request);
    const id = load(request).id;
    return answer('dispatch', id, deps.ticketService.dispatch(id, body.version, { main: body.mainUnit, assisting }, body.note ?? null, user), user);
  });

  // What the handling unit reports, entered by a supervisor or sent by the unit's system with an admin token.
  app.post('/api/tickets/:id/feedback', { config: { roles: ['supervisor'] }, schema: { params: TicketParams, body: FeedbackBody, tags: ['tickets'] } }, async (request) => {
    const body = request.body as { version: number; kind: 'response' | 'progress' | 'reply'; note?: string | null };
    const user = userOf(request);
    const id = load(request).id;
    return answer('feedback', id, deps.ticketService.feedback(id, body.version, body.kind, body.note ?? null, user), user);
  });

  app.post('/api/tickets/:id/satisfaction', { config: { roles: ['agent', 'supervisor'] }, schema: { params: TicketParams, body: RatingBody, tags: ['tickets'] } }, async (request) => {
    const body = request.body as { version: number; rating: 'satisfied' | 'basically-satisfied' | 'dissatisfied'; note?: string | null };
    const user = userOf(request);
    const id = load(request).id;
    return answer('satisfaction', id, deps.ticketService.rate(id, body.version, body.rating, body.note ?? null, user), user);
  });

  app.get('/api/tickets/:id/dispatch-suggestion', { schema: { params: TicketParams, tags: ['tickets'] } }, async (request) => {
    const ticket = load(request);
    const text = [ticket.title, ticket.description, ticket.location].filter((part) => part !== null).join(' ');
    const past = ticket.categoryCode === null ? [] : deps.tickets.pastOrders(ticket.categoryCode, 500);
    return { suggestion: suggestUnits(deps.dispatchRules, { text, categoryCode: ticket.categoryCode, area: ticket.area }, past) };
  });

  app.get('/api/units', { schema: { tags: ['tickets'] } }, async () => ({ units: deps.dispatchRules.units }));
}
