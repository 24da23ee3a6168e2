// Routes call events to their sessions (by the caller's channel or an agent's leg), records calls as
// they move, carries out what the ACD decides for each call, and opens the ticket at hang-up.
import type { CallStore } from '../adapters/db/call-store.js';
import type { TicketRow, TicketStore } from '../adapters/db/ticket-store.js';
import type { CallEvent } from '../domain/calls/call-events.js';
import type { CallFacts } from '../domain/calls/call-facts.js';
import type { Logger } from '../logging/logger.js';
import type { AcdCallTarget, QueueingPort } from './acd-service.js';
import type { CallerDirectory } from './caller-directory.js';
import { CallSession, type AgentCallEvent, type AgentPhones, type CallbackOrigin, type CallPhase, type TransferMode, type TransferTarget } from './call-session.js';
import type { IvrSetup } from './ivr-setup.js';
import { ProgressWriter } from './progress-writer.js';
import type { TelephonyPort } from './telephony-port.js';

export interface CallServiceDeps {
  readonly telephony: TelephonyPort;
  readonly calls: CallStore;
  readonly tickets: TicketStore;
  readonly logger: Logger;
  readonly ivr: IvrSetup;
  readonly directory: CallerDirectory;
  readonly language: string;
  readonly queueing: QueueingPort;
  readonly phones: AgentPhones;
  readonly afterCallFlow: () => string | null;
  /** Whether a queue exists (for transfers); every id is accepted when not given. */
  readonly queueExists?: (queueId: string) => boolean;
  /** Whether an agent exists and is logged in (for transfers to a named agent). */
  readonly agentStatus?: (agentId: string) => 'unknown' | 'logged_out' | 'logged_in';
  readonly now?: () => number;
  /** Waits between tries when the database refuses a ticket (locked, busy). */
  readonly ticketRetryDelaysMs?: readonly number[];
}

export interface ActiveCallView {
  readonly callId: string;
  readonly channelId: string;
  readonly callerNumber: string;
  readonly dialedNumber: string;
  readonly phase: CallPhase;
  readonly queue: string | null;
  readonly agentId: string | null;
  readonly elderly: boolean;
  readonly enterprise: string | null;
  readonly startedAt: number;
  readonly answeredAt: number | null;
}

export type CallActionCode = 'CALL_NOT_FOUND' | 'CALL_NOT_IN_CONVERSATION' | 'CALL_TRANSFER_PENDING' | 'QUEUE_UNKNOWN' | 'AGENT_UNKNOWN' | 'AGENT_NOT_AVAILABLE';
export type CallActionResult = { readonly ok: true } | { readonly ok: false; readonly code: CallActionCode };

type TicketListener = (ticket: TicketRow) => void;

/** Answers what the ACD asks of a call whose session is already gone: nothing to do, say so. */
const NO_SESSION = 'no session for call';

/** How long a citizen's phone rings when we call them back. */
const CALLBACK_RING_SECONDS = 30;

export class CallService implements AcdCallTarget {
  private readonly sessions = new Map<string, CallSession>();
  private readonly byCallId = new Map<string, CallSession>();
  private readonly legs = new Map<string, CallSession>();
  private readonly now: () => number;
  private readonly ticketListeners = new Set<TicketListener>();
  private readonly agentListeners = new Set<(event: AgentCallEvent) => void>();
  private readonly pendingWrites = new Set<Promise<void>>();
  /** Callbacks dialed and not answered yet, by the new channel's id. */
  private readonly pendingCallbacks = new Map<string, CallbackOrigin>();
  private readonly progress: ProgressWriter;

  constructor(private readonly deps: CallServiceDeps) {
    this.now = deps.now ?? Date.now;
    this.progress = new ProgressWriter((writes) => deps.calls.batch(writes), deps.logger);
  }

  handle(event: CallEvent): Promise<void> {
    if (event.type === 'CallArrived') return this.arrive(event);
    if (event.type === 'CallbackAnswered') return this.callbackAnswered(event);
    const pending = this.pendingCallbacks.get(event.channelId);
    if (pending && (event.type === 'ChannelGone' || event.type === 'CallLeft')) {
      // Rang out, busy or refused: the ACD waits and tries again, or gives up and says so.
      this.pendingCallbacks.delete(event.channelId);
      this.deps.logger.info({ callId: pending.acdCallId, channelId: event.channelId }, 'callback not answered by the citizen');
      this.deps.queueing.callbackAttemptFailed(pending.acdCallId, 'citizen did not answer', event.at);
      return Promise.resolve();
    }
    const session = this.sessions.get(event.channelId) ?? this.legs.get(event.channelId);
    // Events of channels that are not ours (or of calls already closed) are ignored.
    if (!session) return Promise.resolve();
    return session.handle(event);
  }

