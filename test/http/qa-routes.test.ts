// Call-quality review (质检) over HTTP: the forms, the answered calls to review, scoring against
// fixtures/qa-forms.yaml, reviews and the per-agent summary over a date range, the CSV export and
// the daily random sample.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { type OpenDatabase } from '../../src/adapters/db/open-database.js';
import { TicketStore } from '../../src/adapters/db/ticket-store.js';
import { AcdService } from '../../src/app/acd-service.js';
import { sampleCalls } from '../../src/domain/qa/qa-sampling.js';
import { startHttpTestApp, type Inject } from '../helpers/http-app.js';
import { callFacts } from '../helpers/call-facts.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// Monday 2026-11-23, 15:00 China time: a working day.
const NOW = Date.UTC(2026, 10, 23, 7, 0, 0);
// 2026-11-23 09:00 China time.
const MORNING = Date.UTC(2026, 10, 23, 1, 0, 0);

interface CallView {
  readonly callId: string;
  readonly agentId: string | null;
  readonly status: string;
  readonly talkMs: number;
  readonly waitMs: number;
  readonly reviews: readonly { readonly id: number; readonly total: number; readonly grade: string; readonly reviewer: string }[];
}
interface CallsPage {
  readonly calls: readonly CallView[];
  readonly nextCursor: string | null;
}
interface ScoredItem {
  readonly itemId: string;
  readonly weight: number;
  readonly fatal: boolean;
  readonly points: number;
  readonly failed: boolean;
}
interface Review {
  readonly id: number;
  readonly callId: string;
  readonly agentId: string | null;
  readonly formId: string;
  readonly reviewer: string;
  readonly total: number;
  readonly grade: string;
  readonly fatalFailed: readonly string[];
  readonly items: readonly ScoredItem[];
  readonly comment: string | null;
  readonly createdAt: number;
}
interface Answer {
  readonly itemId: string;
  readonly points?: number;
  readonly failed?: boolean;
}

// The default form, 'standard': seven weighted items adding up to 100 and three fatal items.
const STANDARD_WEIGHTS: Readonly<Record<string, number>> = { greeting: 10, listening: 15, record: 15, 'policy-answer': 20, dispatch: 15, attitude: 15, duration: 10 };
const STANDARD_FATAL = ['privacy-leak', 'abuse', 'shirking'];
/** Full marks on every weighted item of 'standard', with some points taken off. */
const standardAnswers = (off: Readonly<Record<string, number>> = {}): Answer[] =>
  Object.entries(STANDARD_WEIGHTS).map(([itemId, weight]) => ({ itemId, points: weight - (off[itemId] ?? 0) }));

const errorCode = (response: LightMyRequestResponse): string => response.json<{ error: { code: string } }>().error.code;

