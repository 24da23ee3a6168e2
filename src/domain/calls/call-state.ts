// A call's state inside the call machine: who is calling, what has happened so far (the record the
// ticket is built from) and where the call is now (its phase). Phases are a closed union, so a call
// cannot be, say, queued with an agent on the line. Plain data: saved as it is at every transition.
import type { CallerInfo } from '../callers/caller-info.js';
import type { FlowStart, IvrState, Sound } from '../ivr/ivr-protocol.js';
import type { EndedBy, IvrStep, RecordingRef } from './call-facts.js';

/** A call that is a callback: the citizen we rang back, for a place kept in a queue by the ACD. */
export interface CallbackOrigin {
  /** The waiting call's id in the ACD (the citizen's first call). */
  readonly acdCallId: string;
  readonly agentId: string;
  readonly queueId: string;
}

export interface CallIdentity {
  readonly callId: string;
  readonly channelId: string;
  readonly callerNumber: string;
  readonly callerName: string | null;
  readonly dialedNumber: string;
  readonly startedAt: number;
  readonly callback: CallbackOrigin | null;
  /** A call we placed runs this flow with these variables (instead of the dialed number's entry flow). */
  readonly flowStart?: FlowStart;
}

/** One run of the IVR engine (the menus, or the survey after the conversation) and its PBX handles. */
export interface IvrRun {
  readonly state: IvrState;
  /** Playbacks under way: playback id → the engine's token. */
  readonly playbacks: Readonly<Record<string, string>>;
  /** The prompts each token plays (for the path, when the caller cuts one off). */
  readonly prompts: Readonly<Record<string, readonly Sound[]>>;
  /** Voice messages being recorded: recording name → token. */
  readonly messages: Readonly<Record<string, string>>;
  readonly messageName: string | null;
  /** Asterisk finished the voice message (its file is there), even if the caller then hung up. */
  readonly recordedMessage: { readonly name: string; readonly durationMs: number; readonly at: number } | null;
  readonly playSeq: number;
  /** Tokens whose prompts were asked for again after they stalled (once each; a second stall gives up). */
  readonly replayed: readonly string[];
  /** Stopped: the call left this run; nothing it started may fire into it any more. */
  readonly stopped: boolean;
}

/** An agent's phone rung for this call, under the id the ACD offered it by. */
export interface Leg {
  readonly legId: string;
  readonly agentId: string;
  /** The call's own ACD id, or an attended transfer's. */
  readonly acdId: string;
  /** An offer dialed while the phone system lagged: its ring time was not counted, and its end unanswered is no ring-no-answer. */
  readonly ringUncounted?: true;
  /** An offer's: the recording its conversation gets if the leg answers (Asterisk may start it at the answer). */
  readonly recording?: string;
}

export interface AgentOnCall extends Leg {
  readonly answeredAt: number;
  /** A supervisor who took the call over (拦截): they talk outside the ACD, which is never told of them. */
  readonly supervisor?: true;
}

/** Outside numbers (a unit) rung into the conversation: channel id → number. */
export interface Parties {
  readonly dialing: Readonly<Record<string, string>>;
  readonly joined: Readonly<Record<string, string>>;
}

export interface QueueWait {
  readonly musicClass: string;
  /** An announcement of ours is playing; what follows it. */
  readonly playing: { readonly playbackId: string; readonly then: 'hold' | 'hang-up' } | null;
  readonly callbackOffered: boolean;
}

/** A caller just put in line: the default music until the ACD names the queue's own. */
export const FRESH_WAIT: QueueWait = { musicClass: 'default', playing: null, callbackOffered: false };

/** An attended transfer: the target queued under its own ACD id while the first agent keeps talking. */
export interface Consult {
  readonly acdId: string;
  readonly offer: Leg | null;
  /** The new agent, once they answered and joined the conversation. */
  readonly incoming: AgentOnCall | null;
}

export type CallPhase =
  /** Keys pressed before our answer went through wait for the menus (the caller may type ahead). */
  | { readonly kind: 'arriving'; readonly keys: readonly { readonly key: string; readonly at: number }[] }
  | { readonly kind: 'ivr' }
  | { readonly kind: 'queued'; readonly wait: QueueWait; readonly offer: Leg | null }
  | { readonly kind: 'talking'; readonly agent: AgentOnCall; readonly parties: Parties }
  | { readonly kind: 'consulting'; readonly agent: AgentOnCall; readonly parties: Parties; readonly consult: Consult }
  /** Three-way call the agent left: the caller and the unit talk on, still recorded. */
  | { readonly kind: 'three-way'; readonly formerAgent: AgentOnCall; readonly agentLeftAt: number; readonly parties: Parties }
  /**
   * After the conversation. `dialplan`: Asterisk runs the compiled survey and the server only listens
   * to the channel (it left the application), until the survey's end and the line's.
   */
  | { readonly kind: 'survey'; readonly where: 'server' | 'dialplan' }
  /** A supervisor ended the conversation (强拆): the caller hears the closing prompt, then is hung up. */
  | { readonly kind: 'closing'; readonly playbackId: string }
  /** We asked the PBX to hang the caller up; the line's end comes next. */
  | { readonly kind: 'ending' }
  | { readonly kind: 'transferred' }
  | { readonly kind: 'fallback' }
  | { readonly kind: 'ended'; readonly at: number };

export type CallPhaseKind = CallPhase['kind'];

/** What has happened on the call so far: what the ticket is built from. */
export interface CallHold {
  readonly totalMs: number;
  readonly since: number | null;
}

export const NOT_HELD: CallHold = { totalMs: 0, since: null };

export interface CallRecord {
  readonly answeredAt: number | null;
  /** The queue the call waits or waited in last, after any overflow or transfer. */
  readonly queue: string | null;
  readonly queuesVisited: readonly string[];
  readonly queuedAt: number | null;
  /** The priority class the call was queued with; a transfer to another queue keeps it. */
  readonly priorityClass: string | null;
  readonly hangupCause: number | null;
  readonly endedBy: EndedBy;
  /** The caller's side hung up (Asterisk said so); the line's end follows. */
  readonly lineDown: boolean;
  /** The agent the ticket names: the one talking now, or the last one who talked. */
  readonly agent: AgentOnCall | null;
  /** The agent who blind-transferred the call away, for the ticket when nobody else answers. */
  readonly handedOver: { readonly agentId: string; readonly answeredAt: number; readonly endedAt: number } | null;
  readonly conversationEndedAt: number | null;
  /** The agent's holds: time held before, and since when the caller is held now (null: not held). */
  readonly hold: CallHold;
  readonly recordings: readonly RecordingRef[];
  /** Steps the call itself adds to the IVR's path (queue, offers, agents, transfers, cut-off prompts). */
  readonly steps: readonly IvrStep[];
  /** The caller chose a callback while queued: the ACD keeps their place after they hang up. */
  readonly callbackRequested: boolean;
  /** For a callback: the ACD has been told how the attempt went. */
  readonly callbackSettled: boolean;
  /** The agent side was released once (the call ended or failed). */
  readonly agentSideReleased: boolean;
}

/** Counters for the ids the call hands out (legs, parties, recordings, transfers, announcements). */
export interface CallCounters {
  readonly leg: number;
  readonly party: number;
  readonly recording: number;
  readonly consult: number;
  readonly announcement: number;
}

export interface CallState {
  readonly call: CallIdentity;
  readonly caller: CallerInfo;
  readonly phase: CallPhase;
  readonly record: CallRecord;
  readonly ivr: IvrRun | null;
  readonly survey: IvrRun | null;
  readonly seq: CallCounters;
}
