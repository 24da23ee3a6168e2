// The handling unit's side of a work order: 签收 (sign: on the unit's page, or by phone when the
// reminder call is answered), its progress notes and reply, and its requests to the hotline, 退单
// (return for redispatch) and 延期 (extension), with the supervisor's decision. The rules are pure
// (domain/tickets/unit-requests.ts); this applies them on the version read, with history events.
import { permits, relationsToTicket, type Action } from '../domain/auth/permissions.js';
import type { AuthUser } from '../domain/auth/roles.js';
import type { WorkingCalendar } from '../domain/calendar/china-calendar.js';
import { milestones1345 } from '../domain/calendar/working-time.js';
import { maskPhone } from '../domain/privacy/mask-phone.js';
import type { TicketStatus } from '../domain/tickets/ticket-status.js';
import {
  checkAsk,
  checkDecision,
  checkSign,
  checkUnitFeedback,
  decidedRequest,
  extendedDeadlines,
  pendingRequest,
  standingOf,
  type UnitAsk,
  type UnitDecision,
  type UnitOrderFacts,
  type UnitRequestError,
  type UnitStanding,
} from '../domain/tickets/unit-requests.js';
import type { AuditLog } from './ports/audit-log.js';
import type { TicketChanges, TicketEventInput, TicketRecords, TicketRow, UpdateResult } from './ports/ticket-records.js';

/** Who signs: a signed-in user, or whoever answered the reminder call at this number. */
export type Signer = { readonly kind: 'user'; readonly user: AuthUser } | { readonly kind: 'phone'; readonly number: string };

export type UnitActionError = 'TICKET_NOT_FOUND' | 'TICKET_VERSION_CONFLICT' | UnitRequestError;
export type UnitActionResult = { readonly ok: true; readonly ticket: TicketRow } | { readonly ok: false; readonly code: UnitActionError };

export interface UnitOrdersDeps {
  readonly store: TicketRecords;
  readonly calendar: WorkingCalendar;
  readonly audit: AuditLog;
  readonly now: () => number;
  /** Writes the changes on the version read, with the warnings recomputed (TicketService). */
  readonly write: (ticket: TicketRow, version: number | null, changes: TicketChanges, events: readonly TicketEventInput[]) => Promise<UpdateResult>;
}

const fail = (code: UnitActionError): UnitActionResult => ({ ok: false, code });

export function unitFacts(ticket: TicketRow): UnitOrderFacts {
  return { status: ticket.status as TicketStatus, mainUnit: ticket.mainUnit, assistingUnits: ticket.assistingUnits, replyBy: ticket.replyBy, unitRequest: ticket.unitRequest };
}

/** A unit user stands to an order as its unit does; anyone else the table lets act does so for the main unit. */
function standing(ticket: TicketRow, user: AuthUser): UnitStanding {
  return user.unitId === undefined ? 'main' : standingOf(ticket, user.unitId);
}

function mayDo(action: Action, ticket: TicketRow, user: AuthUser): boolean {
  return permits(action, user, relationsToTicket(ticket, user));
}

export class UnitOrders {
  constructor(private readonly deps: UnitOrdersDeps) {}

  /**
   * 签收: dispatched → in-progress, the first response. `version` null: a sign by phone acts on the
   * order as it is (the reminder call read no version). Audited as ticket.signed with its channel.
   */
  async sign(ticketId: number, by: Signer, version: number | null, note: string | null = null): Promise<UnitActionResult> {
    const result = await this.signed(ticketId, by, version, note);
    const actor = by.kind === 'user' ? by.user.id : `phone:${maskPhone(by.number)}`;
    await this.deps.audit.write({
      at: this.deps.now(),
      actor,
      role: by.kind === 'user' ? by.user.role : 'phone',
      action: 'ticket.signed',
      target: `ticket:${ticketId}`,
      result: result.ok ? 'ok' : 'denied',
      detail: { channel: by.kind === 'user' ? 'web' : 'phone', ...(result.ok ? { version: result.ticket.version } : { code: result.code }) },
    });
    return result;
  }

  private async signed(ticketId: number, by: Signer, version: number | null, note: string | null): Promise<UnitActionResult> {
    const ticket = await this.deps.store.get(ticketId);
    if (!ticket) return fail('TICKET_NOT_FOUND');
    if (by.kind === 'user' && !mayDo('ticket.sign', ticket, by.user)) return fail('TICKET_NOT_YOURS');
    const refused = checkSign(unitFacts(ticket), by.kind === 'user' ? standing(ticket, by.user) : 'main');
    if (refused) return fail(refused);
    const now = this.deps.now();
    const signedBy = by.kind === 'user' ? by.user.id : by.number;
    const via = by.kind === 'user' ? 'web' : 'phone';
    const changes: TicketChanges = { status: 'in-progress', firstResponseAt: ticket.firstResponseAt ?? now, signedBy, signedVia: via };
    const actor = by.kind === 'user' ? by.user.id : 'phone';
    // byUnit: the unit acted itself (its user, or its contact on the phone), not the hotline for it.
    const byUnit = by.kind === 'phone' ? ticket.mainUnit : (by.user.unitId ?? null);
    const data = { via, unit: ticket.mainUnit, ...(byUnit === null ? {} : { byUnit }), ...(by.kind === 'phone' ? { number: by.number } : {}) };
    return this.deps.write(ticket, version, changes, [{ at: now, kind: 'response', actor, fromStatus: ticket.status, toStatus: 'in-progress', note, data }]);
  }