  private callbackAnswered(event: Extract<CallEvent, { type: 'CallbackAnswered' }>): Promise<void> {
    const origin = this.pendingCallbacks.get(event.channelId);
    if (!origin) {
      // Not one we are waiting for (after a restart, say): nobody is reserved for it.
      this.deps.logger.warn({ channelId: event.channelId, callId: event.callId }, 'unknown callback answered; hanging up');
      return this.deps.telephony.hangup(event.channelId).catch(() => undefined);
    }
    this.pendingCallbacks.delete(event.channelId);
    const arrival = { type: 'CallArrived', channelId: event.channelId, callId: event.channelId, callerNumber: event.number, callerName: null, dialedNumber: 'callback', at: event.at } as const;
    return this.arrive(arrival, origin);
  }

  private arrive(event: Extract<CallEvent, { type: 'CallArrived' }>, callback: CallbackOrigin | null = null): Promise<void> {
    if (this.sessions.has(event.channelId)) return Promise.resolve();
    const session = new CallSession(event, {
      telephony: this.deps.telephony,
      logger: this.deps.logger,
      now: this.now,
      ivr: this.deps.ivr,
      directory: this.deps.directory,
      language: this.deps.language,
      queueing: this.deps.queueing,
      phones: this.deps.phones,
      afterCallFlow: this.deps.afterCallFlow(),
      onStarted: (s) =>
        this.progress.queue({
          key: `${s.callId}:start`,
          callId: s.callId,
          what: 'call start',
          run: () => this.deps.calls.start({ id: s.callId, channelId: s.channelId, callerNumber: s.callerNumber, callerName: s.callerName, dialedNumber: s.dialedNumber, startedAt: s.startedAt }),
        }),
      onAnswered: (s, at) => this.progress.queue({ key: `${s.callId}:answered`, callId: s.callId, what: 'answer time', run: () => this.deps.calls.markAnswered(s.callId, at) }),
      onLeg: (legId, s) => this.legs.set(legId, s),
      onAlias: (acdId, s) => this.byCallId.set(acdId, s),
      onEnded: (facts) => {
        this.forget(session);
        this.track(this.writeTicket(facts));
      },
      onProgress: (s) => {
        const at = this.now();
        const path = s.path;
        this.progress.queue({ key: `${s.callId}:path`, callId: s.callId, what: 'call progress', run: () => this.deps.calls.saveIvrPath(s.callId, path, at) });
      },
      onAgentEvent: (agentEvent) => {
        for (const listener of this.agentListeners) listener(agentEvent);
      },
    }, callback);
    this.sessions.set(event.channelId, session);
    this.byCallId.set(event.callId, session);
    // The ACD knows a callback by the first call's id.
    if (callback) this.byCallId.set(callback.acdCallId, session);
    return session.handle(event);
  }

  private forget(session: CallSession): void {
    this.sessions.delete(session.channelId);
    for (const [id, owner] of this.byCallId) if (owner === session) this.byCallId.delete(id);
    // Late events of its agent legs are still routed to it (it ignores them) until they stop coming.
    setTimeout(() => {
      for (const [legId, owner] of this.legs) if (owner === session) this.legs.delete(legId);
    }, 60_000).unref();
  }

  offer(callId: string, agentId: string, ringTimeoutSeconds: number): void {
    const session = this.byCallId.get(callId);
    if (!session) {
      this.deps.logger.warn({ callId, agentId }, `ACD offer: ${NO_SESSION}`);
      this.deps.queueing.offerFailed(callId, agentId, this.now());
      return;
    }
    void session.offerTo(agentId, ringTimeoutSeconds, callId);
  }

  cancelOffer(callId: string, agentId: string): void {
    void this.byCallId.get(callId)?.cancelOffer(agentId);
  }

  rejected(callId: string, reason: string): void {
    const session = this.byCallId.get(callId);
    if (!session) return;
    // An attended transfer the ACD refused is not the caller's call being refused.
    if (session.callId !== callId && session.transferring) {
      void session.consultRejected(callId);
      return;
    }
    void session.rejected(reason);
  }

  overflowed(callId: string, toQueueId: string): void {
    void this.byCallId.get(callId)?.overflowed(toQueueId, callId);
  }

  position(callId: string, position: number, estimatedWaitSeconds: number, callbackOffered: boolean): void {
    void this.byCallId.get(callId)?.position(position, estimatedWaitSeconds, callbackOffered);
  }

  hold(callId: string, musicOnHold: string): void {
    void this.byCallId.get(callId)?.hold(musicOnHold);
  }

  callbackConfirmed(callId: string, position: number): void {
    void this.byCallId.get(callId)?.callbackConfirmed(position);
  }

  /** The callback's turn came and an agent is reserved: ring the citizen. */
  dialCallback(callId: string, agentId: string, queueId: string, number: string, attempt: number): void {
    const channelId = `callback-${attempt}-${callId}`;
    this.pendingCallbacks.set(channelId, { acdCallId: callId, agentId, queueId });
    this.deps.telephony.dialCitizen({ channelId, callId, agentId, number, ringTimeoutSeconds: CALLBACK_RING_SECONDS }).catch((error: unknown) => {
      this.deps.logger.warn({ err: error, callId, attempt }, 'could not dial the callback');
      if (!this.pendingCallbacks.delete(channelId)) return;
      this.deps.queueing.callbackAttemptFailed(callId, 'dial failed', this.now());
    });
  }

