// What happens on a call, in the hotline's words. The telephony adapter turns Asterisk events into
// these; `at` is the time the PBX stamped on the event (epoch ms).

import type { IvrStep } from './call-facts.js';
import type { MenusFromDialplan } from './dialplan-menus.js';
import type { FlowStart } from '../ivr/ivr-protocol.js';

export type CallEvent =
  | {
      readonly type: 'CallArrived';
      readonly channelId: string;
      readonly callId: string;
      readonly callerNumber: string;
      readonly callerName: string | null;
      readonly dialedNumber: string;
      /** Already answered when it arrived: the entry context answers before handing the call over. */
      readonly answered: boolean;
      readonly at: number;
      /** The call comes back from menus compiled into the dialplan, with what they decided. */
      readonly menus?: MenusFromDialplan;
      /** When the caller's channel was made: a call back from the menus began then, not at the hand-back. */
      readonly startedAt?: number;
      /** A call we placed: the flow it runs and the values that flow speaks (an outbound reminder, a return visit). */
      readonly flowStart?: FlowStart;
    }
  | {
      readonly type: 'PromptFinished';
      readonly channelId: string;
      readonly playbackId: string;
      readonly outcome: 'played' | 'failed';
      readonly at: number;
    }
  /** A phone put its side of the call on hold (the agent's browser or handset), or took it off. */
  | { readonly type: 'HoldChanged'; readonly channelId: string; readonly held: boolean; readonly at: number }
  | { readonly type: 'KeyPressed'; readonly channelId: string; readonly key: string; readonly at: number }
  | {
      readonly type: 'MessageRecorded';
      readonly channelId: string;
      readonly name: string;
      readonly durationMs: number;
      readonly outcome: 'recorded' | 'failed';
      readonly at: number;
    }
  | { readonly type: 'HangupRequested'; readonly channelId: string; readonly cause: number | null; readonly at: number }
  | { readonly type: 'CallLeft'; readonly channelId: string; readonly at: number }
  /** An agent's phone answered a call the ACD offered it (the agent leg entered the application). */
  | { readonly type: 'AgentLegAnswered'; readonly channelId: string; readonly callId: string; readonly agentId: string; readonly at: number }
  /** A citizen we rang back answered (callId: the waiting call in the ACD the callback belongs to). */
  | { readonly type: 'CallbackAnswered'; readonly channelId: string; readonly callId: string; readonly agentId: string; readonly number: string; readonly at: number }
  /** Someone the hotline called (an outbound task: a return visit, a sign reminder) answered. */
  | { readonly type: 'OutboundAnswered'; readonly channelId: string; readonly taskId: string; readonly at: number }
  /** An outside party (a responsible unit) answered and joins the conversation (三方通话). */
  | { readonly type: 'PartyAnswered'; readonly channelId: string; readonly callId: string; readonly at: number }
  /**
   * The survey compiled into the dialplan ended: its hang-up node's event right before it clears the
   * line, or its hangup handler's when the caller hung up first (`hungUp`, with the line's cause:
   * the line's end, which nothing else reports while Asterisk runs the survey). The path it took and
   * the variables it set; `path` null when the event could not be read.
   */
  | { readonly type: 'SurveyEnded'; readonly channelId: string; readonly path: readonly IvrStep[] | null; readonly variables: Readonly<Record<string, string>>; readonly hungUp?: { readonly cause: number | null }; readonly at: number }
  /**
   * A channel hung up, as AMI reports every channel's end: heeded only while Asterisk runs the
   * compiled survey, when the server does not watch the caller's channel (and ARI says nothing of
   * it). Covers a caller who hangs up before the survey's hangup handler is in place.
   */
  | { readonly type: 'DialplanLineGone'; readonly channelId: string; readonly cause: number | null; readonly at: number }
  /** A channel is gone for good (the last event Asterisk sends for it). */
  | { readonly type: 'ChannelGone'; readonly channelId: string; readonly cause: number | null; readonly at: number };

export type CallEventType = CallEvent['type'];
