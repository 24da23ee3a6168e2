import { describe, expect, it } from 'vitest';
import { connectionRate24h, dailyReport, satisfactionRating, type CallOutcome } from '../../../src/domain/reports/daily-report.js';

// Beijing time on 2026-03-10, written by hand as UTC minus 8 hours (Date.UTC rolls negative hours back a day).
const bj = (hour: number, minute: number, second = 0, ms = 0): number => Date.UTC(2026, 2, 10, hour - 8, minute, second, ms);

const call = (fields: Partial<CallOutcome> & Pick<CallOutcome, 'callStartedAt'>): CallOutcome => ({
  queue: null,
  waitMs: 0,
  talkMs: 0,
  agentAnsweredAt: null,
  endedBy: 'caller',
  satisfaction: null,
  ...fields,
});

const answered = (queue: string, at: number, waitMs: number, talkMs: number, extra: Partial<CallOutcome> = {}): CallOutcome =>
  call({ callStartedAt: at, queue, waitMs, talkMs, agentAnsweredAt: at + 20_000 + waitMs, endedBy: 'agent', ...extra });

const gaveUp = (queue: string, at: number, waitMs: number, extra: Partial<CallOutcome> = {}): CallOutcome =>
  call({ callStartedAt: at, queue, waitMs, ...extra });

// The day, hand-computed below. general: 5 offered; enterprise: 3 offered; 1 IVR-only; 2 on other days.
const DAY: readonly CallOutcome[] = [
  answered('general', bj(8, 30), 10_000, 120_000, { wrapUpMs: 30_000, satisfaction: 'satisfied', requestType: 'consultation', articlesUsed: 2 }),
  answered('general', bj(9, 15), 20_000, 300_000, { satisfaction: 'basically-satisfied', requestType: 'consultation', articlesUsed: 0 }),
  gaveUp('general', bj(9, 40), 3_000),
  gaveUp('general', bj(10, 5), 40_000, { endedBy: 'system' }),
  gaveUp('general', bj(10, 20), 25_000, { callbackRequested: true }),
  answered('enterprise', bj(0, 0), 15_000, 200_000, { satisfaction: 'dissatisfied' }),
  answered('enterprise', bj(14, 0), 5_000, 100_000, { wrapUpMs: 20_000, satisfaction: '4', requestType: 'complaint', articlesUsed: 1 }),
  gaveUp('enterprise', bj(23, 59, 59, 999), 5_000),
  call({ callStartedAt: bj(11, 0), endedBy: 'caller' }),
  answered('general', bj(-1, 59), 1_000, 60_000, { satisfaction: 'satisfied', requestType: 'consultation', articlesUsed: 1 }), // 2026-03-09 23:59 Beijing
  gaveUp('enterprise', bj(24, 0), 1_000), // 2026-03-11 00:00 Beijing
];

const zeroSatisfaction = { rated: 0, satisfied: 0, basicallySatisfied: 0, dissatisfied: 0, rate: null };

