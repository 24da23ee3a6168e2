// Who a caller is: the registries app looks a number up in (registered elderly numbers, enterprises). The registries adapter implements it.
import type { CallerInfo } from '../../domain/callers/caller-info.js';

export interface CallerDirectory {
  /** What the registries know of a number; a number they do not hold is an ordinary caller. */
  lookup(number: string): CallerInfo;
}
