// Appends to one stream in the order they were asked for, each tried again with a capped back-off
// while Redis fails: the ACD must see a call's events in the order they happened, and a blip must not
// lose them. An append nobody wants any more (its asker gave up waiting) is skipped, and past `limit`
// waiting appends the newest are refused and logged, so an outage cannot grow the memory for ever.
import type { Logger } from '../../logging/logger.js';
import type { MessageStreams } from '../ports/message-streams.js';

export interface OrderedAppendsDeps {
  readonly streams: MessageStreams;
  readonly stream: string;
  readonly maxLength: number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly logger: Logger;
  readonly retryCapMs: number;
  readonly limit: number;
}

export class OrderedAppends {
  private tail: Promise<void> = Promise.resolve();
  private waiting = 0;
  private stopped = false;
  /** Stopping while Redis fails: what is still waiting is dropped rather than tried one by one. */
  private givenUp = false;

  constructor(private readonly deps: OrderedAppendsDeps) {}

  /** False when refused (too many waiting, or stopped); `wanted` is asked before each try. */
  push(body: string, wanted: () => boolean = () => true): boolean {
    if (this.stopped || this.waiting >= this.deps.limit) return false;
    this.waiting += 1;
    this.tail = this.tail.then(() => this.send(body, wanted)).finally(() => (this.waiting -= 1));
    return true;
  }

  /** Waits until what is in hand went out (or was skipped). */
  async settled(): Promise<void> {
    await this.tail;
  }

  /** Refuses more and waits for what is in hand; one failure then drops what is left. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.tail;
  }

  get pending(): number {
    return this.waiting;
  }

  private async send(body: string, wanted: () => boolean): Promise<void> {
    const { streams, stream, maxLength, logger } = this.deps;
    for (let failures = 0; wanted() && !this.givenUp; failures += 1) {
      try {
        await streams.append(stream, body, maxLength);
        return;
      } catch (error) {
        if (this.stopped) {
          this.givenUp = true;
          logger.error({ err: error, stream, dropped: this.waiting }, 'stopping while appends fail: those waiting are dropped');
          return;
        }
        const wait = Math.min(50 * 2 ** Math.min(failures, 10), this.deps.retryCapMs);
        logger.warn({ err: error, stream, failures: failures + 1, retryInMs: wait }, 'append failed; trying again');
        await this.deps.sleep(wait);
      }
    }
  }
}
