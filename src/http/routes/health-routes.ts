import type { FastifyInstance } from 'fastify';

export interface HealthProbe {
  ari(): boolean;
  ami(): boolean;
  db(): boolean;
}

/** GET /health: 200 when every dependency answers, 503 (degraded) otherwise. */
export function healthRoutes(app: FastifyInstance, probe: HealthProbe): void {
  app.get('/health', { config: { public: true } }, async (_request, reply) => {
    const parts = { ari: probe.ari(), ami: probe.ami(), db: probe.db() };
    const ok = parts.ari && parts.ami && parts.db;
    const body = {
      status: ok ? 'ok' : 'degraded',
      ari: parts.ari ? 'up' : 'down',
      ami: parts.ami ? 'up' : 'down',
      db: parts.db ? 'up' : 'down',
    };
    return reply.status(ok ? 200 : 503).send(body);
  });
}
