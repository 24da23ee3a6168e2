// Outside parties of a conversation: a responsible unit's number the agent adds for a three-way call
// (三方通话). Each is dialed into the application and joins the conversation's bridge when it answers;
// the agent may then leave and the caller and the unit talk on.
import type { TelephonyPort } from './telephony-port.js';

/** How long an outside number rings before the attempt is given up. */
const PARTY_RING_SECONDS = 30;

export class ConversationParties {
  private readonly dialing = new Map<string, string>();
  private readonly joined = new Map<string, string>();
  private seq = 0;

  constructor(
    private readonly telephony: TelephonyPort,
    private readonly callId: string,
  ) {}

  /** Rings a number; returns the new channel's id, for routing its events to the call. */
  async dial(number: string, onChannel: (channelId: string) => void): Promise<string> {
    this.seq += 1;
    const channelId = `party-${this.seq}-${this.callId}`;
    this.dialing.set(channelId, number);
    onChannel(channelId);
    try {
      await this.telephony.dialParty({ channelId, callId: this.callId, number, ringTimeoutSeconds: PARTY_RING_SECONDS });
    } catch (error) {
      this.dialing.delete(channelId);
      throw error;
    }
    return channelId;
  }

  owns(channelId: string): boolean {
    return this.dialing.has(channelId) || this.joined.has(channelId);
  }

  /** The party answered: into the conversation. Undefined when it is not one we are dialing. */
  async answered(channelId: string, conversationId: string): Promise<string | undefined> {
    const number = this.dialing.get(channelId);
    if (number === undefined) return undefined;
    this.dialing.delete(channelId);
    this.joined.set(channelId, number);
    await this.telephony.join(conversationId, channelId);
    return number;
  }

  /** The party's channel is gone; the number it had, if it was ours. */
  gone(channelId: string): string | undefined {
    const number = this.joined.get(channelId) ?? this.dialing.get(channelId);
    this.joined.delete(channelId);
    this.dialing.delete(channelId);
    return number;
  }

  get inConversation(): number {
    return this.joined.size;
  }

  /** The conversation is over: nobody outside stays on the line or keeps ringing. */
  hangUpAll(): void {
    for (const channelId of [...this.dialing.keys(), ...this.joined.keys()]) void this.telephony.hangup(channelId).catch(() => undefined);
    this.dialing.clear();
    this.joined.clear();
  }
}
