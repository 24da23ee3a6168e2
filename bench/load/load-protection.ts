// Overload protection as the load benchmark sees it (issue 18: "past the sustained rate, INVITE →
// greeting p99 ≤ 1 s, no call goes silent, 0 tickets lost or duplicated at every step"). Each
// hotline call was either served by the server or shed: the dialplan answered it itself (its
// mark, seen by the observer as the channel ran it) with the welcome prompt, then the human
// fallback queue. A step is "protected" when every caller, served or shed, heard a greeting in
// time, nobody was left in silence, every call has exactly one ticket and the media came
// through. A step that shed is not sustained by the server; protected says the callers were
// still looked after. Pure.
import type { CitizenCall } from './call-timelines.js';
import { checkTickets, type TicketCheck, type TicketRow } from './ticket-check.js';

export const PROTECTED = {
  greetingP99Ms: 1000,
  /** A call whose first prompt started later than this after Asterisk answered it was silent. */
  silentAfterMs: 1000,
} as const;

export type CallRoute = 'served' | 'shed';

/** Shed: the dialplan answered the call without the server (for any reason its mark gives). */
export const routeOf = (call: CitizenCall): CallRoute => (call.dialplanAnswer === null ? 'served' : 'shed');

/** No prompt within a second of the answer, or the call ended before any prompt. */
export function silentCall(call: CitizenCall): boolean {
  if (call.firstPromptAt === null) return true;
  return call.firstPromptAt - (call.upAt ?? call.invitedAt) > PROTECTED.silentAfterMs;
}

export interface StepProtection {
  readonly served: number;
  readonly shed: number;
  /** Shed calls by the reason the dialplan's mark gives (shed, server-away). */
  readonly shedBy: Readonly<Record<string, number>>;
  /** Shed calls an agent's phone answered (through the fallback queue). */
  readonly shedToAgent: number;
  readonly silent: number;
  /** INVITE → greeting p99 over every call of the step, served or shed (a shed caller's greeting is the dialplan's welcome). */
  readonly greetingP99Ms: number;
  readonly tickets: { readonly served: TicketCheck; readonly shed: TicketCheck };
  readonly mediaIntact: boolean;
  readonly protected: boolean;
  /** What kept the step from being protected (empty when it was). */
  readonly shortOf: readonly string[];
}

export interface ProtectionInput {
  readonly calls: readonly CitizenCall[];
  /** Calls SIPp placed in the step. */
  readonly placed: number;
  readonly greetingP99Ms: number;
  readonly mediaIntact: boolean;
  /** Times the observer's socket dropped during the step (its events are then incomplete). */
  readonly observerDrops: number;
  readonly tickets: readonly TicketRow[];
}

function ticketFaults(label: string, t: TicketCheck): string[] {
  const faults = [t.lost > 0 ? `${t.lost} lost` : '', t.duplicated > 0 ? `${t.duplicated} duplicated` : '', t.stillUp > 0 ? `${t.stillUp} calls still up` : ''].filter(Boolean);
  return faults.length === 0 ? [] : [`${label} tickets: ${faults.join(', ')}`];
}

export function stepProtection(input: ProtectionInput): StepProtection {
  const served = input.calls.filter((call) => routeOf(call) === 'served');
  const shed = input.calls.filter((call) => routeOf(call) === 'shed');
  const shedBy: Record<string, number> = {};
  for (const call of shed) shedBy[call.dialplanAnswer ?? ''] = (shedBy[call.dialplanAnswer ?? ''] ?? 0) + 1;
  const silent = input.calls.filter(silentCall).length;
  const tickets = { served: checkTickets(served, input.tickets), shed: checkTickets(shed, input.tickets) };
  const reasons = [
    ...(input.placed === 0 ? ['no call placed'] : []),
    ...(input.calls.length < input.placed ? [`${input.placed - input.calls.length} calls never reached Asterisk`] : []),
    ...(input.greetingP99Ms <= PROTECTED.greetingP99Ms ? [] : [`greeting p99 ${Math.round(input.greetingP99Ms)} ms`]),
    ...(silent > 0 ? [`${silent} calls silent`] : []),
    ...ticketFaults('served', tickets.served),
    ...ticketFaults('shed', tickets.shed),
    ...(input.mediaIntact ? [] : ['media not intact']),
    ...(input.observerDrops > 0 ? ["the observer's socket dropped (events lost)"] : []),
  ];
  return {
    served: served.length,
    shed: shed.length,
    shedBy,
    shedToAgent: shed.filter((call) => call.answeredAt !== null).length,
    silent,
    greetingP99Ms: input.greetingP99Ms,
    tickets,
    mediaIntact: input.mediaIntact,
    protected: reasons.length === 0,
    shortOf: reasons,
  };
}

/** The highest rate of a protected step (calls/s), 0 when none was. */
export function protectedCallsPerSecond(steps: readonly { readonly rate: number; readonly protection?: StepProtection }[]): number {
  return Math.max(0, ...steps.filter((step) => step.protection?.protected === true).map((step) => step.rate));
}
