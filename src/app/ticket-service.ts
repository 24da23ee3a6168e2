// The work-order cycle after the call: the agent files the request (受理), the hotline dispatches
// it (派单), the unit signs, reports progress and replies (签收/进展/答复), the citizen rates it (回访),
// and it is closed (办结). Every change names the version it read, is checked by the pure core,
// and is written with its history event in one transaction. Warnings are recomputed with it.
import { permits, relationsToTicket, type Action } from '../domain/auth/permissions.js';
import type { AuthUser } from '../domain/auth/roles.js';
import type { WorkingCalendar } from '../domain/calendar/china-calendar.js';
import type { SlaPolicy } from '../domain/calendar/working-time.js';
import type { Taxonomy } from '../domain/tickets/categories.js';
import { checkFiling, filingChanges, type FilingProblem, type TicketFiling } from '../domain/tickets/ticket-filing.js';
import { checkTransition, isOpen, type TicketStatus, type TransitionError } from '../domain/tickets/ticket-status.js';
import { computeWarnings, type SatisfactionRating, type WarningOptions } from '../domain/tickets/ticket-warnings.js';
import { settledByDispatch, type UnitRequestError } from '../domain/tickets/unit-requests.js';
import type { AuditLog } from './ports/audit-log.js';
import type { TicketChanges, TicketEventInput, TicketRecords, TicketRow, UpdateResult } from './ports/ticket-records.js';
import { redispatchChanges, UnitOrders } from './unit-orders.js';

export type TicketActionError =
  | 'TICKET_NOT_FOUND'
  | 'TICKET_VERSION_CONFLICT'
  | 'TICKET_NOT_YOURS'
  | 'TICKET_CLOSED'
  | TransitionError
  | UnitRequestError
  | FilingProblem['code'];

export type TicketActionResult = { readonly ok: true; readonly ticket: TicketRow } | { readonly ok: false; readonly code: TicketActionError; readonly field?: string };

export type Feedback = 'response' | 'progress' | 'reply';

export interface TicketServiceDeps {
  readonly store: TicketRecords;
  /** Told after each change is stored (the follow-up plans the order again). */
  readonly changed?: (ticketId: number) => void;
  readonly taxonomy: Taxonomy;
  readonly calendar: WorkingCalendar;
  /** Where a sign is recorded with its channel (a sign by phone has no route to do it). */
  readonly audit: AuditLog;
  readonly now: () => number;
  readonly slaPolicy?: SlaPolicy;
  readonly warnings?: WarningOptions;
}

/** Who rated an order on an automatic return-visit call, in its history. */
export const RETURN_VISIT_CALL = 'return-visit-call';

const fail = (code: TicketActionError, field?: string): TicketActionResult => ({ ok: false, code, ...(field ? { field } : {}) });

export class TicketService {
  /** The handling unit's side: sign, its notes, 退单/延期 and their decisions. */
  readonly units: UnitOrders;

  constructor(private readonly deps: TicketServiceDeps) {
    this.units = new UnitOrders({ store: deps.store, calendar: deps.calendar, audit: deps.audit, now: deps.now, write: (ticket, version, changes, events) => this.apply(ticket, version, changes, events) });
  }

  /** The agent's part: type, category, description… merged into the call's ticket. */
  async file(id: number, version: number, filing: TicketFiling, user: AuthUser): Promise<TicketActionResult> {
    const ticket = await this.deps.store.get(id);
    if (!ticket) return fail('TICKET_NOT_FOUND');
    if (!mayDo('ticket.file', ticket, user)) return fail('TICKET_NOT_YOURS');
    if (ticket.status === 'closed') return fail('TICKET_CLOSED');
    const problem = checkFiling(filing, this.deps.taxonomy)[0];
    if (problem) return fail(problem.code, problem.field);
    const changes: TicketChanges = filingChanges(filing, ticket.callStartedAt, this.deps.calendar, this.deps.slaPolicy);
    const now = this.deps.now();
    const first = ticket.filedAt === null;
    const fields = Object.keys(changes).filter((key) => key !== 'dueAt');
    return this.apply(ticket, version, { ...changes, ...(first ? { filedAt: now, filedBy: user.id } : {}) }, [
      // The articles used are evidence of first-call resolution (首呼解决): the history keeps which ones.
      { at: now, kind: first ? 'filed' : 'edited', actor: user.id, data: { fields, ...(changes.articlesUsed ? { articlesUsed: changes.articlesUsed } : {}) } },
    ]);
  }

