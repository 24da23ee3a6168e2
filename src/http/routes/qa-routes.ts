// Call-quality review (质检): call records to review, scoring forms, scores, the daily random
// sample, a per-agent summary and a CSV export. For QA staff and supervisors.
import type { FastifyInstance } from 'fastify';
import type { QaRecords, QaReviewRow } from '../../app/ports/qa-records.js';
import type { TicketRecords } from '../../app/ports/ticket-records.js';
import type { TicketSearch } from '../../app/ports/ticket-search.js';
import { chinaDate } from '../../domain/calendar/china-calendar.js';
import type { QaForms } from '../../domain/qa/qa-forms.js';
import { sampleCalls } from '../../domain/qa/qa-sampling.js';
import { scoreReview, type QaGrade } from '../../domain/qa/qa-scoring.js';
import { summarizeByAgent } from '../../domain/qa/qa-summary.js';
import { DayRangeQuery, QaCallsQuery, QaCallsReply, QaFormsReply, QaReviewReply, QaReviewsReply, QaSampleReply, QaSummaryReply, ReviewBody, SampleBody, type QaReview } from '../../contract/api/qa.js';
import type { Assert, SameShape } from '../../contract/api/same-shape.js';
import { allow, userOf } from '../auth-guard.js';
import { dayStart } from '../day-param.js';
import { csvAttachment, csvReply } from '../csv-reply.js';
import { catalogued } from '../error-catalogue.js';
import { httpError } from '../http-error.js';
import { replies } from '../route-replies.js';
import type { TypeBoxProvider } from '../typebox-provider.js';
import { ticketSummary } from './ticket-view.js';
import { toFilter } from './ticket-routes.js';

export interface QaRoutesDeps {
  readonly qa: QaRecords;
  readonly tickets: TicketRecords & TicketSearch;
  readonly qaForms: QaForms;
  readonly now: () => number;
}

const QA = allow('qa.review');
const RANGE_REFUSALS = ['REQUEST_INVALID', 'AUTH_FORBIDDEN'] as const;

/** A stored review as answered; its items were written by scoreReview, so they are scored items. */
const reviewView = (row: QaReviewRow): QaReview => ({ ...row, items: row.items as QaReview['items'] });
// Every column of a review is answered: a column the schema lacked would be dropped silently.
export type _ReviewRowIsAnswered = Assert<SameShape<Omit<QaReviewRow, 'items'>, Omit<QaReview, 'items'>>>;

const span = (query: { from: string; to: string }): { from: number; to: number } => ({ from: dayStart(query.from), to: dayStart(query.to) + 86_400_000 });

