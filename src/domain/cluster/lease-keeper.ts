// When a server may act as the holder of a shared role (the ACD leader, the worker owning a PBX):
// it asks for the lease, renews it a few times per time to live, and believes it holds the lease only
// until the time to live counted from when it *sent* the last successful request, less a margin.
// Redis counts the time to live from when it received the request, which is later, so the server
// stops acting before any other can start: never two holders at once, whatever the delays. Pure:
// requests and timers are commands, their answers and expiries come back as events.

/** What the lease store answered: held (with the acquisition's epoch), or who holds it instead. */
export type LeaseAnswer = { readonly held: true; readonly epoch: number } | { readonly held: false; readonly holder: string | null };

export interface LeaseSettings {
  readonly ttlMs: number;
  /** How often a holder renews, and a seeker asks again. */
  readonly renewEveryMs: number;
  /** Taken off the time to live: clock-rate differences and the time to act on a loss. */
  readonly marginMs: number;
}

export type LeaseRequest = 'acquire' | 'renew';
export type LossReason = 'expired' | 'taken' | 'stopped';
export type LeaseTimer = 'ask' | 'expiry';

export type LeaseState =
  | { readonly kind: 'stopped' }
  | { readonly kind: 'seeking'; readonly asking: boolean }
  | { readonly kind: 'holding'; readonly asking: boolean; readonly epoch: number; readonly validUntil: number };

export type LeaseEvent =
  | { readonly type: 'Started'; readonly at: number }
  | { readonly type: 'TimerFired'; readonly timer: LeaseTimer; readonly at: number }
  | { readonly type: 'Answered'; readonly request: LeaseRequest; readonly sentAt: number; readonly answer: LeaseAnswer; readonly at: number }
  | { readonly type: 'RequestFailed'; readonly request: LeaseRequest; readonly sentAt: number; readonly code: string; readonly at: number }
  | { readonly type: 'Stopped'; readonly at: number };

export type LeaseCommand =
  | { readonly type: 'Ask'; readonly request: LeaseRequest; readonly sentAt: number }
  | { readonly type: 'Release' }
  | { readonly type: 'StartTimer'; readonly timer: LeaseTimer; readonly ms: number }
  | { readonly type: 'CancelTimer'; readonly timer: LeaseTimer }
  | { readonly type: 'Gained'; readonly epoch: number }
  | { readonly type: 'Lost'; readonly reason: LossReason }
  | { readonly type: 'Log'; readonly level: 'info' | 'warn'; readonly message: string; readonly fields?: Record<string, unknown> };

export interface LeaseStep {
  readonly state: LeaseState;
  readonly commands: readonly LeaseCommand[];
}

export const INITIAL_LEASE_STATE: LeaseState = { kind: 'stopped' };

function ask(state: Extract<LeaseState, { kind: 'seeking' | 'holding' }>, at: number): LeaseStep {
  if (state.asking) return { state, commands: [] };
  const request: LeaseRequest = state.kind === 'holding' ? 'renew' : 'acquire';
  return { state: { ...state, asking: true }, commands: [{ type: 'Ask', request, sentAt: at }] };
}

function lose(reason: LossReason, asking: boolean): LeaseStep {
  return { state: { kind: 'seeking', asking }, commands: [{ type: 'CancelTimer', timer: 'expiry' }, { type: 'Lost', reason }] };
}

function answered(state: Extract<LeaseState, { kind: 'seeking' | 'holding' }>, event: Extract<LeaseEvent, { type: 'Answered' }>, s: LeaseSettings): LeaseStep {
  const idle = { ...state, asking: false };
  if (!event.answer.held) {
    if (state.kind !== 'holding') return { state: idle, commands: [] };
    const lost = lose('taken', false);
    return { state: lost.state, commands: [...lost.commands, { type: 'Log', level: 'warn', message: 'lease taken by another holder', fields: { holder: event.answer.holder } }] };
  }
  const validUntil = event.sentAt + s.ttlMs - s.marginMs;
  // An answer so late that its hold has already run out proves nothing: ask again at the next turn.
  if (validUntil <= event.at) return { state: idle, commands: [] };
  const timer: LeaseCommand = { type: 'StartTimer', timer: 'expiry', ms: validUntil - event.at };
  const holding: LeaseState = { kind: 'holding', asking: false, epoch: event.answer.epoch, validUntil };
  if (state.kind === 'holding' && state.epoch === event.answer.epoch) return { state: holding, commands: [timer] };
  return { state: holding, commands: [timer, { type: 'Gained', epoch: event.answer.epoch }] };
}

export function stepLease(state: LeaseState, event: LeaseEvent, settings: LeaseSettings): LeaseStep {
  if (event.type === 'Started') {
    if (state.kind !== 'stopped') return { state, commands: [] };
    const first = ask({ kind: 'seeking', asking: false }, event.at);
    return { state: first.state, commands: [...first.commands, { type: 'StartTimer', timer: 'ask', ms: settings.renewEveryMs }] };
  }
  if (state.kind === 'stopped') return { state, commands: [] };
  switch (event.type) {
    case 'Stopped': {
      const cancel: LeaseCommand[] = [
        { type: 'CancelTimer', timer: 'ask' },
        { type: 'CancelTimer', timer: 'expiry' },
      ];
      return { state: INITIAL_LEASE_STATE, commands: state.kind === 'holding' ? [...cancel, { type: 'Lost', reason: 'stopped' }, { type: 'Release' }] : cancel };
    }
    case 'TimerFired': {
      if (state.kind === 'holding' && event.at >= state.validUntil) {
        // Either timer may be the first to see the deadline pass: letting go must not hang on one.
        const lost = lose('expired', state.asking);
        return event.timer === 'expiry' ? lost : withTimer(ask({ kind: 'seeking', asking: state.asking }, event.at), settings, lost.commands);
      }
      if (event.timer === 'expiry') {
        // A timer may fire a little before the wall clock reaches the deadline (they run on different
        // clocks); arm it again for the rest, or a holder cut off from the store would never let go.
        return state.kind === 'holding' ? { state, commands: [{ type: 'StartTimer', timer: 'expiry', ms: state.validUntil - event.at }] } : { state, commands: [] };
      }
      return withTimer(ask(state, event.at), settings);
    }
    case 'Answered':
      return answered(state, event, settings);
    case 'RequestFailed':
      // A holder keeps acting until its own deadline (the expiry timer); the next turn asks again.
      return { state: { ...state, asking: false }, commands: [{ type: 'Log', level: 'warn', message: `lease ${event.request} failed`, fields: { code: event.code } }] };
  }
}

function withTimer(step: LeaseStep, settings: LeaseSettings, before: readonly LeaseCommand[] = []): LeaseStep {
  return { state: step.state, commands: [...before, ...step.commands, { type: 'StartTimer', timer: 'ask', ms: settings.renewEveryMs }] };
}
