// The ACD leader: the one server, among those that may lead, that runs the pure ACD for the whole
// centre. It holds the `acd-leader` lease; while it holds it, it reads the event log (`acd:events`:
// what workers saw happen to calls and agents, and its own timers' expiries, so the log is the ACD's
// whole input) in order, applies each event and appends the commands to the streams of the PBXs the
// calls are on, stamped with its lease epoch. A checkpoint of its state goes to Redis every second.
//
// Taking over (a term): restore the last checkpoint, then replay the log after it. Events the previous
// leader had acknowledged were carried out already, so they are applied silently; events it had been
// handed but not acknowledged are applied and their commands sent (at least once: a worker ignores an
// offer it already has). A request someone waits for (an agent signing in) is answered on the asker's
// reply stream once applied; a replayed pending one is answered again, which its asker ignores.
// A term that fails half-way through an event (Redis gone mid-append) is ended and begun again from
// the checkpoint, since the engine's state would be ahead of what went out.
import type { AcdEngine } from '../../domain/acd/acd-engine.js';
import type { AcdCommand } from '../../domain/acd/acd-protocol.js';
import { AcdRoutes } from '../../domain/cluster/acd-routes.js';
import { ACD_EVENTS_STREAM, parseEventMessage, type AcdReplyAddress, type AcdReplyMessage } from '../../domain/cluster/acd-messages.js';
import type { LeaseSettings } from '../../domain/cluster/lease-keeper.js';
import type { SenderSequences } from '../../domain/cluster/sender-sequences.js';
import { compareIds } from '../../domain/cluster/stream-ids.js';
import type { Logger } from '../../logging/logger.js';
import type { AcdCheckpoints } from '../ports/acd-checkpoints.js';
import type { AcdViews } from '../ports/acd-views.js';
import type { Leases } from '../ports/leases.js';
import type { MessageStreams, StreamMessage } from '../ports/message-streams.js';
import type { Timers } from '../ports/timers.js';
import { restoreTerm, type EngineFactory, type SavedState } from './leader-checkpoint.js';
import { LeaderTimers } from './leader-timers.js';
import { LeaseHolder } from './lease-holder.js';
import type { LeaseTally } from './lease-tally.js';
import { moveAside, StreamConsumer, type StreamConsumerSettings } from './stream-consumer.js';

export const ACD_LEADER_LEASE = 'acd-leader';
export const ACD_LEADER_GROUP = 'acd-leader';

export interface AcdLeaderSettings {
  readonly checkpointEveryMs: number;
  /** About how many entries each stream keeps (older ones are trimmed). */
  readonly streamLength: number;
  readonly replayBatch: number;
  readonly consumer: Partial<StreamConsumerSettings>;
}

/** Published views live this many publication intervals: a missed one or two do not blank them. */
const VIEWS_LIVE_FOR = 3;
/** A reply stream is read within seconds by its one server: a short one is enough. */
const REPLY_STREAM_LENGTH = 1_000;
/** Takeovers failed in a row before the lease is given up for another server to try. */
const MAX_FAILED_TAKEOVERS = 3;

const DEFAULTS: AcdLeaderSettings = { checkpointEveryMs: 1000, streamLength: 100_000, replayBatch: 500, consumer: {} };

export interface AcdLeaderDeps {
  readonly leases: Leases;
  readonly streams: MessageStreams;
  readonly checkpoints: AcdCheckpoints;
  readonly timers: Timers;
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly logger: Logger;
  /** This server's id among those that may lead. */
  readonly owner: string;
  readonly lease: LeaseSettings;
  /** A fresh engine, or one restored from a checkpoint, with the timers the restored one has booked. */
  readonly engine: EngineFactory;
  readonly settings?: Partial<AcdLeaderSettings>;
  /** Where the queue figures and agents' views are published for the servers that do not lead. */
  readonly views?: { readonly store: AcdViews; readonly agentIds: readonly string[] };
  /** Where the lease's holding and takeovers are counted (GET /metrics). */
  readonly tally?: LeaseTally;
}

