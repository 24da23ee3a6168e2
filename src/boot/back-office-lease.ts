// Which server of a cluster runs the back office's database-wide jobs (the tickets' warnings every
// 30 s, the sign-in tokens' purge): the holder of the lease `back-office`. Each server running them
// would write every warning change once per server. Nobody waits on these jobs, so a dead holder is
// replaced within the lease's 10 s, not the 3 s of a PBX or the ACD. On a single box they always run.
import { LeaseHolder } from '../app/cluster/lease-holder.js';
import type { LeaseTally } from '../app/cluster/lease-tally.js';
import type { Leases } from '../app/ports/leases.js';
import { NodeTimers } from '../adapters/clock/node-timers.js';
import type { Logger } from '../logging/logger.js';

export interface BackOfficeTurn {
  /** Whether this server runs the shared jobs now. */
  readonly holding: () => boolean;
  /** Gives the lease up (another server takes it at its next ask). */
  readonly stop: () => Promise<void>;
}

export const BACK_OFFICE_LEASE = 'back-office';
const SETTINGS = { ttlMs: 10_000, renewEveryMs: 3_000, marginMs: 2_000 };

export function backOfficeTurn(cluster: { readonly node: string } | null, leases: Leases | null, logger: Logger, tally?: LeaseTally): BackOfficeTurn {
  if (cluster === null || leases === null) return { holding: () => true, stop: () => Promise.resolve() };
  const timers = new NodeTimers();
  const log = logger.child({ component: 'back-office' });
  const holder = new LeaseHolder({
    leases, timers, now: Date.now, logger: log, name: BACK_OFFICE_LEASE, owner: cluster.node, settings: SETTINGS,
    ...(tally ? { tally } : {}),
    gained: () => log.info('this server runs the back office\'s shared jobs'),
    lost: () => log.warn('another server runs the back office\'s shared jobs now'),
  });
  holder.start();
  return {
    holding: () => holder.holding,
    stop: async () => {
      await holder.stop();
      timers.cancelAll();
    },
  };
}
