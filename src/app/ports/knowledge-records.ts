// What app keeps of the knowledge base: articles and every version of each, on either database. The
// steps of review are conditional writes (the version must still be in the status the step starts
// from), so two editors acting on one version at once get one success and one conflict.
import type { ArticleFields, ArticleStatus } from '../../domain/knowledge/article.js';
import type { PlannedStep } from '../../domain/knowledge/article-versions.js';

export interface ArticleVersionRow extends ArticleFields {
  readonly articleId: number;
  readonly version: number;
  readonly status: ArticleStatus;
  readonly note: string | null;
  readonly editedBy: string;
  readonly editedAt: number;
  /** When the row last changed (a step changes it too): what other servers read changes by. */
  readonly updatedAt: number;
}

/** Who wrote a version, when, and why. */
export interface VersionAuthor {
  readonly by: string;
  readonly at: number;
  readonly note: string | null;
}

export type VersionWrite = { readonly ok: true; readonly row: ArticleVersionRow } | { readonly ok: false; readonly code: 'KNOWLEDGE_VERSION_CONFLICT' };

export interface KnowledgeRecords {
  /** A new article with its version 1 in `status` (draft for an editor; published for the seed). */
  create(fields: ArticleFields, status: 'draft' | 'published', author: VersionAuthor): Promise<ArticleVersionRow>;
  /** Fills an EMPTY store in one transaction, every article published; 0 when it was not empty. */
  seed(articles: readonly ArticleFields[], author: VersionAuthor): Promise<number>;
  /** Every version of the article, newest first; empty when there is no such article. */
  versions(articleId: number): Promise<ArticleVersionRow[]>;
  /** The given versions (for search hits), in no particular order. */
  byKeys(keys: readonly { readonly id: number; readonly version: number }[]): Promise<ArticleVersionRow[]>;
  /** Writes version `version` as a draft; a conflict when another server wrote that number first. */
  addVersion(articleId: number, version: number, fields: ArticleFields, author: VersionAuthor): Promise<VersionWrite>;
  /** Replaces a draft's fields; a conflict when it is no longer a draft. */
  editDraft(articleId: number, version: number, fields: ArticleFields, author: VersionAuthor): Promise<VersionWrite>;
  /** Moves the version as planned (approve also supersedes the published one); a conflict when its status moved meanwhile. */
  step(articleId: number, step: PlannedStep, author: VersionAuthor): Promise<VersionWrite>;
  /** Versions changed at or after `since` (epoch ms), oldest change first. */
  changedSince(since: number): Promise<ArticleVersionRow[]>;
  /** Marks published versions whose valid-to day is before `day` as expired; answers those it marked. */
  expirePast(day: string, at: number): Promise<ArticleVersionRow[]>;
  count(): Promise<number>;
}
