// What the hotline must have done about a work order by a given instant, after the call: the sign
// reminder ladder (短信 → 5 minutes → a call and a second message to the unit's contact → the superior unit's contact), the
// 催办 reminders near and past the reply deadline, and the automatic return visit (回访). Pure: the
// caller passes the ticket, the units' contacts, the outcomes of the calls already asked for and `now`.
//
// Every action carries a key that names it for good (ticket, dispatch or reply round, step). A sweep
// may therefore run again at any moment, after a crash or on a second server, and ask for the same
// actions again: the message and call services do nothing for a key they already have. The plan is
// derived, never stored; `nextCheckAt` tells the sweep when it can next change by time alone (a
// finished call changes it too, so the app plans again when one ends).

export interface FollowUpTicket {
  readonly id: number;
  readonly number: string;
  readonly status: string;
  readonly createdAt: number;
  readonly title: string | null;
  readonly callerNumber: string;
  readonly confidential: boolean;
  /** The citizen said no to return visits. */
  readonly returnVisitDeclined: boolean;
  readonly mainUnit: string | null;
  readonly dispatchedAt: number | null;
  /** 签收 (or the unit's first response) to the current dispatch. */
  readonly firstResponseAt: number | null;
  readonly replyBy: number | null;
  /** The unit's reply (答复) of the current round; null while not replied. */
  readonly handledAt: number | null;
  /** The latest satisfaction result's time, from a return visit made by hand or by call. */
  readonly ratedAt: number | null;
}

/** A unit's contact (联络员) and its superior unit, from the dispatch rules. */
export interface RemindedUnit {
  readonly number: string | null;
  readonly superior: string | null;
}

export type CallState = 'pending' | 'succeeded' | 'failed';

export interface FollowUpSettings {
  /** A dispatched order not signed within this is called about (default 5 minutes). */
  readonly signWithinMs: number;
  /** 催办 by message this long before the reply deadline. */
  readonly replySoonMs: number;
  /** Past the deadline without a reply, the contact is called after this. */
  readonly overdueCallAfterMs: number;
  /** A return visit waits this long after the reply (the citizen hears from the unit first). */
  readonly visitAfterMs: number;
}

export const DEFAULT_FOLLOW_UP: FollowUpSettings = {
  signWithinMs: 5 * 60_000,
  replySoonMs: 4 * 3600_000,
  overdueCallAfterMs: 3600_000,
  visitAfterMs: 30 * 60_000,
};

export type MessageTemplate = 'order-to-sign' | 'sign-overdue' | 'reply-due-soon' | 'reply-overdue';
export type CallPurpose = 'sign-reminder' | 'reply-reminder' | 'return-visit';

export type FollowUpAction =
  | { readonly kind: 'SendMessage'; readonly key: string; readonly unit: string; readonly number: string; readonly template: MessageTemplate }
  | {
      readonly kind: 'PlaceCall';
      readonly key: string;
      readonly purpose: CallPurpose;
      /** The unit called, or null for the citizen. */
      readonly unit: string | null;
      readonly number: string;
      readonly notBefore: number;
      /** Citizens are called only inside the calling window; units' contacts are on duty around the clock. */
      readonly window: 'calling' | 'any';
    }
  | { readonly kind: 'CancelCall'; readonly key: string }
  /** Every automatic visit failed: the order goes on the list agents call by hand. */
  | { readonly kind: 'ListForManualVisit'; readonly key: string };

export interface FollowUpPlan {
  readonly actions: readonly FollowUpAction[];
  /** When the plan can next change by time alone; null: only an event (a call's end, an edit) can change it. */
  readonly nextCheckAt: number | null;
}

export interface FollowUpInput {
  readonly ticket: FollowUpTicket;
  readonly unitOf: (unitId: string) => RemindedUnit | undefined;
  /** What became of the calls asked for, by key; a key missing was never asked for. */
  readonly calls: ReadonlyMap<string, CallState>;
  readonly settings: FollowUpSettings;
  readonly now: number;
}

