// What goes into and comes out of the IVR engine. Events are what happened (past tense), commands
// what the call session must do (imperative). Timers are commands whose expiry comes back as events.
import type { IvrStep } from '../calls/call-facts.js';

/** What is known about the caller when the IVR starts. */
export interface CallerProfile {
  readonly number: string;
  readonly dialed: string;
  readonly elderly: boolean;
  readonly enterprise: { readonly name: string; readonly creditCode: string } | null;
  readonly anonymous: boolean;
}

/**
 * A flow chosen by whoever placed the call (an outbound call to a unit or a citizen) instead of the
 * dialed number's entry flow, with the values it speaks (see the flow's `variables`).
 */
export interface FlowStart {
  readonly flow: string;
  readonly variables: Readonly<Record<string, string>>;
}

export type IvrEvent =
  | { readonly type: 'IvrStarted'; readonly at: number }
  | { readonly type: 'PromptsFinished'; readonly token: string; readonly at: number; readonly outcome: 'played' | 'failed' }
  | { readonly type: 'KeyPressed'; readonly key: string; readonly at: number }
  | { readonly type: 'TimerFired'; readonly token: string; readonly at: number }
  | { readonly type: 'RecordingFinished'; readonly token: string; readonly at: number; readonly durationMs: number };

/** Something to play: a prompt id, or text to be spoken by a speech synthesizer at call time. */
export type Sound = string | { readonly text: string };

export type IvrCommand =
  | { readonly type: 'PlayPrompts'; readonly token: string; readonly prompts: readonly Sound[]; readonly language: string }
  | { readonly type: 'StopPrompts'; readonly token: string }
  | { readonly type: 'StartTimer'; readonly token: string; readonly ms: number }
  | { readonly type: 'CancelTimer'; readonly token: string }
  | { readonly type: 'RecordMessage'; readonly token: string; readonly maxSeconds: number; readonly beep: boolean }
  | { readonly type: 'EnqueueCall'; readonly queue: string; readonly priority: string | null; readonly skills: readonly string[] }
  | { readonly type: 'TransferCall'; readonly destination: string }
  | { readonly type: 'HangUp' }
  | { readonly type: 'SendToHuman'; readonly reason: string };

/** What the engine is waiting for at its current node. */
export type IvrWait =
  | { readonly kind: 'prompts'; readonly token: string; readonly bargeIn: boolean; readonly then: 'advance' | 'listen' | 'record' | 'hangup' | 'transfer' }
  | { readonly kind: 'keys'; readonly token: string }
  | { readonly kind: 'recording'; readonly token: string }
  | { readonly kind: 'none' };

export interface GlobalKey {
  readonly flow: string;
  readonly node: string;
  readonly label: string;
}

export interface IvrState {
  readonly flowId: string;
  readonly nodeId: string;
  readonly wait: IvrWait;
  /** Timeouts and invalid keys so far at this node. */
  readonly attempts: number;
  /** Digits typed so far at a collect node. */
  readonly digits: string;
  readonly variables: Readonly<Record<string, string>>;
  readonly language: string;
  readonly globalKeys: Readonly<Record<string, GlobalKey>>;
  readonly caller: CallerProfile;
  readonly path: readonly IvrStep[];
  /** 'done' once the call left the IVR (queued, transferred, recorded, hung up). */
  readonly status: 'running' | 'done';
  readonly outcome: IvrOutcome | null;
  readonly seq: number;
}

export type IvrOutcome =
  | { readonly kind: 'queued'; readonly queue: string; readonly priority: string | null; readonly skills: readonly string[] }
  | { readonly kind: 'transferred'; readonly destination: string }
  | { readonly kind: 'message'; readonly durationMs: number }
  | { readonly kind: 'hangup' }
  | { readonly kind: 'fallback'; readonly reason: string };

export interface StepResult {
  readonly state: IvrState;
  readonly commands: readonly IvrCommand[];
}
