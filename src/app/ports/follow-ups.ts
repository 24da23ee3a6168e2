// What the follow-up of work orders needs of the rest of the system: the orders due for planning, a
// message service and a call service that each do nothing for a key they already have, and the two
// ticket changes a call can bring (signed by phone, rated by a return visit).
import type { CallPurpose, CallState, FollowUpTicket, MessageTemplate } from '../../domain/follow-up/follow-up-plan.js';
import type { SatisfactionRating } from '../../domain/tickets/ticket-warnings.js';

export interface FollowUpTickets {
  /** Orders whose follow-up check is due by `now`, oldest check first. */
  followUpsDue(now: number, limit: number): Promise<FollowUpTicket[]>;
  /** One order as the planner reads it; undefined when there is none. */
  followUpTicket(id: number): Promise<FollowUpTicket | undefined>;
  /** When to plan the order again (null: only an event will). Derived data: no edit, the version stays. */
  setFollowUpCheck(id: number, at: number | null): Promise<void>;
  /** Every automatic return visit failed: the order is listed for agents to call by hand. */
  listForManualVisit(id: number, now: number): Promise<void>;
}

export interface MessageRequest {
  readonly key: string;
  readonly template: MessageTemplate;
  readonly number: string;
  readonly params: Readonly<Record<string, string>>;
}

export interface FollowUpMessages {
  /** Stores and sends the message once per key; a key already known is no error and sends nothing. */
  send(request: MessageRequest): Promise<void>;
}

export interface CallRequest {
  readonly key: string;
  readonly ticketId: number;
  readonly purpose: CallPurpose;
  readonly number: string;
  /** The IVR flow the answered call runs, and the variables it starts with. */
  readonly flow: string;
  readonly variables: Readonly<Record<string, string>>;
  readonly notBefore: number;
  readonly window: 'calling' | 'any';
}

export interface FollowUpCalls {
  /** Asks for the call once per key; a key already known is no error and places nothing. */
  place(request: CallRequest): Promise<void>;
  /** Calls off a call not yet finished (one ringing now is let end). */
  cancel(key: string): Promise<void>;
  /** What became of these calls; keys never asked for are absent. */
  states(keys: readonly string[]): Promise<ReadonlyMap<string, CallState>>;
}

/** The ticket changes a follow-up call brings, made by the ticket service with the phone as the actor. */
export interface FollowUpTicketActions {
  signByPhone(ticketId: number, number: string): Promise<void>;
  rateByReturnVisit(ticketId: number, rating: SatisfactionRating): Promise<void>;
}
