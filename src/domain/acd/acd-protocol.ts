// What goes into the ACD (events: what happened, past tense, stamped with `at` in epoch ms) and what
// comes out (commands: what the application must do, plus a few notices of what the ACD decided).
// Timers are commands; their expiry comes back as TimerFired, so the core never reads a clock.

export type AgentState = 'logged_out' | 'available' | 'offered' | 'on_call' | 'wrap_up' | 'paused';

export type AcdEvent =
  | {
      readonly type: 'CallQueued';
      readonly callId: string;
      readonly queueId: string;
      readonly at: number;
      /** Overrides the queue's class, e.g. a registered elderly number entering the general queue. */
      readonly priorityClass?: string | null;
      /** Skills this call needs on top of the queue's own (e.g. `lang-en` chosen in the IVR). */
      readonly skills?: readonly string[];
    }
  | { readonly type: 'CallAbandoned'; readonly callId: string; readonly at: number }
  | { readonly type: 'AgentAnswered'; readonly callId: string; readonly agentId: string; readonly at: number }
  /** The agent's phone rang without answer, or refused the call (busy): ring-no-answer, the agent is paused. */
  | { readonly type: 'OfferTimedOut'; readonly callId: string; readonly agentId: string; readonly at: number }
  /** The agent's leg exists and rings: the ring time counts from here, not from the offer. */
  | { readonly type: 'OfferRinging'; readonly callId: string; readonly agentId: string; readonly at: number }
  /**
   * The phone system could not ring the agent (a request failed or timed out, the caller's line was
   * already going): no fault of the agent, who stays available; the call goes back to its place.
   */
  | { readonly type: 'OfferFailed'; readonly callId: string; readonly agentId: string; readonly at: number }
  | { readonly type: 'CallEnded'; readonly callId: string; readonly at: number }
  /**
   * A conversation the phone system kept while the server running it was lost, taken on again by
   * the server that took over: the agent is on this call (an ACD that knows so already changes nothing).
   */
  | { readonly type: 'ConversationResumed'; readonly callId: string; readonly agentId: string; readonly queueId: string; readonly answeredAt: number; readonly at: number }
  | { readonly type: 'CallbackRequested'; readonly callId: string; readonly number: string; readonly at: number }
  | { readonly type: 'CallbackAnswered'; readonly callId: string; readonly at: number }
  | { readonly type: 'CallbackAttemptFailed'; readonly callId: string; readonly reason: string; readonly at: number }
  | { readonly type: 'AgentLoggedIn'; readonly agentId: string; readonly at: number }
  | { readonly type: 'AgentLoggedOut'; readonly agentId: string; readonly at: number }
  | { readonly type: 'AgentPaused'; readonly agentId: string; readonly reason: string; readonly at: number }
  | { readonly type: 'AgentResumed'; readonly agentId: string; readonly at: number }
  | { readonly type: 'PhoneReachabilityChanged'; readonly agentId: string; readonly reachable: boolean; readonly at: number }
  /** `callId` null = whatever call the agent is wrapping up. */
  | { readonly type: 'TicketFiled'; readonly agentId: string; readonly callId: string | null; readonly at: number }
  | { readonly type: 'TimerFired'; readonly timerId: string; readonly at: number };

export type AcdEventType = AcdEvent['type'];

export type OverflowReason = 'max_wait' | 'no_agents' | 'queue_full';

export type AcdCommand =
  | { readonly type: 'OfferCall'; readonly callId: string; readonly agentId: string; readonly queueId: string; readonly ringTimeoutSeconds: number }
  | { readonly type: 'CancelOffer'; readonly callId: string; readonly agentId: string; readonly reason: 'no_answer' | 'abandoned' | 'agent_logged_out' | 'phone_unreachable' | 'offer_failed' }
  | { readonly type: 'StartTimer'; readonly timerId: string; readonly at: number }
  | { readonly type: 'CancelTimer'; readonly timerId: string }
  | { readonly type: 'PlayMusicOnHold'; readonly callId: string; readonly musicOnHold: string }
  | {
      readonly type: 'AnnouncePosition';
      readonly callId: string;
      readonly queueId: string;
      readonly position: number;
      readonly estimatedWaitSeconds: number;
      /** Whether to offer "press 1 to be called back" now. */
      readonly callbackOffered: boolean;
    }
  /** The caller may hang up: the call keeps its place and will be dialled back. */
  | { readonly type: 'ConfirmCallback'; readonly callId: string; readonly queueId: string; readonly position: number }
  | { readonly type: 'DialCallback'; readonly callId: string; readonly agentId: string; readonly queueId: string; readonly number: string; readonly attempt: number }
  /** queue_removed: a new leader's configuration no longer has the call's queue (a cluster's takeover). */
  | { readonly type: 'RejectCall'; readonly callId: string; readonly queueId: string; readonly reason: 'queue_full' | 'queue_removed' }
  | { readonly type: 'CallOverflowed'; readonly callId: string; readonly fromQueueId: string; readonly toQueueId: string; readonly reason: OverflowReason }
  /** Every dial attempt failed: the application files a ticket to call the citizen back. */
  | { readonly type: 'CallbackFailed'; readonly callId: string; readonly queueId: string; readonly number: string; readonly attempts: number }
  /** `callId`: the call the agent is offered, talking on or wrapping up (servers that do not lead show it to the desktop). */
  | { readonly type: 'AgentStateChanged'; readonly agentId: string; readonly state: AgentState; readonly reason: string | null; readonly callId: string | null }
  /** The event did not fit the ACD's state (unknown id, wrong state); nothing changed. */
  | { readonly type: 'EventRejected'; readonly eventType: AcdEventType; readonly code: AcdRejectCode; readonly subject: string };

export type AcdCommandType = AcdCommand['type'];

export type AcdRejectCode =
  | 'ACD_UNKNOWN_QUEUE'
  | 'ACD_UNKNOWN_PRIORITY_CLASS'
  | 'ACD_DUPLICATE_CALL'
  | 'ACD_UNKNOWN_CALL'
  | 'ACD_UNKNOWN_AGENT'
  | 'ACD_WRONG_CALL_STATE'
  | 'ACD_WRONG_AGENT_STATE'
  | 'ACD_CALLBACK_NOT_OFFERED'
  | 'ACD_CALLBACK_TOO_EARLY';
