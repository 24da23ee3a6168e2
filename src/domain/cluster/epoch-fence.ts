// A worker's guard against a deposed leader: commands carry the epoch of the lease their leader held,
// and once a worker has seen a later epoch, a command of an earlier one is dropped (the old leader
// may still be writing for a moment after the new one took over).
export class EpochFence {
  private highest = 0;

  /** True when a command of this epoch may be carried out (and remembers the epoch). */
  admit(epoch: number): boolean {
    if (epoch < this.highest) return false;
    this.highest = epoch;
    return true;
  }

  get epoch(): number {
    return this.highest;
  }
}
