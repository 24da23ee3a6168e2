import type { FastifyInstance } from 'fastify';
import type { AcdService } from '../../app/acd-service.js';

/** GET /api/queues: live figures per queue for the wallboard (waiting, agents by state, service level…). */
export function queueRoutes(app: FastifyInstance, acd: AcdService): void {
  app.get('/api/queues', async () => ({ queues: acd.queueStats() }));
}
