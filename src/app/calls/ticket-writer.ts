// Writes what calls do to the database: their row when they start, their progress as they move
// (grouped: one commit for every call that moved in a short window), and at the end, in one
// transaction, the call's own writes still waiting, the closed row and the ticket: one commit per
// ticket. A database that refuses a ticket is tried again, so a busy moment does not lose a
// citizen's request.
import type { CallFacts } from '../../domain/calls/call-facts.js';
import type { CallIdentity } from '../../domain/calls/call-state.js';
import type { Logger } from '../../logging/logger.js';
import type { CallRecords } from '../ports/call-records.js';
import type { CloseResult, TicketRecords, TicketRow } from '../ports/ticket-records.js';
import type { Timers } from '../ports/timers.js';
import { ProgressWriter } from './progress-writer.js';
import { withRetries, type RetryPlan } from '../retries.js';

export interface TicketWriterDeps {
  readonly calls: CallRecords;
  readonly tickets: TicketRecords;
  readonly logger: Logger;
  readonly now: () => number;
  /** The writer's own timers: the grouped commit's window, the waits between tries. */
  readonly timers: Timers;
  /** Waits between tries when the database refuses a ticket (locked, busy). */
  readonly retryDelaysMs?: readonly number[];
}

type TicketListener = (ticket: TicketRow) => void;

const RETRY_DELAYS_MS = [100, 500, 1000, 2000, 5000];

export class TicketWriter {
  private readonly progress: ProgressWriter;
  private readonly listeners = new Set<TicketListener>();
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly deps: TicketWriterDeps) {
    this.progress = new ProgressWriter((writes) => deps.calls.batch(writes), deps.logger, deps.timers);
  }

  callStarted(call: CallIdentity): void {
    const { callId, channelId, callerNumber, callerName, dialedNumber, startedAt } = call;
    const write = { kind: 'start', call: { id: callId, channelId, callerNumber, callerName, dialedNumber, startedAt } } as const;
    this.progress.queue({ key: `${callId}:start`, callId, what: 'call start', write: () => write });
  }

  callAnswered(callId: string, at: number): void {
    this.progress.queue({ key: `${callId}:answered`, callId, what: 'answer time', write: () => ({ kind: 'answered', id: callId, at }) });
  }

  /**
   * The call moved on: what it did so far replaces what was saved (taken when the write is
   * committed, so a call that moved ten times in the window is written once).
   */
  callMoved(callId: string, factsSoFar: (at: number) => CallFacts): void {
    const at = this.deps.now();
    this.progress.queue({ key: `${callId}:progress`, callId, what: 'call progress', write: () => ({ kind: 'progress', id: callId, facts: factsSoFar(at), at }) });
  }

  callClosed(facts: CallFacts): void {
    const write = this.writeTicket(facts);
    this.pending.add(write);
    void write.finally(() => this.pending.delete(write));
  }

  onTicket(listener: TicketListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Waits for the tickets being written (graceful shutdown). */
  async drain(): Promise<void> {
    await this.progress.flush();
    await Promise.all([...this.pending]);
  }

  private async writeTicket(facts: CallFacts): Promise<void> {
    const log = this.deps.logger.child({ callId: facts.callId });
    // The call's writes already on their way land first (they are its row's start); those still
    // waiting are taken out and committed with the ticket, in its one transaction.
    await this.progress.settled();
    const own = this.progress.take(facts.callId);
    const plan: RetryPlan = {
      delaysMs: this.deps.retryDelaysMs ?? RETRY_DELAYS_MS,
      timers: this.deps.timers,
      timerId: () => `retry:${facts.callId}`,
      onRetry: (error, failedTry) => log.warn({ err: error, attempt: failedTry }, 'ticket write failed; retrying'),
    };
    let written: CloseResult;
    try {
      written = await withRetries(plan, () => this.deps.tickets.closeCallWithTicket(facts, this.deps.now(), own));
    } catch (error) {
      // Last resort: the facts stay in the log so the ticket can be rebuilt by hand.
      return log.fatal({ err: error, facts }, 'ticket could not be written');
    }
    if (!written.created) return;
    log.info({ ticket: written.ticket.number, talkMs: written.ticket.talkMs, agentId: written.ticket.agentId }, 'ticket opened');
    for (const listener of this.listeners) {
      // The ticket is committed: a listener's failure is its own, not a reason to write it again.
      try {
        listener(written.ticket);
      } catch (error) {
        log.error({ err: error, ticket: written.ticket.number }, 'a listener of new tickets failed');
      }
    }
  }
}
