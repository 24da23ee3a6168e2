// Supervisors on calls: one pure MonitorSession per supervisor and call (domain/monitoring), fed by
// the supervisor's requests and by what the phone system reports, with its commands carried out
// here (the supervisor's phone, the spies, the agent's banner, the audit log). A call may be heard
// by several supervisors at once; only one may barge in.
import { callIds } from '../../domain/calls/call-ids.js';
import { currentMode, startMonitor, stepMonitor, type MonitorBanner, type MonitorCommand, type MonitorEvent, type MonitorMode, type MonitorSession } from '../../domain/monitoring/monitor-session.js';
import type { Logger } from '../../logging/logger.js';
import type { AuditLog } from '../ports/audit-log.js';
import type { MonitoringPort } from '../ports/monitoring.js';

export type MonitorRefusal = 'CALL_NOT_FOUND' | 'CALL_NOT_IN_CONVERSATION' | 'MONITOR_BARGE_TAKEN' | 'MONITOR_ALREADY_ON' | 'MONITOR_NOT_FOUND' | 'MONITOR_NOT_YOURS' | 'MONITOR_NOT_HEARING' | 'MONITOR_NO_PHONE';

export type ReleaseAnswer = { readonly ok: true } | { readonly ok: false; readonly code: 'CALL_NOT_FOUND' | 'CALL_NOT_IN_CONVERSATION' };

export type MonitorAnswer = { readonly ok: true; readonly monitorId: string } | { readonly ok: false; readonly code: MonitorRefusal };

/** Who asks: a supervisor acts on their own sessions, an admin on any. */
export interface MonitorActor {
  readonly id: string;
  readonly role: string;
}

/** What the agent's desktop is told: the mode it is heard in, or that its caller was taken over (null: no banner). */
export interface MonitorNotice {
  readonly callId: string;
  readonly agentId: string;
  readonly monitorId: string;
  readonly supervisorId: string;
  readonly mode: MonitorBanner | null;
}

export interface MonitorView {
  readonly monitorId: string;
  readonly callId: string;
  readonly supervisorId: string;
  readonly agentId: string;
  /** The mode asked for last, and the one heard now (they differ while a change is made). */
  readonly mode: MonitorMode;
  readonly heard: MonitorMode | null;
  readonly phase: MonitorSession['phase']['kind'];
  readonly startedAt: number;
}

/** The mode a supervisor hears changed: the session's spy for it is in its bridge (`at`, on the server's clock). */
export interface MonitorHeard {
  readonly monitorId: string;
  readonly callId: string;
  readonly heard: MonitorMode;
  readonly at: number;
}

export interface MonitorServiceDeps {
  readonly port: MonitoringPort;
  readonly calls: {
    conversationOf(callId: string): { readonly agentId: string; readonly agentLeg: string } | null;
    knowsCall(callId: string): boolean;
    forceRelease(callId: string, supervisorId: string): { readonly ok: true } | { readonly ok: false; readonly code: string };
    takeOver(callId: string, supervisorId: string, legId: string): { readonly ok: true } | { readonly ok: false; readonly code: string };
  };
  readonly audit: AuditLog;
  readonly tellAgent: (notice: MonitorNotice) => void;
  /** A supervisor came to this call: its agent's raised hand (举手) goes down. */
  readonly helpAnswered?: (callId: string) => void;
  /** Whether silent listening is announced to the agent (whisper and barge always are). */
  readonly announceListen: boolean;
  readonly now: () => number;
  readonly logger: Logger;
  /** Told each time a session's mode heard changes (its start included); benchmarks time changes with it. */
  readonly heardChanged?: (change: MonitorHeard) => void;
}

export class MonitorService {
  private readonly sessions = new Map<string, MonitorSession>();
  /** Sessions made so far per call: each gets a number of its own. */
  private readonly seqOfCall = new Map<string, number>();
  /** The role each session's supervisor acted in (an admin may monitor too), for the audit log. */
  private readonly roles = new Map<string, string>();

