// What the ACD leader needs to hand its state to the next leader: a checkpoint of the engine and its
// routes, with the id of the last event applied, written by the holder of the lease's epoch. The next
// leader restores it and replays the events after it, so a checkpoint only shortens the replay.

export interface AcdCheckpoint {
  /** The epoch of the lease its writer held. */
  readonly epoch: number;
  /** The id of the last event of the log it includes (`0-0` for none). */
  readonly lastId: string;
  /** The leader's state as JSON text (the engine's snapshot and the calls' PBXs). */
  readonly state: string;
}

export interface AcdCheckpoints {
  load(): Promise<AcdCheckpoint | null>;
  /** Saves it unless a checkpoint of a later epoch is there (a deposed leader's late save): false then. */
  save(checkpoint: AcdCheckpoint): Promise<boolean>;
}
