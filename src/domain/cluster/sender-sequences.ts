// The leader's guard against an event logged twice. A sender whose append timed out cannot know
// whether Redis took it, so it appends it again: the log may hold the same event more than once, one
// copy after the other (a sender appends one event at a time). Each event carries its sender's run
// (unique per process start) and a number that grows by one per event, so the leader applies an event
// only when its number is past the last it applied from that run. Kept in the checkpoint, so a replay
// decides the same; the runs least recently heard from are forgotten past `keep`.
export interface SenderStamp {
  /** The sending process's run: its id and the time it started. */
  readonly run: string;
  /** 1, 2, 3, … per run, in the order the sender appended. */
  readonly seq: number;
}

export class SenderSequences {
  private readonly last: Map<string, number>;

  constructor(saved: Readonly<Record<string, number>> = {}, private readonly keep = 10_000) {
    this.last = new Map(Object.entries(saved));
  }

  /** True (and remembered) when the event is new; false for a copy of one already applied. */
  admit(stamp: SenderStamp): boolean {
    const last = this.last.get(stamp.run) ?? 0;
    if (stamp.seq <= last) return false;
    // Re-inserted so the map's order is the order runs were last heard from.
    this.last.delete(stamp.run);
    this.last.set(stamp.run, stamp.seq);
    if (this.last.size > this.keep) this.last.delete(this.last.keys().next().value as string);
    return true;
  }

  saved(): Record<string, number> {
    return Object.fromEntries(this.last);
  }
}
