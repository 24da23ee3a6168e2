// The ACD in this process (the single box): drives the pure ACD engine, feeds it what happens to
// calls and agents, runs its timers, tells listeners of agents' states, and hands its decisions about
// calls to one sink (the live calls). Requests are answered at once.
import { AcdEngine } from '../domain/acd/acd-engine.js';
import type { AgentProfile } from '../domain/acd/acd-config.js';
import type { AcdCommand, AcdEvent } from '../domain/acd/acd-protocol.js';
import type { QueueStats } from '../domain/acd/queue-stats.js';
import type { Logger } from '../logging/logger.js';
import type { Acd, AcdAnswer, AcdCallSink, AgentStateChange } from './ports/acd.js';
import type { Timers } from './ports/timers.js';

export class AcdService implements Acd {
  private sink: AcdCallSink | undefined;
  private readonly listeners = new Set<(change: AgentStateChange) => void>();
  private readonly changeListeners = new Set<() => void>();
  private stopped = false;

  constructor(
    private readonly engine: AcdEngine,
    readonly agents: ReadonlyMap<string, AgentProfile>,
    private readonly logger: Logger,
    private readonly timers: Timers,
    private readonly now: () => number = Date.now,
  ) {}

  attach(sink: AcdCallSink): void {
    this.sink = sink;
  }

  /**
   * Applies one event and carries out what the ACD decided. Never throws into the caller; says why
   * when the ACD refused the event (e.g. ACD_WRONG_AGENT_STATE), otherwise null.
   */
  handle(event: AcdEvent): string | null {
    if (this.stopped) return 'ACD_STOPPED';
    let commands: readonly AcdCommand[];
    try {
      commands = this.engine.handle(event);
    } catch (error) {
      this.logger.error({ err: error, acdEvent: event.type }, 'ACD failed on an event');
      return 'ACD_FAILED';
    }
    for (const command of commands) this.execute(command, event.at);
    for (const listener of this.changeListeners) listener();
    const refused = commands.find((c) => c.type === 'EventRejected');
    return refused?.type === 'EventRejected' ? refused.code : null;
  }

  tell(event: AcdEvent): void {
    this.handle(event);
  }

  login(agentId: string): Promise<AcdAnswer> {
    return this.answer({ type: 'AgentLoggedIn', agentId, at: this.now() });
  }

  logout(agentId: string): Promise<AcdAnswer> {
    return this.answer({ type: 'AgentLoggedOut', agentId, at: this.now() });
  }

  pause(agentId: string, reason: string): Promise<AcdAnswer> {
    return this.answer({ type: 'AgentPaused', agentId, reason, at: this.now() });
  }

  resume(agentId: string): Promise<AcdAnswer> {
    return this.answer({ type: 'AgentResumed', agentId, at: this.now() });
  }

  phoneReachability(agentId: string, reachable: boolean): void {
    this.handle({ type: 'PhoneReachabilityChanged', agentId, reachable, at: this.now() });
  }

  ticketFiled(agentId: string, callId: string | null): Promise<AcdAnswer> {
    return this.answer({ type: 'TicketFiled', agentId, callId, at: this.now() });
  }

  /** Applied now, like every event here; the promise only gives the answer the shape a remote ACD needs. */
  private answer(event: AcdEvent): Promise<AcdAnswer> {
    return Promise.resolve(this.handle(event));
  }

  hasQueue(queueId: string): boolean {
    return this.engine.queueStats(this.now()).some((q) => q.queueId === queueId);
  }

  agentState(agentId: string): ReturnType<AcdEngine['agent']> {
    return this.engine.agent(agentId);
  }

  queueStats(): QueueStats[] {
    return this.engine.queueStats(this.now());
  }

  onAgentState(listener: (change: AgentStateChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Anything happened in the ACD (a call queued or left, an agent changed): the wallboard redraws. */
  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  stop(): void {
    this.stopped = true;
    this.timers.cancelAll();
  }

  private execute(command: AcdCommand, at: number): void {
    switch (command.type) {
      case 'StartTimer':
        return this.timers.start(command.timerId, command.at - this.now(), () => this.handle({ type: 'TimerFired', timerId: command.timerId, at: this.now() }));
      case 'CancelTimer':
        return this.timers.cancel(command.timerId);
      case 'AgentStateChanged':
        this.logger.info({ agentId: command.agentId, state: command.state, reason: command.reason }, 'agent state');
        for (const listener of this.listeners) listener({ agentId: command.agentId, state: command.state, reason: command.reason, at });
        return;
      case 'EventRejected':
        this.logger.warn({ acdEvent: command.eventType, code: command.code, subject: command.subject }, 'ACD rejected an event');
        return;
      case 'CallOverflowed':
        this.logger.info({ callId: command.callId, from: command.fromQueueId, to: command.toQueueId, reason: command.reason }, 'call overflowed');
        return this.sink?.(command);
      case 'ConfirmCallback':
        this.logger.info({ callId: command.callId, queueId: command.queueId, position: command.position }, 'callback requested; the call keeps its place');
        return this.sink?.(command);
      case 'DialCallback':
        this.logger.info({ callId: command.callId, agentId: command.agentId, attempt: command.attempt }, 'callback: agent reserved, ringing the citizen');
        return this.sink?.(command);
      case 'CallbackFailed':
        this.logger.warn({ callId: command.callId, queueId: command.queueId, attempts: command.attempts }, 'callback failed after its last attempt');
        return this.sink?.(command);
      default:
        return this.sink?.(command);
    }
  }
}
