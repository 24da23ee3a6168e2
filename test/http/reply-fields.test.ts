// Fastify writes a reply by its response schema and drops whatever the schema does not name: each
// main reply must still carry every field the server builds. The expected answers are built from
// the same sources (stores, ACD, view functions) and compared after a plain JSON round trip.
import Fastify, { type LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActiveCallView } from '../../src/app/calls/active-call-view.js';
import type { LiveCalls } from '../../src/app/calls/live-calls.js';
import type { AuthUser } from '../../src/domain/auth/roles.js';
import { summarizeByAgent } from '../../src/domain/qa/qa-summary.js';
import type { QaGrade } from '../../src/domain/qa/qa-scoring.js';
import { connectionRate24h, dailyReport } from '../../src/domain/reports/daily-report.js';
import { installAuthGuard } from '../../src/http/auth-guard.js';
import { handleError } from '../../src/http/http-error.js';
import { agentViews } from '../../src/http/routes/agent-routes.js';
import { callRoutes } from '../../src/http/routes/call-routes.js';
import { ticketDetail, ticketSummary } from '../../src/http/routes/ticket-view.js';
import { callFacts, T0 } from '../helpers/call-facts.js';
import { startHttpTestApp, type HttpTestApp } from '../helpers/http-app.js';

const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value));
const NOW = T0 + 3_600_000;
const DAY = '2026-11-23';

