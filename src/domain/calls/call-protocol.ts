// What goes into the call machine and what comes out. Events are what happened (the PBX's, the
// ACD's decisions, the answers to the machine's own commands, requests from agents); commands are
// what the call's executor must do. Timers are commands whose expiry comes back as an event.
import type { AcdCommand, AcdEvent } from '../acd/acd-protocol.js';
import type { CallerInfo } from '../callers/caller-info.js';
import type { CallEvent } from './call-events.js';
import type { CallFacts, IvrStep } from './call-facts.js';
import type { Sound } from '../ivr/ivr-protocol.js';
import type { DialplanEntry } from './dialplan-menus.js';

/** Where a blind transfer sends the caller: another queue, or a named agent. */
export type TransferTarget = { readonly queue: string } | { readonly agent: string };
/** Blind: the agent leaves at once. Attended: the agent stays until the new agent has joined them. */
export type TransferMode = 'blind' | 'attended';

/** What the ACD decides about one call (the rest of its commands concern agents or no live call). */
export type AcdCallCommand = Extract<AcdCommand, { readonly type: 'OfferCall' | 'CancelOffer' | 'RejectCall' | 'CallOverflowed' | 'AnnouncePosition' | 'PlayMusicOnHold' | 'ConfirmCallback' }>;

export type CallMachineEvent =
  | CallEvent
  /** Our answer of the caller's channel went through. */
  | { readonly type: 'CallAnswered'; readonly at: number }
  | { readonly type: 'AcdDecided'; readonly command: AcdCallCommand }
  /** The agent's leg exists (the phone system took the dial): the ring time starts. */
  /**
   * The agent's leg exists. `systemLagging`: the server was shedding new callers when it heard so
   * (overload protection), so a ring time it counted could end before the phone's answer reached it.
   */
  | { readonly type: 'AgentDialed'; readonly legId: string; readonly agentId: string; readonly acdId: string; readonly systemLagging: boolean }
  /** The phone system could not make the agent's leg (a request failed or timed out). */
  | { readonly type: 'AgentDialFailed'; readonly legId: string; readonly agentId: string; readonly acdId: string }
  | { readonly type: 'RecordingFailed'; readonly name: string; readonly reason: string }
  /** A prompt asked for a while ago has not begun: Asterisk has it queued, or does not know it. */
  | { readonly type: 'PromptStalled'; readonly playbackId: string }
  | { readonly type: 'PartyDialFailed'; readonly partyChannelId: string; readonly number: string }
  | { readonly type: 'TimerFired'; readonly timerId: string }
  | { readonly type: 'TransferRequested'; readonly target: TransferTarget; readonly mode: TransferMode }
  | { readonly type: 'PartyRequested'; readonly number: string }
  /** A supervisor ends the conversation (强拆): the caller hears a closing prompt and the call ends. */
  | { readonly type: 'ForceReleaseRequested'; readonly supervisorId: string }
  /** A supervisor takes the caller over (拦截) on their own leg, up in the application and in no bridge. */
  | { readonly type: 'TakeOverRequested'; readonly supervisorId: string; readonly legId: string }
  /** One of the call's commands failed: the error boundary takes over. */
  | { readonly type: 'StepFailed'; readonly during: string }
  /** The caller could not be let into the survey compiled into the dialplan: the server's engine runs it. */
  | { readonly type: 'SurveyNotHandedOver' }
  /** The caller's channel vanished while the PBX link was down (found at a resync). */
  | { readonly type: 'LineLost' };

export type CallMachineEventType = CallMachineEvent['type'];

/** What the screen pop tells about the call while the agent's phone rings. */
export interface PopFacts {
  readonly callId: string;
  readonly callerNumber: string;
  readonly callerName: string | null;
  readonly caller: CallerInfo;
  readonly queue: string | null;
  readonly queuedAt: number | null;
  readonly ivrPath: readonly IvrStep[];
  readonly language: string;
}

/** An agent's phone starts ringing for the call (the pop goes out), they answered, or it was withdrawn. */
export type AgentCallEvent =
  | { readonly kind: 'offered'; readonly agentId: string; readonly at: number; readonly call: PopFacts }
  | { readonly kind: 'answered' | 'withdrawn'; readonly agentId: string; readonly callId: string; readonly at: number };

/**
 * Most commands are awaited one after another in the call's order; `wait: false` ones are sent and
 * not waited for (the next step must not wait for Asterisk's answer), still in order among themselves.
 */
