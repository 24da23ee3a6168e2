// Requests sent to another server and answered on this server's reply stream: each waits under its
// id until its answer comes, or until `timeoutMs` passes (then it gets `onTimeout`'s value). Ids are
// unique across this server's restarts, so a late answer to a former run matches nothing.
import type { Timers } from '../ports/timers.js';

export class AwaitedReplies<T> {
  private readonly waiting = new Map<string, (answer: T) => void>();
  private count = 0;

  constructor(
    /** This server's run: its id and the time it started. */
    private readonly run: string,
    private readonly timers: Timers,
  ) {}

  /** A new request id and the promise of its answer. */
  open(timeoutMs: number, onTimeout: (request: string) => T): { readonly request: string; readonly answer: Promise<T> } {
    this.count += 1;
    const request = `${this.run}:${this.count}`;
    const timer = `awaited-reply:${request}`;
    const answer = new Promise<T>((resolve) => {
      this.waiting.set(request, (value) => {
        this.waiting.delete(request);
        this.timers.cancel(timer);
        resolve(value);
      });
      this.timers.start(timer, timeoutMs, () => this.waiting.get(request)?.(onTimeout(request)));
    });
    return { request, answer };
  }

  /** Whether someone still waits for it (an append not made yet may then be skipped). */
  awaits(request: string): boolean {
    return this.waiting.has(request);
  }

  /** An answer came; one nobody waits for any more (answered again, or too late) is nothing. */
  settle(request: string, answer: T): void {
    this.waiting.get(request)?.(answer);
  }

  /** Everyone still waiting gets `answer` (the server is stopping). */
  settleAll(answer: T): void {
    for (const settle of [...this.waiting.values()]) settle(answer);
  }
}
