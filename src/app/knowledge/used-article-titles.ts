// The titles of the articles an order names as used, read from the knowledge store at the versions
// the agent quoted (an edit since does not rename what was used). Unknown ones answer null.
import type { ArticleRef } from '../../domain/tickets/used-articles.js';
import type { ArticleTitles } from '../ports/article-titles.js';
import type { KnowledgeRecords } from '../ports/knowledge-records.js';

export class UsedArticleTitles implements ArticleTitles {
  constructor(private readonly store: Pick<KnowledgeRecords, 'byKeys'>) {}

  async titlesOf(refs: readonly ArticleRef[]): Promise<readonly (string | null)[]> {
    if (refs.length === 0) return [];
    const rows = await this.store.byKeys(refs);
    const titles = new Map(rows.map((row) => [`${row.articleId}:${row.version}`, row.title]));
    return refs.map((ref) => titles.get(`${ref.id}:${ref.version}`) ?? null);
  }
}
