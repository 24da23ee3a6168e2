// The ACD of a cluster as one of its servers sees it: the Acd port over Redis streams, for a server
// that does not run the engine itself (the ACD leader does, wherever it is). What happens goes into
// the event log in order; an agent's request carries this server's reply address and is answered when
// the leader has applied it, or `ACD_UNAVAILABLE` when no answer comes in time (no leader, Redis
// away). The leader's commands for this server's PBX come from its command stream (through the
// link), agents' changes from the broadcast, and the figures from the views the leader publishes.
import type { AgentProfile } from '../../domain/acd/acd-config.js';
import type { AgentView } from '../../domain/acd/acd-engine.js';
import type { AcdCommand, AcdEvent } from '../../domain/acd/acd-protocol.js';
import type { QueueStats } from '../../domain/acd/queue-stats.js';
import { AcdMirror } from '../../domain/cluster/acd-mirror.js';
import { ACD_AGENTS_STREAM, ACD_EVENTS_STREAM, acdReplyStream, parseCommandMessage, parseReplyMessage, type AcdEventMessage } from '../../domain/cluster/acd-messages.js';
import { EpochFence } from '../../domain/cluster/epoch-fence.js';
import type { Logger } from '../../logging/logger.js';
import type { Acd, AcdAnswer, AcdCallSink, AgentStateChange } from '../ports/acd.js';
import type { AcdViews } from '../ports/acd-views.js';
import type { MessageStreams, StreamMessage } from '../ports/message-streams.js';
import type { Timers } from '../ports/timers.js';
import { AcdLink } from './acd-link.js';
import { AwaitedReplies } from './awaited-replies.js';
import { OrderedAppends } from './ordered-appends.js';
import { StreamConsumer, type StreamConsumerSettings } from './stream-consumer.js';

export interface RemoteAcdSettings {
  /** How long an agent's request waits for the leader's answer. */
  readonly answerTimeoutMs: number;
  /** How often the leader's published views are read. */
  readonly viewsEveryMs: number;
  readonly streamLength: number;
  readonly retryCapMs: number;
  /** Events kept while Redis cannot take them; past it the newest are refused (and logged). */
  readonly outboxLimit: number;
  readonly consumer: Partial<StreamConsumerSettings>;
}

const DEFAULTS: RemoteAcdSettings = { answerTimeoutMs: 3_000, viewsEveryMs: 1_000, streamLength: 100_000, retryCapMs: 2_000, outboxLimit: 10_000, consumer: {} };

export interface RemoteAcdDeps {
  /** For appends. */
  readonly streams: MessageStreams;
  /**
   * One per blocking reader: a blocked read holds its Redis connection until it returns, so readers
   * sharing one would wait behind each other (an answer behind a quiet broadcast's second).
   */
  readonly readers: Readonly<Record<'commands' | 'replies' | 'agents', MessageStreams>>;
  readonly views: AcdViews;
  /** This server's id: its reply stream and its name in the groups it reads. */
  readonly node: string;
  /** The PBX whose calls this server runs, or null (a server for the web only). */
  readonly pbx: string | null;
  readonly agents: ReadonlyMap<string, AgentProfile>;
  readonly queueIds: ReadonlySet<string>;
  readonly timers: Timers;
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly logger: Logger;
  readonly settings?: Partial<RemoteAcdSettings>;
}

export class RemoteAcd implements Acd {
  readonly agents: ReadonlyMap<string, AgentProfile>;
  private readonly settings: RemoteAcdSettings;
  private readonly log: Logger;
  private readonly mirror: AcdMirror;
  private readonly outbox: OrderedAppends;
  private readonly link: AcdLink | null;
  private readonly replies: StreamConsumer;
  private readonly broadcast: StreamConsumer;
  private readonly fence = new EpochFence();
  private readonly waiting: AwaitedReplies<AcdAnswer>;
  private readonly listeners = new Set<(change: AgentStateChange) => void>();
  private readonly changeListeners = new Set<() => void>();
  /** This server's run (its id and start), unique across restarts: stamps its events and names its requests. */
  private readonly run: string;
  /** The number of this run's last logged event (see SenderSequences). */
  private sent = 0;
  private sink: AcdCallSink | undefined;
  private stopped = false;

  constructor(private readonly deps: RemoteAcdDeps) {
    this.settings = { ...DEFAULTS, ...deps.settings };
    this.agents = deps.agents;
    this.log = deps.logger.child({ component: 'remote-acd', node: deps.node });
    this.run = `${deps.node}:${deps.now().toString(36)}`;
    this.waiting = new AwaitedReplies(this.run, deps.timers);
    this.mirror = new AcdMirror(this.settings.viewsEveryMs * 2);
    const { streams, readers, sleep, logger } = deps;
    this.outbox = new OrderedAppends({ streams, stream: ACD_EVENTS_STREAM, maxLength: this.settings.streamLength, sleep, logger: this.log, retryCapMs: this.settings.retryCapMs, limit: this.settings.outboxLimit });
    this.link = deps.pbx === null ? null : new AcdLink({ streams: readers.commands, pbx: deps.pbx, worker: deps.node, carryOut: (command) => this.carryOut(command), logger, sleep, consumer: this.settings.consumer });
    const consumer = { logger, sleep, consumer: deps.node, group: deps.node, settings: this.settings.consumer };
    this.replies = new StreamConsumer({ ...consumer, streams: readers.replies, stream: acdReplyStream(deps.node), apply: (message) => this.answered(message) });
    // A broadcast: a server coming up needs only what changes from now on (the views give the rest).
    this.broadcast = new StreamConsumer({ ...consumer, streams: readers.agents, stream: ACD_AGENTS_STREAM, from: 'end', apply: (message) => this.agentChanged(message) });
  }

