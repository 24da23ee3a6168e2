// What the live calls tell the outbound service of the calls it placed: the registry runs them like any
// call once answered, and hands back their end. The outbound service implements it.

/** A call placed for a task and not answered yet: what the answered call will run. */
export interface RingingOutbound {
  readonly taskId: string;
  readonly flowId: string;
  readonly variables: Readonly<Record<string, string>>;
  readonly number: string;
}

// No instants: the outbound service times its tasks by its own clock (the calls' events carry the
// PBX adapter's), so a task's retries and window are reckoned on one clock.
export interface OutboundCallHooks {
  /** The task a channel of ours rings for, until it is answered or ends; undefined for any other channel. */
  ringing(channelId: string): RingingOutbound | undefined;
  answered(channelId: string): void;
  /** It ended before anyone answered, with Asterisk's hang-up cause. */
  unanswered(channelId: string, cause: number | null): void;
  /** The answered call ended; the flow's variables as they were then. */
  finished(channelId: string, variables: Readonly<Record<string, string>>): void;
}
