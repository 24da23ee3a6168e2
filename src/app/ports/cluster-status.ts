// What app needs to show a cluster to its operators: each server's presence (written by the server
// itself, lapsing when it dies) and the figures of the shared streams (length, and each group's lag
// and pending entries). Both are read at a request, each read bounded by Redis's command timeout.

import type { PbxRoleName } from '../../domain/cluster/pbx-roles.js';

export type { PbxRoleName };

export interface NodePresence {
  /** The server's id in the cluster (HOTLINE_NODE_ID). */
  readonly node: string;
  /** The PBX it runs or stands by for; null on a web node. */
  readonly pbx: string | null;
  readonly pbxRole: PbxRoleName;
  /** Whether it may lead the ACD (HOTLINE_ACD_LEAD). */
  readonly mayLead: boolean;
  /** Where it listens (as it sees itself: behind a balancer this is the inner address). */
  readonly url: string;
  /** ISO instant the server started. */
  readonly startedAt: string;
}

export interface NodePresences {
  /** Writes (or rewrites) this server's presence, lapsing after `ttlMs` unless written again. */
  publish(presence: NodePresence, ttlMs: number): Promise<void>;
  /** Takes a server's presence away at once (a clean stop). */
  remove(node: string): Promise<void>;
  /** Every server present now, by id. */
  list(): Promise<NodePresence[]>;
}

export interface StreamGroupFigures {
  readonly group: string;
  /** Entries the group has not been handed yet; null when Redis cannot tell (entries deleted from the middle). */
  readonly lag: number | null;
  /** Entries handed to a consumer and not acknowledged yet. */
  readonly pending: number;
  readonly consumers: number;
}

export interface StreamFigures {
  readonly stream: string;
  readonly length: number;
  readonly groups: readonly StreamGroupFigures[];
}

export interface StreamFigureSource {
  /** The figures of those of `streams` that exist (a stream never written is left out), in the order asked. */
  figures(streams: readonly string[]): Promise<StreamFigures[]>;
}
