// Call-quality review (质检): call records to review, scoring forms, scores, the daily random
// sample, a per-agent summary and a CSV export. For QA staff and supervisors.
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { QaStore } from '../../adapters/db/qa-store.js';
import type { TicketStore } from '../../adapters/db/ticket-store.js';
import { chinaDate } from '../../domain/calendar/china-calendar.js';
import { toCsv } from '../../domain/qa/csv.js';
import type { QaForms } from '../../domain/qa/qa-forms.js';
import { sampleCalls } from '../../domain/qa/qa-sampling.js';
import { scoreReview, type QaGrade } from '../../domain/qa/qa-scoring.js';
import { summarizeByAgent } from '../../domain/qa/qa-summary.js';
import { userOf } from '../auth-guard.js';
import { HttpError } from '../http-error.js';
import { dayStart } from '../day-param.js';
import { ticketSummary } from './ticket-view.js';
import { toFilter } from './ticket-routes.js';

export interface QaRoutesDeps {
  readonly qa: QaStore;
  readonly tickets: TicketStore;
  readonly qaForms: QaForms;
  readonly now: () => number;
}

const QA = { roles: ['qa', 'supervisor'] as const };
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });
const CallsQuery = Type.Object(
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
const Answer = Type.Object(
  { itemId: Id, points: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })), failed: Type.Optional(Type.Boolean()), comment: Type.Optional(Type.String({ maxLength: 500 })) },
  { additionalProperties: false },
);
const ReviewBody = Type.Object(
  { callId: Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9._:~-]+$' }), formId: Type.Optional(Id), answers: Type.Array(Answer, { maxItems: 50 }), comment: Type.Optional(Type.String({ maxLength: 2000 })) },
  { additionalProperties: false },
);
const RangeQuery = Type.Object({ from: Day, to: Day, agent: Type.Optional(Id) }, { additionalProperties: false });
const SampleBody = Type.Object({ day: Day, percent: Type.Integer({ minimum: 1, maximum: 100 }) }, { additionalProperties: false });

type CallsQueryValue = { from?: string; to?: string; agent?: string; queue?: string; minTalkSeconds?: number; maxTalkSeconds?: number; satisfaction?: string; limit?: number; cursor?: string };

const span = (query: { from: string; to: string }): { from: number; to: number } => ({ from: dayStart(query.from), to: dayStart(query.to) + 86_400_000 });

