// Which step a supervisor may take on a warning from its state, and where it leads: send (to a unit)
// and dismiss from new or sent, handle from sent, reopen from handled or dismissed; a proactive order
// (主动治理) is made from an open warning (new or sent) and sends it to the order's unit.
import type { HotspotState, HotspotStep } from './hotspot-states.js';

const FROM: Readonly<Record<HotspotStep, readonly HotspotState[]>> = {
  send: ['new', 'sent'],
  dismiss: ['new', 'sent'],
  handle: ['sent'],
  reopen: ['handled', 'dismissed'],
};

const TO: Readonly<Record<HotspotStep, HotspotState>> = { send: 'sent', dismiss: 'dismissed', handle: 'handled', reopen: 'new' };

/** The state the step leads to, or null when the warning's state does not allow it. */
export function hotspotStepTarget(state: HotspotState, step: HotspotStep): HotspotState | null {
  return FROM[step].includes(state) ? TO[step] : null;
}

/** A proactive order is made only from a warning still open. */
export function mayOrderFrom(state: HotspotState): boolean {
  return state === 'new' || state === 'sent';
}

/** 屡办不成 is the citizens complaining again; every other kind asks the unit to deal with a problem found (求助). */
export function proactiveRequestType(kind: string): 'complaint' | 'help' {
  return kind === 'repeat' ? 'complaint' : 'help';
}