/** The keys, so the app and the tests name the same steps (letters, digits, dots and dashes: a call's key is its outbound task id). */
export const followUpKeys = {
  signMessage: (id: number, round: number) => `sign-msg.${id}.${round}`,
  signLateMessage: (id: number, round: number) => `sign-late.${id}.${round}`,
  signCall: (id: number, round: number, who: 'contact' | 'superior') => `sign-call.${id}.${round}.${who}`,
  replySoon: (id: number, round: number) => `reply-soon.${id}.${round}`,
  replyOverdue: (id: number, round: number) => `reply-overdue.${id}.${round}`,
  replyCall: (id: number, round: number, who: 'contact' | 'superior') => `reply-call.${id}.${round}.${who}`,
  visit: (id: number, replied: number) => `visit.${id}.${replied}`,
  manualVisit: (id: number, replied: number) => `visit-manual.${id}.${replied}`,
};

export function planFollowUp(input: FollowUpInput): FollowUpPlan {
  const parts = [signLadder(input), replyReminders(input), returnVisit(input)];
  const checks = parts.map((p) => p.nextCheckAt).filter((t): t is number => t !== null);
  return { actions: parts.flatMap((p) => p.actions), nextCheckAt: checks.length > 0 ? Math.min(...checks) : null };
}

const NOTHING: FollowUpPlan = { actions: [], nextCheckAt: null };

/** 签收: a message at dispatch, a call to the contact after the grace time, the superior if that fails. */
function signLadder({ ticket, unitOf, calls, settings, now }: FollowUpInput): FollowUpPlan {
  if (ticket.dispatchedAt === null || ticket.mainUnit === null) return NOTHING;
  const round = ticket.dispatchedAt;
  const keys = [followUpKeys.signCall(ticket.id, round, 'contact'), followUpKeys.signCall(ticket.id, round, 'superior')];
  if (ticket.status !== 'dispatched' || ticket.firstResponseAt !== null) return cancelPending(keys, calls);
  const unit = unitOf(ticket.mainUnit);
  if (!unit?.number) return NOTHING;
  const actions: FollowUpAction[] = [{ kind: 'SendMessage', key: followUpKeys.signMessage(ticket.id, round), unit: ticket.mainUnit, number: unit.number, template: 'order-to-sign' }];
  const callAt = round + settings.signWithinMs;
  if (now < callAt) return { actions, nextCheckAt: callAt };
  // The call comes with a message the contact can read later: signed late, the superior unit is told next.
  actions.push(message(followUpKeys.signLateMessage(ticket.id, round), ticket.mainUnit, unit.number, 'sign-overdue'));
  actions.push(unitCall(keys[0]!, 'sign-reminder', ticket.mainUnit, unit.number, callAt));
  actions.push(...escalation(keys[1]!, 'sign-reminder', calls.get(keys[0]!), unit, unitOf, callAt));
  return { actions, nextCheckAt: null };
}

/** 催办: a message before the deadline, another at it, then a call to the contact and its superior. */
function replyReminders({ ticket, unitOf, calls, settings, now }: FollowUpInput): FollowUpPlan {
  if (ticket.dispatchedAt === null || ticket.mainUnit === null || ticket.replyBy === null) return NOTHING;
  const round = ticket.dispatchedAt;
  const keys = [followUpKeys.replyCall(ticket.id, round, 'contact'), followUpKeys.replyCall(ticket.id, round, 'superior')];
  if ((ticket.status !== 'dispatched' && ticket.status !== 'in-progress') || ticket.handledAt !== null) return cancelPending(keys, calls);
  const unit = unitOf(ticket.mainUnit);
  if (!unit?.number) return NOTHING;
  const steps: { at: number; action: () => FollowUpAction[] }[] = [
    { at: ticket.replyBy - settings.replySoonMs, action: () => [message(followUpKeys.replySoon(ticket.id, round), ticket.mainUnit!, unit.number!, 'reply-due-soon')] },
    { at: ticket.replyBy, action: () => [message(followUpKeys.replyOverdue(ticket.id, round), ticket.mainUnit!, unit.number!, 'reply-overdue')] },
    {
      at: ticket.replyBy + settings.overdueCallAfterMs,
      action: () => [
        unitCall(keys[0]!, 'reply-reminder', ticket.mainUnit!, unit.number!, ticket.replyBy! + settings.overdueCallAfterMs),
        ...escalation(keys[1]!, 'reply-reminder', calls.get(keys[0]!), unit, unitOf, ticket.replyBy! + settings.overdueCallAfterMs),
      ],
    },
  ];
  const due = steps.filter((s) => s.at <= now);
  const next = steps.find((s) => s.at > now);
  return { actions: due.flatMap((s) => s.action()), nextCheckAt: next?.at ?? null };
}