  /** What an agent or supervisor asks of a live conversation; refused with a stable code when it cannot be. */
  transfer(callId: string, target: TransferTarget, mode: TransferMode = 'blind'): CallActionResult {
    const session = this.byCallId.get(callId);
    if (!session) return { ok: false, code: 'CALL_NOT_FOUND' };
    if (!session.inConversation) return { ok: false, code: 'CALL_NOT_IN_CONVERSATION' };
    if ('queue' in target && this.deps.queueExists && !this.deps.queueExists(target.queue)) return { ok: false, code: 'QUEUE_UNKNOWN' };
    if ('agent' in target) {
      const status = this.deps.agentStatus?.(target.agent) ?? 'logged_in';
      if (status === 'unknown') return { ok: false, code: 'AGENT_UNKNOWN' };
      // Transferring to oneself, or to someone not logged in, would leave the caller waiting for nobody.
      if (status === 'logged_out' || target.agent === session.agentId) return { ok: false, code: 'AGENT_NOT_AVAILABLE' };
    }
    if (session.transferring) return { ok: false, code: 'CALL_TRANSFER_PENDING' };
    void session.transferTo(target, mode);
    return { ok: true };
  }

  addParty(callId: string, number: string): CallActionResult {
    const session = this.byCallId.get(callId);
    if (!session) return { ok: false, code: 'CALL_NOT_FOUND' };
    if (!session.inConversation) return { ok: false, code: 'CALL_NOT_IN_CONVERSATION' };
    void session.addParty(number);
    return { ok: true };
  }

  /** Every attempt failed: the first call's ticket (no agent reached) stays on the callback list. */
  callbackFailed(callId: string, queueId: string, attempts: number): void {
    this.deps.logger.warn({ callId, queueId, attempts }, 'callback gave up; the call stays on the callback list');
  }

  /** Opens the ticket; a refusing database is retried so a ticket is not lost to a busy moment. */
  private async writeTicket(facts: CallFacts): Promise<void> {
    const delays = this.deps.ticketRetryDelaysMs ?? [100, 500, 1000, 2000, 5000];
    const log = this.deps.logger.child({ callId: facts.callId });
    // The call's row and path first: the ticket's transaction closes that row.
    this.progress.flush();
    for (let attempt = 0; ; attempt += 1) {
      try {
        const { ticket, created } = this.deps.tickets.closeCallWithTicket(facts, this.now());
        if (created) {
          log.info({ ticket: ticket.number, talkMs: ticket.talkMs, agentId: ticket.agentId }, 'ticket opened');
          for (const listener of this.ticketListeners) listener(ticket);
        }
        return;
      } catch (error) {
        const delay = delays[attempt];
        if (delay === undefined) {
          // Last resort: the facts stay in the log so the ticket can be rebuilt by hand.
          log.fatal({ err: error, facts }, 'ticket could not be written');
          return;
        }
        log.warn({ err: error, attempt: attempt + 1 }, 'ticket write failed; retrying');
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  private track(write: Promise<void>): void {
    this.pendingWrites.add(write);
    void write.finally(() => this.pendingWrites.delete(write));
  }

  /** Offers and answers as the agents see them: the screen pop's source. */
  onAgentEvent(listener: (event: AgentCallEvent) => void): () => void {
    this.agentListeners.add(listener);
    return () => this.agentListeners.delete(listener);
  }

  onTicket(listener: TicketListener): () => void {
    this.ticketListeners.add(listener);
    return () => this.ticketListeners.delete(listener);
  }

  activeCalls(): ActiveCallView[] {
    return [...this.sessions.values()].map((s) => ({
      callId: s.callId,
      channelId: s.channelId,
      callerNumber: s.callerNumber,
      dialedNumber: s.dialedNumber,
      phase: s.phase,
      queue: s.queue,
      agentId: s.agentId,
      elderly: s.caller.elderly,
      enterprise: s.caller.enterprise?.name ?? null,
      startedAt: s.startedAt,
      answeredAt: s.answered,
    }));
  }

  /**
   * After a reconnect Asterisk has sent nothing for the time we were away: calls whose channel is
   * gone are closed with their ticket now.
   */
  /** A call this server is handling now. */
  knowsCall(callId: string): boolean {
    return this.byCallId.has(callId);
  }

  /** A channel this server is handling now (a caller's, or an agent's leg). */
  knowsChannel(channelId: string): boolean {
    return this.sessions.has(channelId) || this.legs.has(channelId);
  }

  reconcile(presentChannelIds: ReadonlySet<string>): void {
    for (const [channelId, session] of this.sessions) {
      if (!presentChannelIds.has(channelId)) session.end(this.now(), 'unknown');
    }
  }

  /** Waits for the tickets being written (graceful shutdown). */
  async drain(): Promise<void> {
    this.progress.flush();
    await Promise.all([...this.pendingWrites]);
  }
}
