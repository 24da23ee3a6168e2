// The knowledge side of a server without a knowledge base: it suggests nothing, so pops carry no
// articles, and knows no article, so an order's used articles show without titles.
import type { ArticleTitles } from '../../app/ports/article-titles.js';
import type { ArticleSuggestionRequest, KnowledgeSuggestions } from '../../app/ports/knowledge-suggestions.js';
import type { PopArticle } from '../../domain/calls/screen-pop.js';
import type { ArticleRef } from '../../domain/tickets/used-articles.js';

export class NoKnowledgeBase implements KnowledgeSuggestions, ArticleTitles {
  suggest(request: ArticleSuggestionRequest): Promise<readonly PopArticle[]> {
    void request;
    return Promise.resolve([]);
  }

  titlesOf(refs: readonly ArticleRef[]): Promise<readonly (string | null)[]> {
    return Promise.resolve(refs.map(() => null));
  }
}
