// Finding articles: the search an agent or an editor types (the index answers ids, the store the
// rows), the articles a screen pop suggests (the KnowledgeSuggestions port), and the responsibility
// lists' entries. Agents only ever find published versions valid today; an editor finds the newest
// version of any status (a unit user: of their own unit's articles only, once they ask for a status).
import type { ArticleSuggestionRequest, KnowledgeSuggestions } from '../ports/knowledge-suggestions.js';
import type { ArticleHit, ArticleQuery, KnowledgeSearch } from '../ports/knowledge-search.js';
import type { KnowledgeRecords } from '../ports/knowledge-records.js';
import type { AuthUser } from '../../domain/auth/roles.js';
import { chinaDate } from '../../domain/calendar/china-time.js';
import type { ArticleKind, ArticleStatus, ArticleSummary } from '../../domain/knowledge/article.js';
import { edits, ownerScope } from '../../domain/knowledge/knowledge-access.js';
import type { ResponsibilityList } from '../../domain/knowledge/responsibility-list.js';
import { filterResponsibilities } from '../../domain/knowledge/responsibility-match.js';
import { summaryOf } from './article-views.js';
import type { KnowledgeResult } from './knowledge-service.js';

/** Hits beyond this are not paged through (the contract's offset stops at 1000). */
export const MAX_HITS = 1000;

export interface SearchRequest {
  readonly q?: string;
  readonly category?: string;
  readonly kind?: ArticleKind;
  readonly status?: ArticleStatus;
  readonly owner?: string;
  readonly limit?: number;
  readonly offset?: number;
}

export interface SearchPage {
  readonly items: readonly ArticleSummary[];
  readonly total: number;
  readonly nextOffset: number | null;
}

export class KnowledgeFinder implements KnowledgeSuggestions {
  constructor(private readonly deps: { readonly store: KnowledgeRecords; readonly index: KnowledgeSearch; readonly responsibilities: ResponsibilityList; readonly now: () => number }) {}

  /** An agent asking for a status other than published is refused (AUTH_FORBIDDEN): they read only what is published. */
  async search(request: SearchRequest, user: AuthUser): Promise<KnowledgeResult<SearchPage>> {
    const editor = edits(user) && (user.role !== 'unit' || request.status !== undefined);
    if (!editor && request.status !== undefined && request.status !== 'published') return { ok: false, code: 'AUTH_FORBIDDEN' };
    const scope = editor ? ownerScope(user) : null;
    if (scope !== null && request.owner !== undefined && request.owner !== scope) return { ok: false, code: 'KNOWLEDGE_NOT_YOURS' };
    const limit = request.limit ?? 20;
    const offset = request.offset ?? 0;
    const owner = scope ?? request.owner;
    const query: ArticleQuery = {
      audience: editor ? 'editors' : 'agents',
      ...(request.q === undefined || request.q.trim() === '' ? {} : { text: request.q }),
      ...(request.category === undefined ? {} : { category: request.category }),
      ...(request.kind === undefined ? {} : { kind: request.kind }),
      ...(editor && request.status !== undefined ? { status: request.status } : {}),
      ...(owner === undefined ? {} : { ownerUnit: owner }),
      ...(editor ? {} : { validOn: chinaDate(this.deps.now()) }),
      offset,
      limit,
    };
    const { hits, total } = this.deps.index.search(query);
    const items = await this.rows(hits);
    const reachable = Math.min(total, MAX_HITS);
    return { ok: true, value: { items, total, nextOffset: offset + limit < reachable ? offset + limit : null } };
  }

  /** The pop's articles: the IVR choice's words within the call's categories first, then the words alone, then the categories alone. */
  async suggest(request: ArticleSuggestionRequest): Promise<readonly ArticleSummary[]> {
    const text = request.words.join(' ').trim();
    const base = { audience: 'agents', validOn: request.validOn, offset: 0, limit: request.limit } as const;
    const queries: ArticleQuery[] = [
      ...(text === '' ? [] : request.categories.map((category) => ({ ...base, text, category }))),
      ...(text === '' ? [] : [{ ...base, text }]),
      ...request.categories.map((category) => ({ ...base, category })),
    ];
    const seen = new Set<number>();
    const hits: ArticleHit[] = [];
    for (const query of queries) {
      for (const hit of this.deps.index.search(query).hits) {
        if (hits.length >= request.limit || seen.has(hit.id)) continue;
        seen.add(hit.id);
        hits.push(hit);
      }
      if (hits.length >= request.limit) break;
    }
    return this.rows(hits);
  }

  responsibilities(filter: { readonly q?: string; readonly unit?: string; readonly category?: string; readonly limit?: number }): ReturnType<typeof filterResponsibilities> {
    return filterResponsibilities(this.deps.responsibilities, filter).slice(0, filter.limit ?? 50);
  }

  /** The stored rows of the hits, in the hits' order; a version gone from the store meanwhile is left out. */
  private async rows(hits: readonly ArticleHit[]): Promise<ArticleSummary[]> {
    const rows = await this.deps.store.byKeys(hits.map((hit) => ({ id: hit.id, version: hit.version })));
    const byKey = new Map(rows.map((row) => [`${row.articleId}:${row.version}`, row]));
    return hits.flatMap((hit) => {
      const row = byKey.get(`${hit.id}:${hit.version}`);
      return row ? [summaryOf(row, hit.score, hit.passage)] : [];
    });
  }
}
