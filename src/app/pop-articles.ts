// The articles a screen pop carries (知识推荐): asked of the knowledge base with the words of the
// caller's IVR choices and the categories the call suggests. The pop is what the agent needs while
// the phone rings, so the knowledge base gets a short wait: late or failing, the pop goes without.
import { chinaDate } from '../domain/calendar/china-time.js';
import type { PopArticle } from '../domain/calls/screen-pop.js';
import type { Logger } from '../logging/logger.js';
import type { KnowledgeSuggestions } from './ports/knowledge-suggestions.js';
import type { Timers } from './ports/timers.js';

/** At most this many articles on a pop: the panel shows them without scrolling. */
export const POP_ARTICLES = 5;
/** How long a pop waits for its articles: a pop late by this much still reaches the desktop within the first ring. */
export const POP_KNOWLEDGE_WAIT_MS = 300;

export interface PopKnowledge {
  readonly suggestions: KnowledgeSuggestions;
  /** How long a pop waits for the knowledge base before it goes without articles. */
  readonly waitMs: number;
  readonly timers: Timers;
  readonly logger: Logger;
}

export interface PopArticleAsk {
  readonly callId: string;
  /** The IVR choices' words, the latest first. */
  readonly words: readonly string[];
  /** The IVR choice's category first, then the caller's recent orders' (each once). */
  readonly categories: readonly (string | null)[];
  readonly at: number;
}

/** The suggested articles, or none when the knowledge base fails or is slower than `waitMs` (logged). */
export async function popArticles(knowledge: PopKnowledge, ask: PopArticleAsk): Promise<readonly PopArticle[]> {
  const categories = [...new Set(ask.categories.filter((code): code is string => code !== null && /^\d{4}$/.test(code)))];
  if (ask.words.length === 0 && categories.length === 0) return [];
  const request = { words: ask.words, categories, validOn: chinaDate(ask.at), limit: POP_ARTICLES };
  const timer = `pop-articles:${ask.callId}:${ask.at}`;
  const late = new Promise<'late'>((resolve) => knowledge.timers.start(timer, knowledge.waitMs, () => resolve('late')));
  try {
    const answer = await Promise.race([knowledge.suggestions.suggest(request), late]);
    if (answer === 'late') {
      knowledge.logger.warn({ callId: ask.callId, waitMs: knowledge.waitMs }, 'the knowledge base did not suggest articles in time; the pop goes without');
      return [];
    }
    // Whatever the source answers, the pop shows only articles agents may read, and at most 5.
    return answer.filter((article) => article.status === 'published').slice(0, POP_ARTICLES);
  } catch (error) {
    knowledge.logger.warn({ err: error, callId: ask.callId }, 'the knowledge base failed to suggest articles; the pop goes without');
    return [];
  } finally {
    knowledge.timers.cancel(timer);
  }
}