  constructor(private readonly deps: MonitorServiceDeps) {
    deps.port.attach({
      supervisorAnswered: (id) => this.step(id, { type: 'SupervisorAnswered', at: deps.now() }),
      supervisorLeft: (id) => this.step(id, { type: 'SupervisorLeft', at: deps.now() }),
      spyJoined: (id, spy) => this.step(id, { type: 'SpyJoined', spy, at: deps.now() }),
      spyGone: (id, spy) => this.spyGone(id, spy),
    });
  }

  async start(callId: string, actor: MonitorActor, mode: MonitorMode): Promise<MonitorAnswer> {
    const refused = this.startRefusal(callId, actor, mode);
    if (refused) return { ok: false, code: refused };
    if (!(await this.deps.port.hasPhone(actor.id))) return { ok: false, code: 'MONITOR_NO_PHONE' };
    // Asked again: the call or another session may have changed while Asterisk answered.
    const late = this.startRefusal(callId, actor, mode);
    if (late) return { ok: false, code: late };
    const conversation = this.deps.calls.conversationOf(callId);
    if (!conversation) return { ok: false, code: 'CALL_NOT_IN_CONVERSATION' };
    const seq = (this.seqOfCall.get(callId) ?? 0) + 1;
    this.seqOfCall.set(callId, seq);
    const id = callIds.monitor(callId, seq);
    const { session, commands } = startMonitor({
      id, callId, supervisorId: actor.id, agentId: conversation.agentId, agentLeg: conversation.agentLeg,
      supervisorLeg: callIds.supervisorLeg(id), bridge: callIds.monitorBridge(id), mode, announceListen: this.deps.announceListen, at: this.deps.now(),
    });
    this.sessions.set(id, session);
    this.roles.set(id, actor.role);
    this.deps.logger.info({ callId, monitorId: id, supervisorId: actor.id, agentId: conversation.agentId, mode }, 'monitoring asked');
    this.execute(session, commands);
    this.deps.helpAnswered?.(callId);
    return { ok: true, monitorId: id };
  }

  private startRefusal(callId: string, actor: MonitorActor, mode: MonitorMode): MonitorRefusal | null {
    if (!this.deps.calls.conversationOf(callId)) return this.deps.calls.knowsCall(callId) ? 'CALL_NOT_IN_CONVERSATION' : 'CALL_NOT_FOUND';
    const ofCall = this.ofCall(callId);
    if (ofCall.some((session) => session.supervisorId === actor.id)) return 'MONITOR_ALREADY_ON';
    if (mode === 'barge' && ofCall.some((session) => session.mode === 'barge')) return 'MONITOR_BARGE_TAKEN';
    return null;
  }

  change(monitorId: string, actor: MonitorActor, mode: MonitorMode): MonitorAnswer {
    const session = this.sessions.get(monitorId);
    const refused = this.refusal(session, actor);
    if (refused || !session) return { ok: false, code: refused ?? 'MONITOR_NOT_FOUND' };
    if (mode === 'barge' && this.ofCall(session.callId).some((other) => other.id !== monitorId && other.mode === 'barge')) return { ok: false, code: 'MONITOR_BARGE_TAKEN' };
    this.step(monitorId, { type: 'ModeChosen', mode, at: this.deps.now() });
    return { ok: true, monitorId };
  }

  stop(monitorId: string, actor: MonitorActor): MonitorAnswer {
    const refused = this.refusal(this.sessions.get(monitorId), actor);
    if (refused) return { ok: false, code: refused };
    this.step(monitorId, { type: 'StopAsked', at: this.deps.now() });
    return { ok: true, monitorId };
  }

