// The knowledge base (知识库) as the API and the pages see it: articles with their versions and
// validity, the units' responsibility lists (职责清单), and the search over both. One article has
// one id for life; each edit of a published article is a new version (1, 2, …) that goes through
// review again, while the published one stays what agents read.
import { Type, type Static } from '@sinclair/typebox';
import { ARTICLE_KINDS, ARTICLE_STATUSES, type ArticleSummary as DomainSummary } from '../../domain/knowledge/article.js';
import type { Assert, SameShape } from './same-shape.js';
import { Day, IsoTime, literals, Nullable } from './schema-parts.js';

export { ARTICLE_KINDS, ARTICLE_STATUSES, type ArticleKind, type ArticleStatus } from '../../domain/knowledge/article.js';

// A version's status: draft → in-review → published; review may send it back to draft. A published
// version becomes `superseded` when a newer version is published, and `expired` when its valid-to
// day has passed or an editor withdraws it. The kinds are GB/T 44191's (src/domain/knowledge/article.ts).

const UnitId = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });
const Subcategory = Type.String({ pattern: '^\\d{4}$' });
const Text = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });

/** The fields an editor writes; the same on create and on a new version. */
export const ARTICLE_FIELDS = {
  title: Text(200, 1),
  body: Text(20000, 1),
  kind: literals(ARTICLE_KINDS),
  categoryCode: Nullable(Subcategory),
  /** 来源文件 and its number (文号), e.g. 《××市物业管理条例》, ×政发〔2025〕12号. */
  sourceDocument: Nullable(Text(200)),
  sourceNumber: Nullable(Text(100)),
  ownerUnit: Nullable(UnitId),
  validFrom: Nullable(Day),
  validTo: Nullable(Day),
  reviewDue: Nullable(Day),
  /** Subcategories the article also answers (the IVR's and the caller's categories find it). */
  alsoCategories: Type.Optional(Type.Array(Subcategory, { maxItems: 10, uniqueItems: true })),
};

export const ArticleWriteBody = Type.Object({ ...ARTICLE_FIELDS, note: Type.Optional(Nullable(Text(500))) }, { additionalProperties: false });
export type ArticleWriteBody = Static<typeof ArticleWriteBody>;

/** A step of the review: submit (draft → in-review), approve (in-review → published), reject (→ draft), withdraw (published → expired). */
export const ArticleStepBody = Type.Object(
  { version: Type.Integer({ minimum: 1 }), step: literals(['submit', 'approve', 'reject', 'withdraw'] as const), note: Type.Optional(Nullable(Text(500))) },
  { additionalProperties: false },
);
export type ArticleStepBody = Static<typeof ArticleStepBody>;

/** One article as a search hit or a list row. */
export const ArticleSummary = Type.Object({
  id: Type.Integer(),
  version: Type.Integer({ description: 'The version shown: for agents always the published one' }),
  status: literals(ARTICLE_STATUSES),
  kind: literals(ARTICLE_KINDS),
  title: Type.String(),
  /** The first words of the body, or the passage the query matched. */
  snippet: Type.String(),
  categoryCode: Nullable(Type.String()),
  sourceDocument: Nullable(Type.String()),
  sourceNumber: Nullable(Type.String()),
  ownerUnit: Nullable(Type.String()),
  validFrom: Nullable(Day),
  validTo: Nullable(Day),
  reviewDue: Nullable(Day),
  updatedAt: IsoTime,
  /** Relevance of a search hit (higher first); null in a list without a query. */
  score: Nullable(Type.Number()),
});
export type ArticleSummary = Static<typeof ArticleSummary>;
export type _SummaryIsTheDomains = Assert<SameShape<ArticleSummary, DomainSummary>>;

export const ArticleVersionView = Type.Object({
  version: Type.Integer(),
  status: literals(ARTICLE_STATUSES),
  title: Type.String(),
  editedBy: Type.String(),
  editedAt: IsoTime,
  note: Nullable(Type.String()),
});
export type ArticleVersionView = Static<typeof ArticleVersionView>;

