// What app needs to pass events and commands between servers (workers → the ACD leader and back):
// append-only streams read by consumer groups, where a message stays pending until its consumer
// acknowledges it after applying it, so a consumer that dies mid-way leaves its messages to another.

export interface StreamMessage {
  /** The stream's id of the message (ordered within the stream). */
  readonly id: string;
  /** The message as it was appended (JSON text). */
  readonly body: string;
  /** How many times it was handed to a consumer, this time included (1 on first delivery). */
  readonly deliveries: number;
}

export interface MessageStreams {
  /** Appends a message; the stream keeps about `maxLength` of the newest (older ones are trimmed). */
  append(stream: string, body: string, maxLength: number): Promise<string>;
  /**
   * Makes the group if it does not exist, reading from the start of the stream (a log every entry of
   * which matters) or from its end (a broadcast whose past a new reader has no use for).
   */
  ensureGroup(stream: string, group: string, from?: 'start' | 'end'): Promise<void>;
  /** New messages for this consumer, waiting up to `blockMs` for the first. */
  read(stream: string, group: string, consumer: string, max: number, blockMs: number): Promise<StreamMessage[]>;
  /** Messages pending longer than `minIdleMs` (their consumer died or failed), now given to this consumer. */
  reclaim(stream: string, group: string, consumer: string, minIdleMs: number, max: number): Promise<StreamMessage[]>;
  acknowledge(stream: string, group: string, ids: readonly string[]): Promise<void>;
  /** Messages after `afterId` (not included), oldest first, whoever they were handed to (`deliveries` 0). */
  range(stream: string, afterId: string, max: number): Promise<StreamMessage[]>;
  /** How far a group got: the last id it handed out, and the ids handed out but not acknowledged. */
  progress(stream: string, group: string): Promise<GroupProgress>;
}

export interface GroupProgress {
  /** `0-0` when the group (or the stream) does not exist yet. */
  readonly lastDelivered: string;
  readonly pending: readonly string[];
}
