// The audit log over HTTP: what GET /api/audit and /api/audit.csv take (filters, a page) and the
// entries they answer. An entry's object is what was read or changed, e.g. recording:<id>, ticket:<id>.
import { Type, type Static } from '@sinclair/typebox';
import { CallId, Day, IsoTime, literals, Nullable } from './schema-parts.js';

export const AUDIT_RESULTS = ['ok', 'denied', 'failed'] as const;
/** The most objects one query may name: enough for a call's recordings and its ticket. */
export const AUDIT_MAX_OBJECTS = 20;

const dayOrInstant = (description: string) => Type.Union([Day, IsoTime], { description });

/** The filters both routes take; every one given must match (several objects: any of them). */
const auditFilters = {
  actor: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'The user id (or, for a sign-in, the name typed)' })),
  object: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: AUDIT_MAX_OBJECTS, description: 'Exact objects, e.g. recording:call-abc or ticket:12; any of them' })),
  /** The call's objects: its recordings and its ticket. */
  call: Type.Optional(CallId),
  action: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z][a-z0-9_.-]*$', description: 'Exact, e.g. recording.play, ticket.dispatch, auth.login' })),
  result: Type.Optional(literals(AUDIT_RESULTS)),
  from: Type.Optional(dayOrInstant('A China day (from its start) or an ISO instant, included')),
  to: Type.Optional(dayOrInstant('A China day (to its end, included) or an ISO instant (excluded)')),
};

export const AuditQuery = Type.Object(
  {
    ...auditFilters,
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, description: '100 when not given' })),
    cursor: Type.Optional(Type.String({ maxLength: 64, description: 'nextCursor of the previous page' })),
  },
  { additionalProperties: false },
);
export type AuditQuery = Static<typeof AuditQuery>;

/** The CSV holds the newest rows that match, up to a fixed number: no pages. */
export const AuditCsvQuery = Type.Object(auditFilters, { additionalProperties: false });
export type AuditCsvQuery = Static<typeof AuditCsvQuery>;

export const AuditEntry = Type.Object({
  id: Type.Integer(),
  at: IsoTime,
  actor: Type.String(),
  role: Type.String({ description: 'The role at the time, or unknown for a sign-in under a name nobody has' }),
  action: Type.String(),
  object: Type.String(),
  result: literals(AUDIT_RESULTS),
  detail: Nullable(Type.Record(Type.String(), Type.Unknown(), { description: 'What else was written: a range played, a refusal reason, a ticket version' })),
});
export type AuditEntry = Static<typeof AuditEntry>;

export const AuditReply = Type.Object({ entries: Type.Array(AuditEntry), nextCursor: Nullable(Type.String()) });
export type AuditReply = Static<typeof AuditReply>;
