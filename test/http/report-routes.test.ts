// GET /api/reports/daily over a hand-built day of tickets: the GB/T indicators per queue and in
// total, and the 24-hour connection rate, computed by hand below.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { type OpenDatabase } from '../../src/adapters/db/open-database.js';
import { TicketStore } from '../../src/adapters/db/ticket-store.js';
import { AcdService } from '../../src/app/acd-service.js';
import type { CallFacts } from '../../src/domain/calls/call-facts.js';
import { startHttpTestApp, type Inject } from '../helpers/http-app.js';
import { callFacts } from '../helpers/call-facts.js';
import { callTasks, textMessages } from '../../src/adapters/db/schema.js';

const HOUR = 3_600_000;
/** An instant given in China local time (UTC+8). */
const china = (day: number, hour: number, minute = 0): number => Date.UTC(2026, 10, day, hour - 8, minute);
// Monday 2026-11-23, 15:00 China time: a working day.
const NOW = china(23, 15);

interface QueueLine {
  readonly queue: string;
  readonly offered: number;
  readonly answered: number;
  readonly abandoned: number;
  readonly shortAbandoned: number;
  readonly callbacks: number;
  readonly answeredWithinTarget: number;
  readonly answerRate: number | null;
  readonly serviceLevel: number | null;
  readonly abandonRate: number | null;
  readonly asaMs: number | null;
  readonly longestWaitMs: number | null;
  readonly ivrOnly?: number;
}
interface DailyBody {
  readonly report: { readonly day: string; readonly queues: readonly QueueLine[]; readonly total: QueueLine; readonly hours: readonly { hour: number; offered: number; answered: number; abandoned: number }[] };
  readonly connectionRate24h: number | null;
  readonly window24h: { readonly from: string; readonly to: string };
}

const errorCode = (response: LightMyRequestResponse): string => response.json<{ error: { code: string } }>().error.code;

