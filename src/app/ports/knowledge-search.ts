// The knowledge search as app uses it: an index of the article versions agents and editors may find,
// fed by the knowledge service whenever a version is stored, and asked with the words a person typed.
// It answers ids and scores only; the service reads the rows. The index is the same code on every
// database, so SQLite and PostgreSQL give the same answers.

/** What the index needs of one article version. */
export interface IndexedArticle {
  /** The article's id; the index holds at most one version per article and per audience (see `audience`). */
  readonly id: number;
  readonly version: number;
  /** `agents`: the published version agents read; `editors`: the newest version of any status. */
  readonly audience: 'agents' | 'editors';
  readonly title: string;
  readonly body: string;
  /** 来源文件 and its 文号, searched with a weight between title and body (absent: none). */
  readonly sourceDocument?: string | null;
  readonly sourceNumber?: string | null;
  readonly categoryCodes: readonly string[];
  readonly kind: string;
  readonly ownerUnit: string | null;
  readonly status: string;
  /** Calendar days YYYY-MM-DD (China time), or null: open-ended. */
  readonly validFrom: string | null;
  readonly validTo: string | null;
  /** For "newest first" when there is no query. */
  readonly updatedAt: number;
}

export interface ArticleQuery {
  readonly audience: 'agents' | 'editors';
  /** The words typed; absent: every article that passes the filters, newest first. */
  readonly text?: string;
  /** A subcategory (4 digits) or a major (2 digits). */
  readonly category?: string;
  readonly kind?: string;
  readonly status?: string;
  readonly ownerUnit?: string;
  /** For `agents`: only versions valid on this China calendar day. */
  readonly validOn?: string;
  readonly offset: number;
  readonly limit: number;
}

export interface ArticleHit {
  readonly id: number;
  readonly version: number;
  readonly score: number | null;
  /** The passage that matched best (for the snippet), or null. */
  readonly passage: string | null;
}

export interface KnowledgeSearch {
  put(article: IndexedArticle): void;
  remove(id: number, audience: 'agents' | 'editors'): void;
  search(query: ArticleQuery): { readonly hits: readonly ArticleHit[]; readonly total: number };
}
