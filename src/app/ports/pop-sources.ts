// Where a screen pop's parts are read from: the caller's past orders and calls, and the names of queues and categories.
import type { Taxonomy } from '../../domain/tickets/categories.js';
import type { IvrStep } from '../../domain/calls/call-facts.js';
import type { PopKnowledge } from '../pop-articles.js';
import type { HistoryRow } from './ticket-records.js';

export interface PopSources {
  /** The caller's orders since `since`, newest first. */
  readonly history: (callerNumber: string, since: number) => Promise<readonly HistoryRow[]>;
  /** How many times the number called since `since`. */
  readonly callsSince: (callerNumber: string, since: number) => Promise<number>;
  readonly queueName: (queueId: string) => string | null;
  readonly taxonomy: Taxonomy;
  /** The knowledge words of the caller's IVR choices (the menu options' `knowledge`), the latest first. */
  readonly choiceWords: (path: readonly IvrStep[]) => readonly string[];
  /** Where the pop's suggested articles come from, and how long it waits for them. */
  readonly knowledge: PopKnowledge;
}
