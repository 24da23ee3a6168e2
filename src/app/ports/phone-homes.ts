// Where the agents' phones are in a cluster: each server running a PBX says, every second, which
// agents' phones (line, browser phone, handset) that PBX reaches, with a time to live so a dead
// server's word lapses by itself; every server reads all PBXs' words to put a caller on its own box
// through to an agent whose phone is on another.

export interface PhoneHomeStore {
  /** Writes which agents' phones this PBX reaches now, lapsing after `ttlMs` unless written again. */
  publish(pbx: string, agentIds: readonly string[], ttlMs: number): Promise<void>;
  /** What each of these PBXs last said (a PBX with nothing said, or lapsed, is left out). */
  read(pbxs: readonly string[]): Promise<ReadonlyMap<string, readonly string[]>>;
}
