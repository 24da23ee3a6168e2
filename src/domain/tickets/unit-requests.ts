// What a handling unit (承办单位) may do with an order, and its two requests to the hotline: 退单 (return
// for redispatch) and 延期 (extension). Pure: who may ask what when, at most one pending request per
// order, and what a supervisor's decision changes. The service applies the result with its events.
import type { WorkingCalendar } from '../calendar/china-calendar.js';
import { addWorkingDays } from '../calendar/working-time.js';
import type { TicketStatus } from './ticket-status.js';

export const UNIT_REQUEST_KINDS = ['return', 'extension'] as const;
export type UnitRequestKind = (typeof UNIT_REQUEST_KINDS)[number];
export const UNIT_REQUEST_STATES = ['pending', 'approved', 'rejected'] as const;
export type UnitRequestState = (typeof UNIT_REQUEST_STATES)[number];
export const DECISIONS = ['approve', 'reject'] as const;
export type Decision = (typeof DECISIONS)[number];

/** The most working days one extension may ask for: more is a new dispatch, not an extension. */
export const MAX_EXTENSION_DAYS = 20;

/** The order's latest request, kept on the order until the next one replaces it. */
export interface UnitRequest {
  readonly kind: UnitRequestKind;
  readonly state: UnitRequestState;
  /** The unit that asked: always the main unit at the time. */
  readonly unit: string;
  readonly reason: string;
  readonly requestedBy: string;
  readonly requestedAt: number;
  /** Extension: the working days asked for. */
  readonly days?: number;
  readonly decidedBy?: string;
  readonly decidedAt?: number;
  readonly decisionReason?: string;
  /** An approved return: the unit the hotline dispatched the order to instead. */
  readonly redispatchedTo?: string;
}

/** How a unit stands to an order: its main unit, one of its assisting units, or neither. */
export type UnitStanding = 'main' | 'assisting' | 'none';

export type UnitRequestError =
  | 'TICKET_NOT_YOURS'
  | 'TICKET_TRANSITION_INVALID'
  | 'UNIT_REQUEST_PENDING'
  | 'UNIT_REQUEST_NONE'
  | 'UNIT_EXTENSION_DAYS_INVALID'
  | 'UNIT_EXTENSION_NO_DEADLINE'
  | 'UNIT_REDISPATCH_UNIT_REQUIRED'
  | 'UNIT_REDISPATCH_SAME_UNIT';

/** What the rules need to know of the order. */
export interface UnitOrderFacts {
  readonly status: TicketStatus;
  readonly mainUnit: string | null;
  readonly assistingUnits: readonly string[];
  readonly replyBy: number | null;
  readonly unitRequest: UnitRequest | null;
}

export function standingOf(order: Pick<UnitOrderFacts, 'mainUnit' | 'assistingUnits'>, unitId: string): UnitStanding {
  if (order.mainUnit === unitId) return 'main';
  return order.assistingUnits.includes(unitId) ? 'assisting' : 'none';
}

/** The statuses in which the order is in the unit's hands. */
function inUnitHands(status: TicketStatus): boolean {
  return status === 'dispatched' || status === 'in-progress';
}

/** 签收: the main unit signs a dispatched order once. Assisting units follow the main unit and never sign. */
export function checkSign(order: UnitOrderFacts, standing: UnitStanding): UnitRequestError | null {
  if (standing !== 'main') return 'TICKET_NOT_YOURS';
  return order.status === 'dispatched' ? null : 'TICKET_TRANSITION_INVALID';
}

/** 进展 / 答复: both units report progress; only the main unit replies, and not while its return is pending. */
export function checkUnitFeedback(order: UnitOrderFacts, standing: UnitStanding, kind: 'response' | 'progress' | 'reply'): UnitRequestError | null {
  if (standing === 'none' || (standing === 'assisting' && kind !== 'progress')) return 'TICKET_NOT_YOURS';
  if (!inUnitHands(order.status)) return 'TICKET_TRANSITION_INVALID';
  if (kind === 'reply' && order.unitRequest?.state === 'pending' && order.unitRequest.kind === 'return') return 'UNIT_REQUEST_PENDING';
  return null;
}