/** One holding of the lease, from takeover to loss. */
interface Term {
  readonly epoch: number;
  readonly engine: AcdEngine;
  readonly routes: AcdRoutes;
  readonly senders: SenderSequences;
  lastId: string;
  dirty: boolean;
  ended: boolean;
  consumer: StreamConsumer | null;
  /** The event or checkpoint in progress; the next waits for it. */
  turn: Promise<void>;
}

export class AcdLeader {
  private readonly settings: AcdLeaderSettings;
  private readonly holder: LeaseHolder;
  private readonly log: Logger;
  private term: Term | null = null;
  /** The engine's timers, run here: cancelled when the term ends. */
  private readonly timers: LeaderTimers;
  private failedTakeovers = 0;

  constructor(private readonly deps: AcdLeaderDeps) {
    this.settings = { ...DEFAULTS, ...deps.settings };
    this.log = deps.logger.child({ role: 'acd-leader', owner: deps.owner });
    this.timers = new LeaderTimers({ timers: deps.timers, streams: deps.streams, now: deps.now, sleep: deps.sleep, log: this.log, streamLength: this.settings.streamLength });
    this.holder = new LeaseHolder({
      leases: deps.leases, timers: deps.timers, now: deps.now, logger: deps.logger, name: ACD_LEADER_LEASE, owner: deps.owner, settings: deps.lease,
      ...(deps.tally ? { tally: deps.tally } : {}),
      gained: (epoch) => void this.begin(epoch),
      lost: (reason) => void this.end(`lease ${reason}`),
    });
  }

  start(): void {
    this.holder.start();
  }

  /** Saves a last checkpoint and gives the lease up, so a follower takes over at once. */
  async stop(): Promise<void> {
    const term = this.term;
    if (term && !term.ended) await this.checkpoint(term).catch((error: unknown) => this.log.warn({ err: error }, 'last checkpoint not saved'));
    await this.end('stopping');
    await this.holder.stop();
  }

  /** The engine while this server leads (for views: agents' states, queue figures), else null. */
  get engine(): AcdEngine | null {
    return this.term && !this.term.ended ? this.term.engine : null;
  }

  get epoch(): number | null {
    return this.term && !this.term.ended ? this.term.epoch : null;
  }

  private async begin(epoch: number): Promise<void> {
    const { deps } = this;
    try {
      const { restored, routes, senders, lastId } = restoreTerm(await deps.checkpoints.load(), deps.engine, this.log);
      const term: Term = { epoch, engine: restored.engine, routes, senders, lastId, dirty: false, ended: false, consumer: null, turn: Promise.resolve() };
      if (!this.holder.holding) return;
      this.term = term;
      this.timers.run(restored.commands, () => !term.ended);
      await this.rejectDropped(term, restored.dropped ?? []);
      await this.replay(term);
      if (term.ended) return;
      term.consumer = new StreamConsumer({
        streams: deps.streams, stream: ACD_EVENTS_STREAM, group: ACD_LEADER_GROUP, consumer: deps.owner, logger: deps.logger, sleep: deps.sleep,
        settings: this.settings.consumer, apply: (message) => this.applyLive(term, message),
      });
      term.consumer.start();
      deps.timers.start(this.checkpointTimer(term), this.settings.checkpointEveryMs, () => void this.checkpointLoop(term));
      this.log.info({ epoch, checkpointEventId: lastId }, 'leading the ACD');
      this.failedTakeovers = 0;
    } catch (error) {
      this.failedTakeovers += 1;
      await this.end('takeover failed');
      if (this.failedTakeovers >= MAX_FAILED_TAKEOVERS) {
        // The lease renews but the rest of Redis does not answer this server: let another lead.
        this.log.error({ err: error, epoch, attempts: this.failedTakeovers }, 'could not take the ACD over; giving the lease up');
        this.failedTakeovers = 0;
        void this.holder.stop();
        // Asked again only after others had time to take it.
        deps.timers.start(`acd-leader:seek-again:${deps.owner}`, deps.lease.ttlMs * 2, () => this.holder.start());
        return;
      }
      this.log.error({ err: error, epoch }, 'could not take the ACD over; trying again');
      await deps.sleep(500);
      if (this.holder.holding) void this.begin(epoch);
    }
  }

