// GET /api/queues: live figures per queue for the wallboard (waiting, agents by state, service level…).
import type { FastifyInstance } from 'fastify';
import { allow } from '../auth-guard.js';
import type { Acd } from '../../app/ports/acd.js';
import { QueuesReply } from '../../contract/api/queues.js';
import { replies } from '../route-replies.js';
import type { TypeBoxProvider } from '../typebox-provider.js';

export function queueRoutes(app: FastifyInstance, acd: Acd): void {
  const schema = { tags: ['agents'], response: replies({ 200: QueuesReply }) };
  app.withTypeProvider<TypeBoxProvider>().get('/api/queues', { config: allow('agent.read'), schema }, async () => ({ queues: acd.queueStats() }));
}
