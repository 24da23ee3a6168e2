// Live calls and what an agent does to one: the bodies and replies of /api/calls/*. Numbers are
// masked here (monitoring); the full number is on the ticket, for the roles allowed to see it.
import { Type, type Static } from '@sinclair/typebox';
import { CallId, Id, IsoTime, literals, Nullable } from './schema-parts.js';

export const CallIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9._:-]+$' }) });

const Mode = Type.Optional(literals(['blind', 'attended'] as const));
/** Exactly one target: another queue, or a named agent; blind unless said otherwise. */
export const TransferBody = Type.Union([
  Type.Object({ queue: Id, mode: Mode }, { additionalProperties: false }),
  Type.Object({ agent: Id, mode: Mode }, { additionalProperties: false }),
]);
export type TransferBody = Static<typeof TransferBody>;

/** A unit's number as dialed from the hotline: digits, optionally a leading +. */
export const PartyBody = Type.Object({ number: Type.String({ pattern: '^\\+?[0-9]{3,20}$' }) }, { additionalProperties: false });
export type PartyBody = Static<typeof PartyBody>;

/** The action was taken on; its outcome follows on the call (and the agent's socket). */
export const AcceptedReply = Type.Object({ accepted: Type.Literal(true) });

export const ActiveCall = Type.Object({
  callId: CallId,
  callerNumber: Type.String({ description: 'Masked, e.g. 138****1111' }),
  dialedNumber: Type.String(),
  phase: Type.String({ description: 'Where the call is: arriving, ivr, queued, talking, survey, ending, transferred, fallback…' }),
  startedAt: IsoTime,
  answeredAt: Nullable(IsoTime),
});
export type ActiveCall = Static<typeof ActiveCall>;
export const ActiveCallsReply = Type.Object({ calls: Type.Array(ActiveCall) });

/**
 * The IVR path as stored: steps `{ at, kind, … }` of every version of the server, kept open on
 * purpose (older calls may hold steps of another shape); `ivrPathWords` says it for people.
 */
export const StoredIvrPath = Type.Array(Type.Unknown(), { description: 'IVR steps as stored: { at, kind: prompt|key|node|timeout|invalid|collected|outcome, … }' });

export const CallRecord = Type.Object({
  callId: CallId,
  callerNumber: Type.String({ description: 'Masked' }),
  dialedNumber: Type.String(),
  state: literals(['active', 'ended'] as const),
  startedAt: IsoTime,
  answeredAt: Nullable(IsoTime),
  endedAt: Nullable(IsoTime),
  hangupCause: Nullable(Type.Integer({ description: 'Q.850 cause' })),
  endedBy: Nullable(literals(['caller', 'system', 'agent', 'supervisor', 'unknown'] as const)),
  ivrPath: StoredIvrPath,
  ivrPathWords: Type.String(),
});
export const CallTicketBrief = Type.Object({ number: Type.String(), status: Type.String(), talkMs: Type.Integer(), totalMs: Type.Integer() });
export const CallDetailReply = Type.Object({ call: CallRecord, ticket: Nullable(CallTicketBrief) });
export type CallDetailReply = Static<typeof CallDetailReply>;
