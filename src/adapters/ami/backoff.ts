/** Exponential reconnect delay: initial, ×2 per failed attempt, capped; reset after a good login. */
export class Backoff {
  private nextDelay: number;

  constructor(
    private readonly initialMs: number,
    private readonly maxMs: number,
  ) {
    this.nextDelay = initialMs;
  }

  next(): number {
    const delay = this.nextDelay;
    this.nextDelay = Math.min(this.nextDelay * 2, this.maxMs);
    return delay;
  }

  reset(): void {
    this.nextDelay = this.initialMs;
  }
}
