// The GB/T 33358 phone indicators of one group of calls (one queue's, or all queues'), from the rows
// calls leave when they end. How each call counts:
//
//   offered        the call reached a queue (`queue !== null`): only these were offered to a human.
//                  A call that never reached a queue ended in the IVR and counts as `ivrOnly` on the
//                  day's total, nowhere else, even if a row oddly carries an agent.
//   answered       offered and an agent answered (`agentAnsweredAt !== null`).
//   callbacks      offered, not answered, and the caller chose a callback: the ACD keeps their place,
//                  so they did not give up and are not abandoned. (The callback itself is a later call
//                  with a row of its own.)
//   abandoned      offered, not answered, no callback, whoever hung up (`endedBy` is not consulted):
//                  from the citizen's side a call the system dropped went unserved all the same.
//                  So offered = answered + abandoned + callbacks.
//   shortAbandoned abandoned with `waitMs < shortAbandonMs` (misdials, second thoughts). They stay in
//                  `abandoned` and in `abandonRate`; the count is exposed so a wallboard can show the
//                  rate without them too. (The live ACD counters leave them out; this daily report
//                  follows the brief of the 12345 reports, which count every caller who gave up.)
//   answeredWithinTarget  answered with `waitMs <= answerWithinMs` (15 s: "answer within 15 seconds").
//
// Rates are in 0..1, rounded to 4 decimals, and null when their denominator is 0: "no calls" is not 0 %.
// Averages are whole milliseconds, null when nothing was answered. `longestWaitMs` is over offered calls.
import type { SatisfactionRating } from '../tickets/ticket-warnings.js';

/** What one ended call contributes to the reports (a ticket row, one per call). Epoch ms UTC; durations ms. */
export interface CallOutcome {
  readonly callStartedAt: number;
  /** The queue the call waited in last; null if it never reached one. */
  readonly queue: string | null;
  /** Queued → agent answered, or → caller gave up (or chose a callback). */
  readonly waitMs: number;
  /** Conversation with the agent; 0 if no agent answered. */
  readonly talkMs: number;
  /** After-call work, when known; added to talk for AHT. */
  readonly wrapUpMs?: number;
  readonly agentAnsweredAt: number | null;
  readonly endedBy: string;
  readonly satisfaction: string | null;
  readonly callbackRequested?: boolean;
  /** The filed request type (consultation…), when the order was filed. */
  readonly requestType?: string | null;
  /** How many knowledge articles the agent used to answer (首呼解决的依据). */
  readonly articlesUsed?: number;
}

export interface IndicatorThresholds {
  readonly answerWithinMs: number;
  readonly shortAbandonMs: number;
}

export interface SatisfactionSummary {
  readonly rated: number;
  readonly satisfied: number;
  readonly basicallySatisfied: number;
  readonly dissatisfied: number;
  /** 满意率 = (satisfied + basicallySatisfied) / rated. */
  readonly rate: number | null;
}

export interface QueueDayReport {
  /** The queue id, or `*` for all queues. */
  readonly queue: string;
  readonly offered: number;
  readonly answered: number;
  readonly abandoned: number;
  readonly shortAbandoned: number;
  readonly callbacks: number;
  readonly answeredWithinTarget: number;
  /** 人工接通率 = answered / offered. */
  readonly answerRate: number | null;
  /** 人工应答及时率 = answeredWithinTarget / answered. */
  readonly serviceLevel: number | null;
  /** abandoned / offered, short abandons included. */
  readonly abandonRate: number | null;
  /** Average wait of the answered calls. */
  readonly asaMs: number | null;
  /** Average talk (+ wrap-up when given) of the answered calls. */
  readonly ahtMs: number | null;
  readonly longestWaitMs: number | null;
  readonly satisfaction: SatisfactionSummary;
}

export type OfferedClass = 'answered' | 'callback' | 'abandoned';

/** How an offered call ended for the indicators; null when it never reached a queue. */
export function classifyOutcome(outcome: CallOutcome): OfferedClass | null {
  return outcome.queue === null ? null : offeredClass(outcome);
}

/** How a call that reached a queue ended. An answer wins over a callback request made earlier. */
export function offeredClass(outcome: CallOutcome): OfferedClass {
  if (outcome.agentAnsweredAt !== null) return 'answered';
  return outcome.callbackRequested === true ? 'callback' : 'abandoned';
}

