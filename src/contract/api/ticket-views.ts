// How a ticket is answered: the summary of lists and writes, the detail with the call, deadlines,
// history and recordings. Times are ISO strings; the caller is masked on confidential tickets for
// everyone but supervisors, admins and the agent who took the call.
import { Type, type Static } from '@sinclair/typebox';
import { StoredIvrPath } from './calls.js';
import { UnitRequestView } from './unit-request-view.js';
import { UsedArticle } from './knowledge.js';
import { IsoTime, literals, Nullable } from './schema-parts.js';

const Ms = Type.Integer({ minimum: 0 });

export const TicketSummary = Type.Object({
  id: Type.Integer(),
  number: Type.String({ description: 'YYYYMMDD-NNNNNN' }),
  version: Type.Integer(),
  callId: Type.String(),
  status: Type.String({ description: 'missed, accepted, dispatched, in-progress, replied, closed' }),
  missedIn: Nullable(Type.String({ description: 'Where an unanswered call was lost: ivr or queue' })),
  requestType: Nullable(Type.String()),
  categoryCode: Nullable(Type.String()),
  title: Nullable(Type.String()),
  callerNumber: Type.String({ description: 'Masked on a confidential ticket unless the reader may see it' }),
  callerName: Nullable(Type.String()),
  confidential: Type.Boolean(),
  returnVisitDeclined: Type.Boolean({ description: 'The citizen said no to return visits (拒绝回访)' }),
  elderly: Type.Boolean(),
  enterpriseName: Nullable(Type.String()),
  queue: Nullable(Type.String()),
  agentId: Nullable(Type.String()),
  urgency: Type.String(),
  mainUnit: Nullable(Type.String()),
  warning: Nullable(Type.String({ description: 'red, yellow or green' })),
  satisfaction: Nullable(Type.String()),
  createdAt: IsoTime,
  dueAt: Nullable(IsoTime),
  updatedAt: IsoTime,
});
export type TicketSummary = Static<typeof TicketSummary>;

export const RecordingView = Type.Object({
  id: Type.String(),
  kind: Type.String({ description: 'conversation or voicemail' }),
  format: Type.String(),
  file: Type.String(),
  state: literals(['pending', 'ready', 'missing', 'purged'] as const),
  sizeBytes: Nullable(Type.Integer()),
  sha256: Nullable(Type.String()),
  durationMs: Nullable(Ms),
  startedAt: Nullable(IsoTime),
  endedAt: Nullable(IsoTime),
  deleteAfter: Nullable(IsoTime),
  url: Nullable(Type.String({ description: 'GET it for the audio (ready recordings only)' })),
});
export type RecordingView = Static<typeof RecordingView>;

export const TicketEventView = Type.Object({
  at: IsoTime,
  kind: Type.String(),
  actor: Type.String(),
  fromStatus: Nullable(Type.String()),
  toStatus: Nullable(Type.String()),
  note: Nullable(Type.String()),
  // Open on purpose: each kind of event keeps its own facts (fields changed, units, codes…).
  data: Nullable(Type.Record(Type.String(), Type.Unknown())),
});

const CallFigures = Type.Object({
  startedAt: IsoTime,
  answeredAt: Nullable(IsoTime),
  agentAnsweredAt: Nullable(IsoTime),
  endedAt: IsoTime,
  ringMs: Ms,
  ivrMs: Ms,
  waitMs: Ms,
  talkMs: Ms,
  /** Time the agent held the caller (hold music), within talkMs. */
  holdMs: Ms,
  totalMs: Ms,
  endedBy: Type.String(),
  hangupCause: Nullable(Type.Integer()),
  hangupCauseText: Nullable(Type.String()),
  ivrPath: StoredIvrPath,
  ivrPathWords: Type.String(),
});

const Deadlines = Type.Object({
  dueAt: Nullable(IsoTime),
  signBy: Nullable(IsoTime),
  replyBy: Nullable(IsoTime),
  followUpBy: Nullable(IsoTime),
  closeBy: Nullable(IsoTime),
  dispatchedAt: Nullable(IsoTime),
  firstResponseAt: Nullable(IsoTime),
  lastProgressAt: Nullable(IsoTime),
  handledAt: Nullable(IsoTime),
  closedAt: Nullable(IsoTime),
});

export const TicketDetail = Type.Object({
  ...TicketSummary.properties,
  channel: Type.String(),
  dialedNumber: Type.String(),
  description: Nullable(Type.String()),
  location: Nullable(Type.String()),
  area: Nullable(Type.String()),
  enterpriseCreditCode: Nullable(Type.String()),
  assistingUnits: Type.Array(Type.String()),
  /** The knowledge articles used to answer (首呼解决的依据); an article the knowledge base does not know has an empty title. */
  articlesUsed: Type.Array(UsedArticle),
  call: CallFigures,
  sla: Deadlines,
  warningSince: Nullable(IsoTime),
  filedBy: Nullable(Type.String()),
  filedAt: Nullable(IsoTime),
  history: Type.Array(TicketEventView),
  recordings: Type.Array(RecordingView),
  signedBy: Nullable(Type.String({ description: '签收: a user id, or the (masked) number that answered the reminder call' })),
  signedVia: Nullable(Type.String({ description: 'web or phone' })),
  unitRequest: Nullable(UnitRequestView),
});
export type TicketDetail = Static<typeof TicketDetail>;

export const TicketListReply = Type.Object({ tickets: Type.Array(TicketSummary), nextCursor: Nullable(Type.String({ description: 'Pass as cursor for the next page' })) });
export type TicketListReply = Static<typeof TicketListReply>;
/** The ticket after a write: its new version and status. */
export const TicketReply = Type.Object({ ticket: TicketSummary });
export type TicketReply = Static<typeof TicketReply>;
export const TicketDetailReply = Type.Object({ ticket: TicketDetail });
export type TicketDetailReply = Static<typeof TicketDetailReply>;
