// Timers on Node's event loop, by id: the one implementation of the Timers port (the ACD's queue
// timers, each call's IVR timeouts, the grouped commits and the ticket retries). A running timer
// keeps the process alive, as a ticket retry during a graceful stop must: owners cancel theirs.
import type { Timers } from '../../app/ports/timers.js';

export class NodeTimers implements Timers {
  private readonly running = new Map<string, NodeJS.Timeout>();

  start(id: string, ms: number, fire: () => void): void {
    this.cancel(id);
    const timer = setTimeout(() => {
      this.running.delete(id);
      fire();
    }, Math.max(0, ms));
    this.running.set(id, timer);
  }

  cancel(id: string): void {
    const timer = this.running.get(id);
    if (timer === undefined) return;
    clearTimeout(timer);
    this.running.delete(id);
  }

  cancelAll(): void {
    for (const timer of this.running.values()) clearTimeout(timer);
    this.running.clear();
  }
}
