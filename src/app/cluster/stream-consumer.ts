// Reads one stream as a member of a consumer group and applies each message, acknowledging it only
// once applied: a server that dies mid-way leaves its messages pending, and another member takes
// them over after `reclaimIdleMs`. A message that keeps failing (a poison message) is moved to the
// stream's dead-letter stream after `maxDeliveries`, so it cannot block the others forever. A Redis
// that fails is waited out with a capped back-off; the loop never ends by itself.
import type { Logger } from '../../logging/logger.js';
import type { MessageStreams, StreamMessage } from '../ports/message-streams.js';

export interface StreamConsumerDeps {
  readonly streams: MessageStreams;
  readonly stream: string;
  readonly group: string;
  /** This server's name in the group: unique among its members. */
  readonly consumer: string;
  /** Applies one message; a throw leaves it pending, to be delivered again. */
  readonly apply: (message: StreamMessage) => Promise<void>;
  readonly logger: Logger;
  readonly sleep: (ms: number) => Promise<void>;
  readonly settings?: Partial<StreamConsumerSettings>;
  /** Where a group made now begins: the stream's oldest entry (the default) or its next one. */
  readonly from?: 'start' | 'end';
}

export interface StreamConsumerSettings {
  readonly batch: number;
  readonly blockMs: number;
  /** Pending this long, a message is taken over from the member holding it. */
  readonly reclaimIdleMs: number;
  readonly maxDeliveries: number;
  /** Kept in the dead-letter stream (about). */
  readonly deadLetterLength: number;
  readonly backoffCapMs: number;
}

const DEFAULTS: StreamConsumerSettings = { batch: 100, blockMs: 1_000, reclaimIdleMs: 10_000, maxDeliveries: 5, deadLetterLength: 10_000, backoffCapMs: 2_000 };

export function deadLetterStream(stream: string): string {
  return `${stream}:dead`;
}

/** Appends a message to its stream's dead-letter stream, with its id, its body and why it is there. */
export function moveAside(streams: MessageStreams, stream: string, message: StreamMessage, why: Readonly<Record<string, unknown>>, maxLength: number): Promise<string> {
  return streams.append(deadLetterStream(stream), JSON.stringify({ id: message.id, body: message.body, ...why }), maxLength);
}

export class StreamConsumer {
  private readonly settings: StreamConsumerSettings;
  private running = false;
  private loop: Promise<void> | null = null;
  private failures = 0;

  constructor(private readonly deps: StreamConsumerDeps) {
    this.settings = { ...DEFAULTS, ...deps.settings };
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Ends the loop after the read in progress (at most `blockMs`); messages in hand are finished first. */
  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  private async run(): Promise<void> {
    const { streams, stream, group, consumer } = this.deps;
    let grouped = false;
    while (this.running) {
      try {
        if (!grouped) await streams.ensureGroup(stream, group, this.deps.from);
        grouped = true;
        await this.applyAll(await streams.reclaim(stream, group, consumer, this.settings.reclaimIdleMs, this.settings.batch));
        await this.applyAll(await streams.read(stream, group, consumer, this.settings.batch, this.settings.blockMs));
        this.failures = 0;
      } catch (error) {
        this.failures += 1;
        const wait = Math.min(100 * 2 ** Math.min(this.failures, 10), this.settings.backoffCapMs);
        this.deps.logger.warn({ err: error, stream, failures: this.failures, retryInMs: wait }, 'stream read failed; retrying');
        await this.deps.sleep(wait);
      }
    }
  }

  private async applyAll(messages: readonly StreamMessage[]): Promise<void> {
    for (const message of messages) await this.applyOne(message);
  }

  private async applyOne(message: StreamMessage): Promise<void> {
    const { streams, stream, group } = this.deps;
    if (message.deliveries > this.settings.maxDeliveries) {
      await moveAside(streams, stream, message, { deliveries: message.deliveries }, this.settings.deadLetterLength);
      await streams.acknowledge(stream, group, [message.id]);
      this.deps.logger.error({ stream, messageId: message.id, deliveries: message.deliveries }, 'message failed every delivery; moved to the dead-letter stream');
      return;
    }
    try {
      await this.deps.apply(message);
    } catch (error) {
      // Left pending: delivered again once idle for reclaimIdleMs, until maxDeliveries.
      this.deps.logger.warn({ err: error, stream, messageId: message.id, deliveries: message.deliveries }, 'message not applied; it will be delivered again');
      return;
    }
    await streams.acknowledge(stream, group, [message.id]);
  }
}
