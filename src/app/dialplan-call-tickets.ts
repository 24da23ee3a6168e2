// Every call the dialplan handled without the server gets its one ticket: shed while the server
// fell behind (admission control), arrived while no server was registered, told every line was busy
// (past the line limit), or left inside the menus compiled into the dialplan (hung up there, or no
// server at the hand-back). Asterisk's records tell the server of them once they ended (polled
// every few seconds, and at start for those of the recent past); the ticket is keyed by the call's
// linkedid like every other, so a call read twice (a restart reads the recent past again) is never
// a second ticket. The server never saw such a caller at arrival, so the registries are read here:
// a registered elderly caller's or an enterprise's ticket says so, as the ticket of a call the
// server ran would.
import { dialplanCallFacts, menusPathOf, type DialplanCallReason } from '../domain/calls/dialplan-call.js';
import { maskPhone } from '../domain/privacy/mask-phone.js';
import type { Logger } from '../logging/logger.js';
import type { CallerDirectory } from './ports/caller-directory.js';
import type { DialplanCallSource, FinishedDialplanCall } from './ports/dialplan-calls.js';
import type { TicketRecords } from './ports/ticket-records.js';
import type { Timers } from './ports/timers.js';

export interface DialplanCallTicketsDeps {
  readonly source: DialplanCallSource;
  readonly tickets: Pick<TicketRecords, 'closeCallWithTicket'>;
  /** The registries (elderly numbers, enterprises), read when the ticket is written. */
  readonly callers: CallerDirectory;
  readonly logger: Logger;
  readonly now: () => number;
  /** A ticket with recordings was written: their files are watched for (the recording catalog). */
  readonly onRecordings?: (names: readonly string[]) => void;
}

const TIMER = 'dialplan-call-tickets';

export class DialplanCallTickets {
  /** Tickets written for such calls since start, by why the dialplan answered them. */
  readonly written: Record<DialplanCallReason, number> = { shed: 0, 'server-away': 0, 'menus-left': 0, busy: 0 };
  private readonly log: Logger;
  private stopped = false;
  /** Calls whose ticket the database refused: tried again at each sweep. */
  private unwritten: FinishedDialplanCall[] = [];

  constructor(private readonly deps: DialplanCallTicketsDeps) {
    this.log = deps.logger.child({ component: 'dialplan-calls' });
  }

  /** Reads what ended since the last sweep and writes its tickets; returns how many were new. */
  async sweep(): Promise<number> {
    let created = 0;
    const calls = [...this.unwritten, ...(await this.deps.source.poll())];
    this.unwritten = [];
    for (const call of calls) {
      const caller = this.deps.callers.lookup(call.mark.callerNumber);
      const facts = { ...dialplanCallFacts(call.mark, call.steps, call.endedAt), elderly: caller.elderly, enterprise: caller.enterprise };
      try {
        const result = await this.deps.tickets.closeCallWithTicket(facts, this.deps.now());
        if (!result.created) continue;
        created += 1;
        this.written[call.mark.reason] += 1;
        if (facts.recordings.length > 0) this.deps.onRecordings?.(facts.recordings.map((recording) => recording.name));
        this.log.info({ callId: facts.callId, caller: maskPhone(facts.callerNumber), reason: call.mark.reason, ticket: result.ticket.number, agentId: facts.agentId }, 'ticket opened');
        // Written anyway, its path says so; someone must hear that the menus' path went missing.
        if (menusPathOf(call.mark, call.steps).lost) this.log.warn({ callId: facts.callId, ticket: result.ticket.number, bytes: call.mark.menusPathBytes }, "the compiled menus' IVR path of this call was lost in Asterisk's records (a part missing or unreadable)");
      } catch (error) {
        // The database refused (full disk, locked): tried again at the next sweep.
        this.unwritten.push(call);
        this.log.error({ err: error, callId: facts.callId }, 'could not write the ticket of a call the dialplan answered');
      }
    }
    return created;
  }

  /** Sweeps now and then every `intervalMs` until stop(); a failed sweep is logged and the next one tries again. */
  start(timers: Timers, intervalMs: number): void {
    const next = (): void => {
      if (this.stopped) return;
      this.sweep()
        .catch((error: unknown) => this.log.warn({ err: error }, "could not read Asterisk's records of the calls the dialplan answered"))
        .finally(() => {
          if (!this.stopped) timers.start(TIMER, intervalMs, next);
        });
    };
    next();
  }

  stop(timers: Timers): void {
    this.stopped = true;
    timers.cancel(TIMER);
  }
}