export function qaRoutes(app: FastifyInstance, deps: QaRoutesDeps): void {
  app.get('/api/qa/forms', { config: QA, schema: { tags: ['qa'] } }, async () => ({ forms: deps.qaForms.forms }));

  app.get('/api/qa/calls', { config: QA, schema: { querystring: CallsQuery, tags: ['qa'] } }, async (request) => {
    const q = request.query as CallsQueryValue;
    const filter = {
      ...toFilter({ ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}), ...(q.agent ? { agent: q.agent } : {}), ...(q.queue ? { queue: q.queue } : {}), ...(q.cursor ? { cursor: q.cursor } : {}), limit: q.limit ?? 50 }),
      answered: true,
      ...(q.minTalkSeconds === undefined ? {} : { minTalkMs: q.minTalkSeconds * 1000 }),
      ...(q.maxTalkSeconds === undefined ? {} : { maxTalkMs: q.maxTalkSeconds * 1000 }),
      ...(q.satisfaction === undefined ? {} : { satisfaction: q.satisfaction }),
    };
    const page = deps.tickets.list(filter);
    if (!page) throw new HttpError(400, 'TICKET_CURSOR_INVALID', 'This cursor was not handed out by this server');
    const reviews = deps.qa.reviewsOfCalls(page.tickets.map((ticket) => ticket.callId));
    const user = userOf(request);
    return {
      calls: page.tickets.map((ticket) => ({ ...ticketSummary(ticket, user), talkMs: ticket.talkMs, waitMs: ticket.waitMs, reviews: reviews.filter((r) => r.callId === ticket.callId).map((r) => ({ id: r.id, total: r.total, grade: r.grade, reviewer: r.reviewer })) })),
      nextCursor: page.nextCursor,
    };
  });

  app.post('/api/qa/reviews', { config: QA, schema: { body: ReviewBody, tags: ['qa'] } }, async (request, reply) => {
    const body = request.body as { callId: string; formId?: string; answers: { itemId: string; points?: number; failed?: boolean; comment?: string }[]; comment?: string };
    const ticket = deps.tickets.getByCall(body.callId);
    if (!ticket || ticket.agentAnsweredAt === null) throw new HttpError(404, 'QA_CALL_NOT_FOUND', 'No answered call with this id');
    const form = body.formId === undefined ? deps.qaForms.defaultForm : deps.qaForms.byId.get(body.formId);
    if (!form) throw new HttpError(400, 'QA_FORM_UNKNOWN', `No form '${body.formId ?? ''}'`);
    const scored = scoreReview(form, body.answers);
    if (!scored.ok) {
      const first = scored.errors[0];
      throw new HttpError(400, first?.code ?? 'QA_SCORE_INVALID', first ? `${first.path}: ${first.message}` : 'invalid review');
    }
    const review = deps.qa.addReview({
      callId: body.callId,
      agentId: ticket.agentId,
      formId: form.id,
      reviewer: userOf(request).id,
      total: scored.value.total,
      grade: scored.value.grade,
      fatalFailed: [...scored.value.fatalFailed],
      items: [...scored.value.items],
      comment: body.comment ?? null,
      createdAt: deps.now(),
    });
    void reply.status(201);
    return { review };
  });

  app.get('/api/qa/reviews', { config: QA, schema: { querystring: RangeQuery, tags: ['qa'] } }, async (request) => {
    const q = request.query as { from: string; to: string; agent?: string };
    return { reviews: deps.qa.reviews({ ...span(q), ...(q.agent ? { agentId: q.agent } : {}) }) };
  });

  app.get('/api/qa/summary', { config: QA, schema: { querystring: RangeQuery, tags: ['qa'] } }, async (request) => {
    const q = request.query as { from: string; to: string; agent?: string };
    const reviews = deps.qa.reviews({ ...span(q), ...(q.agent ? { agentId: q.agent } : {}) });
    return { agents: summarizeByAgent(reviews.map((r) => ({ agentId: r.agentId ?? '', total: r.total, fatalFailed: r.fatalFailed, grade: r.grade as QaGrade }))) };
  });

  app.get('/api/qa/reviews.csv', { config: QA, schema: { querystring: RangeQuery, tags: ['qa'] } }, async (request, reply) => {
    const q = request.query as { from: string; to: string; agent?: string };
    const reviews = deps.qa.reviews({ ...span(q), ...(q.agent ? { agentId: q.agent } : {}) });
    const rows = reviews.map((r) => [new Date(r.createdAt).toISOString(), r.callId, r.agentId, r.formId, r.reviewer, r.total, r.grade, r.fatalFailed.join(' '), r.comment]);
    void reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="qa-reviews-${q.from}-${q.to}.csv"`);
    // The BOM makes Excel read the Chinese text as UTF-8.
    return `\uFEFF${toCsv(['时间 time', '通话 call', '坐席 agent', '表单 form', '质检员 reviewer', '得分 total', '等级 grade', '致命项 fatal', '评语 comment'], rows)}`;
  });

  // The day's random sample: N% of each agent's answered calls, fixed once drawn.
  app.post('/api/qa/samples', { config: QA, schema: { body: SampleBody, tags: ['qa'] } }, async (request) => {
    const { day, percent } = request.body as { day: string; percent: number };
    if (day > chinaDate(deps.now())) throw new HttpError(400, 'QA_SAMPLE_DAY_IN_FUTURE', 'The day has not happened yet');
    const existing = deps.qa.sample(day);
    if (existing.length === 0) {
      const calls = deps.qa.answeredCalls(dayStart(day), dayStart(day) + 86_400_000);
      const picked = new Set(sampleCalls(calls.map((c) => ({ ...c, day })), percent, `qa-${day}`));
      deps.qa.saveSample(day, calls.filter((c) => picked.has(c.callId)), percent, deps.now());
    }
    return { day, calls: deps.qa.sample(day) };
  });
}
