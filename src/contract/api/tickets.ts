// What the ticket routes take: the list's filters and the bodies of the agent's and supervisor's
// actions on a work order. Every write names the version it read (optimistic concurrency).
import { Type, type Static } from '@sinclair/typebox';
import { REQUEST_TYPES, URGENCIES } from '../../domain/tickets/request-types.js';
import { TICKET_STATUSES } from '../../domain/tickets/ticket-status.js';
import { MAX_USED_ARTICLES } from '../../domain/tickets/used-articles.js';
import { DECISIONS, MAX_EXTENSION_DAYS, UNIT_REQUEST_KINDS } from '../../domain/tickets/unit-requests.js';
import { Day, IsoTime, literals, Nullable } from './schema-parts.js';

const Text = (max: number) => Type.String({ maxLength: max });
const UnitId = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });
const Note = Type.Optional(Nullable(Text(2000)));
const Version = Type.Integer({ minimum: 1, description: 'The version read: a write over a newer one is refused (TICKET_VERSION_CONFLICT)' });

export const TicketListQuery = Type.Object(
  {
    from: Type.Optional(Type.Union([Day, IsoTime])),
    to: Type.Optional(Type.Union([Day, IsoTime])),
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
export type TicketListQuery = Static<typeof TicketListQuery>;

/** A ticket by its id, or by its number (YYYYMMDD-NNNNNN). */
export const TicketParams = Type.Object({ id: Type.String({ pattern: '^(\\d{1,15}|\\d{8}-\\d{6})$' }) });

/**
 * What the agent records on a work order, with the limits of each field: filed on the ticket, or
 * typed as the call's draft while the citizen speaks (src/contract/api/drafts.ts). The enterprise's
 * name and code differ between the two (a draft may hold a code half typed) and are added by each.
 */
export const WORK_ORDER_FIELDS = {
  requestType: Type.Optional(literals(REQUEST_TYPES)),
  categoryCode: Type.Optional(Type.String({ pattern: '^\\d{4}$' })),
  title: Type.Optional(Text(200)),
  description: Type.Optional(Text(5000)),
  location: Type.Optional(Text(500)),
  area: Type.Optional(Text(100)),
  urgency: Type.Optional(literals(URGENCIES)),
  confidential: Type.Optional(Type.Boolean()),
  returnVisitDeclined: Type.Optional(Type.Boolean({ description: 'The citizen says no to return visits (拒绝回访)' })),
  callerName: Type.Optional(Text(100)),
  articlesUsed: Type.Optional(
    Type.Array(Type.Object({ id: Type.Integer({ minimum: 1 }), version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }), {
      maxItems: MAX_USED_ARTICLES,
      description: 'The knowledge articles used to answer (首呼解决的依据), each once: the whole list, replacing the one kept. Unknown ids are kept and shown untitled.',
    }),
  ),
};

export const FilingBody = Type.Object(
  {
    version: Version,
    ...WORK_ORDER_FIELDS,
    enterpriseName: Type.Optional(Nullable(Text(200))),
    enterpriseCreditCode: Type.Optional(Nullable(Type.String({ pattern: '^[0-9A-Z]{18}$' }))),
  },
  { additionalProperties: false },
);
export type FilingBody = Static<typeof FilingBody>;

export const StatusBody = Type.Object({ version: Version, to: literals(TICKET_STATUSES), note: Note }, { additionalProperties: false });
export type StatusBody = Static<typeof StatusBody>;

export const DispatchBody = Type.Object(
  { version: Version, mainUnit: UnitId, assistingUnits: Type.Optional(Type.Array(UnitId, { maxItems: 5, uniqueItems: true })), note: Note },
  { additionalProperties: false },
);
export type DispatchBody = Static<typeof DispatchBody>;

export const FeedbackBody = Type.Object({ version: Version, kind: literals(['response', 'progress', 'reply'] as const), note: Note }, { additionalProperties: false });
export type FeedbackBody = Static<typeof FeedbackBody>;

export const RatingBody = Type.Object({ version: Version, rating: literals(['satisfied', 'basically-satisfied', 'dissatisfied'] as const), note: Note }, { additionalProperties: false });
export type RatingBody = Static<typeof RatingBody>;

/** 签收 by the main unit (or entered by a supervisor for a unit that signed by phone). */
export const SignBody = Type.Object({ version: Version, note: Note }, { additionalProperties: false });
export type SignBody = Static<typeof SignBody>;

const Reason = Type.String({ minLength: 1, maxLength: 2000, pattern: '\\S', description: 'Required: why' });

/** 退单 (return for redispatch) or 延期 (extension, with the working days asked for). */
export const UnitRequestBody = Type.Object(
  {
    version: Version,
    kind: literals(UNIT_REQUEST_KINDS),
    reason: Reason,
    days: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_EXTENSION_DAYS, description: 'Extension: working days more' })),
  },
  { additionalProperties: false },
);
export type UnitRequestBody = Static<typeof UnitRequestBody>;

/** A supervisor's decision; approving a return names the unit the order goes to instead. */
export const DecisionBody = Type.Object(
  {
    version: Version,
    decision: literals(DECISIONS),
    reason: Reason,
    mainUnit: Type.Optional(UnitId),
    assistingUnits: Type.Optional(Type.Array(UnitId, { maxItems: 5, uniqueItems: true })),
  },
  { additionalProperties: false },
);
export type DecisionBody = Static<typeof DecisionBody>;

export const UnitRequestListQuery = Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })), cursor: Type.Optional(Type.String({ maxLength: 64 })) }, { additionalProperties: false });
export type UnitRequestListQuery = Static<typeof UnitRequestListQuery>;
