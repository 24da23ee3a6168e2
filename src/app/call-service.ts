// Routes call events to their sessions, records calls as they move, and opens the ticket at
// hang-up. One instance per server.
import type { CallStore } from '../adapters/db/call-store.js';
import type { TicketRow, TicketStore } from '../adapters/db/ticket-store.js';
import type { CallEvent } from '../domain/calls/call-events.js';
import type { CallFacts } from '../domain/calls/call-facts.js';
import type { Logger } from '../logging/logger.js';
import type { CallerDirectory } from './caller-directory.js';
import { CallSession, type CallPhase } from './call-session.js';
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
  readonly elderly: boolean;
  readonly enterprise: string | null;
  readonly startedAt: number;
  readonly answeredAt: number | null;
}

type TicketListener = (ticket: TicketRow) => void;

export class CallService {
  private readonly sessions = new Map<string, CallSession>();
  private readonly now: () => number;
  private readonly ticketListeners = new Set<TicketListener>();
  private readonly pendingWrites = new Set<Promise<void>>();

  constructor(private readonly deps: CallServiceDeps) {
    this.now = deps.now ?? Date.now;
  }

  handle(event: CallEvent): Promise<void> {
    if (event.type === 'CallArrived') return this.arrive(event);
    const session = this.sessions.get(event.channelId);
    // Events of channels that are not ours (agent legs later, or calls already closed) are ignored.
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
      onEnded: (facts) => {
        this.sessions.delete(event.channelId);
        this.track(this.writeTicket(facts));
      },
    });
    this.sessions.set(event.channelId, session);
    return session.handle(event);
  }

  /** Opens the ticket; a refusing database is retried so a ticket is not lost to a busy moment. */
  private async writeTicket(facts: CallFacts): Promise<void> {
    const delays = this.deps.ticketRetryDelaysMs ?? [100, 500, 1000, 2000, 5000];
    const log = this.deps.logger.child({ callId: facts.callId });
    for (let attempt = 0; ; attempt += 1) {
      try {
        const { ticket, created } = this.deps.tickets.closeCallWithTicket(facts, this.now());
        if (created) {
          log.info({ ticket: ticket.number, talkMs: ticket.talkMs }, 'ticket opened');
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
