// The agents' lines: one pure AgentLine per agent (domain/phone/agent-line.ts), fed by what happens
// to the agent (signed in or out, resumed, browser phone registered or not) and to the line's
// channel, with its commands carried out here: dial and end lines, pause an agent whose line is
// lost. While a line is up, lineOf names it, and calls offered to the agent are put through on it.
import { newAgentLine, stepLine, type AgentLine, type LineCommand, type LineEvent } from '../../domain/phone/agent-line.js';
import type { Logger } from '../../logging/logger.js';
import type { AgentLinePort } from '../ports/agent-line.js';
import type { Timers } from '../ports/timers.js';

export interface AgentLinesDeps {
  readonly port: AgentLinePort;
  readonly timers: Timers;
  readonly logger: Logger;
  /** Pauses the agent (the ACD); says why when refused, else null. */
  readonly pause: (agentId: string, reason: 'phone_lost') => Promise<string | null>;
}

export class AgentLines {
  private readonly lines = new Map<string, AgentLine>();
  /** Which agent a line channel belongs to, for the channel's events. */
  private readonly agentOfLine = new Map<string, string>();

  constructor(private readonly deps: AgentLinesDeps) {}

  /** The line up for this agent now (its channel id), or null: then the agent's phone is rung as usual. */
  lineOf(agentId: string): string | null {
    const phase = this.lines.get(agentId)?.phase;
    return phase?.kind === 'up' ? phase.lineId : null;
  }

  /** Every line the server holds or is dialing now (for a resync after a break in the PBX link). */
  liveLines(): string[] {
    return [...this.agentOfLine.keys()];
  }

  phoneChanged(agentId: string, up: boolean): void {
    this.step(agentId, { type: 'PhoneChanged', up });
  }

  /** Signed in (any state but logged out) or out. */
  signedIn(agentId: string, signedIn: boolean): void {
    const line = this.lines.get(agentId);
    if ((line?.signedIn ?? false) === signedIn) return;
    this.step(agentId, { type: signedIn ? 'SignedIn' : 'SignedOut' });
  }

  /** The agent made themselves available after a pause: a lost line is dialed again. */
  resumed(agentId: string): void {
    this.step(agentId, { type: 'Resumed' });
  }

  /** A page holding the agent's phone went away (its socket to the server closed). */
  phoneLeft(agentId: string): void {
    if (this.lines.has(agentId)) this.step(agentId, { type: 'PhoneLeft' });
  }

  lineAnswered(lineId: string): void {
    const agentId = this.agentOfLine.get(lineId);
    if (agentId === undefined) {
      // A line nobody waits for (a previous run's, or one given up): not kept.
      this.deps.logger.info({ lineId }, 'unknown agent line answered; hanging up');
      return void this.deps.port.hangUpLine(lineId).catch(() => undefined);
    }
    this.step(agentId, { type: 'LineAnswered', lineId });
  }

  /**
   * A line a previous holder of the PBX dialed, found carrying this agent's conversation after a
   * takeover: this agent's line from now on (the adapter already knows its channel).
   */
  adopt(agentId: string, lineId: string): void {
    this.agentOfLine.set(lineId, agentId);
    this.step(agentId, { type: 'LineAdopted', lineId });
  }

  lineGone(lineId: string): void {
    const agentId = this.agentOfLine.get(lineId);
    this.agentOfLine.delete(lineId);
    if (agentId !== undefined) this.step(agentId, { type: 'LineGone', lineId });
  }

  stop(): void {
    this.deps.timers.cancelAll();
  }

  private step(agentId: string, event: LineEvent): void {
    const before = this.lines.get(agentId) ?? newAgentLine(agentId);
    const { line, commands } = stepLine(before, event);
    this.lines.set(agentId, line);
    if (line.phase.kind !== before.phase.kind) this.deps.logger.info({ agentId, line: line.phase.kind, event: event.type }, 'agent line');
    for (const command of commands) this.execute(agentId, command);
  }

  private execute(agentId: string, command: LineCommand): void {
    const { port, timers, logger } = this.deps;
    switch (command.type) {
      case 'DialLine':
        this.agentOfLine.set(command.lineId, agentId);
        return void port.dialLine(command.lineId, agentId).catch((error: unknown) => {
          logger.warn({ err: error, agentId, lineId: command.lineId }, 'could not dial the agent line');
          this.lineGone(command.lineId);
        });
      case 'HangUpLine':
        this.agentOfLine.delete(command.lineId);
        return void port.hangUpLine(command.lineId).catch((error: unknown) => logger.debug({ err: error, lineId: command.lineId }, 'agent line already gone'));
      case 'StartTimer':
        return timers.start(command.timerId, command.ms, () => this.step(agentId, { type: 'TimerFired', timerId: command.timerId }));
      case 'CancelTimer':
        return timers.cancel(command.timerId);
      case 'PauseAgent': {
        logger.warn({ agentId, reason: command.reason }, 'agent line lost: the agent is paused until they resume');
        void this.deps.pause(agentId, command.reason).then((refused) => {
          if (refused) logger.warn({ agentId, code: refused }, 'could not pause the agent whose line was lost');
        });
        return;
      }
    }
  }
}