export function qaRoutes(app: FastifyInstance, deps: QaRoutesDeps): void {
  const api = app.withTypeProvider<TypeBoxProvider>();
  api.get('/api/qa/forms', { config: QA, schema: { tags: ['qa'], response: replies({ 200: QaFormsReply }, ['AUTH_FORBIDDEN']) } }, async () => ({ forms: deps.qaForms.forms }));

  const calls = { querystring: QaCallsQuery, tags: ['qa'], response: replies({ 200: QaCallsReply }, [...RANGE_REFUSALS, 'TICKET_CURSOR_INVALID']) };
  api.get('/api/qa/calls', { config: QA, schema: calls }, async (request) => {
    const q = request.query;
    const filter = {
      ...toFilter({ ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}), ...(q.agent ? { agent: q.agent } : {}), ...(q.queue ? { queue: q.queue } : {}), ...(q.cursor ? { cursor: q.cursor } : {}), limit: q.limit ?? 50 }),
      answered: true,
      ...(q.minTalkSeconds === undefined ? {} : { minTalkMs: q.minTalkSeconds * 1000 }),
      ...(q.maxTalkSeconds === undefined ? {} : { maxTalkMs: q.maxTalkSeconds * 1000 }),
      ...(q.satisfaction === undefined ? {} : { satisfaction: q.satisfaction }),
    };
    const page = await deps.tickets.list(filter);
    if (!page) throw httpError('TICKET_CURSOR_INVALID');
    const reviews = await deps.qa.reviewsOfCalls(page.tickets.map((ticket) => ticket.callId));
    const user = userOf(request);
    return {
      calls: page.tickets.map((ticket) => ({ ...ticketSummary(ticket, user), talkMs: ticket.talkMs, waitMs: ticket.waitMs, reviews: reviews.filter((r) => r.callId === ticket.callId).map((r) => ({ id: r.id, total: r.total, grade: r.grade, reviewer: r.reviewer })) })),
      nextCursor: page.nextCursor,
    };
  });

  const scoring = [...RANGE_REFUSALS, 'QA_CALL_NOT_FOUND', 'QA_FORM_UNKNOWN', 'QA_SCORE_UNKNOWN_ITEM', 'QA_SCORE_DUPLICATE_ITEM', 'QA_SCORE_MISSING_ITEM', 'QA_SCORE_INVALID_ANSWER', 'QA_SCORE_OUT_OF_RANGE'] as const;
  api.post('/api/qa/reviews', { config: QA, schema: { body: ReviewBody, tags: ['qa'], response: replies({ 201: QaReviewReply }, scoring) } }, async (request, reply) => {
    const body = request.body;
    const ticket = await deps.tickets.getByCall(body.callId);
    if (!ticket || ticket.agentAnsweredAt === null) throw httpError('QA_CALL_NOT_FOUND');
    const form = body.formId === undefined ? deps.qaForms.defaultForm : deps.qaForms.byId.get(body.formId);
    if (!form) throw httpError('QA_FORM_UNKNOWN', `No form '${body.formId ?? ''}'`);
    const scored = scoreReview(form, body.answers);
    if (!scored.ok) {
      const first = scored.errors[0];
      throw first ? httpError(catalogued(first.code, 'QA_SCORE_INVALID'), `${first.path}: ${first.message}`) : httpError('QA_SCORE_INVALID');
    }
    const review = await deps.qa.addReview({
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
    return { review: reviewView(review) };
  });

  const range = { querystring: DayRangeQuery, tags: ['qa'], response: replies({ 200: QaReviewsReply }, RANGE_REFUSALS) };
  api.get('/api/qa/reviews', { config: QA, schema: range }, async (request) => {
    const q = request.query;
    return { reviews: (await deps.qa.reviews({ ...span(q), ...(q.agent ? { agentId: q.agent } : {}) })).map(reviewView) };
  });

  api.get('/api/qa/summary', { config: QA, schema: { ...range, response: replies({ 200: QaSummaryReply }, RANGE_REFUSALS) } }, async (request) => {
    const q = request.query;
    const reviews = await deps.qa.reviews({ ...span(q), ...(q.agent ? { agentId: q.agent } : {}) });
    return { agents: summarizeByAgent(reviews.map((r) => ({ agentId: r.agentId ?? '', total: r.total, fatalFailed: r.fatalFailed, grade: r.grade as QaGrade }))) };
  });

  const csv = { ...range, response: replies({ 200: csvReply('The reviews') }, RANGE_REFUSALS) };
  api.get('/api/qa/reviews.csv', { config: QA, schema: csv }, async (request, reply) => {
    const q = request.query;
    const reviews = await deps.qa.reviews({ ...span(q), ...(q.agent ? { agentId: q.agent } : {}) });
    const rows = reviews.map((r) => [new Date(r.createdAt).toISOString(), r.callId, r.agentId, r.formId, r.reviewer, r.total, r.grade, r.fatalFailed.join(' '), r.comment]);
    return csvAttachment(reply, `qa-reviews-${q.from}-${q.to}.csv`, ['时间 time', '通话 call', '坐席 agent', '表单 form', '质检员 reviewer', '得分 total', '等级 grade', '致命项 fatal', '评语 comment'], rows);
  });

  // The day's random sample: N% of each agent's answered calls, fixed once drawn.
  const sample = { body: SampleBody, tags: ['qa'], response: replies({ 200: QaSampleReply }, [...RANGE_REFUSALS, 'QA_SAMPLE_DAY_IN_FUTURE']) };
  api.post('/api/qa/samples', { config: QA, schema: sample }, async (request) => {
    const { day, percent } = request.body;
    if (day > chinaDate(deps.now())) throw httpError('QA_SAMPLE_DAY_IN_FUTURE');
    const existing = await deps.qa.sample(day);
    if (existing.length === 0) {
      const calls = await deps.qa.answeredCalls(dayStart(day), dayStart(day) + 86_400_000);
      const picked = new Set(sampleCalls(calls.map((c) => ({ ...c, day })), percent, `qa-${day}`));
      await deps.qa.saveSample(day, calls.filter((c) => picked.has(c.callId)), percent, deps.now());
    }
    return { day, calls: await deps.qa.sample(day) };
  });
}
