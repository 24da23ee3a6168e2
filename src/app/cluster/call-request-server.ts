// The server running a PBX's calls answers the requests other servers relay to it (the live calls'
// list, an agent's action on a conversation) from its own live calls, on the asker's reply stream.
// Read only while this server runs the PBX; a message that is not a request is moved aside.
import { callRequestStream, parseCallRequest, type CallReplyMessage, type CallRequest } from '../../domain/cluster/call-messages.js';
import type { Logger } from '../../logging/logger.js';
import type { CallControl } from '../ports/call-control.js';
import type { MonitorControl } from '../ports/monitor-control.js';
import type { MessageStreams, StreamMessage } from '../ports/message-streams.js';
import { moveAside, StreamConsumer, type StreamConsumerSettings } from './stream-consumer.js';

export const CALL_REQUESTS_GROUP = 'holder';
/** Read within seconds by one server: a short stream is enough. */
const STREAM_LENGTH = 1_000;

export interface CallRequestServerDeps {
  readonly streams: MessageStreams;
  readonly pbx: string;
  readonly node: string;
  readonly calls: CallControl;
  /** Supervisors' sessions on this PBX's calls (made after the calls: asked for when a request comes). */
  readonly monitoring?: () => MonitorControl | null;
  readonly logger: Logger;
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly consumer?: Partial<StreamConsumerSettings>;
}

export class CallRequestServer {
  private readonly consumer: StreamConsumer;
  private readonly stream: string;

  constructor(private readonly deps: CallRequestServerDeps) {
    this.stream = callRequestStream(deps.pbx);
    // A request older than its asker's patience is useless: a new holder starts at the stream's end.
    this.consumer = new StreamConsumer({
      streams: deps.streams, stream: this.stream, group: CALL_REQUESTS_GROUP, consumer: deps.node, from: 'end',
      logger: deps.logger, sleep: deps.sleep, settings: deps.consumer, apply: (message) => this.answer(message),
    });
  }

  start(): void {
    this.consumer.start();
  }

  stop(): Promise<void> {
    return this.consumer.stop();
  }

  private async answer(message: StreamMessage): Promise<void> {
    const parsed = parseCallRequest(message.body);
    if (!parsed.ok) {
      this.deps.logger.error({ messageId: message.id, code: parsed.code, detail: parsed.detail }, 'a relayed call request is invalid; moved aside');
      await moveAside(this.deps.streams, this.stream, message, { code: parsed.code }, STREAM_LENGTH);
      return;
    }
    const { request, reply, expiresAt, ask } = parsed.message;
    if (this.deps.now() > expiresAt) {
      this.deps.logger.warn({ op: ask.op, request }, 'a relayed call request came after its asker stopped waiting; not carried out');
      return;
    }
    const answer: CallReplyMessage = { request, answer: await this.run(ask) };
    await this.deps.streams.append(reply, JSON.stringify(answer), STREAM_LENGTH);
  }

  private run(ask: CallRequest): Promise<unknown> {
    const { calls } = this.deps;
    switch (ask.op) {
      case 'activeCalls':
        return calls.activeCalls();
      case 'transfer':
        return calls.transfer(ask.callId, ask.target, ask.mode);
      case 'addParty':
        return calls.addParty(ask.callId, ask.number);
      case 'hangUp':
        return calls.hangUp(ask.callId);
      default:
        return this.runMonitor(ask);
    }
  }

  private runMonitor(ask: Exclude<CallRequest, { op: 'activeCalls' | 'transfer' | 'addParty' | 'hangUp' }>): Promise<unknown> {
    const monitoring = this.deps.monitoring?.() ?? null;
    if (!monitoring) return Promise.resolve(ask.op === 'monitors' ? null : { ok: false, code: 'CALLS_UNAVAILABLE' });
    switch (ask.op) {
      case 'monitors':
        return monitoring.list();
      case 'monitor':
        return monitoring.start(ask.callId, ask.actor, ask.mode);
      case 'monitorChange':
        return monitoring.change(ask.monitorId, ask.actor, ask.mode);
      case 'monitorStop':
        return monitoring.stop(ask.monitorId, ask.actor);
      case 'monitorTakeOver':
        return monitoring.takeOver(ask.monitorId, ask.actor);
      case 'release':
        return monitoring.forceRelease(ask.callId, ask.actor);
    }
  }
}