/** 回访: once the unit replied, the citizen is called (inside the calling window) unless they may not be. */
function returnVisit({ ticket, calls, settings }: FollowUpInput): FollowUpPlan {
  if (ticket.status !== 'replied' || ticket.handledAt === null) return NOTHING;
  if (ticket.confidential || ticket.returnVisitDeclined) return NOTHING;
  if (ticket.ratedAt !== null && ticket.ratedAt >= ticket.handledAt) return NOTHING;
  const key = followUpKeys.visit(ticket.id, ticket.handledAt);
  const call: FollowUpAction = { kind: 'PlaceCall', key, purpose: 'return-visit', unit: null, number: ticket.callerNumber, notBefore: ticket.handledAt + settings.visitAfterMs, window: 'calling' };
  if (calls.get(key) !== 'failed') return { actions: [call], nextCheckAt: null };
  return { actions: [call, { kind: 'ListForManualVisit', key: followUpKeys.manualVisit(ticket.id, ticket.handledAt) }], nextCheckAt: null };
}

/** The superior unit's contact is called once the call to the unit's own contact has failed. */
function escalation(key: string, purpose: CallPurpose, first: CallState | undefined, unit: RemindedUnit, unitOf: FollowUpInput['unitOf'], at: number): FollowUpAction[] {
  if (first !== 'failed' || unit.superior === null) return [];
  const superior = unitOf(unit.superior);
  if (!superior?.number) return [];
  return [unitCall(key, purpose, unit.superior, superior.number, at)];
}

function unitCall(key: string, purpose: CallPurpose, unit: string, number: string, notBefore: number): FollowUpAction {
  return { kind: 'PlaceCall', key, purpose, unit, number, notBefore, window: 'any' };
}

function message(key: string, unit: string, number: string, template: MessageTemplate): FollowUpAction {
  return { kind: 'SendMessage', key, unit, number, template };
}

/** Calls asked for and not yet finished are called off once they are no longer needed. */
function cancelPending(keys: readonly string[], calls: ReadonlyMap<string, CallState>): FollowUpPlan {
  return { actions: keys.filter((key) => calls.get(key) === 'pending').map((key) => ({ kind: 'CancelCall', key }) as const), nextCheckAt: null };
}

/** Every call key the plan of this order can name, so the app can ask what became of them. */
export function followUpCallKeys(ticket: FollowUpTicket): string[] {
  const keys: string[] = [];
  if (ticket.dispatchedAt !== null) {
    const round = ticket.dispatchedAt;
    for (const who of ['contact', 'superior'] as const) keys.push(followUpKeys.signCall(ticket.id, round, who), followUpKeys.replyCall(ticket.id, round, who));
  }
  if (ticket.handledAt !== null) keys.push(followUpKeys.visit(ticket.id, ticket.handledAt));
  return keys;
}

/** The units as the plan reads them, from the dispatch rules' units. */
export function remindedUnits(units: readonly { readonly id: string; readonly contact?: { readonly number: string }; readonly superior?: string }[]): (unitId: string) => RemindedUnit | undefined {
  const byId = new Map(units.map((unit) => [unit.id, { number: unit.contact?.number ?? null, superior: unit.superior ?? null }]));
  return (unitId) => byId.get(unitId);
}
