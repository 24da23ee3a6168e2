// The Socket.IO contract between the server and the agent desktop / wallboard (agent-ui/ imports
// these types). Every client message is checked against it on the server (adapters/socketio/gateway.ts).
// Times are ISO strings; durations in seconds. Connect with `auth: { token }` from POST /api/auth/login.
import type { ScreenPop } from '../domain/calls/screen-pop.js';
import type { HotspotView } from './api/hotspots.js';
import type { AdmissionMode, AgentStateName } from './vocabulary.js';

export type { AgentStateName };

export interface AgentStateView {
  readonly agentId: string;
  readonly name: string;
  readonly state: AgentStateName;
  readonly reason: string | null;
  /** When the agent entered this state. */
  readonly since: string;
  readonly callId: string | null;
  /** For wrap_up: when it ends by itself (null when it waits for the ticket to be filed). */
  readonly wrapUpEndsAt: string | null;
}

/** The screen pop is the domain's own shape, sent as it is. */
export type { PopHistoryItem, ScreenPop } from '../domain/calls/screen-pop.js';

export interface CallAnswered {
  readonly callId: string;
  readonly agentId: string;
  readonly at: string;
}

export interface CallEnded {
  readonly callId: string;
  readonly agentId: string;
  readonly at: string;
  /** The work order opened at hang-up, to file the agent's part on. */
  readonly ticketId: number | null;
  readonly ticketNumber: string | null;
  readonly ticketVersion: number | null;
}

export interface WallboardQueue {
  readonly queueId: string;
  readonly name: string;
  readonly waiting: number;
  readonly longestWaitSeconds: number;
  readonly callbacksWaiting: number;
  readonly offeredToday: number;
  readonly answeredToday: number;
  /**
   * Of answeredToday, taken by an agent of the queue's second choice because none of its own was
   * free (an elderly caller answered by a general agent): how often the queue's own desk was short.
   */
  readonly answeredBySecondChoiceToday: number;
  readonly abandonedToday: number;
  /** Answered within the service level / answered, today (0..1), null before the first answer. */
  readonly serviceLevelToday: number | null;
}

export interface WallboardSnapshot {
  readonly at: string;
  readonly queues: readonly WallboardQueue[];
  readonly agents: readonly AgentStateView[];
  /** Open work orders with a colour warning. */
  readonly warnings: { readonly red: number; readonly yellow: number; readonly green: number };
  /**
   * Overload protection: 'shed' while new callers are answered by the phone system alone (greeting,
   * then the fallback queue of every agent phone) because the server fell behind.
   */
  readonly admission: { readonly mode: AdmissionMode; readonly since: string };
  /** 举手: agents on a call who asked for a supervisor, oldest first. */
  readonly help: readonly { readonly agentId: string; readonly callId: string; readonly raisedAt: string }[];
}

export type Ack = { readonly ok: true } | { readonly ok: false; readonly code: string; readonly message: string };

export interface SyncState {
  readonly agent: AgentStateView | null;
  /** The call ringing or in progress for this agent, so a reloaded page shows it again. */
  readonly pop: ScreenPop | null;
  /** The last call's end and its ticket, while the agent has not yet moved on from it. */
  readonly ended: CallEnded | null;
}

/**
 * To the agent: a supervisor on their call. `mode` is what the banner shows (whisper: only the agent
 * hears the supervisor; barge: the caller hears them too; listen only when the centre announces
 * silent listening); take-over: the supervisor took the caller (拦截), the agent goes to wrap-up;
 * null: no supervisor to show any more.
 */
export interface MonitorChanged {
  readonly callId: string;
  readonly agentId: string;
  readonly monitorId: string;
  readonly supervisorId: string;
  readonly mode: 'listen' | 'whisper' | 'barge' | 'take-over' | null;
}

export interface ServerToClient {
  pop: (pop: ScreenPop) => void;
  'call:answered': (event: CallAnswered) => void;
  'call:ended': (event: CallEnded) => void;
  'agent:state': (state: AgentStateView) => void;
  'monitor:changed': (event: MonitorChanged) => void;
  /** 举手: the agent's own raised hand, as the server holds it. */
  'help:changed': (event: { readonly raised: boolean }) => void;
  /** To supervisors: the whole picture, at most once a second and on every change. */
  wallboard: (snapshot: WallboardSnapshot) => void;
  /** To supervisors: a hotspot warning raised, refreshed or moved to another state (the wallboard's 热点预警 list). */
  'hotspot:changed': (warning: HotspotView) => void;
}

export interface ClientToServer {
  /** The agent's own state: ready (log in / resume), pause with a reason code, log out. */
  'agent:ready': (ack: (result: Ack) => void) => void;
  'agent:pause': (body: { reason: string }, ack: (result: Ack) => void) => void;
  'agent:logout': (ack: (result: Ack) => void) => void;
  /** After a (re)connect: the agent's state and the current pop. */
  'state:sync': (ack: (state: SyncState) => void) => void;
  /** 举手: the agent on a call asks a supervisor for help, or takes the request back. */
  'help:raise': (ack: (result: Ack) => void) => void;
  'help:lower': (ack: (result: Ack) => void) => void;
  /** A supervisor asks for a wallboard snapshot now. */
  'wallboard:sync': (ack: (snapshot: WallboardSnapshot | null) => void) => void;
}

/** Rooms: one per agent, one for supervisors (and admins). */
export const agentRoom = (agentId: string): string => `agent:${agentId}`;
export const SUPERVISORS_ROOM = 'supervisors';
