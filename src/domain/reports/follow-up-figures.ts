// The day's figures of the work after the call: how fast units signed, how many reminders went out by
// message and by call, and the automatic return visits (回访率, 回访满意率). Pure: the adapter reads
// the rows of the day; each row counts on the China day of its own instant (dispatch, message, call).
//
//   signed within target = dispatches of the day signed (签收) within the target (5 minutes) / dispatches;
//   回访率    = orders reached by a return visit / orders whose visit was due that day;
//   回访满意率 = (满意 + 基本满意) / ratings given on return-visit calls.
import { chinaDayNumber, parseReportDay } from './report-day.js';
import { rate } from './report-indicators.js';
import { isRating, type SatisfactionRating } from '../tickets/ticket-warnings.js';

export interface DispatchRow {
  readonly dispatchedAt: number;
  /** 签收 of that dispatch; null when not (yet) signed. */
  readonly signedAt: number | null;
}

export interface MessageRow {
  readonly createdAt: number;
  readonly status: 'queued' | 'submitted' | 'delivered' | 'failed' | 'expired';
}

export interface FollowUpCallRow {
  /** When the call was asked for: a visit counts on the day it was due. */
  readonly createdAt: number;
  readonly purpose: 'sign-reminder' | 'reply-reminder' | 'return-visit';
  /** At least one attempt was dialed. */
  readonly dialed: boolean;
  readonly reached: boolean;
  /** The rating a return visit obtained. */
  readonly rating: SatisfactionRating | null;
}

export interface FollowUpFigures {
  readonly dispatched: number;
  readonly signedWithinTarget: number;
  /** 0..1, null with no dispatch. */
  readonly signedWithinTargetRate: number | null;
  readonly messages: { readonly sent: number; readonly delivered: number; readonly failed: number };
  readonly reminderCalls: { readonly asked: number; readonly dialed: number; readonly reached: number };
  readonly returnVisits: {
    readonly due: number;
    readonly dialed: number;
    readonly reached: number;
    /** 回访率. */
    readonly rate: number | null;
    readonly ratings: Readonly<Record<SatisfactionRating, number>>;
    /** 回访满意率. */
    readonly satisfactionRate: number | null;
  };
}

export interface FollowUpDay {
  readonly day: string;
  readonly dispatches: readonly DispatchRow[];
  readonly messages: readonly MessageRow[];
  readonly calls: readonly FollowUpCallRow[];
  readonly signWithinMs: number;
}

export function followUpFigures(input: FollowUpDay): FollowUpFigures {
  const day = parseReportDay(input.day);
  const onDay = (at: number): boolean => chinaDayNumber(at) === day;
  const dispatches = input.dispatches.filter((d) => onDay(d.dispatchedAt));
  const signed = dispatches.filter((d) => d.signedAt !== null && d.signedAt - d.dispatchedAt <= input.signWithinMs).length;
  const messages = input.messages.filter((m) => onDay(m.createdAt));
  const calls = input.calls.filter((c) => onDay(c.createdAt));
  const reminders = calls.filter((c) => c.purpose !== 'return-visit');
  const visits = calls.filter((c) => c.purpose === 'return-visit');
  const ratings: Record<SatisfactionRating, number> = { satisfied: 0, 'basically-satisfied': 0, dissatisfied: 0 };
  for (const visit of visits) if (visit.rating !== null) ratings[visit.rating] += 1;
  const rated = ratings.satisfied + ratings['basically-satisfied'] + ratings.dissatisfied;
  const reached = visits.filter((v) => v.reached).length;
  return {
    dispatched: dispatches.length,
    signedWithinTarget: signed,
    signedWithinTargetRate: rate(signed, dispatches.length),
    messages: {
      sent: messages.filter((m) => m.status !== 'queued').length,
      delivered: messages.filter((m) => m.status === 'delivered').length,
      failed: messages.filter((m) => m.status === 'failed' || m.status === 'expired').length,
    },
    reminderCalls: { asked: reminders.length, dialed: reminders.filter((c) => c.dialed).length, reached: reminders.filter((c) => c.reached).length },
    returnVisits: {
      due: visits.length,
      dialed: visits.filter((v) => v.dialed).length,
      reached,
      rate: rate(reached, visits.length),
      ratings,
      satisfactionRate: rate(ratings.satisfied + ratings['basically-satisfied'], rated),
    },
  };
}

/** A stored call task as the figures count it; null for a task of another purpose. */
export function followUpCallRow(task: { readonly createdAt: number; readonly purpose: string; readonly attempts: number; readonly outcome: unknown }): FollowUpCallRow | null {
  if (task.purpose !== 'sign-reminder' && task.purpose !== 'reply-reminder' && task.purpose !== 'return-visit') return null;
  const outcome = task.outcome as { kind?: unknown; variables?: Record<string, unknown> } | null;
  const reached = outcome?.kind === 'reached';
  const said = reached ? outcome?.variables?.['satisfaction'] : undefined;
  const rating = task.purpose === 'return-visit' && typeof said === 'string' && isRating(said) ? said : null;
  return { createdAt: task.createdAt, purpose: task.purpose, dialed: task.attempts > 0, reached, rating };
}
