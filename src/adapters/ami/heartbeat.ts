export interface HeartbeatOptions {
  readonly intervalMs: number;
  /** Consecutive failed pings after which the link is declared dead. */
  readonly maxFailures: number;
  readonly ping: () => Promise<unknown>;
  readonly onDead: () => void;
}

/**
 * Pings at a fixed rate, not after the previous answer, so two lost pings are noticed within about
 * 2 × interval + timeout even when the peer keeps the socket open and says nothing.
 */
export class Heartbeat {
  private timer: NodeJS.Timeout | undefined;
  private failures = 0;

  constructor(private readonly options: HeartbeatOptions) {}

  start(): void {
    this.stop();
    this.timer = setInterval(() => this.beat(), this.options.intervalMs);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.failures = 0;
  }

  private beat(): void {
    const timer = this.timer;
    this.options.ping().then(
      () => {
        if (this.timer === timer) this.failures = 0;
      },
      () => this.failed(timer),
    );
  }

  private failed(timer: NodeJS.Timeout | undefined): void {
    // A ping sent before stop()/start() says nothing about the current link.
    if (this.timer !== timer || timer === undefined) return;
    this.failures += 1;
    if (this.failures < this.options.maxFailures) return;
    this.stop();
    this.options.onDead();
  }
}
