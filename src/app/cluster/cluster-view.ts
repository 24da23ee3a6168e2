// The cluster as an operator sees it from any server: the servers present, who holds each shared
// role's lease, and how far behind each consumer group of the shared streams is. Read from Redis at
// the request (each command bounded by the client's timeout); a Redis that does not answer makes
// the whole view unreadable rather than half of it silently empty.
import { ACD_AGENTS_STREAM, ACD_EVENTS_STREAM, acdCommandStream } from '../../domain/cluster/acd-messages.js';
import { callRequestStream } from '../../domain/cluster/call-messages.js';
import type { NodePresence, NodePresences, StreamFigures, StreamFigureSource } from '../ports/cluster-status.js';
import type { Leases } from '../ports/leases.js';

export interface LeaseView {
  readonly name: string;
  /** The server holding it now; null: nobody (a takeover is due within the lease's time to live). */
  readonly holder: string | null;
  readonly held: boolean;
}

export interface ClusterView {
  readonly cluster: boolean;
  /** The server answering. */
  readonly node: NodePresence;
  readonly nodes?: readonly NodePresence[];
  readonly leases?: readonly LeaseView[];
  readonly streams?: readonly StreamFigures[];
}

/** Redis did not answer one of the reads (away, or slower than the command timeout). */
export class ClusterUnreadable extends Error {
  readonly code = 'CLUSTER_UNAVAILABLE';
}

/** The streams every cluster has: the ACD's log, its agents' broadcast, and each PBX's commands and call requests. */
export function sharedStreams(pbxs: readonly string[]): string[] {
  return [ACD_EVENTS_STREAM, ...pbxs.flatMap((pbx) => [acdCommandStream(pbx), callRequestStream(pbx)]), ACD_AGENTS_STREAM];
}

export interface ClusterParts {
  readonly presences: NodePresences;
  readonly leases: Pick<Leases, 'holder'>;
  readonly streams: StreamFigureSource;
  /** The leases of the cluster's shared roles (the ACD's, the back office's, each PBX's). */
  readonly leaseNames: readonly string[];
  readonly pbxs: readonly string[];
}

export class ClusterViewer {
  constructor(
    private readonly self: () => NodePresence,
    /** null on a single box. */
    private readonly parts: ClusterParts | null,
  ) {}

  async view(): Promise<ClusterView> {
    const node = this.self();
    const parts = this.parts;
    if (parts === null) return { cluster: false, node };
    try {
      const [nodes, leases, streams] = await Promise.all([
        parts.presences.list(),
        Promise.all(parts.leaseNames.map(async (name) => {
          const holder = await parts.leases.holder(name);
          return { name, holder, held: holder !== null };
        })),
        parts.streams.figures(sharedStreams(parts.pbxs)),
      ]);
      return { cluster: true, node, nodes, leases, streams };
    } catch (error) {
      throw new ClusterUnreadable(`the cluster's state could not be read from Redis: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }

  /** The shared streams' figures alone (for GET /metrics); null on a single box. */
  async streamFigures(): Promise<StreamFigures[] | null> {
    return this.parts ? this.parts.streams.figures(sharedStreams(this.parts.pbxs)) : null;
  }
}
