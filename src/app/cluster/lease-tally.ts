// What this process knows of the leases it competes for: whether it holds each now, and how often it
// gained each since start (each gain after the first is a takeover: a failover this process saw).
// One tally is shared by every lease holder of the process; GET /metrics reads it.

export interface LeaseFigures {
  readonly lease: string;
  readonly held: boolean;
  readonly gained: number;
}

interface Entry {
  readonly holding: () => boolean;
  gained: number;
}

export class LeaseTally {
  private readonly entries = new Map<string, Entry>();

  /** A lease this process competes for from now on; `holding` says whether it holds it now. */
  compete(lease: string, holding: () => boolean): void {
    const known = this.entries.get(lease);
    this.entries.set(lease, { holding, gained: known?.gained ?? 0 });
  }

  gained(lease: string): void {
    const entry = this.entries.get(lease);
    if (entry) entry.gained += 1;
  }

  /** Every lease competed for, by name. */
  figures(): LeaseFigures[] {
    return [...this.entries].map(([lease, entry]) => ({ lease, held: entry.holding(), gained: entry.gained })).sort((a, b) => a.lease.localeCompare(b.lease));
  }
}
