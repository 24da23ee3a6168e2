// The knowledge base over HTTP: search and read articles (agents: only published ones valid today;
// asking for another status is refused with AUTH_FORBIDDEN), write them as versions that go through
// review, the reminders of their owners, and the units' responsibility lists.
import type { FastifyInstance } from 'fastify';
import type { KnowledgeFinder } from '../../app/knowledge/knowledge-finder.js';
import type { KnowledgeResult, KnowledgeService } from '../../app/knowledge/knowledge-service.js';
import type { ArticleDetailView } from '../../app/knowledge/article-views.js';
import {
  ArticleParams,
  ArticleReply,
  ArticleSearchQuery,
  ArticleSearchReply,
  ArticleStepBody,
  ArticleVersionParams,
  ArticleWriteBody,
  KnowledgeReminderReply,
  ResponsibilityQuery,
  ResponsibilityReply,
} from '../../contract/api/knowledge.js';
import type { ArticleFields } from '../../domain/knowledge/article.js';
import { allow, userOf } from '../auth-guard.js';
import type { HttpErrorCode } from '../error-catalogue.js';
import { httpError } from '../http-error.js';
import { replies } from '../route-replies.js';
import type { TypeBoxProvider } from '../typebox-provider.js';

export interface KnowledgeRoutesDeps {
  readonly knowledge: { readonly service: KnowledgeService; readonly finder: KnowledgeFinder };
}

const tags = ['knowledge'];
const WRITE_REFUSALS: readonly HttpErrorCode[] = ['REQUEST_INVALID', 'AUTH_FORBIDDEN', 'KNOWLEDGE_NOT_YOURS', 'KNOWLEDGE_CATEGORY_UNKNOWN', 'KNOWLEDGE_UNIT_UNKNOWN', 'KNOWLEDGE_VALIDITY_INVALID'];
const ON_ARTICLE: readonly HttpErrorCode[] = [...WRITE_REFUSALS, 'KNOWLEDGE_ARTICLE_NOT_FOUND', 'KNOWLEDGE_VERSION_NOT_FOUND', 'KNOWLEDGE_VERSION_CONFLICT', 'KNOWLEDGE_STEP_INVALID'];

function answer<T>(result: KnowledgeResult<T>): T {
  if (!result.ok) throw httpError(result.code);
  return result.value;
}

const article = (result: KnowledgeResult<ArticleDetailView>): { article: ArticleDetailView } => ({ article: answer(result) });

function fieldsOf(body: ArticleWriteBody): ArticleFields {
  const { note: _note, alsoCategories, ...fields } = body;
  return { ...fields, alsoCategories: alsoCategories ?? [] };
}

export function knowledgeRoutes(app: FastifyInstance, deps: KnowledgeRoutesDeps): void {
  const api = app.withTypeProvider<TypeBoxProvider>();
  const { service, finder } = deps.knowledge;

  const search = { querystring: ArticleSearchQuery, tags, response: replies({ 200: ArticleSearchReply }, ['REQUEST_INVALID', 'AUTH_FORBIDDEN', 'KNOWLEDGE_NOT_YOURS']) };
  api.get('/api/knowledge/articles', { config: allow('knowledge.read'), schema: search }, async (request) => answer(await finder.search(request.query, userOf(request))));

  const one = { params: ArticleParams, tags, response: replies({ 200: ArticleReply }, ['REQUEST_INVALID', 'KNOWLEDGE_ARTICLE_NOT_FOUND']) };
  api.get('/api/knowledge/articles/:id', { config: allow('knowledge.read'), schema: one }, async (request) => article(await service.get(request.params.id, userOf(request))));

  const create = { body: ArticleWriteBody, tags, response: replies({ 201: ArticleReply }, WRITE_REFUSALS) };
  api.post('/api/knowledge/articles', { config: allow('knowledge.edit'), schema: create }, async (request, reply) => {
    const created = article(await service.create(fieldsOf(request.body), userOf(request), request.body.note ?? null));
    return reply.code(201).send(created);
  });

  const version = { params: ArticleParams, body: ArticleWriteBody, tags, response: replies({ 201: ArticleReply }, [...ON_ARTICLE, 'KNOWLEDGE_VERSION_OPEN']) };
  api.post('/api/knowledge/articles/:id/versions', { config: allow('knowledge.edit'), schema: version }, async (request, reply) => {
    const written = article(await service.newVersion(request.params.id, fieldsOf(request.body), userOf(request), request.body.note ?? null));
    return reply.code(201).send(written);
  });

  const edit = { params: ArticleVersionParams, body: ArticleWriteBody, tags, response: replies({ 200: ArticleReply }, ON_ARTICLE) };
  api.put('/api/knowledge/articles/:id/versions/:version', { config: allow('knowledge.edit'), schema: edit }, async (request) =>
    article(await service.editDraft(request.params.id, request.params.version, fieldsOf(request.body), userOf(request), request.body.note ?? null)),
  );

  // Submitting is a unit's too; approve, reject and withdraw are the reviewers' (AUTH_FORBIDDEN for anyone else).
  const step = { params: ArticleParams, body: ArticleStepBody, tags, response: replies({ 200: ArticleReply }, ON_ARTICLE) };
  api.post('/api/knowledge/articles/:id/steps', { config: allow('knowledge.edit'), schema: step }, async (request) =>
    article(await service.step(request.params.id, request.body.version, request.body.step, userOf(request), request.body.note ?? null)),
  );

  const reminders = { tags, response: replies({ 200: KnowledgeReminderReply }, ['AUTH_FORBIDDEN']) };
  api.get('/api/knowledge/reminders', { config: allow('knowledge.edit'), schema: reminders }, async (request) => ({ items: service.reminders(userOf(request)) }));

  const responsibilities = { querystring: ResponsibilityQuery, tags, response: replies({ 200: ResponsibilityReply }, ['REQUEST_INVALID', 'AUTH_FORBIDDEN']) };
  api.get('/api/knowledge/responsibilities', { config: allow('knowledge.read'), schema: responsibilities }, async (request) => ({ items: finder.responsibilities(request.query) }));
}