describe('the daily report', () => {
  const report = dailyReport(DAY, { day: '20260310' });

  it('reports each queue with every indicator, queues sorted by id', () => {
    expect(report.day).toBe('20260310');
    expect(report.queues.map((q) => q.queue)).toEqual(['enterprise', 'general']);
    expect(report.queues[1]).toEqual({
      queue: 'general',
      offered: 5,
      answered: 2,
      abandoned: 2, // the 3 s and the 40 s callers; the callback keeps its place
      shortAbandoned: 1,
      callbacks: 1,
      answeredWithinTarget: 1,
      answerRate: 0.4,
      serviceLevel: 0.5,
      abandonRate: 0.4,
      asaMs: 15_000,
      ahtMs: 225_000, // (120 s + 30 s wrap-up + 300 s) / 2
      longestWaitMs: 40_000,
      satisfaction: { rated: 2, satisfied: 1, basicallySatisfied: 1, dissatisfied: 0, rate: 1 },
    });
    expect(report.queues[0]).toEqual({
      queue: 'enterprise',
      offered: 3, // the 00:00 call is in, the 23:59:59.999 call is in
      answered: 2,
      abandoned: 1,
      shortAbandoned: 0, // waited exactly 5 s: short means under 5 s
      callbacks: 0,
      answeredWithinTarget: 2, // exactly 15 s is within 15 s
      answerRate: 0.6667,
      serviceLevel: 1,
      abandonRate: 0.3333,
      asaMs: 10_000,
      ahtMs: 160_000, // (200 s + 100 s + 20 s wrap-up) / 2
      longestWaitMs: 15_000,
      satisfaction: { rated: 1, satisfied: 0, basicallySatisfied: 0, dissatisfied: 1, rate: 0 }, // '4' is not a rating
    });
  });

  it('totals the queues and counts the IVR-only call, leaving out calls of other China days', () => {
    expect(report.total).toEqual({
      queue: '*',
      offered: 8,
      answered: 4,
      abandoned: 3,
      shortAbandoned: 1,
      callbacks: 1,
      answeredWithinTarget: 3,
      answerRate: 0.5,
      serviceLevel: 0.75,
      abandonRate: 0.375,
      asaMs: 12_500,
      ahtMs: 192_500,
      longestWaitMs: 40_000,
      satisfaction: { rated: 3, satisfied: 1, basicallySatisfied: 1, dissatisfied: 1, rate: 0.6667 },
      ivrOnly: 1,
      // Two consultations that day, one answered from the knowledge base; a complaint's article does not count.
      consultations: 2,
      consultationsWithArticle: 1,
    });
  });

  it('buckets offered calls by China local hour, 24 of them', () => {
    expect(report.hours).toHaveLength(24);
    expect(report.hours.map((h) => h.hour)).toEqual(Array.from({ length: 24 }, (_, i) => i));
    const busy = report.hours.filter((h) => h.offered > 0);
    expect(busy).toEqual([
      { hour: 0, offered: 1, answered: 1, abandoned: 0 },
      { hour: 8, offered: 1, answered: 1, abandoned: 0 }, // 08:30 Beijing is 00:30 UTC
      { hour: 9, offered: 2, answered: 1, abandoned: 1 },
      { hour: 10, offered: 2, answered: 0, abandoned: 1 }, // the other one chose a callback
      { hour: 14, offered: 1, answered: 1, abandoned: 0 },
      { hour: 23, offered: 1, answered: 0, abandoned: 1 },
    ]);
    expect(bj(8, 30)).toBe(Date.UTC(2026, 2, 10, 0, 30));
  });

  it('reports the previous China day from the calls that belong to it', () => {
    const previous = dailyReport(DAY, { day: '20260309' });
    expect(previous.total).toMatchObject({ offered: 1, answered: 1, ivrOnly: 0, answeredWithinTarget: 1, consultations: 1, consultationsWithArticle: 1 });
    expect(previous.hours[23]).toEqual({ hour: 23, offered: 1, answered: 1, abandoned: 0 });
    expect(dailyReport(DAY, { day: '2026-03-09' }).total).toEqual(previous.total);
  });

  it('takes other thresholds', () => {
    const general = dailyReport(DAY, { day: '20260310', answerWithinMs: 20_000, shortAbandonMs: 40_001 }).queues[1];
    expect(general).toMatchObject({ answeredWithinTarget: 2, serviceLevel: 1, shortAbandoned: 2, abandoned: 2, abandonRate: 0.4 });
  });

  it('gives null, never NaN, when a denominator is zero', () => {
    const empty = dailyReport([], { day: '20260310' });
    expect(empty.queues).toEqual([]);
    expect(empty.total).toEqual({
      queue: '*',
      offered: 0,
      answered: 0,
      abandoned: 0,
      shortAbandoned: 0,
      callbacks: 0,
      answeredWithinTarget: 0,
      answerRate: null,
      serviceLevel: null,
      abandonRate: null,
      asaMs: null,
      ahtMs: null,
      longestWaitMs: null,
      satisfaction: zeroSatisfaction,
      ivrOnly: 0,
      consultations: 0,
      consultationsWithArticle: 0,
    });
    expect(empty.hours.every((h) => h.offered === 0 && h.answered === 0 && h.abandoned === 0)).toBe(true);
    const nobodyAnswered = dailyReport([gaveUp('q', bj(12, 0), 8_000)], { day: '20260310' }).queues[0];
    expect(nobodyAnswered).toMatchObject({ answerRate: 0, abandonRate: 1, serviceLevel: null, asaMs: null, ahtMs: null, longestWaitMs: 8_000 });
    expect(nobodyAnswered?.satisfaction).toEqual(zeroSatisfaction);
  });

  it('counts a day of IVR-only calls as ivrOnly with nothing offered', () => {
    const ivr = dailyReport([call({ callStartedAt: bj(7, 0) }), call({ callStartedAt: bj(7, 1), agentAnsweredAt: bj(7, 2) })], { day: '20260310' });
    expect(ivr.queues).toEqual([]);
    expect(ivr.total).toMatchObject({ offered: 0, answered: 0, ivrOnly: 2, answerRate: null });
  });

  it('refuses a day that is not a date and thresholds that are not durations', () => {
    expect(() => dailyReport(DAY, { day: '20260230' })).toThrow(RangeError);
    expect(() => dailyReport(DAY, { day: 'today' })).toThrow(RangeError);
    expect(() => dailyReport(DAY, { day: '20260310', answerWithinMs: -1 })).toThrow(RangeError);
    expect(() => dailyReport(DAY, { day: '20260310', shortAbandonMs: Number.NaN })).toThrow(RangeError);
  });
});