  async transition(id: number, version: number, to: TicketStatus, note: string | null, user: AuthUser): Promise<TicketActionResult> {
    const ticket = await this.deps.store.get(id);
    if (!ticket) return fail('TICKET_NOT_FOUND');
    if (!mayDo('ticket.status', ticket, user)) return fail('TICKET_NOT_YOURS');
    const refused = checkTransition(facts(ticket), to);
    if (refused) return fail(refused);
    const now = this.deps.now();
    const changes: TicketChanges = { status: to, ...(to === 'closed' ? { closedAt: now } : {}) };
    return this.apply(ticket, version, changes, [{ at: now, kind: 'status', actor: user.id, fromStatus: ticket.status, toStatus: to, note }]);
  }

  /** 派单: to a main unit with assisting units; each dispatch starts a new round of 1345 clocks. */
  async dispatch(id: number, version: number, units: { main: string; assisting: readonly string[] }, note: string | null, user: AuthUser): Promise<TicketActionResult> {
    const ticket = await this.deps.store.get(id);
    if (!ticket) return fail('TICKET_NOT_FOUND');
    if (!mayDo('ticket.dispatch', ticket, user)) return fail('TICKET_NOT_YOURS');
    const refused = checkTransition({ ...facts(ticket), mainUnit: units.main }, 'dispatched');
    if (refused) return fail(refused);
    const now = this.deps.now();
    const settled = settledByDispatch(ticket.unitRequest, units.main, user.id, now, note);
    const changes: TicketChanges = { ...redispatchChanges(this.deps.calendar, now, units.main, units.assisting), ...(settled ? { unitRequest: settled, unitRequestState: settled.state } : {}) };
    const data = { main: units.main, assisting: units.assisting };
    const events: TicketEventInput[] = [{ at: now, kind: 'dispatch', actor: user.id, fromStatus: ticket.status, toStatus: 'dispatched', note, data }];
    if (settled) events.unshift({ at: now, kind: `${settled.kind}-${settled.state}`, actor: user.id, note: settled.decisionReason ?? null, data: { unit: settled.unit, by: 'dispatch' } });
    return this.apply(ticket, version, changes, events);
  }

  /**
   * What the handling unit reports: its first response (签收, the same as units.sign), progress, or its
   * reply (答复); by the unit itself, or entered by a supervisor for it.
   */
  async feedback(id: number, version: number, kind: Feedback, note: string | null, user: AuthUser): Promise<TicketActionResult> {
    if (kind === 'response') return this.units.sign(id, { kind: 'user', user }, version, note);
    const ticket = await this.deps.store.get(id);
    if (!ticket) return fail('TICKET_NOT_FOUND');
    if (!mayDo('ticket.feedback', ticket, user)) return fail('TICKET_NOT_YOURS');
    const unitId = user.unitId;
    if (unitId !== undefined) {
      const done = await this.units.feedback(ticket, version, kind, note, { ...user, unitId });
      if (done) return done;
    }
    const to = feedbackStatus(ticket.status as TicketStatus, kind);
    if (to === null) return fail('TICKET_TRANSITION_INVALID');
    const now = this.deps.now();
    const changes: TicketChanges = { status: to };
    if (ticket.firstResponseAt === null) changes.firstResponseAt = now;
    if (kind === 'progress') changes.lastProgressAt = now;
    if (kind === 'reply') changes.handledAt = now;
    const event: TicketEventInput = { at: now, kind, actor: user.id, fromStatus: ticket.status, toStatus: to, note, ...(unitId === undefined ? {} : { data: { byUnit: unitId } }) };
    return this.apply(ticket, version, changes, [event]);
  }

  /** The return visit's result (回访), entered by hand. A dissatisfied citizen reopens a replied order. */
  async rate(id: number, version: number, rating: SatisfactionRating, note: string | null, user: AuthUser): Promise<TicketActionResult> {
    const ticket = await this.deps.store.get(id);
    if (!ticket) return fail('TICKET_NOT_FOUND');
    if (!mayDo('ticket.rate', ticket, user)) return fail('TICKET_NOT_YOURS');
    return this.rated(ticket, version, rating, note, user.id);
  }

