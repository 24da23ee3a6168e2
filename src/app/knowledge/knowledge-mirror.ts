// Keeps the search index and the article heads this server answers from equal to the store: built
// from every stored version at start, then kept by reading the versions changed since a watermark
// (every few seconds, for other servers' edits, and after each write here). Reading a little before
// the watermark lets a transaction that committed late, or a server whose clock lags, still be seen;
// putting a version twice changes nothing.
import type { Logger } from '../../logging/logger.js';
import type { ArticleVersionRow, KnowledgeRecords } from '../ports/knowledge-records.js';
import type { IndexedArticle, KnowledgeSearch } from '../ports/knowledge-search.js';
import { newestOf, publishedOf } from '../../domain/knowledge/article-versions.js';
import { articleCategories } from '../../domain/knowledge/article.js';

/** How far before the watermark each read starts again. */
const OVERLAP_MS = 30_000;

export class KnowledgeMirror {
  private readonly heads = new Map<number, readonly ArticleVersionRow[]>();
  private watermark = 0;
  private running: Promise<void> | null = null;

  constructor(
    private readonly store: KnowledgeRecords,
    private readonly index: KnowledgeSearch,
    private readonly logger: Logger,
  ) {}

  /** Every article's versions, as last read (newest first). */
  articles(): ReadonlyMap<number, readonly ArticleVersionRow[]> {
    return this.heads;
  }

  /** Reads the changes since the watermark into the index; one read at a time. */
  refresh(): Promise<void> {
    this.running ??= this.readChanges().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** An article written here: its versions read again at once, so the writer finds it. */
  async reread(articleId: number): Promise<void> {
    this.apply(articleId, await this.store.versions(articleId));
  }

  private async readChanges(): Promise<void> {
    const rows = await this.store.changedSince(Math.max(0, this.watermark - OVERLAP_MS));
    const touched = new Map<number, ArticleVersionRow[]>();
    for (const row of rows) {
      this.watermark = Math.max(this.watermark, row.updatedAt);
      // Read again only because of the overlap: already indexed, nothing to do (indexing is the costly part).
      if (this.knows(row)) continue;
      touched.set(row.articleId, [...(touched.get(row.articleId) ?? []), row]);
    }
    for (const [id, changed] of touched) this.apply(id, merge(this.heads.get(id) ?? [], changed));
    if (touched.size > 0) this.logger.debug({ articles: touched.size }, 'knowledge index refreshed');
  }

  private knows(row: ArticleVersionRow): boolean {
    const known = this.heads.get(row.articleId)?.find((v) => v.version === row.version);
    return known !== undefined && known.updatedAt === row.updatedAt && known.status === row.status && known.editedAt === row.editedAt;
  }

  private apply(articleId: number, versions: readonly ArticleVersionRow[]): void {
    const sorted = [...versions].sort((a, b) => b.version - a.version);
    this.heads.set(articleId, sorted);
    const published = publishedOf(sorted);
    if (published) this.index.put(indexed(published, 'agents'));
    else this.index.remove(articleId, 'agents');
    const newest = newestOf(sorted);
    if (newest) this.index.put(indexed(newest, 'editors'));
  }
}

/** The versions known, with the changed ones replacing theirs. */
function merge(known: readonly ArticleVersionRow[], changed: readonly ArticleVersionRow[]): ArticleVersionRow[] {
  const byVersion = new Map(known.map((row) => [row.version, row]));
  for (const row of changed) {
    const before = byVersion.get(row.version);
    if (!before || before.updatedAt <= row.updatedAt) byVersion.set(row.version, row);
  }
  return [...byVersion.values()];
}

function indexed(row: ArticleVersionRow, audience: 'agents' | 'editors'): IndexedArticle {
  return {
    id: row.articleId,
    version: row.version,
    audience,
    title: row.title,
    body: row.body,
    sourceDocument: row.sourceDocument,
    sourceNumber: row.sourceNumber,
    categoryCodes: articleCategories(row),
    kind: row.kind,
    ownerUnit: row.ownerUnit,
    status: row.status,
    validFrom: row.validFrom,
    validTo: row.validTo,
    updatedAt: row.updatedAt,
  };
}
