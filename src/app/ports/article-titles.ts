// The titles of the knowledge articles an order names as used (首呼解决的依据), for the order's view:
// the order keeps ids and versions; the knowledge base knows what they were called.
import type { ArticleRef } from '../../domain/tickets/used-articles.js';

export interface ArticleTitles {
  /** Each ref's title at that version, in order; null for an article the knowledge base does not know. */
  titlesOf(refs: readonly ArticleRef[]): Promise<readonly (string | null)[]>;
}
