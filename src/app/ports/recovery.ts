// What restart recovery asks of the phone system: the legs of calls a previous run left in the application, and how to settle them. The ari adapter implements it.

/** A leg of a call held by the application, with the role and call the dialplan or our dialing gave it. */
export interface CallLeg {
  readonly channelId: string;
  /**
   * `line`: an agent's line. A previous run's is ended (the agent's phone is called anew), unless it
   * carries a conversation a cluster's new holder of the PBX adopts. `supervisor` and `spy`: a
   * monitoring session's phone and spies, hung up (the conversation itself goes on without them).
   */
  readonly role: 'citizen' | 'agent' | 'party' | 'callback' | 'recorder' | 'line' | 'supervisor' | 'spy';
  readonly callId: string;
  /** The agent an agent's leg rings or a line belongs to (its Stasis arguments); null for other roles. */
  readonly agentId: string | null;
  readonly callerNumber: string;
  readonly dialedNumber: string;
  /** When the leg began (epoch ms); NaN when the phone system did not say. */
  readonly startedAt: number;
}

export interface HeldConversation {
  readonly id: string;
  readonly channels: readonly string[];
  /** When the bridge was made (epoch ms); NaN when the phone system did not say. */
  readonly createdAt: number;
}

/** A channel running the dialplan, in no Stasis application, and the context it is in. */
export interface DialplanPlace {
  readonly channelId: string;
  readonly context: string;
}

export interface RecoveryPort {
  /** Every leg in the application right now. */
  channelsInApp(): Promise<CallLeg[]>;
  /** Every channel running the dialplan outside any Stasis application. Absent: not asked (no compiled survey to find). */
  channelsInDialplan?(): Promise<DialplanPlace[]>;
  /** The conversations the phone system still holds (conv-<call id>), with the channels in each. */
  conversations(): Promise<HeldConversation[]>;
  /**
   * A conversation the new server takes on as it is: from now on its bridge's channels and its
   * recorders are this server's to end (the recorders are hung up, and the recorder on the caller's
   * channel stopped, when the conversation ends).
   */
  keepConversation(conversationId: string, channels: readonly string[], recorders: readonly string[], recordedChannel?: string | null): void;
  /**
   * The recording a recorder on the channel itself is writing (its name), or null. Absent on a
   * phone system that records only through recorder channels.
   */
  channelRecording?(channelId: string): Promise<string | null>;
  /** The bridges of monitoring sessions (monitor-<id>) the phone system holds. */
  monitorBridges(): Promise<string[]>;
  /** Ends a bridge that carries no conversation (a monitoring session's). */
  endBridge(bridgeId: string): Promise<void>;
  /** Ends a conversation (the id is ours: conv-<call id>). */
  disconnect(conversationId: string): Promise<void>;
  sendToHumanFallback(channelId: string): Promise<void>;
  hangup(channelId: string): Promise<void>;
}