  /**
   * 拦截: the supervisor, hearing the call in this session, takes the caller; their phone leaves
   * the session's bridge for the conversation, and the agent goes to wrap-up.
   */
  takeOver(monitorId: string, actor: MonitorActor): MonitorAnswer {
    const session = this.sessions.get(monitorId);
    const refused = this.refusal(session, actor);
    if (refused || !session) return { ok: false, code: refused ?? 'MONITOR_NOT_FOUND' };
    if (session.phase.kind !== 'on') return { ok: false, code: 'MONITOR_NOT_HEARING' };
    if (!this.deps.calls.conversationOf(session.callId)) return { ok: false, code: 'CALL_NOT_IN_CONVERSATION' };
    this.step(monitorId, { type: 'TakeOverAsked', at: this.deps.now() });
    return { ok: true, monitorId };
  }

  /**
   * 强拆: ends a conversation at once (no monitoring session needed); the caller hears a short
   * goodbye, the ticket says the supervisor ended it, and the act is audited.
   */
  forceRelease(callId: string, actor: MonitorActor): ReleaseAnswer {
    const conversation = this.deps.calls.conversationOf(callId);
    if (!conversation) return { ok: false, code: this.deps.calls.knowsCall(callId) ? 'CALL_NOT_IN_CONVERSATION' : 'CALL_NOT_FOUND' };
    const done = this.deps.calls.forceRelease(callId, actor.id);
    if (!done.ok) return { ok: false, code: done.code === 'CALL_NOT_FOUND' ? 'CALL_NOT_FOUND' : 'CALL_NOT_IN_CONVERSATION' };
    this.deps.logger.info({ callId, supervisorId: actor.id, agentId: conversation.agentId }, 'conversation force-released');
    void this.deps.audit
      .write({ at: this.deps.now(), actor: actor.id, role: actor.role, action: 'call.force-released', target: `call:${callId}`, result: 'ok', detail: { agentId: conversation.agentId } })
      .catch((error: unknown) => this.deps.logger.error({ callId, err: error }, 'force release audit entry not written'));
    return { ok: true };
  }

  /** The agent is no longer talking on the call (it ended, was transferred or taken over): its sessions end. */
  agentLeftCall(agentId: string): void {
    for (const session of [...this.sessions.values()]) if (session.agentId === agentId) this.step(session.id, { type: 'ConversationEnded', at: this.deps.now() });
  }

  list(): MonitorView[] {
    return [...this.sessions.values()].map((session) => ({
      monitorId: session.id,
      callId: session.callId,
      supervisorId: session.supervisorId,
      agentId: session.agentId,
      mode: session.mode,
      heard: heardOf(session),
      phase: session.phase.kind,
      startedAt: session.startedAt,
    }));
  }

  /** The server stops: every session ends (its supervisor's phone hung up). */
  stopAll(): void {
    for (const id of [...this.sessions.keys()]) this.step(id, { type: 'StopAsked', at: this.deps.now() });
  }

  private refusal(session: MonitorSession | undefined, actor: MonitorActor): MonitorRefusal | null {
    if (!session) return 'MONITOR_NOT_FOUND';
    return session.supervisorId === actor.id || actor.role === 'admin' ? null : 'MONITOR_NOT_YOURS';
  }

  private ofCall(callId: string): MonitorSession[] {
    return [...this.sessions.values()].filter((session) => session.callId === callId);
  }

  /** A spy that ended by itself: the change it carried failed, or the agent's leg it was on went. */
  private spyGone(monitorId: string, spy: string): void {
    const session = this.sessions.get(monitorId);
    const phase = session?.phase;
    const heard = phase?.kind === 'on' && phase.spy === spy;
    this.step(monitorId, heard ? { type: 'ConversationEnded', at: this.deps.now() } : { type: 'SpyFailed', spy, at: this.deps.now() });
  }

