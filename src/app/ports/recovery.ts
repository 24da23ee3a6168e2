// What restart recovery asks of the phone system: the legs of calls a previous run left in the application, and how to settle them. The ari adapter implements it.

/** A leg of a call held by the application, with the role and call the dialplan or our dialing gave it. */
export interface CallLeg {
  readonly channelId: string;
  /** `line`: an agent's line (a previous run's is ended; the agent's phone is called anew). */
  readonly role: 'citizen' | 'agent' | 'party' | 'callback' | 'recorder' | 'line';
  readonly callId: string;
  readonly callerNumber: string;
  readonly dialedNumber: string;
  /** When the leg began (epoch ms); NaN when the phone system did not say. */
  readonly startedAt: number;
}

export interface RecoveryPort {
  /** Every leg in the application right now. */
  channelsInApp(): Promise<CallLeg[]>;
  /** The conversations the phone system still holds, by id (conv-<call id>). */
  conversationBridges(): Promise<string[]>;
  /** Ends a conversation (the id is ours: conv-<call id>). */
  disconnect(conversationId: string): Promise<void>;
  sendToHumanFallback(channelId: string): Promise<void>;
  hangup(channelId: string): Promise<void>;
}
