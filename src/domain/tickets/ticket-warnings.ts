// Supervision colour warnings (红黄绿预警) computed from a ticket's history and a given `now`. Pure: the
// scheduler passes the time, and `nextCheckAt` tells it when the answer can next change.
//
//   red    no response (签收/first reply by the handling unit) 24 hours after the dispatch;
//   yellow no progress report for 3 days: since the dispatch, or since the latest progress report;
//   green  the citizen was dissatisfied (不满意) in the last two satisfaction results in a row.
//
// Precisely:
//   - Only events at or before `now` count, so the same history can be replayed at any instant.
//   - Red and yellow concern the current dispatch round and stop once the unit has handled the order
//     (`handledAt`, the reply / 办结). A first response does not reset the yellow clock: a progress
//     report does. Red clears once a response exists, even a late one.
//   - A boundary is a warning: exactly 24 h after dispatch without a response is red; exactly 3 days
//     after the last progress is yellow.
//   - Green looks at satisfaction results in time order (ties keep the given order); 基本满意 and 满意
//     break the row. It stays until a later non-dissatisfied result arrives.
//   - By default the hours are elapsed hours, as the rule reads. A city that counts them on working
//     days passes its calendar (`clock: { calendar }`): only time on working days then counts, so an
//     order dispatched on the Friday before a holiday does not turn red during the break.
import type { WorkingCalendar } from '../calendar/china-calendar.js';
import { addWorkingMs } from '../calendar/working-time.js';

export type SatisfactionRating = 'satisfied' | 'basically-satisfied' | 'dissatisfied';

export function isRating(value: string): value is SatisfactionRating {
  return value === 'satisfied' || value === 'basically-satisfied' || value === 'dissatisfied';
}

/** The minimum a ticket must tell about itself for its warnings. Instants are epoch ms. */
export interface WarningHistory {
  /** The latest dispatch (派单) to the handling unit; null while not dispatched. */
  readonly dispatchedAt: number | null;
  /** The unit's first response (签收 or first contact) to that dispatch; null when none. */
  readonly firstResponseAt: number | null;
  /** Progress reports (进展反馈) by the unit; any order. */
  readonly progressReportsAt: readonly number[];
  /** When the unit replied with its result (答复/办结) for that dispatch; null while open. */
  readonly handledAt: number | null;
  /** Satisfaction results of return visits (回访), any order. */
  readonly satisfaction: readonly { readonly at: number; readonly rating: SatisfactionRating }[];
}

export type WarningColour = 'red' | 'yellow' | 'green';

export interface TicketWarning {
  readonly colour: WarningColour;
  /** When this warning began. */
  readonly since: number;
  readonly reason: string;
}

export interface WarningRules {
  readonly noResponseMs: number;
  readonly noProgressMs: number;
  readonly dissatisfiedInARow: number;
}

export const DEFAULT_WARNING_RULES: WarningRules = {
  noResponseMs: 24 * 60 * 60 * 1000,
  noProgressMs: 3 * 24 * 60 * 60 * 1000,
  dissatisfiedInARow: 2,
};

export interface WarningOptions {
  readonly rules?: WarningRules;
  /** Count red/yellow hours only on working days of this calendar. Default: elapsed time. */
  readonly clock?: { readonly calendar: WorkingCalendar };
}

export interface WarningState {
  /** Active warnings, most severe first (red, yellow, green). */
  readonly warnings: readonly TicketWarning[];
  /** The next instant after `now` at which a warning would begin if nothing else happens; null if none. */
  readonly nextCheckAt: number | null;
}

const SEVERITY: Readonly<Record<WarningColour, number>> = { red: 0, yellow: 1, green: 2 };

const describe = (ms: number): string => {
  const hours = ms / 3_600_000;
  return hours % 24 === 0 && hours >= 48 ? `${hours / 24} days` : `${hours} hours`;
};
const happened = (at: number | null, now: number): at is number => at !== null && at <= now;

export function computeWarnings(history: WarningHistory, now: number, options: WarningOptions = {}): WarningState {
  const rules = options.rules ?? DEFAULT_WARNING_RULES;
  const calendar = options.clock?.calendar;
  const after = (start: number, durationMs: number): number => (calendar === undefined ? start + durationMs : addWorkingMs(calendar, start, durationMs));

  const warnings: TicketWarning[] = [];
  const upcoming: number[] = [];

  const dispatchedAt = history.dispatchedAt;
  if (happened(dispatchedAt, now) && !happened(history.handledAt, now)) {
    if (!happened(history.firstResponseAt, now)) {
      const redAt = after(dispatchedAt, rules.noResponseMs);
      if (now >= redAt) warnings.push({ colour: 'red', since: redAt, reason: `no response ${describe(rules.noResponseMs)} after dispatch` });
      else upcoming.push(redAt);
    }
    const lastProgress = history.progressReportsAt.filter((at) => at >= dispatchedAt && at <= now).reduce((a, b) => Math.max(a, b), dispatchedAt);
    const yellowAt = after(lastProgress, rules.noProgressMs);
    if (now >= yellowAt) warnings.push({ colour: 'yellow', since: yellowAt, reason: `no progress report for ${describe(rules.noProgressMs)}` });
    else upcoming.push(yellowAt);
  }

  const results = history.satisfaction
    .map((result, index) => ({ result, index }))
    .filter(({ result }) => result.at <= now)
    .sort((a, b) => a.result.at - b.result.at || a.index - b.index)
    .map(({ result }) => result);
  const needed = rules.dissatisfiedInARow;
  const tail = results.slice(-needed);
  const last = tail[tail.length - 1];
  if (needed > 0 && tail.length === needed && last !== undefined && tail.every((result) => result.rating === 'dissatisfied')) {
    warnings.push({ colour: 'green', since: last.at, reason: `dissatisfied ${needed} times in a row` });
  }

  warnings.sort((a, b) => SEVERITY[a.colour] - SEVERITY[b.colour]);
  return { warnings, nextCheckAt: upcoming.length === 0 ? null : Math.min(...upcoming) };
}

/** The most severe active colour, or null. */
export function warningColour(history: WarningHistory, now: number, options: WarningOptions = {}): WarningColour | null {
  return computeWarnings(history, now, options).warnings[0]?.colour ?? null;
}