describe('daily report route', () => {
  let database: OpenDatabase;
  let app: FastifyInstance;
  let acd: AcdService;
  let tickets: TicketStore;
  let sup: Inject;
  let qa: Inject;
  let agent: Inject;

  const hangUp = (facts: CallFacts): void => void tickets.closeCallWithTicket(facts, facts.endedAt + 1_000);
  /** Reached `queue` 20 s after the start; an agent answered after `waitMs`, talking 2 minutes. */
  const answered = (callId: string, startedAt: number, queue: string, waitMs: number): void => {
    const queuedAt = startedAt + 20_000;
    hangUp(callFacts(callId, { startedAt, answeredAt: startedAt + 1_000, queue, queuedAt, agentId: '8001', agentAnsweredAt: queuedAt + waitMs, endedAt: queuedAt + waitMs + 120_000 }));
  };
  /** Reached `queue` and hung up after `waitMs` without an agent. */
  const abandoned = (callId: string, startedAt: number, queue: string, waitMs: number): void => {
    const queuedAt = startedAt + 20_000;
    hangUp(callFacts(callId, { startedAt, answeredAt: startedAt + 1_000, queue, queuedAt, endedAt: queuedAt + waitMs }));
  };
  const daily = async (query: string, as: Inject = sup): Promise<DailyBody> => {
    const response = await as({ method: 'GET', url: `/api/reports/daily${query}` });
    expect(response.statusCode).toBe(200);
    return response.json<DailyBody>();
  };

  beforeEach(async () => {
    const built = await startHttpTestApp({ now: () => NOW });
    database = built.database;
    tickets = built.tickets;
    acd = built.acd;
    app = built.app;
    sup = built.as('supervisor');
    qa = built.as('qa');
    agent = built.as('8001');

    // 2026-11-23 (China), all before 15:00:
    answered('d-fast', china(23, 9), 'general', 15_000); // answered at exactly 15 s: within target
    answered('d-slow', china(23, 10), 'general', 20_000); // answered after 20 s
    abandoned('d-gave-up', china(23, 10, 30), 'general', 30_000); // gave up in the queue
    hangUp(callFacts('d-ivr', { startedAt: china(23, 11), answeredAt: china(23, 11) + 1_000, endedAt: china(23, 11) + 60_000 })); // never left the IVR
    hangUp(
      callFacts('d-callback', {
        startedAt: china(23, 11, 30),
        answeredAt: china(23, 11, 30) + 1_000,
        queue: 'elderly',
        queuedAt: china(23, 11, 30) + 20_000,
        endedAt: china(23, 11, 30) + 50_000,
        ivrPath: [{ at: china(23, 11, 30) + 45_000, kind: 'outcome', outcome: 'callback-requested', detail: '3' }],
      }),
    ); // chose a callback while waiting
    answered('d-elderly', china(23, 14), 'elderly', 5_000);
    // A return visit the hotline placed: its call is no call offered to the hotline, in no figure of calls.
    hangUp(callFacts('d-placed', { startedAt: china(23, 13), answeredAt: china(23, 13) + 1_000, endedAt: china(23, 13) + 30_000, dialedNumber: 'outbound', flowResult: { flow: 'return-visit', variables: { satisfaction: 'satisfied' } } }));
    // 2026-11-22 (China): one call inside the last 24 hours (after 15:00), one before.
    abandoned('p-evening', china(22, 20), 'general', 40_000);
    answered('p-morning', china(22, 10), 'general', 8_000);
  });
  afterEach(async () => {
    acd.stop();
    await app.close();
    database.close();
  });

  it('reports the day’s follow-up: signs within 5 minutes, reminder messages and calls, return visits and their ratings', async () => {
    const d = await tickets.getByCall('d-fast');
    const s = await tickets.getByCall('d-slow');
    await tickets.update(d!.id, null, { status: 'in-progress', dispatchedAt: china(23, 9, 10), firstResponseAt: china(23, 9, 14) }, []);
    await tickets.update(s!.id, null, { status: 'in-progress', dispatchedAt: china(23, 10, 10), firstResponseAt: china(23, 10, 30) }, []);
    const message = { templateId: 'order-to-sign', recipient: '13900000001', params: {}, text: '…', createdAt: china(23, 9, 10) };
    database.db.insert(textMessages).values([
      { ...message, id: 'm1', key: 'k1', status: 'delivered' },
      { ...message, id: 'm2', key: 'k2', status: 'failed' },
      { ...message, id: 'm3', key: 'k3', status: 'delivered', createdAt: china(22, 9) },
    ]).run();
    const task = { number: '13800001111', trunk: 'default', variables: {}, notBefore: 0, callingWindow: 'default', retryPolicy: {}, failures: {}, createdAt: china(23, 12), updatedAt: china(23, 12) };
    database.db.insert(callTasks).values([
      { ...task, id: 't1', purpose: 'sign-reminder', flowId: 'sign-reminder', status: 'done', attempts: 1, outcome: { kind: 'reached', variables: { signed: 'yes' } } },
      { ...task, id: 't2', purpose: 'return-visit', flowId: 'return-visit', status: 'done', attempts: 1, outcome: { kind: 'reached', variables: { satisfaction: 'dissatisfied' } } },
      { ...task, id: 't3', purpose: 'return-visit', flowId: 'return-visit', status: 'done', attempts: 2, outcome: { kind: 'reached', variables: { satisfaction: 'satisfied' } } },
      { ...task, id: 't4', purpose: 'return-visit', flowId: 'return-visit', status: 'failed-final', attempts: 3, outcome: { kind: 'not-reached', cause: 'no-answer' } },
      { ...task, id: 't5', purpose: 'return-visit', flowId: 'return-visit', status: 'pending', attempts: 0 },
      { ...task, id: 't6', purpose: 'survey-of-something-else', flowId: 'main', status: 'done', attempts: 1 },
    ]).run();
    const body = await sup({ method: 'GET', url: '/api/reports/daily?day=2026-11-23' });
    expect(body.json<{ followUp: unknown }>().followUp).toEqual({
      dispatched: 2,
      signedWithinTarget: 1,
      signedWithinTargetRate: 0.5,
      messages: { sent: 2, delivered: 1, failed: 1 },
      reminderCalls: { asked: 1, dialed: 1, reached: 1 },
      returnVisits: { due: 4, dialed: 3, reached: 2, rate: 0.5, ratings: { satisfied: 1, 'basically-satisfied': 0, dissatisfied: 1 }, satisfactionRate: 0.5 },
    });
  });

  it('reports the day per queue and in total, with the 24-hour connection rate over the last 24 hours', async () => {
    const body = await daily('?day=2026-11-23');
    expect(body.report.day).toBe('2026-11-23');
    expect(body.report.queues.map((q) => q.queue)).toEqual(['elderly', 'general']);
    const [elderly, general] = body.report.queues;
    expect(general).toMatchObject({
      queue: 'general',
      offered: 3,
      answered: 2,
      abandoned: 1,
      shortAbandoned: 0,
      callbacks: 0,
      answeredWithinTarget: 1,
      answerRate: 0.6667,
      serviceLevel: 0.5,
      abandonRate: 0.3333,
      asaMs: 17_500,
      longestWaitMs: 30_000,
    });
    expect(elderly).toMatchObject({
      queue: 'elderly',
      offered: 2,
      answered: 1,
      abandoned: 0,
      callbacks: 1,
      answeredWithinTarget: 1,
      answerRate: 0.5,
      serviceLevel: 1,
      abandonRate: 0,
      asaMs: 5_000,
    });
    expect(body.report.total).toMatchObject({
      queue: '*',
      offered: 5,
      answered: 3,
      abandoned: 1,
      callbacks: 1,
      answeredWithinTarget: 2,
      answerRate: 0.6,
      serviceLevel: 0.6667,
      abandonRate: 0.2,
      ivrOnly: 1,
    });
    expect(body.report.hours).toHaveLength(24);
    expect(body.report.hours.filter((h) => h.offered > 0)).toEqual([
      { hour: 9, offered: 1, answered: 1, abandoned: 0 },
      { hour: 10, offered: 2, answered: 1, abandoned: 1 },
      { hour: 11, offered: 1, answered: 0, abandoned: 0 },
      { hour: 14, offered: 1, answered: 1, abandoned: 0 },
    ]);
    // Today: the last 24 hours, so yesterday evening's abandoned call counts, yesterday morning's does not:
    // answered d-fast, d-slow, d-elderly of offered d-fast, d-slow, d-gave-up, d-callback, d-elderly, p-evening.
    expect(body.connectionRate24h).toBe(0.5);
    expect(body.window24h).toEqual({ from: new Date(NOW - 24 * HOUR).toISOString(), to: new Date(NOW).toISOString() });
    // Without a day, the report is today's.
    expect(await daily('')).toEqual(body);
    // QA staff may read it too.
    expect(await daily('?day=2026-11-23', qa)).toEqual(body);
  });

  it('a past day is reported on its own, its 24-hour rate over that China day', async () => {
    const body = await daily('?day=2026-11-22');
    expect(body.report.queues).toEqual([expect.objectContaining({ queue: 'general', offered: 2, answered: 1, abandoned: 1, answerRate: 0.5, serviceLevel: 1 })]);
    expect(body.report.total).toMatchObject({ offered: 2, answered: 1, abandoned: 1, callbacks: 0, answerRate: 0.5, serviceLevel: 1, ivrOnly: 0 });
    expect(body.connectionRate24h).toBe(0.5);
    expect(body.window24h).toEqual({ from: '2026-11-21T16:00:00.000Z', to: '2026-11-22T16:00:00.000Z' });
  });

  it('a day without calls has zero counts and null rates', async () => {
    const body = await daily('?day=2026-11-20');
    expect(body.report.queues).toEqual([]);
    expect(body.report.total).toMatchObject({ offered: 0, answered: 0, abandoned: 0, answerRate: null, serviceLevel: null, abandonRate: null, ivrOnly: 0 });
    expect(body.connectionRate24h).toBeNull();
  });

  it('is for supervisors and QA staff only: an agent gets 403', async () => {
    const response = await agent({ method: 'GET', url: '/api/reports/daily?day=2026-11-23' });
    expect(response.statusCode).toBe(403);
    expect(errorCode(response)).toBe('AUTH_FORBIDDEN');
    const anonymous = await app.inject({ method: 'GET', url: '/api/reports/daily?day=2026-11-23' });
    expect([anonymous.statusCode, errorCode(anonymous)]).toEqual([401, 'AUTH_REQUIRED']);
  });

  it('refuses a malformed day with 400 REQUEST_INVALID', async () => {
    for (const query of ['?day=20261123', '?day=2026-11-3', '?day=yesterday', '?day=2026-11-23T00:00', '?day=', '?day=2026-11-23&queue=general']) {
      const response = await sup({ method: 'GET', url: `/api/reports/daily${query}` });
      expect([response.statusCode, errorCode(response)], query).toEqual([400, 'REQUEST_INVALID']);
    }
  });

  it('refuses an impossible calendar date with 400 REQUEST_INVALID rather than a server error', async () => {
    const answers: string[] = [];
    for (const day of ['2026-02-30', '2026-13-01', '2026-11-31']) {
      const response = await sup({ method: 'GET', url: `/api/reports/daily?day=${day}` });
      answers.push(`${day} -> ${response.statusCode} ${errorCode(response)}`);
    }
    expect(answers).toEqual(['2026-02-30 -> 400 REQUEST_INVALID', '2026-13-01 -> 400 REQUEST_INVALID', '2026-11-31 -> 400 REQUEST_INVALID']);
  });
});
