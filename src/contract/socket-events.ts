// The Socket.IO contract between the server and the agent desktop / wallboard (agent-ui/ imports
// these types). Every client message is checked against it on the server (adapters/socketio/gateway.ts).
// Times are ISO strings; durations in seconds. Connect with `auth: { token }` from POST /api/auth/login.

export type AgentStateName = 'logged_out' | 'available' | 'offered' | 'on_call' | 'wrap_up' | 'paused';

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

export interface PopHistoryItem {
  readonly ticketId: number;
  readonly number: string;
  readonly status: string;
  readonly requestType: string | null;
  readonly categoryCode: string | null;
  readonly title: string | null;
  readonly createdAt: string;
  /** Not yet closed (and not a missed call). */
  readonly open: boolean;
}

/** What the agent sees while their phone rings (弹屏). */
export interface ScreenPop {
  readonly callId: string;
  readonly agentId: string;
  readonly offeredAt: string;
  readonly caller: {
    /** In full: the agent may need to call back. Logs mask it. */
    readonly number: string;
    readonly name: string | null;
    readonly elderly: boolean;
    readonly enterprise: { readonly name: string; readonly creditCode: string } | null;
    /** Called at least `repeatThreshold` times in the last `repeatWindowDays` days. */
    readonly repeatCaller: boolean;
    readonly callsInWindow: number;
  };
  readonly repeatThreshold: number;
  readonly repeatWindowDays: number;
  readonly language: string;
  readonly queue: string | null;
  readonly queueName: string | null;
  readonly waitSeconds: number;
  /** The IVR path in words, e.g. "主菜单 → 按2 企业服务". */
  readonly ivrPath: string;
  /** The caller's tickets of the last 90 days, newest first. */
  readonly history: readonly PopHistoryItem[];
  /** A subcategory code suggested from the IVR choice, or null. */
  readonly suggestedCategory: string | null;
}

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
}

export type Ack = { readonly ok: true } | { readonly ok: false; readonly code: string; readonly message: string };

export interface SyncState {
  readonly agent: AgentStateView | null;
  /** The call ringing or in progress for this agent, so a reloaded page shows it again. */
  readonly pop: ScreenPop | null;
  /** The last call's end and its ticket, while the agent has not yet moved on from it. */
  readonly ended: CallEnded | null;
}

export interface ServerToClient {
  pop: (pop: ScreenPop) => void;
  'call:answered': (event: CallAnswered) => void;
  'call:ended': (event: CallEnded) => void;
  'agent:state': (state: AgentStateView) => void;
  /** To supervisors: the whole picture, at most once a second and on every change. */
  wallboard: (snapshot: WallboardSnapshot) => void;
}

export interface ClientToServer {
  /** The agent's own state: ready (log in / resume), pause with a reason code, log out. */
  'agent:ready': (ack: (result: Ack) => void) => void;
  'agent:pause': (body: { reason: string }, ack: (result: Ack) => void) => void;
  'agent:logout': (ack: (result: Ack) => void) => void;
  /** After a (re)connect: the agent's state and the current pop. */
  'state:sync': (ack: (state: SyncState) => void) => void;
  /** A supervisor asks for a wallboard snapshot now. */
  'wallboard:sync': (ack: (snapshot: WallboardSnapshot | null) => void) => void;
}

/** Rooms: one per agent, one for supervisors (and admins). */
export const agentRoom = (agentId: string): string => `agent:${agentId}`;
export const SUPERVISORS_ROOM = 'supervisors';
