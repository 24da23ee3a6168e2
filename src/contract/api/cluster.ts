// GET /api/cluster: the servers of a cluster, who holds each shared role's lease, and how far behind
// each consumer group of the shared streams is; on a single box only the server answering.
import { Type, type Static } from '@sinclair/typebox';
import { PbxRole } from './health.js';
import { Nullable } from './schema-parts.js';

const Count = Type.Integer({ minimum: 0 });

export const ClusterNode = Type.Object({
  node: Type.String({ description: "The server's id (HOTLINE_NODE_ID; the host name on a single box)" }),
  pbx: Nullable(Type.String({ description: 'The PBX it runs or stands by for; null on a web node and a single box' })),
  pbxRole: PbxRole,
  mayLead: Type.Boolean({ description: 'Whether it may lead the ACD' }),
  url: Type.String({ description: 'Where it listens, as it sees itself' }),
  startedAt: Type.String({ format: 'date-time' }),
});
export type ClusterNode = Static<typeof ClusterNode>;

export const ClusterLease = Type.Object({
  name: Type.String({ description: 'acd-leader, back-office or pbx:<id>' }),
  holder: Nullable(Type.String({ description: 'The server holding it' })),
  held: Type.Boolean({ description: 'Whether anyone holds it now (false: free, a takeover is due)' }),
});

export const ClusterStreamGroup = Type.Object({
  group: Type.String(),
  lag: Nullable(Type.Integer({ minimum: 0, description: 'Entries not handed to the group yet; null when Redis cannot tell' })),
  pending: Type.Integer({ minimum: 0, description: 'Handed to a consumer and not acknowledged yet' }),
  consumers: Count,
});

export const ClusterStream = Type.Object({
  stream: Type.String(),
  length: Count,
  groups: Type.Array(ClusterStreamGroup),
});

export const ClusterReply = Type.Object({
  cluster: Type.Boolean({ description: 'false: a single box (only `node` is given)' }),
  node: ClusterNode,
  nodes: Type.Optional(Type.Array(ClusterNode, { description: 'Every server present (each writes itself every 2 s; gone 10 s after it dies)' })),
  leases: Type.Optional(Type.Array(ClusterLease)),
  streams: Type.Optional(Type.Array(ClusterStream, { description: 'The shared streams that exist' })),
});
export type ClusterReply = Static<typeof ClusterReply>;