  private async end(why: string): Promise<void> {
    const term = this.term;
    if (!term || term.ended) return;
    term.ended = true;
    this.deps.timers.cancel(this.checkpointTimer(term));
    this.timers.cancelAll();
    this.log.warn({ epoch: term.epoch, why }, 'no longer leading the ACD');
    await term.consumer?.stop();
  }

  /**
   * Calls whose queue the restored configuration no longer has: their workers are told to send them to
   * the human fallback (a caller must not wait for a queue nobody serves). Sent again if the takeover
   * begins again; a worker takes a repeat as nothing new.
   */
  private async rejectDropped(term: Term, dropped: readonly { readonly callId: string; readonly queueId: string }[]): Promise<void> {
    const sends: Promise<unknown>[] = [];
    for (const { callId, queueId } of dropped) {
      const command: AcdCommand = { type: 'RejectCall', callId, queueId, reason: 'queue_removed' };
      const stream = term.routes.streamOf(command);
      if (stream !== null) sends.push(this.deps.streams.append(stream, JSON.stringify({ epoch: term.epoch, command }), this.settings.streamLength));
    }
    await Promise.all(sends);
    term.routes.settle(dropped.map((call) => call.callId), () => false);
  }

  /** Events the previous leader was handed: acknowledged ones silently, pending ones with their commands. */
  private async replay(term: Term): Promise<void> {
    const { streams } = this.deps;
    await streams.ensureGroup(ACD_EVENTS_STREAM, ACD_LEADER_GROUP);
    const { lastDelivered, pending } = await streams.progress(ACD_EVENTS_STREAM, ACD_LEADER_GROUP);
    const unfinished = new Set(pending);
    let replayed = 0;
    while (!term.ended && compareIds(term.lastId, lastDelivered) < 0) {
      const batch = (await streams.range(ACD_EVENTS_STREAM, term.lastId, this.settings.replayBatch)).filter((m) => compareIds(m.id, lastDelivered) <= 0);
      if (batch.length === 0) break;
      for (const message of batch) {
        if (unfinished.has(message.id)) {
          await this.applyLive(term, message);
          await streams.acknowledge(ACD_EVENTS_STREAM, ACD_LEADER_GROUP, [message.id]);
        } else this.apply(term, message, false);
        replayed += 1;
      }
    }
    if (replayed > 0) this.log.info({ replayed, unfinished: unfinished.size }, 'replayed the event log after the checkpoint');
  }

  /** Applies an event and sends its commands, never beside a checkpoint (which must fall between events). */
  private applyLive(term: Term, message: StreamMessage): Promise<void> {
    return this.inTurn(term, () => this.applyAndSend(term, message));
  }

  private async applyAndSend(term: Term, message: StreamMessage): Promise<void> {
    if (term.ended) throw new Error('no longer leading');
    const sends = this.apply(term, message, true);
    try {
      await Promise.all(sends);
    } catch (error) {
      // The engine is ahead of what went out: begin again from the checkpoint, this event included.
      // During the takeover's replay (no consumer yet) the takeover's own failure path does that.
      if (term.consumer) void this.restart(term, error);
      throw error;
    }
  }

  /** Applies one logged event; returns the appends of the commands that travel (none when silent). */
  private apply(term: Term, message: StreamMessage, live: boolean): Promise<unknown>[] {
    term.lastId = message.id;
    term.dirty = true;
    const parsed = parseEventMessage(message.body);
    if (!parsed.ok) {
      this.log.error({ messageId: message.id, code: parsed.code, detail: parsed.detail }, 'an ACD event message is invalid; moved aside');
      return live ? [moveAside(this.deps.streams, ACD_EVENTS_STREAM, message, { code: parsed.code }, this.settings.streamLength)] : [];
    }
    const { sent } = parsed.message;
    if (sent && !term.senders.admit(sent)) {
      this.log.debug({ messageId: message.id, run: sent.run, seq: sent.seq }, 'a second copy of a logged event; skipped');
      return [];
    }
    term.routes.learn(parsed.message);
    const { event } = parsed.message;
    // Its expiry is in the log (a replay, or a former leader's timer): the local one has nothing left to do.
    if (event.type === 'TimerFired') this.timers.forget(event.timerId);
    const commands = term.engine.handle(event);
    this.timers.run(commands, () => !term.ended);
    const sends = live ? this.send(term, commands) : [];
    if (live && parsed.message.reply) sends.push(this.answer(term, parsed.message.reply, commands));
    term.routes.settle(AcdRoutes.touched(parsed.message, commands), (callId) => term.engine.call(callId) !== undefined);
    return sends;
  }