  private step(monitorId: string, event: MonitorEvent): void {
    const before = this.sessions.get(monitorId);
    if (!before) return;
    const { session, commands } = stepMonitor(before, event);
    this.sessions.set(monitorId, session);
    // Its last commands (the audit line among them) still need what it was.
    if (session.phase.kind === 'ended') queueMicrotask(() => {
      this.sessions.delete(monitorId);
      this.roles.delete(monitorId);
    });
    if (session.phase.kind !== before.phase.kind) this.deps.logger.info({ callId: session.callId, monitorId, phase: session.phase.kind, mode: session.mode, event: event.type }, 'monitoring');
    const heard = heardOf(session);
    if (heard !== null && heard !== heardOf(before)) this.deps.heardChanged?.({ monitorId, callId: session.callId, heard, at: event.at });
    this.execute(session, commands);
  }

  /** The supervisor's phone leaves the session's bridge, then the call takes it in the agent's place. */
  private async handOver(session: MonitorSession, legId: string): Promise<void> {
    const fields = { callId: session.callId, monitorId: session.id };
    try {
      await this.deps.port.handOver(legId, session.bridge);
    } catch (error) {
      this.deps.logger.warn({ ...fields, err: error }, "could not take the supervisor's phone out of the monitoring bridge; the take-over is off");
      await this.deps.port.hangup(legId).catch(() => undefined);
      return;
    }
    const taken = this.deps.calls.takeOver(session.callId, session.supervisorId, legId);
    if (!taken.ok) {
      this.deps.logger.warn({ ...fields, code: taken.code }, "the call is gone: the supervisor's phone is hung up");
      await this.deps.port.hangup(legId).catch(() => undefined);
    }
  }

  private execute(session: MonitorSession, commands: readonly MonitorCommand[]): void {
    for (const command of commands) this.carryOut(session, command);
  }

  private carryOut(session: MonitorSession, command: MonitorCommand): void {
    const { port, logger } = this.deps;
    const fields = { callId: session.callId, monitorId: session.id };
    switch (command.type) {
      case 'DialSupervisor':
        return void port.dialSupervisor({ monitorId: session.id, callId: session.callId, supervisorId: session.supervisorId, legId: command.legId, bridge: session.bridge }).catch((error: unknown) => {
          logger.warn({ ...fields, err: error }, "could not ring the supervisor's phone");
          this.step(session.id, { type: 'SupervisorLeft', at: this.deps.now() });
        });
      case 'MakeSpy':
        return void port.makeSpy({ monitorId: session.id, callId: session.callId, spy: command.spy, agentLeg: session.agentLeg, whisper: command.whisper, bridge: session.bridge }).catch((error: unknown) => {
          logger.warn({ ...fields, err: error, spy: command.spy }, 'could not make the spy on the agent leg');
          this.step(session.id, { type: 'SpyFailed', spy: command.spy, at: this.deps.now() });
        });
      case 'HangUp':
        return void port.hangup(command.channelId).catch((error: unknown) => logger.warn({ ...fields, err: error, channelId: command.channelId }, 'could not hang up a monitoring leg'));
      case 'EndBridge':
        return void port.endBridge(session.bridge).catch((error: unknown) => logger.warn({ ...fields, err: error }, 'could not end the monitoring bridge'));
      case 'HandOver':
        return void this.handOver(session, command.legId);
      case 'TellAgent':
        return this.deps.tellAgent({ callId: session.callId, agentId: session.agentId, monitorId: session.id, supervisorId: session.supervisorId, mode: command.mode });
      case 'Audit':
        return void this.deps.audit
          .write({ at: this.deps.now(), actor: session.supervisorId, role: this.roles.get(session.id) ?? 'supervisor', action: command.action, target: `call:${session.callId}`, result: 'ok', detail: { monitorId: session.id, agentId: session.agentId, ...command.detail } })
          .catch((error: unknown) => logger.error({ ...fields, err: error, action: command.action }, 'monitoring audit entry not written'));
    }
  }
}

/** The mode the supervisor hears now: none until the first spy is in the session's bridge, or once it ended. */
function heardOf(session: MonitorSession): MonitorMode | null {
  return session.phase.kind === 'on' ? currentMode(session) : null;
}
