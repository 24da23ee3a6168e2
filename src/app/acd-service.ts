// Drives the pure ACD engine: feeds it what happens to calls and agents, runs its timers, and turns
// its commands into work for the call sessions (ring an agent, give up an offer, overflow, reject).
import { AcdEngine } from '../domain/acd/acd-engine.js';
import type { AgentProfile } from '../domain/acd/acd-config.js';
import type { AcdCommand, AcdEvent, AgentState } from '../domain/acd/acd-protocol.js';
import type { QueueStats } from '../domain/acd/queue-stats.js';
import type { Logger } from '../logging/logger.js';

/** What the ACD asks of the calls it routes (implemented by the call service). */
export interface AcdCallTarget {
  offer(callId: string, agentId: string, ringTimeoutSeconds: number): void;
  cancelOffer(callId: string, agentId: string): void;
  rejected(callId: string, reason: string): void;
  overflowed(callId: string, toQueueId: string): void;
  position(callId: string, position: number, estimatedWaitSeconds: number, callbackOffered: boolean): void;
  hold(callId: string, musicOnHold: string): void;
  callbackConfirmed(callId: string, position: number): void;
  dialCallback(callId: string, agentId: string, queueId: string, number: string, attempt: number): void;
  callbackFailed(callId: string, queueId: string, attempts: number): void;
}

/** What the call sessions tell the ACD. */
export interface QueueingPort {
  enqueue(callId: string, queueId: string, priorityClass: string | null, skills: readonly string[], at: number): void;
  abandoned(callId: string, at: number): void;
  agentAnswered(callId: string, agentId: string, at: number): void;
  offerFailed(callId: string, agentId: string, at: number): void;
  callEnded(callId: string, at: number): void;
  requestCallback(callId: string, number: string, at: number): void;
  callbackAnswered(callId: string, at: number): void;
  callbackAttemptFailed(callId: string, reason: string, at: number): void;
}

export interface AgentStateChange {
  readonly agentId: string;
  readonly state: AgentState;
  readonly reason: string | null;
  readonly at: number;
}

export class AcdService implements QueueingPort {
  private target: AcdCallTarget | undefined;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly listeners = new Set<(change: AgentStateChange) => void>();
  private readonly changeListeners = new Set<() => void>();
  private stopped = false;

  constructor(
    private readonly engine: AcdEngine,
    readonly agents: ReadonlyMap<string, AgentProfile>,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  attach(target: AcdCallTarget): void {
    this.target = target;
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

  enqueue(callId: string, queueId: string, priorityClass: string | null, skills: readonly string[], at: number): void {
    this.handle({ type: 'CallQueued', callId, queueId, priorityClass, skills, at });
  }

  abandoned(callId: string, at: number): void {
    this.handle({ type: 'CallAbandoned', callId, at });
  }

  agentAnswered(callId: string, agentId: string, at: number): void {
    this.handle({ type: 'AgentAnswered', callId, agentId, at });
  }

  offerFailed(callId: string, agentId: string, at: number): void {
    this.handle({ type: 'OfferTimedOut', callId, agentId, at });
  }

  callEnded(callId: string, at: number): void {
    this.handle({ type: 'CallEnded', callId, at });
  }

  requestCallback(callId: string, number: string, at: number): void {
    this.handle({ type: 'CallbackRequested', callId, number, at });
  }

  callbackAnswered(callId: string, at: number): void {
    this.handle({ type: 'CallbackAnswered', callId, at });
  }

  callbackAttemptFailed(callId: string, reason: string, at: number): void {
    this.handle({ type: 'CallbackAttemptFailed', callId, reason, at });
  }

  login(agentId: string): string | null {
    return this.handle({ type: 'AgentLoggedIn', agentId, at: this.now() });
  }

  logout(agentId: string): string | null {
    return this.handle({ type: 'AgentLoggedOut', agentId, at: this.now() });
  }

  pause(agentId: string, reason: string): string | null {
    return this.handle({ type: 'AgentPaused', agentId, reason, at: this.now() });
  }

  resume(agentId: string): string | null {
    return this.handle({ type: 'AgentResumed', agentId, at: this.now() });
  }

  phoneReachability(agentId: string, reachable: boolean): void {
    this.handle({ type: 'PhoneReachabilityChanged', agentId, reachable, at: this.now() });
  }

  ticketFiled(agentId: string, callId: string | null): string | null {
    return this.handle({ type: 'TicketFiled', agentId, callId, at: this.now() });
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
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private execute(command: AcdCommand, at: number): void {
    const target = this.target;
    switch (command.type) {
      case 'OfferCall':
        return target?.offer(command.callId, command.agentId, command.ringTimeoutSeconds);
      case 'CancelOffer':
        return target?.cancelOffer(command.callId, command.agentId);
      case 'StartTimer':
        return this.startTimer(command.timerId, command.at);
      case 'CancelTimer':
        clearTimeout(this.timers.get(command.timerId));
        this.timers.delete(command.timerId);
        return;
      case 'RejectCall':
        return target?.rejected(command.callId, command.reason);
      case 'CallOverflowed':
        this.logger.info({ callId: command.callId, from: command.fromQueueId, to: command.toQueueId, reason: command.reason }, 'call overflowed');
        return target?.overflowed(command.callId, command.toQueueId);
      case 'AnnouncePosition':
        return target?.position(command.callId, command.position, command.estimatedWaitSeconds, command.callbackOffered);
      case 'AgentStateChanged':
        this.logger.info({ agentId: command.agentId, state: command.state, reason: command.reason }, 'agent state');
        for (const listener of this.listeners) listener({ agentId: command.agentId, state: command.state, reason: command.reason, at });
        return;
      case 'EventRejected':
        this.logger.warn({ acdEvent: command.eventType, code: command.code, subject: command.subject }, 'ACD rejected an event');
        return;
      case 'PlayMusicOnHold':
        return target?.hold(command.callId, command.musicOnHold);
      case 'ConfirmCallback':
        this.logger.info({ callId: command.callId, queueId: command.queueId, position: command.position }, 'callback requested; the call keeps its place');
        return target?.callbackConfirmed(command.callId, command.position);
      case 'DialCallback':
        this.logger.info({ callId: command.callId, agentId: command.agentId, attempt: command.attempt }, 'callback: agent reserved, ringing the citizen');
        return target?.dialCallback(command.callId, command.agentId, command.queueId, command.number, command.attempt);
      case 'CallbackFailed':
        this.logger.warn({ callId: command.callId, queueId: command.queueId, attempts: command.attempts }, 'callback failed after its last attempt');
        return target?.callbackFailed(command.callId, command.queueId, command.attempts);
    }
  }

  private startTimer(timerId: string, at: number): void {
    clearTimeout(this.timers.get(timerId));
    const timer = setTimeout(() => {
      this.timers.delete(timerId);
      this.handle({ type: 'TimerFired', timerId, at: this.now() });
    }, Math.max(0, at - this.now()));
    this.timers.set(timerId, timer);
  }
}