// The survey flow stores `basically_satisfied` while tickets' warnings spell it `basically-satisfied`;
// both mean 基本满意. Anything else (a 5-level score, a typo) is not a rating this report understands.
const RATINGS: ReadonlyMap<string, SatisfactionRating> = new Map([
  ['satisfied', 'satisfied'],
  ['basically-satisfied', 'basically-satisfied'],
  ['basically_satisfied', 'basically-satisfied'],
  ['dissatisfied', 'dissatisfied'],
]);

/** The three-level rating of a stored satisfaction value; null for none or one not understood. */
export function satisfactionRating(value: string | null): SatisfactionRating | null {
  return value === null ? null : (RATINGS.get(value) ?? null);
}

/** part / whole in 0..1 rounded to 4 decimals; null when whole is 0. */
export function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;
}

function average(totalMs: number, count: number): number | null {
  return count === 0 ? null : Math.round(totalMs / count);
}

/** Running sums of one group of calls; turned into a report once every call is in. */
export interface Tally {
  offered: number;
  answered: number;
  abandoned: number;
  shortAbandoned: number;
  callbacks: number;
  answeredWithinTarget: number;
  answerWaitMs: number;
  handleMs: number;
  longestWaitMs: number | null;
  ratings: Record<SatisfactionRating, number>;
}

export function emptyTally(): Tally {
  return {
    offered: 0,
    answered: 0,
    abandoned: 0,
    shortAbandoned: 0,
    callbacks: 0,
    answeredWithinTarget: 0,
    answerWaitMs: 0,
    handleMs: 0,
    longestWaitMs: null,
    ratings: { satisfied: 0, 'basically-satisfied': 0, dissatisfied: 0 },
  };
}

/** Adds one offered call, already classified, to a tally. */
export function addOffered(tally: Tally, outcome: CallOutcome, kind: OfferedClass, limits: IndicatorThresholds): void {
  tally.offered += 1;
  tally.longestWaitMs = Math.max(tally.longestWaitMs ?? 0, outcome.waitMs);
  if (kind === 'answered') addAnswered(tally, outcome, limits);
  else if (kind === 'callback') tally.callbacks += 1;
  else addAbandoned(tally, outcome, limits);
  const rating = satisfactionRating(outcome.satisfaction);
  if (rating !== null) tally.ratings[rating] += 1;
}

function addAnswered(tally: Tally, outcome: CallOutcome, limits: IndicatorThresholds): void {
  tally.answered += 1;
  tally.answerWaitMs += outcome.waitMs;
  tally.handleMs += outcome.talkMs + (outcome.wrapUpMs ?? 0);
  if (outcome.waitMs <= limits.answerWithinMs) tally.answeredWithinTarget += 1;
}

function addAbandoned(tally: Tally, outcome: CallOutcome, limits: IndicatorThresholds): void {
  tally.abandoned += 1;
  if (outcome.waitMs < limits.shortAbandonMs) tally.shortAbandoned += 1;
}

export function queueReport(queue: string, t: Tally): QueueDayReport {
  return {
    queue,
    offered: t.offered,
    answered: t.answered,
    abandoned: t.abandoned,
    shortAbandoned: t.shortAbandoned,
    callbacks: t.callbacks,
    answeredWithinTarget: t.answeredWithinTarget,
    answerRate: rate(t.answered, t.offered),
    serviceLevel: rate(t.answeredWithinTarget, t.answered),
    abandonRate: rate(t.abandoned, t.offered),
    asaMs: average(t.answerWaitMs, t.answered),
    ahtMs: average(t.handleMs, t.answered),
    longestWaitMs: t.longestWaitMs,
    satisfaction: satisfactionSummary(t.ratings),
  };
}

function satisfactionSummary(ratings: Readonly<Record<SatisfactionRating, number>>): SatisfactionSummary {
  const satisfied = ratings.satisfied;
  const basicallySatisfied = ratings['basically-satisfied'];
  const rated = satisfied + basicallySatisfied + ratings.dissatisfied;
  return { rated, satisfied, basicallySatisfied, dissatisfied: ratings.dissatisfied, rate: rate(satisfied + basicallySatisfied, rated) };
}
