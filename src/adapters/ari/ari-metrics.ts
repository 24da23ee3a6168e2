// The ARI (and AMI action) timings of a metrics registry as GET /api/metrics answers them: event delays by type,
// request times by route with the pool each route uses.
import type { MetricsReply } from '../../contract/api/metrics.js';
import type { MetricsRegistry } from '../metrics/metrics-registry.js';
import { poolOf } from './ari-routes.js';

/** The figures of GET /api/metrics that come from the ARI hops and admission control. */
export type AriMetricsFigures = Omit<MetricsReply, 'phoneSockets'>;

export function ariMetrics(registry: MetricsRegistry, since: number, admission: MetricsReply['admission']): AriMetricsFigures {
  const summaries = registry.summaries();
  const figures = ({ count, p50, p90, p99, max }: MetricsReplyFigures): MetricsReplyFigures => ({ count, p50, p90, p99, max });
  return {
    since: new Date(since).toISOString(),
    admission,
    ariEvents: summaries.filter((s) => s.kind === 'ari-event').map((s) => ({ type: s.name, ...figures(s) })),
    ariRequests: summaries.filter((s) => s.kind === 'ari-request').map((s) => ({ route: s.name, pool: poolOf(s.name), ...figures(s), errors: s.errors, timeouts: s.timeouts })),
    amiActions: summaries.filter((s) => s.kind === 'ami-action').map((s) => ({ action: s.name, ...figures(s), errors: s.errors, timeouts: s.timeouts })),
  };
}

type MetricsReplyFigures = Pick<MetricsReply['ariEvents'][number], 'count' | 'p50' | 'p90' | 'p99' | 'max'>;
