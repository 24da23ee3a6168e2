import type { FastifyInstance } from 'fastify';
import type { Taxonomy } from '../../domain/tickets/categories.js';

/** GET /api/categories: the taxonomy the agent's ticket form and the reports use. */
export function categoryRoutes(app: FastifyInstance, taxonomy: Taxonomy): void {
  app.get('/api/categories', async () => ({ categories: taxonomy.categories }));
}