export type CallCommand =
  | { readonly type: 'RecordCallStart' }
  | { readonly type: 'RecordAnswered'; readonly at: number }
  | { readonly type: 'Answer' }
  /** `wait: false` for the IVR: a failure still reaches the error boundary. */
  /** Prompt ids, and text the executor has spoken by the speech synthesizer first (left out when it cannot be). */
  | { readonly type: 'PlayPrompts'; readonly playbackId: string; readonly prompts: readonly Sound[]; readonly language: string; readonly wait: boolean }
  /** Asks the phone system whether the playback has begun; one that has not comes back as PromptStalled. */
  | { readonly type: 'CheckPrompt'; readonly playbackId: string }
  /** `wait: false`: sent once the playback's own request went out, or it could arrive first and miss it. */
  | { readonly type: 'StopPrompts'; readonly playbackId: string; readonly wait: boolean }
  | { readonly type: 'RecordMessage'; readonly name: string; readonly maxSeconds: number; readonly beep: boolean }
  | { readonly type: 'StartHold'; readonly musicClass: string }
  /** The caller's hold music stops (the agent took the call off hold). */
  | { readonly type: 'StopHold' }
  /**
   * Who holds the call, marked on the caller's channel at a hand-over, for whoever takes the channel
   * over (the dialplan after a fallback or a transfer, a person at the console, a test caller):
   * HOTLINE_QUEUE when it is handed to a queue, HOTLINE_AGENT when an agent takes it. Offers and
   * place-in-line figures are not marked: they change while the call waits (docs/decisions.md).
   */
  | { readonly type: 'MarkCall'; readonly name: string; readonly value: string }
  | { readonly type: 'HangUpCaller' }
  /** An agent's or a unit's channel; already gone is fine. */
  | { readonly type: 'HangUpChannel'; readonly channelId: string; readonly wait: boolean }
  | { readonly type: 'TransferOut'; readonly destination: string }
  | { readonly type: 'SendToHumanFallback' }
  /**
   * Lets Asterisk run the survey compiled into its dialplan; its end (SurveyEnded) tells the server
   * how it went and, when the caller hung up first, that the line is gone. A failure comes back as
   * SurveyNotHandedOver.
   */
  | { readonly type: 'ContinueIntoSurvey'; readonly entry: DialplanEntry }
  /**
   * `acdId`: the id the ACD offered the call under; a failure comes back as AgentDialFailed.
   * `recording`: the name the conversation is recorded under if this leg answers (RecordConversation
   * then names it again).
   */
  | { readonly type: 'DialAgent'; readonly legId: string; readonly agentId: string; readonly acdId: string; readonly ringTimeoutSeconds: number; readonly recording: string }
  | { readonly type: 'Connect'; readonly legId: string }
  /**
   * Records the conversation as the leg's party hears and speaks it, from now until that leg leaves
   * (an agent's or a supervisor's leg), or on the caller's own channel until the conversation ends
   * (`legId` null: a three-way call the agent left).
   */
  | { readonly type: 'RecordConversation'; readonly name: string; readonly legId: string | null }
  | { readonly type: 'Disconnect'; readonly wait: boolean }
  | { readonly type: 'Join'; readonly channelId: string }
  | { readonly type: 'DialParty'; readonly channelId: string; readonly number: string; readonly ringTimeoutSeconds: number }
  | { readonly type: 'StartTimer'; readonly timerId: string; readonly ms: number }
  | { readonly type: 'CancelTimer'; readonly timerId: string }
  | { readonly type: 'TellAcd'; readonly event: AcdEvent }
  /** Events of this channel (an agent's leg, a unit's line) belong to this call from now on. */
  | { readonly type: 'RouteChannel'; readonly channelId: string }
  /** The ACD's decisions under this id (an attended transfer's) belong to this call from now on. */
  | { readonly type: 'RouteAcdId'; readonly acdId: string }
  | { readonly type: 'NotifyAgent'; readonly event: AgentCallEvent }
  | { readonly type: 'Log'; readonly level: 'debug' | 'info' | 'warn' | 'error'; readonly message: string; readonly fields?: Readonly<Record<string, unknown>> }
  /** The call is over: these facts make its ticket. */
  | { readonly type: 'CloseCall'; readonly facts: CallFacts };

export type CallCommandType = CallCommand['type'];
