// Timers as app needs them: named by an id, one per id, cancelled by id or all at once when the server stops.

export interface Timers {
  /** Calls `fire` once after `ms`; starting an id that is running replaces the earlier timer. */
  start(id: string, ms: number, fire: () => void): void;
  /** Stops a timer before it fires; an id that fired already, or never ran, is no error. */
  cancel(id: string): void;
  /** Stops every timer (the server is stopping). */
  cancelAll(): void;
}
