// The knowledge panel's rules that need no page: which articles an agent may be shown today, and the
// quote 「引用此答案」 puts in the work order's description.
import type { ArticleSummary } from '../api-types.js';

/** What the work order quotes of an article. */
export interface ArticleQuote {
  readonly id: number;
  readonly version: number;
  readonly title: string;
  readonly sourceNumber: string | null;
  readonly body: string;
}

/** Whether an agent may be shown the article today (published, within its validity, both ends included). */
export function readableToday(article: Pick<ArticleSummary, 'status' | 'validFrom' | 'validTo'>, today: string): boolean {
  return article.status === 'published' && (article.validFrom === null || article.validFrom <= today) && (article.validTo === null || article.validTo >= today);
}

/** The quote, after `label` (引用知识): title, document number, and the answer's first words on one line. */
export function quoteText(quote: ArticleQuote, label: string, maxChars = 300): string {
  const body = quote.body.replace(/\s+/g, ' ').trim();
  const answer = [...body].length > maxChars ? `${[...body].slice(0, maxChars).join('')}…` : body;
  return `【${label}】${quote.title}${quote.sourceNumber ? `（${quote.sourceNumber}）` : ''}：${answer}`;
}
