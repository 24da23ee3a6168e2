// GET /api/categories: the taxonomy the agent's ticket form, the reports and the knowledge base use
// (read by whoever reads the knowledge base: its editors and units file articles under it too).
import type { FastifyInstance } from 'fastify';
import { allow } from '../auth-guard.js';
import { CategoriesReply } from '../../contract/api/categories.js';
import type { Taxonomy } from '../../domain/tickets/categories.js';
import { replies } from '../route-replies.js';
import type { TypeBoxProvider } from '../typebox-provider.js';

export function categoryRoutes(app: FastifyInstance, taxonomy: Taxonomy): void {
  const schema = { tags: ['tickets'], response: replies({ 200: CategoriesReply }) };
  app.withTypeProvider<TypeBoxProvider>().get('/api/categories', { config: allow('knowledge.read'), schema }, async () => ({ categories: taxonomy.categories }));
}