  /** A unit user's progress note or reply; an assisting unit's progress note leaves the status alone. */
  async feedback(ticket: TicketRow, version: number, kind: 'progress' | 'reply', note: string | null, user: AuthUser & { unitId: string }): Promise<UnitActionResult | null> {
    const at = standingOf(ticket, user.unitId);
    const refused = checkUnitFeedback(unitFacts(ticket), at, kind);
    if (refused) return fail(refused);
    if (at === 'main') return null;
    const now = this.deps.now();
    return this.deps.write(ticket, version, {}, [{ at: now, kind: 'progress', actor: user.id, note, data: { unit: user.unitId, byUnit: user.unitId, assisting: true } }]);
  }

  /** 退单 / 延期: the main unit asks, with its reason; the order stays its own until a supervisor decides. */
  async ask(ticketId: number, version: number, ask: UnitAsk, user: AuthUser): Promise<UnitActionResult> {
    const ticket = await this.deps.store.get(ticketId);
    if (!ticket) return fail('TICKET_NOT_FOUND');
    if (!mayDo('ticket.unit-request', ticket, user)) return fail('TICKET_NOT_YOURS');
    const order = unitFacts(ticket);
    const refused = checkAsk(order, standing(ticket, user), ask);
    if (refused) return fail(refused);
    const now = this.deps.now();
    const request = pendingRequest(order, ticket.mainUnit ?? '', user.id, now, ask);
    const data = { unit: request.unit, ...(user.unitId === undefined ? {} : { byUnit: user.unitId }), ...(request.days === undefined ? {} : { days: request.days }) };
    return this.deps.write(ticket, version, { unitRequest: request, unitRequestState: 'pending' }, [{ at: now, kind: `${ask.kind}-requested`, actor: user.id, note: ask.reason, data }]);
  }

  /** The hotline's decision: an approved return re-dispatches (new 1345 clocks), an approved extension moves the deadlines. */
  async decide(ticketId: number, version: number, decision: UnitDecision, user: AuthUser): Promise<UnitActionResult> {
    const ticket = await this.deps.store.get(ticketId);
    if (!ticket) return fail('TICKET_NOT_FOUND');
    if (!mayDo('ticket.decide', ticket, user)) return fail('TICKET_NOT_YOURS');
    const refused = checkDecision(unitFacts(ticket), decision);
    if (refused || ticket.unitRequest === null) return fail(refused ?? 'UNIT_REQUEST_NONE');
    const now = this.deps.now();
    const request = decidedRequest(ticket.unitRequest, decision, user.id, now);
    const decided = `${request.kind}-${request.state}`;
    const events: TicketEventInput[] = [{ at: now, kind: decided, actor: user.id, note: decision.reason, data: { unit: request.unit, ...(request.redispatchedTo ? { to: request.redispatchedTo } : {}) } }];
    const changes: TicketChanges = { unitRequest: request, unitRequestState: request.state };
    if (request.state === 'approved' && request.kind === 'extension' && request.days !== undefined) {
      Object.assign(changes, extendedDeadlines(ticket, request.days, this.deps.calendar));
      events[0] = { ...events[0]!, data: { ...events[0]!.data, days: request.days, replyByBefore: ticket.replyBy, replyBy: changes.replyBy } };
    }
    if (request.state === 'approved' && request.kind === 'return' && decision.mainUnit !== undefined) {
      const assisting = (decision.assistingUnits ?? []).filter((unit) => unit !== decision.mainUnit);
      Object.assign(changes, redispatchChanges(this.deps.calendar, now, decision.mainUnit, assisting));
      events.push({ at: now, kind: 'dispatch', actor: user.id, fromStatus: ticket.status, toStatus: 'dispatched', note: decision.reason, data: { main: decision.mainUnit, assisting, returnedBy: request.unit } });
    }
    return this.deps.write(ticket, version, changes, events);
  }
}

/** A fresh dispatch: the new unit starts its own 1345 clocks and its own sign. */
export function redispatchChanges(calendar: WorkingCalendar, now: number, main: string, assisting: readonly string[]): TicketChanges {
  const m = milestones1345(calendar, now);
  return {
    status: 'dispatched',
    mainUnit: main,
    assistingUnits: [...assisting],
    dispatchedAt: now,
    firstResponseAt: null,
    lastProgressAt: null,
    handledAt: null,
    signedBy: null,
    signedVia: null,
    signBy: m.signBy,
    replyBy: m.replyBy,
    followUpBy: m.followUpBy,
    closeBy: m.closeBy,
  };
}