describe('replies keep every field their schema serializes', () => {
  let http: HttpTestApp;
  let supervisor: AuthUser;
  let review: LightMyRequestResponse;
  const get = async (url: string, user = 'supervisor'): Promise<unknown> => {
    const response = await http.as(user)({ method: 'GET', url });
    expect(response.statusCode, `${url}: ${response.body.slice(0, 300)}`).toBe(200);
    return response.json();
  };

  beforeAll(async () => {
    http = await startHttpTestApp({ now: () => NOW });
    await http.tickets.closeCallWithTicket(
      callFacts('answered-1', {
        queue: 'general', queuedAt: T0 + 5_000, agentId: '8001', agentAnsweredAt: T0 + 10_000, endedAt: T0 + 70_000, satisfaction: 'satisfied',
        ivrPath: [{ at: T0 + 100, kind: 'prompt', prompt: 'welcome', outcome: 'played' }, { at: T0 + 2_000, kind: 'key', key: '1', label: '咨询' }],
        recordings: [{ name: 'call-answered-1', kind: 'conversation', format: 'wav', startedAt: T0 + 10_200 }],
        enterprise: { name: '某某有限公司', creditCode: '91330100MA2XXXXXX1' },
      }),
      T0 + 70_010,
    );
    await http.tickets.closeCallWithTicket(callFacts('missed-1', { callerNumber: '13900002222', queue: 'general', queuedAt: T0 + 5_000, endedAt: T0 + 40_000 }), T0 + 40_010);
    const filed = await http.as('8001')({ method: 'PATCH', url: '/api/tickets/1', payload: { version: 1, requestType: 'complaint', categoryCode: '0201', title: '电梯故障', description: '电梯困人', confidential: true } });
    expect(filed.statusCode, filed.body).toBe(200);
    const answers = http.office.files.qaForms.defaultForm.items.map((item) => (item.fatal ? { itemId: item.id, failed: false } : { itemId: item.id, points: item.weight, comment: '好' }));
    review = await http.as('qa')({ method: 'POST', url: '/api/qa/reviews', payload: { callId: 'answered-1', answers, comment: '测试' } });
    expect(review.statusCode, review.body).toBe(201);
    supervisor = ((await get('/api/auth/me')) as { user: AuthUser }).user;
  });
  afterAll(async () => http.close());

  it('GET /api/tickets: every summary field', async () => {
    const page = await http.tickets.list({ limit: 50 });
    expect(await get('/api/tickets')).toEqual(plain({ tickets: page?.tickets.map((row) => ticketSummary(row, supervisor)), nextCursor: null }));
  });

  it('GET /api/tickets/:id: the detail with the call, deadlines, history and recordings', async () => {
    const row = await http.tickets.get(1);
    if (!row) throw new Error('no ticket 1');
    const detail = ticketDetail(row, supervisor, (await http.tickets.events(row.id)), (await http.office.recordings.ofCall(row.callId)));
    expect(detail.history.length).toBeGreaterThan(0);
    expect(detail.recordings.length).toBeGreaterThan(0);
    expect(detail.call.ivrPath.length).toBe(2);
    expect(await get('/api/tickets/1')).toEqual(plain({ ticket: detail }));
    const agentSees = ticketDetail(row, { id: '8002', name: '', role: 'agent', agentId: '8002', duties: [] }, (await http.tickets.events(row.id)), (await http.office.recordings.ofCall(row.callId)));
    expect(await get('/api/tickets/1', '8002')).toEqual(plain({ ticket: agentSees }));
  });

  it('GET /api/agents and GET /api/queues: the ACD as it is', async () => {
    await http.acd.login('8001');
    await http.acd.pause('8001', 'meal');
    expect(await get('/api/agents')).toEqual(plain({ agents: agentViews(http.acd) }));
    expect(await get('/api/queues')).toEqual(plain({ queues: http.acd.queueStats() }));
    await http.acd.logout('8001');
  });

  it('GET /api/units, /api/qa/forms and the dispatch suggestion: the data files as loaded', async () => {
    expect(await get('/api/units')).toEqual(plain({ units: http.office.files.dispatchRules.units }));
    expect(await get('/api/qa/forms', 'qa')).toEqual(plain({ forms: http.office.files.qaForms.forms }));
    const suggestion = (await get('/api/tickets/1/dispatch-suggestion')) as { suggestion: Record<string, unknown> };
    expect(Object.keys(suggestion.suggestion).sort()).toEqual(['assisting', 'candidates', 'main', 'urgent']);
  });

  it('QA: reviews with every column, the calls to review, the per-agent summary', async () => {
    const span = { from: Date.UTC(2026, 10, 22, 16), to: Date.UTC(2026, 10, 23, 16) };
    const rows = await http.office.qa.reviews(span);
    expect(rows).toHaveLength(1);
    expect(review.json()).toEqual(plain({ review: rows[0] }));
    expect(await get(`/api/qa/reviews?from=${DAY}&to=${DAY}`, 'qa')).toEqual(plain({ reviews: rows }));
    const summary = summarizeByAgent(rows.map((r) => ({ agentId: r.agentId ?? '', total: r.total, fatalFailed: r.fatalFailed, grade: r.grade as QaGrade })));
    expect(await get(`/api/qa/summary?from=${DAY}&to=${DAY}`, 'qa')).toEqual(plain({ agents: summary }));
    const qa = ((await get('/api/auth/me', 'qa')) as { user: AuthUser }).user;
    const ticket = await http.tickets.get(1);
    if (!ticket) throw new Error('no ticket 1');
    const reviews = rows.map((r) => ({ id: r.id, total: r.total, grade: r.grade, reviewer: r.reviewer }));
    expect(await get('/api/qa/calls', 'qa')).toEqual(plain({ calls: [{ ...ticketSummary(ticket, qa), talkMs: ticket.talkMs, waitMs: ticket.waitMs, reviews }], nextCursor: null }));
  });

  it('GET /api/reports/daily: the report core’s whole day', async () => {
    const outcomes = await http.office.reports.outcomes(NOW - 86_400_000, Date.UTC(2026, 10, 23, 16));
    const answer = (await get(`/api/reports/daily?day=${DAY}`)) as { report: unknown; connectionRate24h: unknown };
    expect(answer.report).toEqual(plain(dailyReport(outcomes, { day: DAY })));
    expect(answer.connectionRate24h).toEqual(connectionRate24h(outcomes, NOW - 86_400_000, NOW));
  });

  it('GET /api/calls/active: a live call as the call machine shows it', async () => {
    // The HTTP test app has no phone system, so no call can be live in it: the route is served here
    // over a source holding one call (the real path runs in test/pbx/call-to-ticket.test.ts).
    const live: ActiveCallView = { callId: 'c-9', channelId: 'ch-9', callerNumber: '13800001111', dialedNumber: '12345', phase: 'queued', queue: 'general', agentId: null, elderly: false, enterprise: null, startedAt: T0, answeredAt: T0 + 30 };
    const app = Fastify();
    app.setErrorHandler(handleError);
    installAuthGuard(app, { userForToken: async () => supervisor });
    callRoutes(app, { callService: { activeCalls: () => [live] } as unknown as LiveCalls, calls: http.calls, tickets: http.tickets });
    const response = await app.inject({ method: 'GET', url: '/api/calls/active', headers: { authorization: 'Bearer t' } });
    expect(response.json()).toEqual({
      calls: [{ callId: 'c-9', callerNumber: '138****1111', dialedNumber: '12345', phase: 'queued', startedAt: new Date(T0).toISOString(), answeredAt: new Date(T0 + 30).toISOString() }],
    });
    await app.close();
  });

  it('GET /api/calls/:id: the stored call and its ticket', async () => {
    await http.calls.start({ id: 'live-1', channelId: 'ch-1', callerNumber: '13800001111', callerName: null, dialedNumber: '12345', startedAt: T0 });
    const answer = (await get('/api/calls/answered-1')) as { call: Record<string, unknown>; ticket: Record<string, unknown> };
    expect(Object.keys(answer.call).sort()).toEqual(['answeredAt', 'callId', 'callerNumber', 'dialedNumber', 'endedAt', 'endedBy', 'hangupCause', 'ivrPath', 'ivrPathWords', 'startedAt', 'state']);
    expect(answer.call.ivrPath).toEqual((await http.calls.get('answered-1'))?.ivrPath);
    expect(Object.keys(answer.ticket).sort()).toEqual(['number', 'status', 'talkMs', 'totalMs']);
  });
});
