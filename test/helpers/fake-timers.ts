// A Timers port for fast tests: nothing fires by itself; the test fires a running timer by hand
// (`fire(id)`) and sees which are running (`running()`), how long each was set for, and what was cancelled.
import type { Timers } from '../../src/app/ports/timers.js';

interface Running {
  readonly ms: number;
  readonly fire: () => void;
}

export class FakeTimers implements Timers {
  private readonly timers = new Map<string, Running>();
  /** Ids cancelled one by one, in order. */
  readonly cancelled: string[] = [];
  /** How often every timer was stopped at once. */
  allCancelled = 0;

  start(id: string, ms: number, fire: () => void): void {
    // A running id is replaced: re-inserted so `running()` keeps the order of the latest starts.
    this.timers.delete(id);
    this.timers.set(id, { ms, fire });
  }

  cancel(id: string): void {
    this.cancelled.push(id);
    this.timers.delete(id);
  }

  cancelAll(): void {
    this.allCancelled += 1;
    this.timers.clear();
  }

  /** Ids of the timers running now, oldest start first. */
  running(): string[] {
    return [...this.timers.keys()];
  }

  /** How long a running timer was set for. */
  msOf(id: string): number | undefined {
    return this.timers.get(id)?.ms;
  }

  /** Fires a running timer now (it stops running); an id not running is a test error. */
  fire(id: string): void {
    const timer = this.timers.get(id);
    if (!timer) throw new Error(`timer ${id} is not running (running: ${this.running().join(', ') || 'none'})`);
    this.timers.delete(id);
    timer.fire();
  }

  /** Fires the one timer running now; none or several is a test error. */
  fireOnly(): string {
    const ids = this.running();
    const [id] = ids;
    if (ids.length !== 1 || id === undefined) throw new Error(`expected one running timer, found ${ids.length}`);
    this.fire(id);
    return id;
  }
}
