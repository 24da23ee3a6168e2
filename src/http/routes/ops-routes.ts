// Operations: GET /metrics for Prometheus (every server, single box too; a bearer token of its own,
// since a scraper does not sign in) and GET /api/cluster for the centre's supervisors and admins.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ClusterUnreadable, type ClusterView } from '../../app/cluster/cluster-view.js';
import { ClusterReply } from '../../contract/api/cluster.js';
import type { Assert, SameShape } from '../../contract/api/same-shape.js';
import { PROMETHEUS_CONTENT_TYPE } from '../../adapters/metrics/prometheus-text.js';
import { allow } from '../auth-guard.js';
import { httpError } from '../http-error.js';
import { binaryReply, replies } from '../route-replies.js';
import type { TypeBoxProvider } from '../typebox-provider.js';

export interface OpsDeps {
  /** The bearer token GET /metrics asks for; '' = open (an internal network only). */
  readonly metricsToken: string;
  /** The exposition now (reads the shared streams' figures in a cluster). */
  readonly exposition: () => Promise<string>;
  /** The cluster as GET /api/cluster answers it (its schema has the same shape). */
  readonly cluster: () => Promise<ClusterView>;
}

// Fastify serializes by the schema: a field of the view the schema lacks would vanish without a word.
export type _ClusterReplyIsTheView = Assert<SameShape<ClusterReply, ClusterView>>;

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

/** Compared through digests of equal length, in constant time: the answer's timing tells nothing of the token. */
function tokenMatches(request: FastifyRequest, expected: string): boolean {
  const header = request.headers.authorization;
  const given = header?.startsWith('Bearer ') ? header.slice(7).trim() : '';
  return given !== '' && timingSafeEqual(digest(given), digest(expected));
}

export function opsRoutes(app: FastifyInstance, deps: OpsDeps): void {
  const metricsSchema = { tags: ['health'], security: deps.metricsToken ? [{ bearer: [] }] : [], response: replies({ 200: binaryReply('Prometheus text exposition 0.0.4', 'text/plain') }, ['METRICS_TOKEN_INVALID'], 'public') };
  app.get('/metrics', { config: { public: true }, schema: metricsSchema }, async (request, reply) => {
    if (deps.metricsToken !== '' && !tokenMatches(request, deps.metricsToken)) {
      void reply.header('www-authenticate', 'Bearer realm="metrics"');
      throw httpError('METRICS_TOKEN_INVALID');
    }
    return reply.type(PROMETHEUS_CONTENT_TYPE).header('cache-control', 'no-store').send(await deps.exposition());
  });

  const clusterSchema = { tags: ['health'], response: replies({ 200: ClusterReply }, ['AUTH_FORBIDDEN', 'CLUSTER_UNAVAILABLE']) };
  app.withTypeProvider<TypeBoxProvider>().get('/api/cluster', { config: allow('ops.cluster'), schema: clusterSchema }, async (request) => {
    try {
      return await deps.cluster();
    } catch (error) {
      if (!(error instanceof ClusterUnreadable)) throw error;
      request.log.warn({ err: error, code: error.code }, 'the cluster view could not be read');
      throw httpError('CLUSTER_UNAVAILABLE');
    }
  });
}
