// The articles a screen pop carries (知识推荐): what the knowledge service finds for a call from the
// IVR choice's words and the categories the call suggests, so the agent's panel is filled when the
// phone rings. Only published articles valid on the day are ever suggested.
import type { ArticleSummary } from '../../domain/knowledge/article.js';

export type { ArticleSummary };

export interface ArticleSuggestionRequest {
  /** Words linked to the caller's IVR choices (a menu option's `knowledge`), most recent choice first. */
  readonly words: readonly string[];
  /** Subcategories the call suggests: the IVR choice's, then the caller's recent orders'. */
  readonly categories: readonly string[];
  /** The China calendar day of the call (YYYY-MM-DD). */
  readonly validOn: string;
  readonly limit: number;
}

export interface KnowledgeSuggestions {
  suggest(request: ArticleSuggestionRequest): Promise<readonly ArticleSummary[]>;
}
