// GET /health: 200 when every dependency answers, 503 (degraded) otherwise; public, for monitors.
import type { FastifyInstance } from 'fastify';
import { HealthReply, type PbxRole } from '../../contract/api/health.js';
import { replies } from '../route-replies.js';
import type { TypeBoxProvider } from '../typebox-provider.js';

export interface HealthProbe {
  ari(): boolean;
  ami(): boolean;
  /** The database answers (a query on PostgreSQL, so it may take a moment). */
  db(): boolean | Promise<boolean>;
  /** What the server does with its PBX (a cluster's standby and web nodes hold no ARI or AMI link, and are healthy without). */
  pbx?(): PbxRole;
}

export function healthRoutes(app: FastifyInstance, probe: HealthProbe): void {
  const schema = { tags: ['health'], response: replies({ 200: HealthReply, 503: HealthReply }, [], 'public') };
  app.withTypeProvider<TypeBoxProvider>().get('/health', { config: { public: true }, schema }, async (_request, reply) => {
    const parts = { ari: probe.ari(), ami: probe.ami(), db: await probe.db(), pbx: probe.pbx?.() ?? 'running' };
    const ok = parts.db && (parts.pbx === 'standby' || parts.pbx === 'none' || (parts.pbx !== 'dropped' && parts.ari && parts.ami));
    const upDown = (up: boolean): 'up' | 'down' => (up ? 'up' : 'down');
    return reply.status(ok ? 200 : 503).send({ status: ok ? 'ok' : 'degraded', ari: upDown(parts.ari), ami: upDown(parts.ami), db: upDown(parts.db), pbx: parts.pbx });
  });
}
