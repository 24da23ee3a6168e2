// Which steps a supervisor is offered on a warning in each state (the server checks again:
// HOTSPOT_STEP_INVALID), what each needs before it is sent, and whether a proactive order may be made.
import type { HotspotState, HotspotStep, HotspotView } from '../api-types.js';

const STEPS_FROM: Readonly<Record<HotspotState, readonly HotspotStep[]>> = {
  new: ['send', 'dismiss'],
  sent: ['handle', 'dismiss'],
  handled: ['reopen'],
  dismissed: ['reopen'],
};

export function stepsFrom(state: string): readonly HotspotStep[] {
  return Object.hasOwn(STEPS_FROM, state) ? STEPS_FROM[state as HotspotState] : [];
}

export type StepProblem = 'unit-required' | 'note-required';

/** What is missing before a step can be sent: a unit to send to, a note to dismiss. */
export function stepProblem(step: HotspotStep, unitId: string, note: string): StepProblem | null {
  if (step === 'send' && !unitId) return 'unit-required';
  if (step === 'dismiss' && !note.trim()) return 'note-required';
  return null;
}

/** 主动治理 is offered on an open warning that has no proactive order yet. */
export const mayMakeOrder = (warning: Pick<HotspotView, 'state' | 'proactiveTicket'>): boolean => warning.proactiveTicket === null && (warning.state === 'new' || warning.state === 'sent');