  /**
   * The rating a citizen keyed on an automatic return-visit call: the same change as a visit made by
   * hand, on the order as it is now (the call read no version), by the actor `return-visit-call`.
   */
  async rateByReturnVisit(id: number, rating: SatisfactionRating): Promise<TicketActionResult> {
    const ticket = await this.deps.store.get(id);
    if (!ticket) return fail('TICKET_NOT_FOUND');
    if (ticket.status === 'closed') return fail('TICKET_CLOSED');
    return this.rated(ticket, null, rating, '自动回访', RETURN_VISIT_CALL);
  }

  private async rated(ticket: TicketRow, version: number | null, rating: SatisfactionRating, note: string | null, actor: string): Promise<TicketActionResult> {
    const now = this.deps.now();
    const reopen = rating === 'dissatisfied' && ticket.status === 'replied';
    const changes: TicketChanges = {
      satisfaction: rating,
      ratedAt: now,
      manualVisitAt: null,
      ...(reopen ? { status: 'in-progress', handledAt: null, lastProgressAt: now } : {}),
    };
    const events: TicketEventInput[] = [{ at: now, kind: 'satisfaction', actor, note, data: { rating } }];
    if (reopen) events.push({ at: now, kind: 'status', actor: 'system', fromStatus: 'replied', toStatus: 'in-progress', note: 'reopened: citizen dissatisfied' });
    return this.apply(ticket, version, changes, events);
  }

  /** The scheduler's pass: tickets whose warnings may have changed by `now`. */
  async refreshWarnings(limit = 500): Promise<number> {
    const now = this.deps.now();
    const due = await this.deps.store.warningChecksDue(now, limit);
    for (const ticket of due) await this.deps.store.setWarning(ticket.id, await this.warningOf(ticket, now));
    return due.length;
  }

  private async apply(ticket: TicketRow, version: number | null, changes: TicketChanges, events: readonly TicketEventInput[]): Promise<UpdateResult> {
    const next = { ...ticket, ...changes } as TicketRow;
    const now = this.deps.now();
    const warning = await this.warningOf(next, now, events);
    // Any change may change what the follow-up owes the order (a dispatch, a sign, a reply, a rating):
    // it is planned again at the next sweep, or at once by whoever listens.
    const result = await this.deps.store.update(ticket.id, version, { followUpCheckAt: now, ...changes, ...warning, updatedAt: now }, events);
    if (result.ok) this.deps.changed?.(ticket.id);
    return result;
  }

  /** The warning columns of a ticket as it is (or will be, with `extra` events written). */
  private async warningOf(ticket: TicketRow, now: number, extra: readonly TicketEventInput[] = []): Promise<WarningColumns> {
    if (!isOpen(ticket.status as TicketStatus) && ticket.satisfaction === null) return { warning: null, warningSince: null, warningCheckAt: null };
    const events: readonly Pick<TicketEventInput, 'at' | 'kind' | 'data'>[] = [...(await this.deps.store.events(ticket.id)), ...extra];
    const satisfaction = events.filter((e) => e.kind === 'satisfaction').map((e) => ({ at: e.at, rating: (e.data as { rating: SatisfactionRating }).rating }));
    const progress = events.filter((e) => e.kind === 'progress').map((e) => e.at);
    const state = computeWarnings(
      { dispatchedAt: ticket.dispatchedAt, firstResponseAt: ticket.firstResponseAt, progressReportsAt: progress, handledAt: ticket.handledAt, satisfaction },
      now,
      this.deps.warnings,
    );
    const top = state.warnings[0];
    return { warning: top?.colour ?? null, warningSince: top?.since ?? null, warningCheckAt: state.nextCheckAt };
  }
}

interface WarningColumns {
  warning: string | null;
  warningSince: number | null;
  warningCheckAt: number | null;
}

function facts(ticket: TicketRow): { status: TicketStatus; requestType: string | null; categoryCode: string | null; mainUnit: string | null } {
  return { status: ticket.status as TicketStatus, requestType: ticket.requestType, categoryCode: ticket.categoryCode, mainUnit: ticket.mainUnit };
}

/** The permission table's answer for this user and this ticket (see domain/auth/permissions.ts). */
function mayDo(action: Action, ticket: TicketRow, user: AuthUser): boolean {
  return permits(action, user, relationsToTicket(ticket, user));
}

function feedbackStatus(status: TicketStatus, kind: Exclude<Feedback, 'response'>): TicketStatus | null {
  if (kind === 'progress') return status === 'dispatched' || status === 'in-progress' ? 'in-progress' : null;
  return status === 'dispatched' || status === 'in-progress' ? 'replied' : null;
}
