// Declares the PBX lost when both its links (ARI and AMI) have been down for a while: a box that is
// dead (power, disk, a crashed machine) takes its calls' media with it, and nothing would otherwise
// close those calls until it came back, perhaps never: agents would stay "talking" and the calls
// would have no ticket. One link down alone is not a lost box (ARI's HTTP module, AMI's port), so
// the calls, whose media may well go on, are left alone. When ARI comes back after a declared loss,
// `back` settles whatever Asterisk still holds (a partition, not a death, looks the same from here).
import type { Logger } from '../logging/logger.js';
import type { Timers } from './ports/timers.js';

export type PbxLink = 'ari' | 'ami';

// `stopped`: the server is closing; its own closing of ARI and AMI is not a lost box.
type Phase = { readonly kind: 'watching' } | { readonly kind: 'counting' } | { readonly kind: 'lost' } | { readonly kind: 'stopped' };

export interface PbxLossWatchDeps {
  readonly timers: Timers;
  /** How long both links must stay down; 0: never declared lost. */
  readonly lostAfterMs: number;
  /** The calls and lines this server held on the PBX are gone: close them with their tickets. */
  readonly lost: () => void;
  /** ARI is back after a declared loss: settle what the PBX still holds. */
  readonly back: () => void;
  readonly logger: Logger;
}

const TIMER = 'pbx-loss';

export class PbxLossWatch {
  private phase: Phase = { kind: 'watching' };
  private readonly down = new Set<PbxLink>();

  constructor(private readonly deps: PbxLossWatchDeps) {}

  /** A link that had been up went down (never called for a first connection that failed). */
  linkDown(link: PbxLink): void {
    this.down.add(link);
    if (this.phase.kind !== 'watching' || this.down.size < 2 || this.deps.lostAfterMs === 0) return;
    this.phase = { kind: 'counting' };
    this.deps.timers.start(TIMER, this.deps.lostAfterMs, () => this.declareLost());
  }

  linkUp(link: PbxLink): void {
    this.down.delete(link);
    if (this.phase.kind === 'counting') {
      this.deps.timers.cancel(TIMER);
      this.phase = { kind: 'watching' };
    } else if (this.phase.kind === 'lost' && link === 'ari') {
      this.phase = { kind: 'watching' };
      this.deps.logger.warn({ code: 'PBX_BACK' }, 'the PBX declared lost answers again; settling what it still holds');
      this.deps.back();
    }
  }

  /** For good: links that close after this (the server closing them) arm nothing. */
  stop(): void {
    this.phase = { kind: 'stopped' };
    this.deps.timers.cancel(TIMER);
  }

  private declareLost(): void {
    this.phase = { kind: 'lost' };
    this.deps.logger.error({ code: 'PBX_LOST', downForMs: this.deps.lostAfterMs }, 'the PBX is lost (ARI and AMI down): its calls are closed with their tickets');
    this.deps.lost();
  }
}
