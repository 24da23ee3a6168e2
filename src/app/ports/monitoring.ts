// What app asks of the phone system for supervisors on calls: ring the supervisor's phone into a
// bridge of the session's own, put a spy on the agent's leg there, end the pieces. The ari adapter
// implements it and reports what happened to them through MonitoringListener.
import type { WhisperDirection } from '../../domain/monitoring/monitor-session.js';

export interface SupervisorDialRequest {
  readonly monitorId: string;
  readonly callId: string;
  readonly supervisorId: string;
  readonly legId: string;
  readonly bridge: string;
}

export interface SpyRequest {
  readonly monitorId: string;
  readonly callId: string;
  readonly spy: string;
  /** The call machine's id of the agent's leg (the adapter knows which channel carries it). */
  readonly agentLeg: string;
  readonly whisper: WhisperDirection;
  readonly bridge: string;
}

export interface MonitoringListener {
  supervisorAnswered(monitorId: string): void;
  /** Hung up, or never answered. */
  supervisorLeft(monitorId: string): void;
  spyJoined(monitorId: string, spy: string): void;
  /** A spy that could not be made, or ended by itself (its agent's leg went). */
  spyGone(monitorId: string, spy: string): void;
}

export interface MonitoringPort {
  attach(listener: MonitoringListener): void;
  /**
   * Whether the supervisor has a phone to ring: a SIP handset or browser phone must be registered
   * (a demo handset always is). A phone system that cannot say counts as yes: ringing tells then.
   */
  hasPhone(supervisorId: string): Promise<boolean>;
  /** Rings the supervisor's phone; rejects when it cannot even be rung. */
  dialSupervisor(request: SupervisorDialRequest): Promise<void>;
  /** Makes a spy on the agent's leg and joins it to the session's bridge; `spyJoined` or `spyGone` follows. */
  makeSpy(request: SpyRequest): Promise<void>;
  /** Ends a supervisor's leg or a spy; one already gone is not an error. */
  hangup(channelId: string): Promise<void>;
  endBridge(bridge: string): Promise<void>;
  /**
   * Takes a supervisor's phone out of its session's bridge (which ends) and stops reporting on it:
   * its events are the call's from now on (拦截).
   */
  handOver(legId: string, bridge: string): Promise<void>;
}
