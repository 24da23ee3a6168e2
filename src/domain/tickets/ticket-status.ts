// The life of a work order (接 → 派 → 办 → 督 → 评) as a checked state machine. Pure.
//
//   missed      → accepted (called back, a request taken) | closed (called back, nothing to do)
//   accepted    → dispatched | closed (answered on the call)
//   dispatched  → dispatched (re-dispatch) | in-progress (the unit signed)
//   in-progress → replied
//   replied     → closed | in-progress (the citizen was dissatisfied: reopened)
//
// "First responsible" (首接负责制): once dispatched, a unit cannot hand the order back to accepted;
// only the hotline re-dispatches it to another unit. A unit asks for that with a return request
// (退单, unit-requests.ts); the hotline's approval is the re-dispatch, and the one way from
// in-progress back to dispatched (to the new unit, with new clocks).

export const TICKET_STATUSES = ['missed', 'accepted', 'dispatched', 'in-progress', 'replied', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const STATUS_NAMES: Readonly<Record<TicketStatus, string>> = {
  missed: '未接来电',
  accepted: '已受理',
  dispatched: '已派单',
  'in-progress': '办理中',
  replied: '已答复',
  closed: '已办结',
};

const NEXT: Readonly<Record<TicketStatus, readonly TicketStatus[]>> = {
  missed: ['accepted', 'closed'],
  accepted: ['dispatched', 'closed'],
  dispatched: ['dispatched', 'in-progress'],
  'in-progress': ['replied'],
  replied: ['closed', 'in-progress'],
  closed: [],
};

export type TransitionError = 'TICKET_TRANSITION_INVALID' | 'TICKET_TYPE_REQUIRED' | 'TICKET_UNIT_REQUIRED' | 'TICKET_CATEGORY_REQUIRED';

/** What a transition needs to know of the ticket besides its status. */
export interface TransitionFacts {
  readonly status: TicketStatus;
  readonly requestType: string | null;
  readonly categoryCode: string | null;
  readonly mainUnit: string | null;
}

export function allowedNext(status: TicketStatus): readonly TicketStatus[] {
  return NEXT[status];
}

export function isTicketStatus(value: string): value is TicketStatus {
  return (TICKET_STATUSES as readonly string[]).includes(value);
}

/** Null when `to` may follow; otherwise the stable reason it may not. */
export function checkTransition(ticket: TransitionFacts, to: TicketStatus): TransitionError | null {
  if (!NEXT[ticket.status].includes(to)) return 'TICKET_TRANSITION_INVALID';
  // A missed call closed after a callback that found nothing to do needs no classification.
  const classifying = !(ticket.status === 'missed' && to === 'closed');
  if (classifying && to !== 'accepted' && ticket.requestType === null) return 'TICKET_TYPE_REQUIRED';
  if (classifying && to !== 'accepted' && ticket.categoryCode === null) return 'TICKET_CATEGORY_REQUIRED';
  if (to === 'dispatched' && ticket.mainUnit === null) return 'TICKET_UNIT_REQUIRED';
  return null;
}

/** Statuses in which the order is still someone's work (the warnings watch these). */
export function isOpen(status: TicketStatus): boolean {
  return status !== 'closed' && status !== 'missed';
}