describe('satisfaction ratings', () => {
  it('understands the three words, in both spellings of 基本满意, and nothing else', () => {
    expect(satisfactionRating('satisfied')).toBe('satisfied');
    expect(satisfactionRating('basically-satisfied')).toBe('basically-satisfied');
    expect(satisfactionRating('basically_satisfied')).toBe('basically-satisfied'); // what the survey flow stores
    expect(satisfactionRating('dissatisfied')).toBe('dissatisfied');
    for (const other of ['5', '1', 'Satisfied', '满意', '', null]) expect(satisfactionRating(other)).toBeNull();
  });
});

describe('the 24-hour connection rate', () => {
  const from = bj(8, 0);
  const to = from + 24 * 60 * 60 * 1000;
  const window: readonly CallOutcome[] = [
    answered('general', from, 5_000, 60_000), // at from: in
    gaveUp('general', from + 1, 9_000), // in
    answered('general', to - 1, 5_000, 60_000), // last ms: in
    answered('general', to, 5_000, 60_000), // at to: out
    gaveUp('general', from - 1, 9_000), // before from: out
    gaveUp('general', from + 60_000, 2_000, { callbackRequested: true }), // offered, not answered: in
    call({ callStartedAt: from + 120_000 }), // IVR only: not offered
  ];

  it('is answered / offered over calls started in [from, to)', () => {
    expect(connectionRate24h(window, from, to)).toBe(0.5); // 2 of 4
    expect(connectionRate24h(window, from + 1, to + 1)).toBe(0.5); // loses the first, gains the one at `to`
    expect(connectionRate24h(window, from - 1, to)).toBe(0.4); // 2 of 5
  });

  it('is null when nothing was offered in the window', () => {
    expect(connectionRate24h(window, from + 100_000, from + 200_000)).toBeNull();
    expect(connectionRate24h([], from, to)).toBeNull();
    expect(connectionRate24h(window, to, from)).toBeNull();
  });
});
