// The knowledge source of a server without a knowledge base: it suggests nothing, so pops carry no articles.
import type { ArticleSuggestionRequest, KnowledgeSuggestions } from '../../app/ports/knowledge-suggestions.js';
import type { PopArticle } from '../../domain/calls/screen-pop.js';

export class NoSuggestions implements KnowledgeSuggestions {
  suggest(request: ArticleSuggestionRequest): Promise<readonly PopArticle[]> {
    void request;
    return Promise.resolve([]);
  }
}
