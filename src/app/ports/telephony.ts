// What app asks of the phone system, in the hotline's words: answer, play, ring agents, connect. The ari adapter implements it.
import type { DialplanEntry } from '../../domain/calls/dialplan-menus.js';
import type { SpokenSound } from './speech.js';

/** A prompt id (a recorded prompt of the language), or a sound the speech synthesizer made. */
export type PlayableSound = string | SpokenSound;

export interface TelephonyPort {
  answer(channelId: string): Promise<void>;
  /** Plays prompts one after another; their end comes back as one PromptFinished with this playback id. */
  playPrompts(channelId: string, prompts: readonly PlayableSound[], language: string, playbackId: string): Promise<void>;
  /** Whether the playback has begun (or already ended); false when it is still queued or unknown. */
  promptBegun(playbackId: string): Promise<boolean>;
  /** Stops a playback early (a key barged in); already finished is not an error. */
  stopPrompts(playbackId: string): Promise<void>;
  /** Records the caller (a voice message); the end comes back as MessageRecorded for this name. */
  recordMessage(channelId: string, name: string, maxSeconds: number, beep: boolean): Promise<void>;
  /** Music on hold (a class from musiconhold.conf) while the caller waits for an agent. */
  startHold(channelId: string, musicClass: string): Promise<void>;
  /** Stops the music on hold; none playing is not an error. */
  stopHold(channelId: string): Promise<void>;
  /** Marks who holds the call (HOTLINE_QUEUE, HOTLINE_AGENT) where the dialplan, a person or a test caller can see it. */
  markCall(channelId: string, name: string, value: string): Promise<void>;
  hangup(channelId: string): Promise<void>;
  /** Hands the call to a number or unit outside the hotline (the dialplan's transfer context). */
  transfer(channelId: string, destination: string): Promise<void>;
  /** Hands the caller to the plain Asterisk queue of all agents (the dialplan's human fallback). */
  sendToHumanFallback(channelId: string): Promise<void>;
  /** Lets Asterisk run the menus compiled into its dialplan (prototype); the call comes back at the queue. */
  continueIntoMenus(channelId: string, entry: DialplanEntry): Promise<void>;
  /**
   * Lets Asterisk run the survey compiled into its dialplan. The channel's events keep coming
   * (SurveyEnded with the survey's path, then ChannelGone), though it leaves the application.
   */
  continueIntoSurvey(channelId: string, entry: DialplanEntry): Promise<void>;
  /** Rings an agent's phone for a call; answer comes back as AgentLegAnswered, failure as ChannelGone. */
  dialAgent(request: AgentDialRequest): Promise<void>;
  /** Joins the caller and the answering agent in one conversation. */
  connect(callerChannelId: string, agentLegId: string, conversationId: string): Promise<void>;
  /**
   * Records the conversation under recordingName as the leg's party hears and speaks it, until the
   * leg leaves it; with `legId` null, as the caller hears and speaks it, until the conversation ends.
   */
  recordConversation(conversationId: string, callerChannelId: string, recordingName: string, legId: string | null): Promise<void>;
  /** Ends the conversation (the bridge); both sides stay up until hung up separately. */
  disconnect(conversationId: string): Promise<void>;
  /** Rings a citizen back (a callback kept their place); the answer comes back as CallbackAnswered. */
  dialCitizen(request: CitizenDialRequest): Promise<void>;
  /**
   * Places an outbound task's call under the channel id given; its answer comes back as OutboundAnswered,
   * a call that ends unanswered as ChannelGone with the hang-up cause. A live channel of that id is refused.
   */
  dialOutbound(request: OutboundDialRequest): Promise<void>;
  /** Whether a channel still lives (an outbound attempt found unfinished at start-up), and if it was answered. */
  channelLives(channelId: string): Promise<{ readonly lives: false } | { readonly lives: true; readonly answered: boolean }>;
  /** Rings an outside number to join a conversation; the answer comes back as PartyAnswered. */
  dialParty(request: PartyDialRequest): Promise<void>;
  /** Adds a channel (an answered outside party) to a conversation. */
  join(conversationId: string, channelId: string): Promise<void>;
  /** The call's unique id for a channel that arrived without one (adoption after a restart). */
  callIdOf(channelId: string): Promise<string>;
}

export interface AgentDialRequest {
  /** Our id for the agent's leg, chosen before dialing so its events can be routed at once. */
  readonly legId: string;
  readonly callId: string;
  readonly agentId: string;
  /**
   * 'demo': a simulated handset in the dialplan; 'pjsip': the agent's registered softphone; 'line':
   * the agent's line (a call kept open to the browser phone), which takes the call at once; 'trunk':
   * the agent's phone is on another PBX of the cluster, which puts the call through to it.
   */
  readonly phone:
    | { readonly kind: 'demo'; readonly answerAfterSeconds: number | 'never' }
    | { readonly kind: 'pjsip'; readonly endpoint: string }
    | { readonly kind: 'line'; readonly lineId: string }
    | { readonly kind: 'trunk'; readonly pbx: string };
  readonly ringTimeoutSeconds: number;
  /** Shown on the agent's phone display. */
  readonly callerNumber: string;
  /** The recording the conversation gets if the leg answers: the phone system may start it at the answer. */
  readonly recording: string;
}

export interface PartyDialRequest {
  readonly channelId: string;
  readonly callId: string;
  readonly number: string;
  readonly ringTimeoutSeconds: number;
}

export interface OutboundDialRequest {
  readonly channelId: string;
  readonly taskId: string;
  readonly number: string;
  /** The trunk's dial string, `{number}` standing for the number (e.g. PJSIP/{number}@trunk). */
  readonly endpoint: string;
  /** Shown to the called party (the hotline's own number, 12345). */
  readonly callerId: string;
  readonly ringTimeoutSeconds: number;
}

export interface CitizenDialRequest {
  /** Our id for the new channel, chosen before dialing so its events can be routed at once. */
  readonly channelId: string;
  /** The waiting call (in the ACD) this callback belongs to. */
  readonly callId: string;
  readonly agentId: string;
  readonly number: string;
  readonly ringTimeoutSeconds: number;
}
