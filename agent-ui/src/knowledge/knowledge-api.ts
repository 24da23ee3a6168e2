// The knowledge page's calls to /api/knowledge (src/contract/api/knowledge.ts): the list and search,
// one article, the reminders, and the writes (create, a new version, a draft's edit, a review step).
import { api, query } from '../api.js';
import type { ArticleDetail, ArticleReply, ArticleSearchReply, ArticleStepBody, ArticleWriteBody, KnowledgeReminderReply } from '../api-types.js';

const ARTICLES = '/api/knowledge/articles';

/** The list's filters as the form holds them; empty ones are left out of the query. */
export interface ArticleFilters {
  readonly q: string;
  readonly category: string;
  readonly kind: string;
  readonly status: string;
  readonly owner: string;
  readonly offset: number;
  readonly limit: number;
}

export function listArticles(filters: ArticleFilters): Promise<ArticleSearchReply> {
  const { q, category, kind, status, owner, offset, limit } = filters;
  return api<ArticleSearchReply>('GET', `${ARTICLES}${query({ q: q.trim(), category, kind, status, owner, offset, limit })}`);
}

export async function getArticle(id: number): Promise<ArticleDetail> {
  return (await api<ArticleReply>('GET', `${ARTICLES}/${id}`)).article;
}

export function reminders(): Promise<KnowledgeReminderReply> {
  return api<KnowledgeReminderReply>('GET', '/api/knowledge/reminders');
}

export async function createArticle(body: ArticleWriteBody): Promise<ArticleDetail> {
  return (await api<ArticleReply>('POST', ARTICLES, body)).article;
}

/** A new version of a published (or expired) article: a draft, while the published one stays. */
export async function newVersion(id: number, body: ArticleWriteBody): Promise<ArticleDetail> {
  return (await api<ArticleReply>('POST', `${ARTICLES}/${id}/versions`, body)).article;
}

export async function editDraft(id: number, version: number, body: ArticleWriteBody): Promise<ArticleDetail> {
  return (await api<ArticleReply>('PUT', `${ARTICLES}/${id}/versions/${version}`, body)).article;
}

export async function takeStep(id: number, body: ArticleStepBody): Promise<ArticleDetail> {
  return (await api<ArticleReply>('POST', `${ARTICLES}/${id}/steps`, body)).article;
}