  private send(term: Term, commands: readonly AcdCommand[]): Promise<unknown>[] {
    const sends: Promise<unknown>[] = [];
    for (const command of commands) {
      if (command.type === 'EventRejected') this.log.warn({ acdEvent: command.eventType, code: command.code, subject: command.subject }, 'ACD rejected an event');
      const stream = term.routes.streamOf(command);
      if (stream !== null) sends.push(this.deps.streams.append(stream, JSON.stringify({ epoch: term.epoch, command }), this.settings.streamLength));
    }
    return sends;
  }

  /** The ACD's answer to a request someone waits for: null, or the code of its refusal. */
  private answer(term: Term, to: AcdReplyAddress, commands: readonly AcdCommand[]): Promise<unknown> {
    const refused = commands.find((c) => c.type === 'EventRejected');
    const reply: AcdReplyMessage = { epoch: term.epoch, request: to.request, code: refused?.type === 'EventRejected' ? refused.code : null };
    return this.deps.streams.append(to.stream, JSON.stringify(reply), REPLY_STREAM_LENGTH);
  }

  private async restart(term: Term, cause: unknown): Promise<void> {
    this.log.error({ err: cause, epoch: term.epoch }, 'an event was applied but its commands did not all go out; beginning again from the checkpoint');
    await this.end('commands not sent');
    if (this.holder.holding) void this.begin(term.epoch);
  }

  private async checkpointLoop(term: Term): Promise<void> {
    if (term.ended) return;
    try {
      await this.checkpoint(term);
    } catch (error) {
      this.log.warn({ err: error }, 'checkpoint not saved; the next one will be');
    }
    await this.publishViews(term);
    if (!term.ended) this.deps.timers.start(this.checkpointTimer(term), this.settings.checkpointEveryMs, () => void this.checkpointLoop(term));
  }

  /** Every second, changed or not: the waiting times grow while nothing happens. */
  private async publishViews(term: Term): Promise<void> {
    const views = this.deps.views;
    if (!views || term.ended) return;
    const at = this.deps.now();
    const agents = views.agentIds.flatMap((id) => term.engine.agent(id) ?? []);
    try {
      await views.store.publish({ epoch: term.epoch, at, queues: term.engine.queueStats(at), agents }, this.settings.checkpointEveryMs * VIEWS_LIVE_FOR);
    } catch (error) {
      this.log.warn({ err: error }, 'ACD views not published; the next ones will be');
    }
  }

  private checkpoint(term: Term): Promise<void> {
    return this.inTurn(term, () => this.saveCheckpoint(term));
  }

  /** Runs `work` after whatever the term is doing: events and checkpoints one at a time. */
  private inTurn(term: Term, work: () => Promise<void>): Promise<void> {
    const turn = term.turn.then(work);
    term.turn = turn.catch(() => undefined);
    return turn;
  }

  private async saveCheckpoint(term: Term): Promise<void> {
    if (!term.dirty) return;
    const state: SavedState = { engine: term.engine.snapshot(), routes: term.routes.saved(), senders: term.senders.saved() };
    const saved = await this.deps.checkpoints.save({ epoch: term.epoch, lastId: term.lastId, state: JSON.stringify(state) });
    // Cleared only once saved (events wait for the save: nothing changed meanwhile), so a failed save is tried again.
    term.dirty = false;
    if (!saved) await this.end('a later leader saved a checkpoint');
  }

  private checkpointTimer(term: Term): string {
    return `acd-leader:checkpoint:${term.epoch}`;
  }
}

