// Where a screen pop's parts are read from: the caller's past orders and calls, and the names of queues and categories.
import type { Taxonomy } from '../../domain/tickets/categories.js';
import type { HistoryRow } from './ticket-records.js';

export interface PopSources {
  /** The caller's orders since `since`, newest first. */
  readonly history: (callerNumber: string, since: number) => Promise<readonly HistoryRow[]>;
  /** How many times the number called since `since`. */
  readonly callsSince: (callerNumber: string, since: number) => Promise<number>;
  readonly queueName: (queueId: string) => string | null;
  readonly taxonomy: Taxonomy;
}
