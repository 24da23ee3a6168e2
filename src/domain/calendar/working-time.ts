// Working-time arithmetic on China's calendar, for work-order time limits (SLA): consultation (咨询)
// answered within 1 working day, other requests within 4 (configurable), and the "1345" milestones.
//
// THE DUE-TIME RULE. "n working days from a request received at instant t" ends at 24:00 China time
// of the n-th working day after the day t falls on; the day of receipt itself is never counted,
// whatever the hour and whether or not it is a working day.
//
//   - A consultation received Friday 2026-02-13 at 18:00, the last weekday before the Spring Festival
//     break, is due at 24:00 on Saturday 2026-02-14: that Saturday is a make-up working day (调休).
//     Received on that Saturday, it is due at 24:00 on Tuesday 2026-02-24, the first working day after
//     the nine days off (2-15 to 2-23). Received on Friday 2025-09-26 at 18:00, it is due at 24:00 on
//     Sunday 2025-09-28 (a make-up working day); received on Tuesday 2025-09-30, at 24:00 on Thursday
//     2025-10-09, after the eight days of 国庆节、中秋节.
//
// Why this rule and not "the same clock time on the n-th working day":
//   1. It is how Chinese law counts periods in days, which is what handling units, supervisors and
//      the assessments of 12345 performance already apply: 民法典 第二百零一条 (the day a period begins
//      is not counted; counting starts the next day) and 第二百零三条 (a last day that is a statutory
//      holiday moves to the day after the holiday; the last day ends at 24:00). Counting only working
//      days on the official calendar gives the holiday shift of Art. 203 for free.
//   2. Units plan work by the day. A request logged at 17:59 and one logged at 18:01 on the same day
//      get the same deadline, and a unit is never due "at 06:12" on a morning before anyone is in.
//   3. A request that arrives on Friday evening before a holiday gets the whole first working day
//      after it, not a deadline that falls while the office is still closed, nor one a few hours into
//      the first day back.
// Art. 203 also allows a close-of-business cutoff where there are business hours; `cutoffMinute`
// (minutes since midnight, e.g. 17*60+30) selects it. The default is 24:00.
//
// A deadline is an instant: the work is on time when done strictly before it (`isOverdue`).
import { addDays, chinaDate, chinaInstant, DAY_MS, MINUTES_PER_DAY, yearOf, type LocalDate, type WorkingCalendar } from './china-calendar.js';

export interface DeadlineOptions {
  /** Minutes since local midnight at which the last working day ends (1–1440). Default 1440 (24:00). */
  readonly cutoffMinute?: number;
}

function requireDayCount(n: number, what: string): void {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`${what} must be a whole number of working days ≥ 1, got ${n}`);
}

function cutoffOf(options: DeadlineOptions): number {
  const cutoff = options.cutoffMinute ?? MINUTES_PER_DAY;
  if (!Number.isInteger(cutoff) || cutoff < 1 || cutoff > MINUTES_PER_DAY) throw new RangeError(`cutoffMinute out of range: ${cutoff}`);
  return cutoff;
}

/** The n-th working day strictly after `date` (n ≥ 1). */
export function nthWorkingDayAfter(calendar: WorkingCalendar, date: LocalDate, n: number): LocalDate {
  requireDayCount(n, 'n');
  let day = date;
  for (let i = 0; i < n; i++) day = calendar.nextWorkingDay(day);
  return day;
}

/**
 * The deadline n working days after `startMs` (n ≥ 1): 24:00 China time (or `cutoffMinute`) of the
 * n-th working day after the China local day of `startMs`. See the rule at the top of this file.
 */
export function addWorkingDays(calendar: WorkingCalendar, startMs: number, n: number, options: DeadlineOptions = {}): number {
  const cutoff = cutoffOf(options);
  return chinaInstant(nthWorkingDayAfter(calendar, chinaDate(startMs), n), cutoff);
}

/** True once `now` has reached the deadline. */
export function isOverdue(dueAt: number, now: number): boolean {
  return now >= dueAt;
}

/** Whether every year from `from`'s to `to`'s is in the calendar's data (false: the Mon–Fri fallback was used). */
export function calendarCovers(calendar: WorkingCalendar, from: LocalDate, to: LocalDate): boolean {
  const [a, b] = [yearOf(from), yearOf(to)].sort((x, y) => x - y) as [number, number];
  for (let year = a; year <= b; year++) if (!calendar.covers(year)) return false;
  return true;
}

/**
 * Milliseconds of [fromMs, toMs) that fall on working days (each working day counts 24 hours,
 * midnight to midnight China time). 0 when `toMs <= fromMs`.
 */