export interface UnitAsk {
  readonly kind: UnitRequestKind;
  readonly reason: string;
  readonly days?: number;
}

/** Only the main unit asks, while the order is in its hands, one request at a time. */
export function checkAsk(order: UnitOrderFacts, standing: UnitStanding, ask: UnitAsk): UnitRequestError | null {
  if (standing !== 'main') return 'TICKET_NOT_YOURS';
  if (!inUnitHands(order.status)) return 'TICKET_TRANSITION_INVALID';
  if (order.unitRequest?.state === 'pending') return 'UNIT_REQUEST_PENDING';
  if (ask.kind !== 'extension') return null;
  if (ask.days === undefined || !Number.isInteger(ask.days) || ask.days < 1 || ask.days > MAX_EXTENSION_DAYS) return 'UNIT_EXTENSION_DAYS_INVALID';
  return order.replyBy === null ? 'UNIT_EXTENSION_NO_DEADLINE' : null;
}

export function pendingRequest(order: UnitOrderFacts, unitId: string, by: string, at: number, ask: UnitAsk): UnitRequest {
  return { kind: ask.kind, state: 'pending', unit: unitId, reason: ask.reason, requestedBy: by, requestedAt: at, ...(ask.kind === 'extension' && ask.days !== undefined ? { days: ask.days } : {}) };
}

export interface UnitDecision {
  readonly decision: Decision;
  readonly reason: string;
  /** An approved return: the unit the order goes to now (the hotline's redispatch, in the same step). */
  readonly mainUnit?: string;
  readonly assistingUnits?: readonly string[];
}

/** A decision needs a pending request; approving a return names the new main unit, which is not the one that returned it. */
export function checkDecision(order: UnitOrderFacts, decision: UnitDecision): UnitRequestError | null {
  const request = order.unitRequest;
  if (request?.state !== 'pending') return 'UNIT_REQUEST_NONE';
  if (request.kind !== 'return' || decision.decision !== 'approve') return null;
  if (decision.mainUnit === undefined) return 'UNIT_REDISPATCH_UNIT_REQUIRED';
  return decision.mainUnit === request.unit ? 'UNIT_REDISPATCH_SAME_UNIT' : null;
}

export function decidedRequest(request: UnitRequest, decision: UnitDecision, by: string, at: number): UnitRequest {
  const redispatch = request.kind === 'return' && decision.decision === 'approve' && decision.mainUnit !== undefined ? { redispatchedTo: decision.mainUnit } : {};
  return { ...request, state: decision.decision === 'approve' ? 'approved' : 'rejected', decidedBy: by, decidedAt: at, decisionReason: decision.reason, ...redispatch };
}

/**
 * A dispatch by the hotline while a request waits decides it: a return is approved when the order
 * goes to another unit (rejected when it goes back to the same one), an extension is rejected, the
 * new dispatch bringing its own deadlines. Null: nothing was waiting.
 */
export function settledByDispatch(request: UnitRequest | null, mainUnit: string, by: string, at: number, note: string | null): UnitRequest | null {
  if (request?.state !== 'pending') return null;
  const approve = request.kind === 'return' && mainUnit !== request.unit;
  const reason = note ?? (approve ? 'redispatched' : 'superseded by a new dispatch');
  return decidedRequest(request, { decision: approve ? 'approve' : 'reject', reason, mainUnit }, by, at);
}

export interface Deadlines {
  readonly dueAt: number | null;
  readonly replyBy: number | null;
  readonly followUpBy: number | null;
  readonly closeBy: number | null;
}

/**
 * An approved extension moves the reply deadline and every later milestone by the days granted, on
 * the working-day calendar. A deadline is 24:00 of its day, so counting starts from the day it ends.
 */
export function extendedDeadlines(deadlines: Deadlines, days: number, calendar: WorkingCalendar): Deadlines {
  const later = (at: number | null): number | null => (at === null ? null : addWorkingDays(calendar, at - 1, days));
  return { dueAt: later(deadlines.dueAt), replyBy: later(deadlines.replyBy), followUpBy: later(deadlines.followUpBy), closeBy: later(deadlines.closeBy) };
}
