// GET /api/metrics: the ARI hops' timings (event delays, request times per route) for operators.
import type { FastifyInstance } from 'fastify';
import { allow } from '../auth-guard.js';
import { MetricsReply } from '../../contract/api/metrics.js';
import { replies } from '../route-replies.js';
import type { TypeBoxProvider } from '../typebox-provider.js';

export function metricsRoutes(app: FastifyInstance, metrics: () => MetricsReply): void {
  const schema = { tags: ['health'], response: replies({ 200: MetricsReply }, ['AUTH_FORBIDDEN']) };
  app.withTypeProvider<TypeBoxProvider>().get('/api/metrics', { config: allow('ops.metrics'), schema }, async () => metrics());
}
