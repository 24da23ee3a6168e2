// A cluster's server taking its PBX over when it gains the PBX's lease (boot/pbx-turn.ts): connect
// ARI and AMI, settle the calls the previous holder left as a restarted server does, let the ACD
// know those calls ended, resume measuring their recordings, then carry out the ACD's commands and
// answer the other servers' requests for the PBX's calls. Losing the lease closes the links at once.
import type { AmiClient } from '../adapters/ami/index.js';
import type { AriClient } from '../adapters/ari/ari-client.js';
import { NodeTimers } from '../adapters/clock/node-timers.js';
import type { LeaseTally } from '../app/cluster/lease-tally.js';
import type { Acd } from '../app/ports/acd.js';
import type { CallRecords, CallRow } from '../app/ports/call-records.js';
import type { Leases } from '../app/ports/leases.js';
import type { Logger } from '../logging/logger.js';
import { PbxTurn } from './pbx-turn.js';
import { waitForAri } from './wait-for-ari.js';

/** The PBX's lease: a dead holder is replaced within about 3 s. */
const PBX_LEASE = { ttlMs: 3_000, renewEveryMs: 1_000, marginMs: 500 };

export interface PbxLeaseSettings {
  readonly node: string;
  readonly pbx: string;
  readonly leases: Leases;
  readonly tally: LeaseTally;
  readonly logger: Logger;
}

export interface TakeoverParts {
  readonly calls: Pick<CallRecords, 'listActive'>;
  readonly ari: AriClient;
  readonly ami: AmiClient;
  readonly acd: Pick<Acd, 'tell'>;
  /** Settles the calls the database says the previous holder left (restart recovery). */
  readonly recover: (left: readonly CallRow[]) => Promise<unknown>;
  /** A call this server runs now (a conversation the recovery took on). */
  readonly isLive: (callId: string) => boolean;
  readonly connectTimeoutMs: number;
  readonly resumeRecordings: () => Promise<void>;
  readonly runPbx: () => void;
  readonly serveRequests: () => void;
  /** Outbound task calls through this PBX from now on (its lines, the open tasks). */
  readonly runOutbound: () => Promise<void>;
  /** The lease was lost while running the PBX. */
  readonly lost: () => void;
  readonly logger: Logger;
}

export function runPbxByLease(lease: PbxLeaseSettings, parts: TakeoverParts): PbxTurn {
  const { ari, ami, logger } = parts;
  const turn = new PbxTurn({
    leases: lease.leases, timers: new NodeTimers(), now: Date.now, logger: lease.logger.child({ pbx: lease.pbx }), owner: lease.node, pbx: lease.pbx, lease: PBX_LEASE, tally: lease.tally,
    take: async (stillHeld) => {
      const left = await parts.calls.listActive();
      ari.start();
      ami.start();
      while (!(await waitForAri(ari, parts.connectTimeoutMs))) {
        if (!stillHeld()) return;
        logger.error({ code: 'PBX_UNREACHABLE' }, 'Asterisk does not answer; still trying');
      }
      await parts.recover(left);
      // The ACD outlives the previous holder: the calls it left are let go there too, but for the
      // conversations taken on as they were (their end tells the ACD in time).
      for (const call of left) if (!parts.isLive(call.id)) parts.acd.tell({ type: 'CallEnded', callId: call.id, at: Date.now() });
      // The recordings the previous holder had not measured yet (their files are on this PBX's box).
      await parts.resumeRecordings();
      parts.runPbx();
      parts.serveRequests();
      await parts.runOutbound();
    },
    drop: async () => void (await Promise.all([ari.stop(), ami.stop()])),
    lost: parts.lost,
  });
  turn.start();
  return turn;
}
