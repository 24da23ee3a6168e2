// What a call needs of the IVR flows: the flow set in force when the call starts (a reload during
// the call does not change it) and the calendar, as one snapshot. The flows adapter implements it.
import type { IvrContext } from '../../domain/ivr/ivr-engine.js';

export interface IvrSetup {
  /** A snapshot for one call. */
  snapshot(): IvrContext;
}