export const ArticleDetail = Type.Object({
  ...ArticleSummary.properties,
  body: Type.String(),
  alsoCategories: Type.Array(Type.String()),
  /** Newest first; agents see only the published one's row. */
  versions: Type.Array(ArticleVersionView),
  /** Why an editor should look at it: expired, not yet valid, review due. */
  flags: Type.Array(literals(['expired', 'not-yet-valid', 'review-due', 'expires-soon'] as const)),
});
export type ArticleDetail = Static<typeof ArticleDetail>;

/** The reply of every route answering one article: GET one, create, new version, edit, step. */
export const ArticleReply = Type.Object({ article: ArticleDetail });
export type ArticleReply = Static<typeof ArticleReply>;

export const ArticleParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });
export const ArticleVersionParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }), version: Type.Integer({ minimum: 1, maximum: 1_000_000 }) });

/**
 * GET /api/knowledge/articles: with `q`, hits by relevance (synonyms and word segmentation applied);
 * without, the newest first. Agents only ever get published articles valid today; editors may ask
 * for other statuses (their own unit's, for a unit user).
 */
export const ArticleSearchQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    category: Type.Optional(Type.String({ pattern: '^(\\d{2}|\\d{4})$' })),
    kind: Type.Optional(literals(ARTICLE_KINDS)),
    status: Type.Optional(literals(ARTICLE_STATUSES)),
    owner: Type.Optional(UnitId),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
  },
  { additionalProperties: false },
);
export type ArticleSearchQuery = Static<typeof ArticleSearchQuery>;

export const ArticleSearchReply = Type.Object({
  items: Type.Array(ArticleSummary),
  total: Type.Integer({ description: 'Hits in all (at most 1000 are paged through)' }),
  nextOffset: Nullable(Type.Integer({ description: 'Pass as offset for the next page' })),
});
export type ArticleSearchReply = Static<typeof ArticleSearchReply>;

/** 职责清单: one matter (事项) and who answers for it. */
export const ResponsibilityEntry = Type.Object({
  id: Type.String({ description: 'Stable id from the list, e.g. housing-0201-01' }),
  matter: Type.String(),
  leadUnit: Type.String(),
  assistingUnits: Type.Array(Type.String()),
  basis: Nullable(Type.String({ description: '依据: the law or document that assigns it' })),
  boundary: Nullable(Type.String({ description: '边界: what it does not cover, and who does' })),
  categoryCodes: Type.Array(Type.String()),
  keywords: Type.Array(Type.String()),
});
export type ResponsibilityEntry = Static<typeof ResponsibilityEntry>;

export const ResponsibilityQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    unit: Type.Optional(UnitId),
    category: Type.Optional(Type.String({ pattern: '^(\\d{2}|\\d{4})$' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  },
  { additionalProperties: false },
);
export type ResponsibilityQuery = Static<typeof ResponsibilityQuery>;

export const ResponsibilityReply = Type.Object({ items: Type.Array(ResponsibilityEntry) });
export type ResponsibilityReply = Static<typeof ResponsibilityReply>;

/** An article an agent used to answer on a call (首呼解决的依据), as recorded on the order. */
export const UsedArticle = Type.Object({ id: Type.Integer(), version: Type.Integer(), title: Type.String() });
export type UsedArticle = Static<typeof UsedArticle>;

/** What an editor must look at: their articles expired, not yet valid, expiring within 30 days, or past review. */
export const KnowledgeReminderReply = Type.Object({
  items: Type.Array(Type.Object({ article: ArticleSummary, flag: literals(['expired', 'not-yet-valid', 'review-due', 'expires-soon'] as const) })),
});
export type KnowledgeReminderReply = Static<typeof KnowledgeReminderReply>;
