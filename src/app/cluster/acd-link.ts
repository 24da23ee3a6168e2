// A call worker's side of the ACD leader: it logs what happened to its PBX's calls and agents in the
// centre's event log, and carries out the commands the leader sends for its PBX. Commands of an
// epoch older than one already seen (a deposed leader's last words) are dropped; a message that is
// not a command is moved aside. The leader sends at least once, so `carryOut` must take a repeat
// (the same offer again) as nothing new.
import type { AcdCommand, AcdEvent } from '../../domain/acd/acd-protocol.js';
import { ACD_EVENTS_STREAM, acdCommandStream, parseCommandMessage, type AcdEventMessage } from '../../domain/cluster/acd-messages.js';
import { EpochFence } from '../../domain/cluster/epoch-fence.js';
import type { Logger } from '../../logging/logger.js';
import type { MessageStreams, StreamMessage } from '../ports/message-streams.js';
import { moveAside, StreamConsumer, type StreamConsumerSettings } from './stream-consumer.js';

export const ACD_WORKER_GROUP = 'worker';

export interface AcdLinkDeps {
  readonly streams: MessageStreams;
  /** The PBX this worker holds. */
  readonly pbx: string;
  /** This worker's id (its name in the command stream's group). */
  readonly worker: string;
  readonly carryOut: (command: AcdCommand) => Promise<void> | void;
  readonly logger: Logger;
  readonly sleep: (ms: number) => Promise<void>;
  readonly streamLength?: number;
  readonly consumer?: Partial<StreamConsumerSettings>;
}

const STREAM_LENGTH = 100_000;

export class AcdLink {
  private readonly fence = new EpochFence();
  private readonly consumer: StreamConsumer;
  private readonly log: Logger;
  private readonly stream: string;

  constructor(private readonly deps: AcdLinkDeps) {
    this.stream = acdCommandStream(deps.pbx);
    this.log = deps.logger.child({ pbx: deps.pbx });
    this.consumer = new StreamConsumer({
      streams: deps.streams, stream: this.stream, group: ACD_WORKER_GROUP, consumer: deps.worker, logger: deps.logger, sleep: deps.sleep,
      settings: deps.consumer, apply: (message) => this.receive(message),
    });
  }

  start(): void {
    this.consumer.start();
  }

  stop(): Promise<void> {
    return this.consumer.stop();
  }

  /** Logs an event for the leader; the promise settles once Redis has it (a failure is the caller's to retry). */
  async tell(event: AcdEvent): Promise<void> {
    const message: AcdEventMessage = { pbx: this.deps.pbx, event };
    await this.deps.streams.append(ACD_EVENTS_STREAM, JSON.stringify(message), this.deps.streamLength ?? STREAM_LENGTH);
  }

  /** The latest leader epoch this worker has obeyed. */
  get epoch(): number {
    return this.fence.epoch;
  }

  private async receive(message: StreamMessage): Promise<void> {
    const parsed = parseCommandMessage(message.body);
    if (!parsed.ok) {
      this.log.error({ messageId: message.id, code: parsed.code, detail: parsed.detail }, 'an ACD command message is invalid; moved aside');
      await moveAside(this.deps.streams, this.stream, message, { code: parsed.code }, this.deps.streamLength ?? STREAM_LENGTH);
      return;
    }
    const { epoch, command } = parsed.message;
    if (!this.fence.admit(epoch)) {
      this.log.warn({ epoch, current: this.fence.epoch, command: command.type }, 'dropped a command of a deposed ACD leader');
      return;
    }
    await this.deps.carryOut(command);
  }
}
