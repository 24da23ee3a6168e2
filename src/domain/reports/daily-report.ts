// The day's GB/T 33358 service indicators per queue, for the whole line, and by hour, from the rows
// calls leave when they end. Pure: the adapter reads the rows; nothing here reads a clock.
//
// Which calls belong to the day: those whose `callStartedAt` falls on the given China date (UTC+8),
// so a call that starts at 23:59 and is answered after midnight counts on the day it was placed, as the
// citizen sees it. Hour buckets use the same instant. How each call counts (offered, answered,
// abandoned, callbacks, short abandons, ivrOnly) is defined in report-indicators.ts.
//
// `total` (queue `*`) sums the queues, so its satisfaction counts only calls that reached a queue; it
// adds `ivrOnly`, the calls that ended in the IVR, which were never offered to a human.
import { chinaDayNumber, chinaHour, parseReportDay } from './report-day.js';
import {
  addOffered,
  classifyOutcome,
  emptyTally,
  offeredClass,
  queueReport,
  rate,
  type CallOutcome,
  type IndicatorThresholds,
  type OfferedClass,
  type QueueDayReport,
  type Tally,
} from './report-indicators.js';

export type { CallOutcome, QueueDayReport, SatisfactionSummary } from './report-indicators.js';
export { satisfactionRating } from './report-indicators.js';

export interface DailyReportOptions {
  /** The China date, `YYYYMMDD` (`YYYY-MM-DD` is accepted too). */
  readonly day: string;
  /** The answer target of 人工应答及时率; GB/T 33358 says 15 s. */
  readonly answerWithinMs?: number;
  /** Abandons before this wait are also counted as short. */
  readonly shortAbandonMs?: number;
}

export interface TotalDayReport extends QueueDayReport {
  readonly queue: '*';
  /** Calls of the day that never reached a queue. */
  readonly ivrOnly: number;
  /** Calls of the day filed as consultations (咨询). */
  readonly consultations: number;
  /** Of those, the ones answered with a knowledge article recorded (首呼解决依据). */
  readonly consultationsWithArticle: number;
}

export interface HourBucket {
  /** China local hour, 0–23. */
  readonly hour: number;
  readonly offered: number;
  readonly answered: number;
  readonly abandoned: number;
}

export interface DailyReport {
  readonly day: string;
  /** Sorted by queue id. */
  readonly queues: readonly QueueDayReport[];
  readonly total: TotalDayReport;
  /** 24 entries, hour 0 first. */
  readonly hours: readonly HourBucket[];
}

export const DEFAULT_ANSWER_WITHIN_MS = 15_000;
export const DEFAULT_SHORT_ABANDON_MS = 5_000;

interface DayTallies {
  readonly queues: Map<string, Tally>;
  readonly total: Tally;
  readonly hours: { hour: number; offered: number; answered: number; abandoned: number }[];
  ivrOnly: number;
  consultations: number;
  consultationsWithArticle: number;
}

export function dailyReport(outcomes: readonly CallOutcome[], options: DailyReportOptions): DailyReport {
  const dayNumber = parseReportDay(options.day);
  const limits = thresholds(options);
  const tallies: DayTallies = { queues: new Map(), total: emptyTally(), hours: emptyHours(), ivrOnly: 0, consultations: 0, consultationsWithArticle: 0 };
  for (const outcome of outcomes) {
    if (chinaDayNumber(outcome.callStartedAt) === dayNumber) addToDay(tallies, outcome, limits);
  }
  const queues = [...tallies.queues.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    day: options.day,
    queues: queues.map(([queue, tally]) => queueReport(queue, tally)),
    total: { ...queueReport('*', tallies.total), queue: '*', ivrOnly: tallies.ivrOnly, consultations: tallies.consultations, consultationsWithArticle: tallies.consultationsWithArticle },
    hours: tallies.hours,
  };
}

// A wrong threshold would silently skew every rate, so refuse it rather than report nonsense.
function thresholds(options: DailyReportOptions): IndicatorThresholds {
  const answerWithinMs = options.answerWithinMs ?? DEFAULT_ANSWER_WITHIN_MS;
  const shortAbandonMs = options.shortAbandonMs ?? DEFAULT_SHORT_ABANDON_MS;
  for (const [name, value] of Object.entries({ answerWithinMs, shortAbandonMs })) {
    if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name} must be a non-negative number, got ${value}`);
  }
  return { answerWithinMs, shortAbandonMs };
}

function emptyHours(): DayTallies['hours'] {
  return Array.from({ length: 24 }, (_, hour) => ({ hour, offered: 0, answered: 0, abandoned: 0 }));
}

function addToDay(tallies: DayTallies, outcome: CallOutcome, limits: IndicatorThresholds): void {
  if (outcome.requestType === 'consultation') {
    tallies.consultations += 1;
    if ((outcome.articlesUsed ?? 0) > 0) tallies.consultationsWithArticle += 1;
  }
  const queue = outcome.queue;
  if (queue === null) {
    tallies.ivrOnly += 1;
    return;
  }
  const kind = offeredClass(outcome);
  const queueTally = tallies.queues.get(queue) ?? emptyTally();
  tallies.queues.set(queue, queueTally);
  addOffered(queueTally, outcome, kind, limits);
  addOffered(tallies.total, outcome, kind, limits);
  addToHour(tallies.hours, outcome.callStartedAt, kind);
}

function addToHour(hours: DayTallies['hours'], startedAt: number, kind: OfferedClass): void {
  const bucket = hours[chinaHour(startedAt)];
  if (bucket === undefined) return; // cannot happen: chinaHour is 0..23
  bucket.offered += 1;
  if (kind === 'answered') bucket.answered += 1;
  if (kind === 'abandoned') bucket.abandoned += 1;
}

/**
 * 24小时接通率: calls answered by a human / calls offered to one, over calls started in
 * [fromMs, toMs). Usually a rolling 24 hours, but the window is the caller's. Null when nothing was offered.
 */
export function connectionRate24h(outcomes: readonly CallOutcome[], fromMs: number, toMs: number): number | null {
  let offered = 0;
  let answered = 0;
  for (const outcome of outcomes) {
    if (outcome.callStartedAt < fromMs || outcome.callStartedAt >= toMs) continue;
    const kind = classifyOutcome(outcome);
    if (kind !== null) offered += 1;
    if (kind === 'answered') answered += 1;
  }
  return rate(answered, offered);
}
