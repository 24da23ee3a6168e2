// Routes call events to their sessions (by the caller's channel or an agent's leg), records calls as
// they move, carries out what the ACD decides for each call, and opens the ticket at hang-up.
import type { CallStore } from '../adapters/db/call-store.js';
import type { TicketRow, TicketStore } from '../adapters/db/ticket-store.js';
import type { CallEvent } from '../domain/calls/call-events.js';
import type { CallFacts } from '../domain/calls/call-facts.js';
import type { Logger } from '../logging/logger.js';
import type { AcdCallTarget, QueueingPort } from './acd-service.js';
import type { CallerDirectory } from './caller-directory.js';
import { CallSession, type AgentPhones, type CallPhase } from './call-session.js';
import type { IvrSetup } from './ivr-setup.js';
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

type TicketListener = (ticket: TicketRow) => void;

/** Answers what the ACD asks of a call whose session is already gone: nothing to do, say so. */
const NO_SESSION = 'no session for call';

export class CallService implements AcdCallTarget {
  private readonly sessions = new Map<string, CallSession>();
  private readonly byCallId = new Map<string, CallSession>();
  private readonly legs = new Map<string, CallSession>();
  private readonly now: () => number;
  private readonly ticketListeners = new Set<TicketListener>();
  private readonly pendingWrites = new Set<Promise<void>>();

  constructor(private readonly deps: CallServiceDeps) {
    this.now = deps.now ?? Date.now;
  }

  handle(event: CallEvent): Promise<void> {
    if (event.type === 'CallArrived') return this.arrive(event);
    const session = this.sessions.get(event.channelId) ?? this.legs.get(event.channelId);
    // Events of channels that are not ours (or of calls already closed) are ignored.
    if (!session) return Promise.resolve();
    return session.handle(event);
  }

  private arrive(event: Extract<CallEvent, { type: 'CallArrived' }>): Promise<void> {
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
        this.deps.calls.start({
          id: s.callId,
          channelId: s.channelId,
          callerNumber: s.callerNumber,
          callerName: s.callerName,
          dialedNumber: s.dialedNumber,
          startedAt: s.startedAt,
        }),
      onAnswered: (s, at) => this.deps.calls.markAnswered(s.callId, at),
      onLeg: (legId, s) => this.legs.set(legId, s),
      onEnded: (facts) => {
        this.forget(session);
        this.track(this.writeTicket(facts));
      },
    });
    this.sessions.set(event.channelId, session);
    this.byCallId.set(event.callId, session);
    return session.handle(event);
  }

  private forget(session: CallSession): void {
    this.sessions.delete(session.channelId);
    this.byCallId.delete(session.callId);
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
    void session.offerTo(agentId, ringTimeoutSeconds);
  }

  cancelOffer(callId: string, agentId: string): void {
    void this.byCallId.get(callId)?.cancelOffer(agentId);
  }

  rejected(callId: string, reason: string): void {
    void this.byCallId.get(callId)?.rejected(reason);
  }

  overflowed(callId: string, toQueueId: string): void {
    void this.byCallId.get(callId)?.overflowed(toQueueId);
  }

  position(callId: string, position: number, estimatedWaitSeconds: number): void {
    void this.byCallId.get(callId)?.position(position, estimatedWaitSeconds);
  }

  /** Opens the ticket; a refusing database is retried so a ticket is not lost to a busy moment. */
  private async writeTicket(facts: CallFacts): Promise<void> {
    const delays = this.deps.ticketRetryDelaysMs ?? [100, 500, 1000, 2000, 5000];
    const log = this.deps.logger.child({ callId: facts.callId });
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
  reconcile(presentChannelIds: ReadonlySet<string>): void {
    for (const [channelId, session] of this.sessions) {
      if (!presentChannelIds.has(channelId)) session.end(this.now(), 'unknown');
    }
  }

  /** Waits for the tickets being written (graceful shutdown). */
  async drain(): Promise<void> {
    await Promise.all([...this.pendingWrites]);
  }
}