export function workingMsBetween(calendar: WorkingCalendar, fromMs: number, toMs: number): number {
  let total = 0;
  let cursor = fromMs;
  while (cursor < toMs) {
    const date = chinaDate(cursor);
    const dayEnd = chinaInstant(addDays(date, 1));
    const end = Math.min(dayEnd, toMs);
    if (calendar.isWorkingDay(date)) total += end - cursor;
    cursor = end;
  }
  return total;
}

/**
 * The instant at which `durationMs` of working time (time on working days, see `workingMsBetween`)
 * has passed since `startMs`. Time on non-working days does not count, so 24 h from Friday 10:00
 * before an ordinary weekend is Monday 10:00.
 */
export function addWorkingMs(calendar: WorkingCalendar, startMs: number, durationMs: number): number {
  if (!Number.isFinite(durationMs) || durationMs < 0) throw new RangeError(`duration must be ≥ 0, got ${durationMs}`);
  let remaining = durationMs;
  let cursor = startMs;
  // Each pass consumes one China local day; a year of days beyond the duration is a broken calendar.
  const limit = Math.ceil(durationMs / DAY_MS) + 400;
  for (let i = 0; i < limit; i++) {
    if (remaining === 0) return cursor;
    const date = chinaDate(cursor);
    const dayEnd = chinaInstant(addDays(date, 1));
    if (calendar.isWorkingDay(date)) {
      const available = dayEnd - cursor;
      if (remaining <= available) return cursor + remaining;
      remaining -= available;
    }
    cursor = dayEnd;
  }
  throw new RangeError('no working time found: is every day a holiday?');
}

/** Working days allowed per request type; the keys are the ticket's request type names. */
export interface SlaPolicy {
  /** Days for a type not listed in `byType`. */
  readonly defaultDays: number;
  readonly byType: Readonly<Record<string, number>>;
  readonly cutoffMinute?: number;
}

/** Consultation (咨询): 1 working day; everything else (求助, 投诉, 举报, 建议, 表扬): 4. */
export const DEFAULT_SLA_POLICY: SlaPolicy = { defaultDays: 4, byType: { consultation: 1 } };

export interface SlaDue {
  readonly dueAt: number;
  /** The working day the deadline ends. */
  readonly dueDate: LocalDate;
  readonly workingDays: number;
  /** True when a year between receipt and due date is missing from the calendar data (Mon–Fri fallback used). */
  readonly outsideCalendar: boolean;
}

/** When a request of `requestType` received at `receivedAt` must be answered. */
export function slaDue(calendar: WorkingCalendar, requestType: string, receivedAt: number, policy: SlaPolicy = DEFAULT_SLA_POLICY): SlaDue {
  const workingDays = policy.byType[requestType] ?? policy.defaultDays;
  const startDate = chinaDate(receivedAt);
  const dueDate = nthWorkingDayAfter(calendar, startDate, workingDays);
  const dueAt = chinaInstant(dueDate, cutoffOf(policy.cutoffMinute === undefined ? {} : { cutoffMinute: policy.cutoffMinute }));
  return { dueAt, dueDate, workingDays, outsideCalendar: !calendarCovers(calendar, startDate, dueDate) };
}

/** The "1345" rule in working days: 1 confirm/sign (签收), 3 reply (答复), 4 follow-up check (回访核查), 5 close (办结). */
export interface MilestoneDays {
  readonly sign: number;
  readonly reply: number;
  readonly followUp: number;
  readonly close: number;
}

export const DEFAULT_MILESTONE_DAYS: MilestoneDays = { sign: 1, reply: 3, followUp: 4, close: 5 };

export interface Milestones {
  readonly signBy: number;
  readonly replyBy: number;
  readonly followUpBy: number;
  readonly closeBy: number;
  readonly outsideCalendar: boolean;
}

/**
 * The 1345 deadlines counted from `startMs` (normally the dispatch, 派单), each by the due-time rule
 * above: 24:00 (or the cutoff) of the n-th working day after the start's day.
 */
export function milestones1345(
  calendar: WorkingCalendar,
  startMs: number,
  days: MilestoneDays = DEFAULT_MILESTONE_DAYS,
  options: DeadlineOptions = {},
): Milestones {
  const startDate = chinaDate(startMs);
  const latest = Math.max(days.sign, days.reply, days.followUp, days.close);
  return {
    signBy: addWorkingDays(calendar, startMs, days.sign, options),
    replyBy: addWorkingDays(calendar, startMs, days.reply, options),
    followUpBy: addWorkingDays(calendar, startMs, days.followUp, options),
    closeBy: addWorkingDays(calendar, startMs, days.close, options),
    outsideCalendar: !calendarCovers(calendar, startDate, nthWorkingDayAfter(calendar, startDate, latest)),
  };
}
