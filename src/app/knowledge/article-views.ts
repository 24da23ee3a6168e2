// An article version as the API shows it: the summary of a list or a hit, and the detail of one
// article with its history and the flags its owners are reminded of.
import type { ArticleVersionRow } from '../ports/knowledge-records.js';
import type { ArticleFields, ArticleSummary } from '../../domain/knowledge/article.js';
import { reminderFlags, type ReminderFlag } from '../../domain/knowledge/article-validity.js';
import type { ArticleStatus } from '../../domain/knowledge/article.js';

const SNIPPET_CHARS = 120;

export interface ArticleVersionView {
  readonly version: number;
  readonly status: ArticleStatus;
  readonly title: string;
  readonly editedBy: string;
  readonly editedAt: string;
  readonly note: string | null;
}

export interface ArticleDetailView extends ArticleSummary {
  readonly body: string;
  readonly alsoCategories: readonly string[];
  readonly versions: readonly ArticleVersionView[];
  readonly flags: readonly ReminderFlag[];
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** The first words of the body, on one line: a passage the index found, or the opening. */
export function snippetOf(body: string, passage: string | null): string {
  const text = (passage ?? body).replace(/\s+/g, ' ').trim();
  return text.length > SNIPPET_CHARS ? `${text.slice(0, SNIPPET_CHARS)}…` : text;
}

export function summaryOf(row: ArticleVersionRow, score: number | null = null, passage: string | null = null): ArticleSummary {
  return {
    id: row.articleId,
    version: row.version,
    status: row.status,
    kind: row.kind,
    title: row.title,
    snippet: snippetOf(row.body, passage),
    categoryCode: row.categoryCode,
    sourceDocument: row.sourceDocument,
    sourceNumber: row.sourceNumber,
    ownerUnit: row.ownerUnit,
    validFrom: row.validFrom,
    validTo: row.validTo,
    reviewDue: row.reviewDue,
    updatedAt: iso(row.updatedAt),
    score,
  };
}

/** `shown`: the version the reader sees; `history`: the versions they may know of, newest first. */
export function detailOf(shown: ArticleVersionRow, history: readonly ArticleVersionRow[], today: string): ArticleDetailView {
  return {
    ...summaryOf(shown),
    body: shown.body,
    alsoCategories: [...shown.alsoCategories],
    versions: history.map((v) => ({ version: v.version, status: v.status, title: v.title, editedBy: v.editedBy, editedAt: iso(v.editedAt), note: v.note })),
    flags: reminderFlags(shown, today),
  };
}

/** A row's fields as an editor wrote them. */
export function fieldsOf(row: ArticleVersionRow): ArticleFields {
  const { title, body, kind, categoryCode, sourceDocument, sourceNumber, ownerUnit, validFrom, validTo, reviewDue, alsoCategories } = row;
  return { title, body, kind, categoryCode, sourceDocument, sourceNumber, ownerUnit, validFrom, validTo, reviewDue, alsoCategories };
}
