// What the ACD remembers about one agent: the state machine's current state and what it is attached to.
import type { AgentProfile } from './acd-config.js';
import type { AgentState } from './acd-protocol.js';
import type { Lane } from './lane.js';

export interface WrapUp {
  readonly callId: string;
  readonly queueId: string;
  readonly answeredAt: number;
  readonly timerId: string | null;
}

export interface AgentRecord {
  readonly profile: AgentProfile;
  state: AgentState;
  /** Pause reason while paused (e.g. `no_answer` after RONA). */
  reason: string | null;
  reachable: boolean;
  /** When the agent last became available; the basis of longest-idle routing. */
  idleSince: number;
  callId: string | null;
  /** A pause asked for while busy; it starts when the current call and wrap-up are done. */
  pendingPause: string | null;
  /** The ticket for the current call was filed before the call ended. */
  ticketFiledFor: string | null;
  wrap: WrapUp | null;
  /** Lanes whose calls this agent may take. */
  readonly lanes: Lane[];
}

export function isStaffed(agent: AgentRecord): boolean {
  return agent.state !== 'logged_out';
}

export function isWorking(agent: AgentRecord): boolean {
  return agent.state !== 'logged_out' && agent.state !== 'paused';
}

export function isOfferable(agent: AgentRecord): boolean {
  return agent.state === 'available' && agent.reachable;
}
