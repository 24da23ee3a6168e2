// An article of the knowledge base (知识库) in the core's words: its kinds and statuses, the fields an
// editor writes, and the summary a list, a search hit or a screen pop shows. The API contract
// (src/contract/api/knowledge.ts) is checked against these by the compiler.

/** See the contract: draft → in-review → published → superseded / expired. */
export const ARTICLE_STATUSES = ['draft', 'in-review', 'published', 'superseded', 'expired'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

/** What an article is (GB/T 44191 kinds the seeds name). */
export const ARTICLE_KINDS = ['policy', 'guide', 'faq', 'contact'] as const;
export type ArticleKind = (typeof ARTICLE_KINDS)[number];

export function isArticleStatus(value: string): value is ArticleStatus {
  return (ARTICLE_STATUSES as readonly string[]).includes(value);
}

export function isArticleKind(value: string): value is ArticleKind {
  return (ARTICLE_KINDS as readonly string[]).includes(value);
}

/** What an editor writes, the same on every version. Days are China calendar days YYYY-MM-DD. */
export interface ArticleFields {
  readonly title: string;
  readonly body: string;
  readonly kind: ArticleKind;
  readonly categoryCode: string | null;
  readonly sourceDocument: string | null;
  readonly sourceNumber: string | null;
  readonly ownerUnit: string | null;
  readonly validFrom: string | null;
  readonly validTo: string | null;
  readonly reviewDue: string | null;
  readonly alsoCategories: readonly string[];
}

/** The subcategories an article answers, its own first, each once: what search filters and the pop match on. */
export function articleCategories(fields: Pick<ArticleFields, 'categoryCode' | 'alsoCategories'>): string[] {
  const also = fields.alsoCategories.filter((code) => code !== fields.categoryCode);
  return fields.categoryCode === null ? also : [fields.categoryCode, ...also];
}

/** One article as a list row, a search hit or a pop's suggestion: the editor's fields but the body and the extra categories, and where it stands. */
export interface ArticleSummary extends Omit<ArticleFields, 'body' | 'alsoCategories'> {
  readonly id: number;
  readonly version: number;
  readonly status: ArticleStatus;
  readonly snippet: string;
  /** ISO time. */
  readonly updatedAt: string;
  readonly score: number | null;
}
