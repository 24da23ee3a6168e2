// Carries out the follow-up plan of work orders (domain/follow-up): a sweep plans every order whose
// check is due and asks the message and call services for what the plan names; a finished call signs
// the order or records the citizen's rating, then its order is planned again at once. Every request
// is keyed, so a sweep repeated after a crash or on a second server asks for nothing twice.
import { chinaDate, formatChinaDateTime } from '../../domain/calendar/china-calendar.js';
import { FOLLOW_UP_FLOWS, followUpCallEffect, followUpCallState, type FollowUpCallOutcome } from '../../domain/follow-up/follow-up-calls.js';
import {
  followUpCallKeys,
  planFollowUp,
  type CallPurpose,
  type FollowUpAction,
  type FollowUpSettings,
  type FollowUpTicket,
  type RemindedUnit,
} from '../../domain/follow-up/follow-up-plan.js';
import { maskPhone } from '../../domain/privacy/mask-phone.js';
import type { Logger } from '../../logging/logger.js';
import type { FollowUpCalls, FollowUpMessages, FollowUpTicketActions, FollowUpTickets } from '../ports/follow-ups.js';

export interface FollowUpServiceDeps {
  readonly tickets: FollowUpTickets;
  readonly actions: FollowUpTicketActions;
  readonly messages: FollowUpMessages;
  readonly calls: FollowUpCalls;
  readonly unitOf: (unitId: string) => RemindedUnit | undefined;
  readonly settings: FollowUpSettings;
  readonly now: () => number;
  readonly logger: Logger;
  /** How long an order waits before it is planned again after a request failed. */
  readonly retryMs?: number;
}

/** A finished follow-up call as the call service reports it. */
export interface FinishedFollowUpCall extends FollowUpCallOutcome {
  readonly key: string;
  readonly ticketId: number;
  readonly purpose: CallPurpose;
  readonly number: string;
}

export class FollowUpService {
  private readonly log: Logger;

  constructor(private readonly deps: FollowUpServiceDeps) {
    this.log = deps.logger.child({ component: 'follow-up' });
  }

  /** Plans every order whose check is due; returns how many were planned. */
  async sweep(limit = 200): Promise<number> {
    const due = await this.deps.tickets.followUpsDue(this.deps.now(), limit);
    for (const ticket of due) await this.follow(ticket);
    return due.length;
  }

  /** An order changed (dispatched, signed, replied, rated): plan it now rather than at the next sweep. */
  async changed(ticketId: number): Promise<void> {
    const ticket = await this.deps.tickets.followUpTicket(ticketId);
    if (ticket) await this.follow(ticket);
  }

  /** A follow-up call ended: its effect on the order first, then the order's next steps. */
  async callFinished(call: FinishedFollowUpCall): Promise<void> {
    const effect = followUpCallEffect(call.purpose, call);
    const state = followUpCallState(call.purpose, call);
    this.log.info({ key: call.key, ticketId: call.ticketId, number: maskPhone(call.number), reached: call.reached, effect: effect.kind, state }, 'follow-up call finished');
    if (effect.kind === 'Signed') await this.deps.actions.signByPhone(call.ticketId, call.number);
    if (effect.kind === 'Rated') await this.deps.actions.rateByReturnVisit(call.ticketId, effect.rating);
    await this.changed(call.ticketId);
  }

  private async follow(ticket: FollowUpTicket): Promise<void> {
    const now = this.deps.now();
    try {
      const calls = await this.deps.calls.states(followUpCallKeys(ticket));
      const plan = planFollowUp({ ticket, unitOf: this.deps.unitOf, calls, settings: this.deps.settings, now });
      for (const action of plan.actions) await this.carryOut(action, ticket, now);
      await this.deps.tickets.setFollowUpCheck(ticket.id, plan.nextCheckAt);
    } catch (error) {
      // Nothing is lost: every request is keyed, so the order is simply planned again a little later.
      this.log.error({ err: error, ticketId: ticket.id }, 'follow-up of an order failed; planned again shortly');
      await this.deps.tickets.setFollowUpCheck(ticket.id, now + (this.deps.retryMs ?? 60_000)).catch(() => undefined);
    }
  }

  private async carryOut(action: FollowUpAction, ticket: FollowUpTicket, now: number): Promise<void> {
    switch (action.kind) {
      case 'SendMessage':
        return this.deps.messages.send({ key: action.key, template: action.template, number: action.number, params: this.messageParams(ticket) });
      case 'PlaceCall':
        return this.deps.calls.place({
          key: action.key,
          ticketId: ticket.id,
          purpose: action.purpose,
          number: action.number,
          flow: FOLLOW_UP_FLOWS[action.purpose],
          variables: callVariables(ticket),
          notBefore: action.notBefore,
          window: action.window,
        });
      case 'CancelCall':
        return this.deps.calls.cancel(action.key);
      case 'ListForManualVisit':
        return this.deps.tickets.listForManualVisit(ticket.id, now);
    }
  }

  private messageParams(ticket: FollowUpTicket): Record<string, string> {
    return {
      number: ticket.number,
      minutes: String(Math.round(this.deps.settings.signWithinMs / 60_000)),
      replyBy: ticket.replyBy === null ? '' : formatChinaDateTime(ticket.replyBy),
    };
  }
}

/** What the flows say: the order's number and date, and its subject. */
function callVariables(ticket: FollowUpTicket): Record<string, string> {
  return { ticketId: String(ticket.id), ticketNumber: ticket.number, ticketDate: chinaDate(ticket.createdAt), summary: ticket.title ?? '' };
}
