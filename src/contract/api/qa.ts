// Call-quality review (质检): what /api/qa/* takes and answers. Scoring forms, reviews and the
// per-agent summary are the QA core's own shapes; a review's createdAt is epoch milliseconds.
import { Type, type Static } from '@sinclair/typebox';
import type { QaForm as DomainForm } from '../../domain/qa/qa-forms.js';
import type { QaScoredItem as DomainScoredItem } from '../../domain/qa/qa-scoring.js';
import type { AgentQaSummary as DomainSummary } from '../../domain/qa/qa-summary.js';
import type { Assert, SameShape } from './same-shape.js';
import { CallId, Day, Id, Nullable } from './schema-parts.js';
import { TicketSummary } from './ticket-views.js';

export const QaCallsQuery = Type.Object(
  {
    from: Type.Optional(Day),
    to: Type.Optional(Day),
    agent: Type.Optional(Id),
    queue: Type.Optional(Id),
    minTalkSeconds: Type.Optional(Type.Integer({ minimum: 0, maximum: 86_400 })),
    maxTalkSeconds: Type.Optional(Type.Integer({ minimum: 0, maximum: 86_400 })),
    satisfaction: Type.Optional(Type.String({ pattern: '^[a-z_-]{1,32}$' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
    cursor: Type.Optional(Type.String({ maxLength: 64 })),
  },
  { additionalProperties: false },
);
export type QaCallsQuery = Static<typeof QaCallsQuery>;

const Answer = Type.Object(
  { itemId: Id, points: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })), failed: Type.Optional(Type.Boolean()), comment: Type.Optional(Type.String({ maxLength: 500 })) },
  { additionalProperties: false },
);
export const ReviewBody = Type.Object(
  { callId: CallId, formId: Type.Optional(Id), answers: Type.Array(Answer, { maxItems: 50 }), comment: Type.Optional(Type.String({ maxLength: 2000 })) },
  { additionalProperties: false },
);
export type ReviewBody = Static<typeof ReviewBody>;

/** A span of China days, both included. */
export const DayRangeQuery = Type.Object({ from: Day, to: Day, agent: Type.Optional(Id) }, { additionalProperties: false });
export const SampleBody = Type.Object({ day: Day, percent: Type.Integer({ minimum: 1, maximum: 100 }) }, { additionalProperties: false });
export type SampleBody = Static<typeof SampleBody>;

export const QaItem = Type.Object({ id: Type.String(), name: Type.String(), weight: Type.Integer(), fatal: Type.Boolean(), description: Type.Optional(Type.String()) });
export type QaItem = Static<typeof QaItem>;
export const QaForm = Type.Object({ id: Type.String(), name: Type.String(), default: Type.Boolean(), items: Type.Array(QaItem) });
export type QaForm = Static<typeof QaForm>;
export type _QaFormIsTheCores = Assert<SameShape<QaForm, DomainForm>>;
export const QaFormsReply = Type.Object({ forms: Type.Array(QaForm) });
export type QaFormsReply = Static<typeof QaFormsReply>;

export const QaCall = Type.Object({
  ...TicketSummary.properties,
  talkMs: Type.Integer(),
  waitMs: Type.Integer(),
  reviews: Type.Array(Type.Object({ id: Type.Integer(), total: Type.Integer(), grade: Type.String(), reviewer: Type.String() })),
});
export type QaCall = Static<typeof QaCall>;
export const QaCallsReply = Type.Object({ calls: Type.Array(QaCall), nextCursor: Nullable(Type.String()) });
export type QaCallsReply = Static<typeof QaCallsReply>;

export const QaScoredItem = Type.Object({
  itemId: Type.String(),
  name: Type.String(),
  weight: Type.Integer(),
  fatal: Type.Boolean(),
  points: Type.Integer(),
  failed: Type.Boolean(),
  comment: Type.Optional(Type.String()),
});
export type _ScoredItemIsTheCores = Assert<SameShape<Static<typeof QaScoredItem>, DomainScoredItem>>;

export const QaReview = Type.Object({
  id: Type.Integer(),
  callId: Type.String(),
  agentId: Nullable(Type.String()),
  formId: Type.String(),
  reviewer: Type.String(),
  total: Type.Integer(),
  grade: Type.String({ description: 'excellent, good, pass or fail' }),
  fatalFailed: Type.Array(Type.String(), { description: 'Fatal items failed (a failed one zeroes the total)' }),
  items: Type.Array(QaScoredItem),
  comment: Nullable(Type.String()),
  createdAt: Type.Integer({ description: 'Epoch milliseconds' }),
});
export type QaReview = Static<typeof QaReview>;
export const QaReviewReply = Type.Object({ review: QaReview });
export type QaReviewReply = Static<typeof QaReviewReply>;
export const QaReviewsReply = Type.Object({ reviews: Type.Array(QaReview) });

const Count = Type.Integer({ minimum: 0 });
export const AgentQaSummary = Type.Object({
  agentId: Type.String(),
  reviews: Count,
  average: Type.Number({ description: 'Mean total, one decimal' }),
  min: Type.Number(),
  max: Type.Number(),
  fatalCount: Count,
  byGrade: Type.Object({ excellent: Count, good: Count, pass: Count, fail: Count }),
});
export type AgentQaSummary = Static<typeof AgentQaSummary>;
export type _SummaryIsTheCores = Assert<SameShape<AgentQaSummary, DomainSummary>>;
export const QaSummaryReply = Type.Object({ agents: Type.Array(AgentQaSummary) });
export type QaSummaryReply = Static<typeof QaSummaryReply>;

export const QaSampleReply = Type.Object({ day: Day, calls: Type.Array(Type.Object({ callId: Type.String(), agentId: Type.String(), percent: Type.Integer() })) });
export type QaSampleReply = Static<typeof QaSampleReply>;
