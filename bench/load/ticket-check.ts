// One ticket per call: what the hotline wrote, checked against the calls the observer saw. Pure.
import type { CitizenCall } from './call-timelines.js';

export interface TicketCheck {
  readonly calls: number;
  readonly tickets: number;
  /** Calls that ended without a ticket. */
  readonly lost: number;
  readonly duplicated: number;
  /** Calls whose channel was still up when the run ended: their ticket is due when they end. */
  readonly stillUp: number;
}

/** A ticket as the database has it: the call's id (its first channel's) and the caller. */
export interface TicketRow {
  readonly callId: string;
  readonly callerNumber: string;
}

/**
 * One ticket per call that reached Asterisk and ended: none missing (by the call's id, its first
 * channel's), none twice (two tickets for one call, or for one caller: every benchmark caller calls
 * once). A call still up when the run ends is counted apart: its ticket comes when it ends.
 */
export function checkTickets(calls: readonly CitizenCall[], tickets: readonly TicketRow[]): TicketCheck {
  const numbers = new Set(calls.map((call) => call.number));
  const mine = tickets.filter((ticket) => numbers.has(ticket.callerNumber));
  const byCall = new Set(mine.map((ticket) => ticket.callId));
  const byNumber = new Set(mine.map((ticket) => ticket.callerNumber));
  const ended = calls.filter((call) => call.destroyedAt !== null);
  const lost = ended.filter((call) => !byCall.has(call.channelId)).length;
  return { calls: calls.length, tickets: mine.length, lost, duplicated: mine.length - byNumber.size, stillUp: calls.length - ended.length };
}