  /** Reads answers, agents' changes and figures; the PBX's commands only once `runPbx()` says so. */
  start(): void {
    this.replies.start();
    this.broadcast.start();
    void this.readViews();
  }

  /**
   * From now on carries out the ACD's commands for this server's PBX. Only the server running the
   * PBX's calls may: another would take the commands from its group and find no call for them.
   */
  runPbx(): void {
    this.link?.start();
  }

  attach(sink: AcdCallSink): void {
    this.sink = sink;
  }

  tell(event: AcdEvent): void {
    if (!this.post({ pbx: this.source, event })) this.log.error({ code: 'ACD_EVENT_DROPPED', acdEvent: event.type, waiting: this.outbox.pending }, 'an ACD event was not logged: too many wait for Redis');
  }

  login(agentId: string): Promise<AcdAnswer> {
    return this.request({ type: 'AgentLoggedIn', agentId, at: this.deps.now() });
  }

  logout(agentId: string): Promise<AcdAnswer> {
    return this.request({ type: 'AgentLoggedOut', agentId, at: this.deps.now() });
  }

  pause(agentId: string, reason: string): Promise<AcdAnswer> {
    return this.request({ type: 'AgentPaused', agentId, reason, at: this.deps.now() });
  }

  resume(agentId: string): Promise<AcdAnswer> {
    return this.request({ type: 'AgentResumed', agentId, at: this.deps.now() });
  }

  ticketFiled(agentId: string, callId: string | null): Promise<AcdAnswer> {
    return this.request({ type: 'TicketFiled', agentId, callId, at: this.deps.now() });
  }

  phoneReachability(agentId: string, reachable: boolean): void {
    this.tell({ type: 'PhoneReachabilityChanged', agentId, reachable, at: this.deps.now() });
  }

  hasQueue(queueId: string): boolean {
    return this.deps.queueIds.has(queueId);
  }

  agentState(agentId: string): AgentView | undefined {
    return this.mirror.agent(agentId);
  }

  queueStats(): QueueStats[] {
    return this.mirror.queueStats();
  }

  onAgentState(listener: (change: AgentStateChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  stop(): void {
    void this.close();
  }

  /** Stops reading, answers whoever still waits `ACD_STOPPED`, and lets the events in hand go out. */
  async close(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.deps.timers.cancel(this.viewsTimer);
    this.waiting.settleAll('ACD_STOPPED');
    await Promise.all([this.link?.stop(), this.replies.stop(), this.broadcast.stop(), this.outbox.stop()]);
  }

  /** The `pbx` of this server's events: its PBX, or its own id when it runs none (only requests then). */
  private get source(): string {
    return this.deps.pbx ?? this.deps.node;
  }

  /** Stamped, so the leader knows a copy appended again after a timeout for what it is. */
  private post(message: Omit<AcdEventMessage, 'sent'>, wanted?: () => boolean): boolean {
    this.sent += 1;
    return this.outbox.push(JSON.stringify({ ...message, sent: { run: this.run, seq: this.sent } }), wanted);
  }

  private request(event: AcdEvent): Promise<AcdAnswer> {
    if (this.stopped) return Promise.resolve('ACD_STOPPED');
    const { request, answer } = this.waiting.open(this.settings.answerTimeoutMs, (id) => {
      this.log.warn({ code: 'ACD_UNAVAILABLE', acdEvent: event.type, request: id }, 'no answer from the ACD leader in time');
      return 'ACD_UNAVAILABLE';
    });
    // Not yet in Redis when its asker gives up: it is not sent at all, so a late "yes" cannot surprise the agent.
    const queued = this.post({ pbx: this.source, event, reply: { stream: acdReplyStream(this.deps.node), request } }, () => this.waiting.awaits(request));
    if (!queued) this.waiting.settle(request, 'ACD_UNAVAILABLE');
    return answer;
  }

  private answered(message: StreamMessage): Promise<void> {
    const parsed = parseReplyMessage(message.body);
    if (!parsed.ok) this.log.error({ messageId: message.id, code: parsed.code, detail: parsed.detail }, 'an ACD reply is invalid; dropped');
    // Not waited for (answered again after a takeover, or too late): nothing to do.
    else this.waiting.settle(parsed.message.request, parsed.message.code);
    return Promise.resolve();
  }

  private agentChanged(message: StreamMessage): Promise<void> {
    const parsed = parseCommandMessage(message.body);
    if (!parsed.ok || parsed.message.command.type !== 'AgentStateChanged') {
      this.log.error({ messageId: message.id, detail: parsed.ok ? parsed.message.command.type : parsed.detail }, 'not an agent state on the agents stream; dropped');
      return Promise.resolve();
    }
    if (!this.fence.admit(parsed.message.epoch)) return Promise.resolve();
    const { agentId, state, reason, callId } = parsed.message.command;
    const at = this.deps.now();
    this.mirror.changed(agentId, state, reason, callId, at);
    for (const listener of this.listeners) listener({ agentId, state, reason, at });
    this.changed();
    return Promise.resolve();
  }

  private carryOut(command: AcdCommand): void {
    this.sink?.(command);
    this.changed();
  }

  private async readViews(): Promise<void> {
    if (this.stopped) return;
    try {
      const views = await this.deps.views.read();
      this.mirror.published(views, this.deps.now());
      this.changed();
    } catch (error) {
      this.log.warn({ err: error }, 'ACD views not read; the last ones stay');
    }
    if (!this.stopped) this.deps.timers.start(this.viewsTimer, this.settings.viewsEveryMs, () => void this.readViews());
  }

  private get viewsTimer(): string {
    return `remote-acd:views:${this.deps.node}`;
  }

  private changed(): void {
    for (const listener of this.changeListeners) listener();
  }
}
