// What a call needs to run its IVR: the flow set in force when the call started (a reload during
// the call does not change it), the calendar, and which flow each dialed number starts in.
import type { IvrContext } from '../domain/ivr/ivr-engine.js';

export interface IvrSetup {
  /** A snapshot for one call. */
  snapshot(): IvrContext;
}

export function entryFlowFor(context: IvrContext, dialed: string): string {
  const entries = context.flows.entries;
  return entries[dialed] ?? entries['*'] ?? 'main';
}