describe('QA routes', () => {
  let database: OpenDatabase;
  let app: FastifyInstance;
  let acd: AcdService;
  let tickets: TicketStore;
  let clock: number;
  let qa: Inject;
  let sup: Inject;
  let agent: Inject;

  /** A call agent answered: queued 5 s after the start, answered 10 s after, talked `talkSeconds`. */
  const answered = async (callId: string, agentId: string, startedAt: number, talkSeconds: number): Promise<void> => {
    const agentAnsweredAt = startedAt + 10_000;
    const endedAt = agentAnsweredAt + talkSeconds * 1000;
    await tickets.closeCallWithTicket(callFacts(callId, { startedAt, answeredAt: startedAt + 1_000, queue: 'general', queuedAt: startedAt + 5_000, agentId, agentAnsweredAt, endedAt }), endedAt + 1_000);
  };
  /** A call that waited in the queue and was given up: no agent. */
  const missed = async (callId: string, startedAt: number): Promise<void> => {
    await tickets.closeCallWithTicket(callFacts(callId, { startedAt, answeredAt: startedAt + 1_000, queue: 'general', queuedAt: startedAt + 5_000, endedAt: startedAt + 40_000 }), startedAt + 41_000);
  };
  const review = (payload: object, as: Inject = qa): Promise<LightMyRequestResponse> => as({ method: 'POST', url: '/api/qa/reviews', payload });
  const calls = async (query: string): Promise<CallsPage> => {
    const response = await qa({ method: 'GET', url: `/api/qa/calls${query}` });
    expect(response.statusCode).toBe(200);
    return response.json<CallsPage>();
  };

  beforeEach(async () => {
    clock = NOW;
    const built = await startHttpTestApp({ now: () => clock });
    database = built.database;
    tickets = built.tickets;
    acd = built.acd;
    app = built.app;
    qa = built.as('qa');
    sup = built.as('supervisor');
    agent = built.as('8001');
    // Three answered calls of the morning (talk 60 s, 200 s, 120 s) and one missed call.
    await answered('qa-call-1', '8001', MORNING, 60);
    await answered('qa-call-2', '8001', MORNING + 600_000, 200);
    await answered('qa-call-3', '8002', MORNING + 1_200_000, 120);
    await missed('qa-missed-1', MORNING + 1_800_000);
  });
  afterEach(async () => {
    acd.stop();
    await app.close();
    database.close();
  });

  it('GET /api/qa/forms gives the forms to QA staff and supervisors, not to agents', async () => {
    const response = await qa({ method: 'GET', url: '/api/qa/forms' });
    expect(response.statusCode).toBe(200);
    const forms = response.json<{ forms: { id: string; default: boolean; items: { id: string; weight: number; fatal: boolean }[] }[] }>().forms;
    expect(forms.map((f) => [f.id, f.default])).toEqual([
      ['standard', true],
      ['enterprise', false],
    ]);
    for (const form of forms) expect(form.items.reduce((sum, item) => sum + item.weight, 0)).toBe(100);
    const standard = forms[0]?.items ?? [];
    expect(Object.fromEntries(standard.filter((i) => !i.fatal).map((i) => [i.id, i.weight]))).toEqual(STANDARD_WEIGHTS);
    expect(standard.filter((i) => i.fatal).map((i) => i.id)).toEqual(STANDARD_FATAL);
    expect((await sup({ method: 'GET', url: '/api/qa/forms' })).statusCode).toBe(200);
    const refused = await agent({ method: 'GET', url: '/api/qa/forms' });
    expect(refused.statusCode).toBe(403);
    expect(errorCode(refused)).toBe('AUTH_FORBIDDEN');
  });

  it('GET /api/qa/calls lists only answered calls, newest first, with talk and wait times', async () => {
    const page = await calls('');
    expect(page.calls.map((c) => [c.callId, c.agentId, c.status, c.talkMs, c.waitMs])).toEqual([
      ['qa-call-3', '8002', 'accepted', 120_000, 5_000],
      ['qa-call-2', '8001', 'accepted', 200_000, 5_000],
      ['qa-call-1', '8001', 'accepted', 60_000, 5_000],
    ]);
    expect(page.nextCursor).toBeNull();
    expect(page.calls.every((c) => c.reviews.length === 0)).toBe(true);
    const refused = await agent({ method: 'GET', url: '/api/qa/calls' });
    expect([refused.statusCode, errorCode(refused)]).toEqual([403, 'AUTH_FORBIDDEN']);
  });

  it('GET /api/qa/calls filters by agent and by talk time (bounds inclusive)', async () => {
    const ids = async (query: string): Promise<string[]> => (await calls(query)).calls.map((c) => c.callId);
    expect(await ids('?agent=8001')).toEqual(['qa-call-2', 'qa-call-1']);
    expect(await ids('?agent=8004')).toEqual([]);
    expect(await ids('?minTalkSeconds=100')).toEqual(['qa-call-3', 'qa-call-2']);
    expect(await ids('?maxTalkSeconds=100')).toEqual(['qa-call-1']);
    expect(await ids('?minTalkSeconds=120&maxTalkSeconds=200')).toEqual(['qa-call-3', 'qa-call-2']);
    expect(await ids('?minTalkSeconds=121&maxTalkSeconds=199')).toEqual([]);
    expect(await ids('?agent=8001&minTalkSeconds=61')).toEqual(['qa-call-2']);
    expect(await ids('?from=2026-11-23&to=2026-11-23')).toEqual(['qa-call-3', 'qa-call-2', 'qa-call-1']);
    expect(await ids('?from=2026-11-22&to=2026-11-22')).toEqual([]);
    for (const query of ['?minTalkSeconds=-1', '?maxTalkSeconds=abc', '?agent=80%2001', '?limit=0', '?limit=201', '?status=missed']) {
      const bad = await qa({ method: 'GET', url: `/api/qa/calls${query}` });
      expect([bad.statusCode, errorCode(bad)], query).toEqual([400, 'REQUEST_INVALID']);
    }
  });

  it('GET /api/qa/calls pages with nextCursor', async () => {
    const first = await calls('?limit=2');
    expect(first.calls.map((c) => c.callId)).toEqual(['qa-call-3', 'qa-call-2']);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await calls(`?limit=2&cursor=${encodeURIComponent(first.nextCursor ?? '')}`);
    expect(second.calls.map((c) => c.callId)).toEqual(['qa-call-1']);
    expect(second.nextCursor).toBeNull();
    const bad = await qa({ method: 'GET', url: '/api/qa/calls?cursor=bm9wZQ' });
    expect([bad.statusCode, errorCode(bad)]).toEqual([400, 'TICKET_CURSOR_INVALID']);
  });

  it('POST /api/qa/reviews scores with the default form: the total is the sum of the points, graded by the thresholds', async () => {
    const response = await review({ callId: 'qa-call-1', answers: standardAnswers({ greeting: 2, record: 3, 'policy-answer': 2, attitude: 1, duration: 1 }), comment: '开头语不规范' });
    expect(response.statusCode).toBe(201);
    const saved = response.json<{ review: Review }>().review;
    expect(saved).toMatchObject({ callId: 'qa-call-1', agentId: '8001', formId: 'standard', reviewer: 'qa', total: 91, grade: 'excellent', fatalFailed: [], comment: '开头语不规范', createdAt: NOW });
    expect(saved.items.map((i) => [i.itemId, i.weight, i.points, i.failed])).toEqual([
      ['greeting', 10, 8, false],
      ['listening', 15, 15, false],
      ['record', 15, 12, false],
      ['policy-answer', 20, 18, false],
      ['dispatch', 15, 15, false],
      ['attitude', 15, 14, false],
      ['duration', 10, 9, false],
      ['privacy-leak', 0, 0, false],
      ['abuse', 0, 0, false],
      ['shirking', 0, 0, false],
    ]);
    // The grade boundaries: 90 excellent, 89 good, 80 good, 79 pass, 60 pass, 59 fail.
    const grades: [number, string][] = [];
    for (const [off, grade] of [
      [{ greeting: 10 }, 'excellent'],
      [{ greeting: 10, duration: 1 }, 'good'],
      [{ greeting: 10, duration: 10 }, 'good'],
      [{ greeting: 10, duration: 10, record: 1 }, 'pass'],
      [{ greeting: 10, duration: 10, 'policy-answer': 20 }, 'pass'],
      [{ greeting: 10, duration: 10, 'policy-answer': 20, record: 1 }, 'fail'],
    ] as const) {
      const scored = (await review({ callId: 'qa-call-2', answers: standardAnswers(off) })).json<{ review: Review }>().review;
      grades.push([scored.total, scored.grade]);
      expect(scored.grade).toBe(grade);
    }
    expect(grades).toEqual([
      [90, 'excellent'],
      [89, 'good'],
      [80, 'good'],
      [79, 'pass'],
      [60, 'pass'],
      [59, 'fail'],
    ]);
    // The other form, by id, with its own weights.
    const enterprise = await review({
      callId: 'qa-call-3',
      formId: 'enterprise',
      answers: [
        { itemId: 'greeting', points: 10 },
        { itemId: 'enterprise-info', points: 15 },
        { itemId: 'policy-answer', points: 30 },
        { itemId: 'dispatch', points: 20 },
        { itemId: 'deadline', points: 5 },
        { itemId: 'attitude', points: 10 },
      ],
    });
    expect(enterprise.statusCode).toBe(201);
    expect(enterprise.json<{ review: Review }>().review).toMatchObject({ formId: 'enterprise', agentId: '8002', total: 90, grade: 'excellent' });
    // A supervisor may review too; the review is theirs.
    const bySupervisor = await review({ callId: 'qa-call-1', answers: standardAnswers() }, sup);
    expect(bySupervisor.json<{ review: Review }>().review).toMatchObject({ reviewer: 'supervisor', total: 100, grade: 'excellent' });
    // The calls list shows each call's reviews.
    const listed = (await calls('?agent=8001')).calls.find((c) => c.callId === 'qa-call-1');
    expect(listed?.reviews.map((r) => [r.total, r.grade, r.reviewer])).toEqual([
      [91, 'excellent', 'qa'],
      [100, 'excellent', 'supervisor'],
    ]);
  });

  it('a failed fatal item makes the review 0 and fail, whatever the points', async () => {
    const response = await review({ callId: 'qa-call-1', answers: [...standardAnswers(), { itemId: 'abuse', failed: true }, { itemId: 'shirking', failed: false }] });
    expect(response.statusCode).toBe(201);
    const saved = response.json<{ review: Review }>().review;
    expect(saved).toMatchObject({ total: 0, grade: 'fail', fatalFailed: ['abuse'] });
    expect(saved.items.filter((i) => i.fatal).map((i) => [i.itemId, i.failed])).toEqual([
      ['privacy-leak', false],
      ['abuse', true],
      ['shirking', false],
    ]);
    const two = await review({ callId: 'qa-call-1', answers: [...standardAnswers(), { itemId: 'privacy-leak', failed: true }, { itemId: 'shirking', failed: true }] });
    expect(two.json<{ review: Review }>().review).toMatchObject({ total: 0, grade: 'fail', fatalFailed: ['privacy-leak', 'shirking'] });
  });

  it('refuses reviews it cannot score, with stable codes, and saves nothing', async () => {
    const refusals: [object, number, string][] = [
      [{ callId: 'no-such-call', answers: standardAnswers() }, 404, 'QA_CALL_NOT_FOUND'],
      [{ callId: 'qa-missed-1', answers: standardAnswers() }, 404, 'QA_CALL_NOT_FOUND'],
      [{ callId: 'qa-call-1', formId: 'nope', answers: standardAnswers() }, 400, 'QA_FORM_UNKNOWN'],
      [{ callId: 'qa-call-1', answers: standardAnswers().filter((a) => a.itemId !== 'duration') }, 400, 'QA_SCORE_MISSING_ITEM'],
      [{ callId: 'qa-call-1', answers: standardAnswers({ greeting: -1 }) }, 400, 'QA_SCORE_OUT_OF_RANGE'],
      [{ callId: 'qa-call-1', answers: [...standardAnswers(), { itemId: 'privacy-leak', points: 0 }] }, 400, 'QA_SCORE_INVALID_ANSWER'],
      [{ callId: 'qa-call-1', answers: [...standardAnswers(), { itemId: 'greeting', points: 1 }] }, 400, 'QA_SCORE_DUPLICATE_ITEM'],
      [{ callId: 'qa-call-1', answers: [...standardAnswers(), { itemId: 'smile', points: 1 }] }, 400, 'QA_SCORE_UNKNOWN_ITEM'],
      [{ callId: 'qa-call-1', formId: 'enterprise', answers: standardAnswers() }, 400, 'QA_SCORE_UNKNOWN_ITEM'],
      [{ callId: 'qa-call-1', answers: standardAnswers(), extra: true }, 400, 'REQUEST_INVALID'],
      [{ callId: 'qa-call-1', answers: [...standardAnswers().slice(1), { itemId: 'greeting', points: 5, bonus: 1 }] }, 400, 'REQUEST_INVALID'],
      [{ callId: 'qa-call-1', answers: standardAnswers({ greeting: -91 }) }, 400, 'REQUEST_INVALID'],
      [{ callId: 'qa-call-1' }, 400, 'REQUEST_INVALID'],
      [{ callId: "qa-call-1' or 1=1", answers: standardAnswers() }, 400, 'REQUEST_INVALID'],
    ];
    for (const [payload, status, code] of refusals) {
      const response = await review(payload);
      expect([response.statusCode, errorCode(response)], JSON.stringify(payload).slice(0, 120)).toEqual([status, code]);
    }
    const refused = await review({ callId: 'qa-call-1', answers: standardAnswers() }, agent);
    expect([refused.statusCode, errorCode(refused)]).toEqual([403, 'AUTH_FORBIDDEN']);
    expect(database.sqlite.prepare('select count(*) as n from qa_reviews').get()).toEqual({ n: 0 });
  });

  it('GET /api/qa/reviews and /api/qa/summary cover the China days asked for, per agent', async () => {
    // One review the day before (21:00 China), three today.
    clock = NOW - 18 * HOUR;
    await review({ callId: 'qa-call-1', answers: standardAnswers({ greeting: 5 }) });
    clock = NOW - 3_000;
    await review({ callId: 'qa-call-1', answers: standardAnswers({ greeting: 10, duration: 5 }) });
    clock = NOW - 2_000;
    await review({ callId: 'qa-call-2', answers: [...standardAnswers(), { itemId: 'abuse', failed: true }] });
    clock = NOW - 1_000;
    await review({ callId: 'qa-call-3', answers: standardAnswers({ 'policy-answer': 20, attitude: 6 }) });
    clock = NOW;
    const reviews = async (query: string): Promise<[string, string | null, number][]> => {
      const response = await qa({ method: 'GET', url: `/api/qa/reviews${query}` });
      expect(response.statusCode).toBe(200);
      return response.json<{ reviews: Review[] }>().reviews.map((r) => [r.callId, r.agentId, r.total]);
    };
    expect(await reviews('?from=2026-11-23&to=2026-11-23')).toEqual([
      ['qa-call-1', '8001', 85],
      ['qa-call-2', '8001', 0],
      ['qa-call-3', '8002', 74],
    ]);
    expect(await reviews('?from=2026-11-22&to=2026-11-22')).toEqual([['qa-call-1', '8001', 95]]);
    expect(await reviews('?from=2026-11-22&to=2026-11-23&agent=8001')).toEqual([
      ['qa-call-1', '8001', 95],
      ['qa-call-1', '8001', 85],
      ['qa-call-2', '8001', 0],
    ]);
    expect(await reviews('?from=2026-11-24&to=2026-11-30')).toEqual([]);

    const summary = await sup({ method: 'GET', url: '/api/qa/summary?from=2026-11-22&to=2026-11-23' });
    expect(summary.statusCode).toBe(200);
    expect(summary.json<unknown>()).toEqual({
      agents: [
        { agentId: '8001', reviews: 3, average: 60, min: 0, max: 95, fatalCount: 1, byGrade: { excellent: 1, good: 1, pass: 0, fail: 1 } },
        { agentId: '8002', reviews: 1, average: 74, min: 74, max: 74, fatalCount: 0, byGrade: { excellent: 0, good: 0, pass: 1, fail: 0 } },
      ],
    });
    const today = (await qa({ method: 'GET', url: '/api/qa/summary?from=2026-11-23&to=2026-11-23&agent=8001' })).json<{ agents: { agentId: string; average: number }[] }>();
    expect(today.agents).toEqual([expect.objectContaining({ agentId: '8001', reviews: 2, average: 42.5 })]);
    for (const url of ['/api/qa/reviews', '/api/qa/reviews?from=2026-11-23', '/api/qa/summary?from=20261123&to=20261123', '/api/qa/reviews?from=2026-11-23&to=2026-11-23&x=1']) {
      const bad = await qa({ method: 'GET', url });
      expect([bad.statusCode, errorCode(bad)], url).toEqual([400, 'REQUEST_INVALID']);
    }
    const refused = await agent({ method: 'GET', url: '/api/qa/summary?from=2026-11-23&to=2026-11-23' });
    expect([refused.statusCode, errorCode(refused)]).toEqual([403, 'AUTH_FORBIDDEN']);
  });

  it('GET /api/qa/reviews.csv is a UTF-8 CSV with a BOM, CRLF lines, a Chinese header, and formulas defused', async () => {
    clock = NOW - 60_000;
    await review({ callId: 'qa-call-1', answers: standardAnswers({ greeting: 2 }), comment: '=HYPERLINK("http://evil.example","点这里")' });
    clock = NOW;
    await review({ callId: 'qa-call-3', answers: [...standardAnswers(), { itemId: 'privacy-leak', failed: true }, { itemId: 'abuse', failed: true }], comment: '态度良好' });
    const response = await qa({ method: 'GET', url: '/api/qa/reviews.csv?from=2026-11-23&to=2026-11-23' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="qa-reviews-2026-11-23-2026-11-23.csv"');
    expect([...response.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = response.rawPayload.toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    const lines = text.slice(1).split('\r\n');
    expect(lines).toEqual([
      '时间 time,通话 call,坐席 agent,表单 form,质检员 reviewer,得分 total,等级 grade,致命项 fatal,评语 comment',
      `${new Date(NOW - 60_000).toISOString()},qa-call-1,8001,standard,qa,98,excellent,,"'=HYPERLINK(""http://evil.example"",""点这里"")"`,
      `${new Date(NOW).toISOString()},qa-call-3,8002,standard,qa,0,fail,privacy-leak abuse,态度良好`,
      '',
    ]);
    const empty = await sup({ method: 'GET', url: '/api/qa/reviews.csv?from=2026-11-22&to=2026-11-22' });
    expect(empty.rawPayload.toString('utf8')).toBe('\uFEFF时间 time,通话 call,坐席 agent,表单 form,质检员 reviewer,得分 total,等级 grade,致命项 fatal,评语 comment\r\n');
    const refused = await agent({ method: 'GET', url: '/api/qa/reviews.csv?from=2026-11-23&to=2026-11-23' });
    expect([refused.statusCode, errorCode(refused)]).toEqual([403, 'AUTH_FORBIDDEN']);
  });

  it('POST /api/qa/samples draws 10% of each agent\'s answered calls of the day (rounded up), and keeps the draw', async () => {
    // 2026-11-22 (China): 25 answered calls of 8003, 2 of 8004, a missed call; one 8003 call of the 21st.
    const day22 = Date.UTC(2026, 10, 22, 1, 0, 0);
    const ids8003 = Array.from({ length: 25 }, (_, i) => `s-8003-${String(i + 1).padStart(2, '0')}`);
    for (const [i, id] of ids8003.entries()) await answered(id, '8003', day22 + i * 600_000, 90);
    await answered('s-8004-01', '8004', day22 + 30 * 60_000, 45);
    await answered('s-8004-02', '8004', day22 + 90 * 60_000, 45);
    await missed('s-missed', day22 + 2 * HOUR);
    await answered('s-8003-before', '8003', day22 - DAY, 90);

    const response = await qa({ method: 'POST', url: '/api/qa/samples', payload: { day: '2026-11-22', percent: 10 } });
    expect(response.statusCode).toBe(200);
    const body = response.json<{ day: string; calls: { callId: string; agentId: string; percent: number }[] }>();
    expect(body.day).toBe('2026-11-22');
    const of8003 = body.calls.filter((c) => c.agentId === '8003');
    const of8004 = body.calls.filter((c) => c.agentId === '8004');
    expect(of8003).toHaveLength(3);
    expect(of8004).toHaveLength(1);
    expect(body.calls).toHaveLength(4);
    expect(body.calls.every((c) => c.percent === 10)).toBe(true);
    for (const pick of of8003) expect(ids8003).toContain(pick.callId);
    expect(['s-8004-01', 's-8004-02']).toContain(of8004[0]?.callId);
    // The draw is the seeded sample of that day's calls.
    const candidates = [...ids8003.map((callId) => ({ callId, agentId: '8003' })), { callId: 's-8004-01', agentId: '8004' }, { callId: 's-8004-02', agentId: '8004' }];
    const expected = sampleCalls(candidates.map((c) => ({ ...c, day: '2026-11-22' })), 10, 'qa-2026-11-22');
    expect(body.calls.map((c) => c.callId).sort()).toEqual([...expected].sort());

    // Asking again, even with another percentage, returns the same picks.
    const again = await sup({ method: 'POST', url: '/api/qa/samples', payload: { day: '2026-11-22', percent: 50 } });
    expect(again.statusCode).toBe(200);
    expect(again.json<{ calls: { callId: string; percent: number }[] }>().calls.map((c) => [c.callId, c.percent]).sort()).toEqual(body.calls.map((c) => [c.callId, c.percent]).sort());
    expect(database.sqlite.prepare("select count(*) as n from qa_samples where day = '2026-11-22'").get()).toEqual({ n: 4 });

    // Today is allowed (it is still going on); tomorrow has not happened.
    const today = await qa({ method: 'POST', url: '/api/qa/samples', payload: { day: '2026-11-23', percent: 100 } });
    expect(today.statusCode).toBe(200);
    expect(today.json<{ calls: { callId: string }[] }>().calls.map((c) => c.callId).sort()).toEqual(['qa-call-1', 'qa-call-2', 'qa-call-3']);
    const future = await qa({ method: 'POST', url: '/api/qa/samples', payload: { day: '2026-11-24', percent: 10 } });
    expect([future.statusCode, errorCode(future)]).toEqual([400, 'QA_SAMPLE_DAY_IN_FUTURE']);
    for (const payload of [{ day: '2026-11-22', percent: 0 }, { day: '2026-11-22', percent: 101 }, { day: '2026-11-22' }, { day: '22.11.2026', percent: 10 }, { day: '2026-11-22', percent: 10, agent: '8003' }]) {
      const bad = await qa({ method: 'POST', url: '/api/qa/samples', payload });
      expect([bad.statusCode, errorCode(bad)], JSON.stringify(payload)).toEqual([400, 'REQUEST_INVALID']);
    }
    const refused = await agent({ method: 'POST', url: '/api/qa/samples', payload: { day: '2026-11-22', percent: 10 } });
    expect([refused.statusCode, errorCode(refused)]).toEqual([403, 'AUTH_FORBIDDEN']);
  });

  it('refuses an impossible calendar date with 400 REQUEST_INVALID rather than a server error', async () => {
    const requests = [
      { method: 'GET' as const, url: '/api/qa/calls?from=2026-02-30' },
      { method: 'GET' as const, url: '/api/qa/reviews?from=2026-02-30&to=2026-03-01' },
      { method: 'GET' as const, url: '/api/qa/summary?from=2026-11-01&to=2026-11-31' },
      { method: 'GET' as const, url: '/api/qa/reviews.csv?from=2026-13-01&to=2026-13-02' },
      { method: 'POST' as const, url: '/api/qa/samples', payload: { day: '2026-02-30', percent: 10 } },
    ];
    const answers: string[] = [];
    for (const request of requests) {
      const response = await qa(request);
      answers.push(`${request.url} ${JSON.stringify(request.payload ?? '')} -> ${response.statusCode} ${errorCode(response)}`);
    }
    expect(answers).toEqual(requests.map((request) => `${request.url} ${JSON.stringify(request.payload ?? '')} -> 400 REQUEST_INVALID`));
  });
});
