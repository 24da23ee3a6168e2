// Live calls of a PBX this server does not run, as it sees them: each request is relayed to the server
// that runs that PBX (the PBX's request stream) and answered on this server's one reply stream, or,
// when no answer comes in time (a takeover under way, Redis away, no server for it), CALLS_UNAVAILABLE. Each request says when
// its asker stops waiting, and the server running the PBX does not carry out one it reads later, so
// an action cannot happen after the agent was told it failed (servers' clocks agree through NTP).
import type { ActiveCallView } from '../calls/active-call-view.js';
import type { CallActionResult } from '../calls/live-calls.js';
import type { TransferMode, TransferTarget } from '../../domain/calls/call-protocol.js';
import { callReplyStream, callRequestStream, parseCallReply, type CallRequest, type CallRequestMessage } from '../../domain/cluster/call-messages.js';
import type { Logger } from '../../logging/logger.js';
import type { CallControl } from '../ports/call-control.js';
import type { MonitorControl, MonitorResult, ReleaseResult } from '../ports/monitor-control.js';
import type { MonitorView } from '../monitoring/monitor-service.js';
import type { MessageStreams, StreamMessage } from '../ports/message-streams.js';
import type { Timers } from '../ports/timers.js';
import { AwaitedReplies } from './awaited-replies.js';
import { StreamConsumer, type StreamConsumerSettings } from './stream-consumer.js';

const NO_ANSWER = Symbol('no answer');
const UNAVAILABLE: CallActionResult = { ok: false, code: 'CALLS_UNAVAILABLE' };
const STREAM_LENGTH = 1_000;

export interface RelayedCallControlDeps {
  /** For appends. */
  readonly streams: MessageStreams;
  /** For the blocking reads of the replies (a connection of its own). */
  readonly replies: MessageStreams;
  readonly node: string;
  readonly timers: Timers;
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly logger: Logger;
  readonly timeoutMs?: number;
  readonly consumer?: Partial<StreamConsumerSettings>;
}

/** This server's requests to the servers running other PBXs: `to(pbx)` is that PBX's live calls. */
export class CallRelay {
  private readonly waiting: AwaitedReplies<unknown>;
  private readonly consumer: StreamConsumer;

  constructor(private readonly deps: RelayedCallControlDeps) {
    this.waiting = new AwaitedReplies(`${deps.node}:${deps.now().toString(36)}`, deps.timers);
    this.consumer = new StreamConsumer({
      streams: deps.replies, stream: callReplyStream(deps.node), group: deps.node, consumer: deps.node,
      logger: deps.logger, sleep: deps.sleep, settings: deps.consumer, apply: (message) => this.answered(message),
    });
  }

  start(): void {
    this.consumer.start();
  }

  async stop(): Promise<void> {
    this.waiting.settleAll(NO_ANSWER);
    await this.consumer.stop();
  }

  /** The live calls of `pbx`, asked of the server running it. */
  to(pbx: string): CallControl {
    const act = async (ask: CallRequest): Promise<CallActionResult> => {
      const answer = await this.ask(pbx, ask);
      return isResult(answer) ? answer : UNAVAILABLE;
    };
    return {
      activeCalls: async (): Promise<readonly ActiveCallView[] | null> => {
        const answer = await this.ask(pbx, { op: 'activeCalls' });
        return Array.isArray(answer) && answer.every((call) => typeof (call as { callId?: unknown }).callId === 'string') ? (answer as ActiveCallView[]) : null;
      },
      transfer: (callId: string, target: TransferTarget, mode: TransferMode) => act({ op: 'transfer', callId, target, mode }),
      addParty: (callId: string, number: string) => act({ op: 'addParty', callId, number }),
      hangUp: (callId: string) => act({ op: 'hangUp', callId }),
    };
  }

  /** Supervisors' sessions on the calls of `pbx`, asked of the server running it. */
  monitorsOf(pbx: string): MonitorControl {
    const act = async (ask: CallRequest): Promise<MonitorResult> => {
      const answer = await this.ask(pbx, ask);
      return isResult(answer) && (!answer.ok || typeof (answer as { monitorId?: unknown }).monitorId === 'string') ? (answer as MonitorResult) : { ok: false, code: 'CALLS_UNAVAILABLE' };
    };
    return {
      start: (callId, actor, mode) => act({ op: 'monitor', callId, actor: { id: actor.id, role: actor.role }, mode }),
      change: (monitorId, actor, mode) => act({ op: 'monitorChange', monitorId, actor: { id: actor.id, role: actor.role }, mode }),
      stop: (monitorId, actor) => act({ op: 'monitorStop', monitorId, actor: { id: actor.id, role: actor.role } }),
      takeOver: (monitorId, actor) => act({ op: 'monitorTakeOver', monitorId, actor: { id: actor.id, role: actor.role } }),
      forceRelease: async (callId, actor): Promise<ReleaseResult> => {
        const answer = await this.ask(pbx, { op: 'release', callId, actor: { id: actor.id, role: actor.role } });
        return isResult(answer) ? (answer as ReleaseResult) : { ok: false, code: 'CALLS_UNAVAILABLE' };
      },
      list: async (): Promise<readonly MonitorView[] | null> => {
        const answer = await this.ask(pbx, { op: 'monitors' });
        return Array.isArray(answer) && answer.every((view) => typeof (view as { monitorId?: unknown }).monitorId === 'string') ? (answer as MonitorView[]) : null;
      },
    };
  }

  private async ask(pbx: string, ask: CallRequest): Promise<unknown> {
    const timeoutMs = this.deps.timeoutMs ?? 3_000;
    const { request, answer } = this.waiting.open(timeoutMs, () => {
      this.deps.logger.warn({ code: 'CALLS_UNAVAILABLE', op: ask.op, pbx }, 'no answer from the server running the PBX in time');
      return NO_ANSWER;
    });
    const message: CallRequestMessage = { request, reply: callReplyStream(this.deps.node), expiresAt: this.deps.now() + timeoutMs, ask };
    const body = JSON.stringify(message);
    this.deps.streams.append(callRequestStream(pbx), body, STREAM_LENGTH).catch((error: unknown) => {
      this.deps.logger.warn({ err: error, op: ask.op, pbx }, 'a call request could not be relayed');
      this.waiting.settle(request, NO_ANSWER);
    });
    return answer;
  }

  private answered(message: StreamMessage): Promise<void> {
    const parsed = parseCallReply(message.body);
    if (!parsed.ok) this.deps.logger.error({ messageId: message.id, code: parsed.code, detail: parsed.detail }, 'a relayed call answer is invalid; dropped');
    else this.waiting.settle(parsed.message.request, parsed.message.answer);
    return Promise.resolve();
  }
}

function isResult(answer: unknown): answer is CallActionResult {
  if (typeof answer !== 'object' || answer === null) return false;
  const { ok, code } = answer as { ok?: unknown; code?: unknown };
  return ok === true || (ok === false && typeof code === 'string');
}
