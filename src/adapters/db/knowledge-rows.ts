// The knowledge tables' rows in app's words, shared by the SQLite and PostgreSQL stores (their rows
// are the same, schema-parity.ts checks it): a status or kind an older or newer server wrote that
// this one does not know reads as the safest word (expired, faq), never as readable by agents.
import type { ArticleVersionRow, VersionAuthor } from '../../app/ports/knowledge-records.js';
import { isArticleKind, isArticleStatus, type ArticleFields } from '../../domain/knowledge/article.js';
import type { knowledgeArticleVersions } from './schema.js';

type VersionRow = typeof knowledgeArticleVersions.$inferSelect;
type VersionInsert = typeof knowledgeArticleVersions.$inferInsert;

export function versionOfRow(row: VersionRow): ArticleVersionRow {
  return { ...row, status: isArticleStatus(row.status) ? row.status : 'expired', kind: isArticleKind(row.kind) ? row.kind : 'faq' };
}

/** The columns an editor's fields fill, with who wrote them. */
export function fieldColumns(fields: ArticleFields, author: VersionAuthor): Omit<VersionInsert, 'articleId' | 'version' | 'status'> {
  return {
    title: fields.title,
    body: fields.body,
    kind: fields.kind,
    categoryCode: fields.categoryCode,
    alsoCategories: [...fields.alsoCategories],
    sourceDocument: fields.sourceDocument,
    sourceNumber: fields.sourceNumber,
    ownerUnit: fields.ownerUnit,
    validFrom: fields.validFrom,
    validTo: fields.validTo,
    reviewDue: fields.reviewDue,
    note: author.note,
    editedBy: author.by,
    editedAt: author.at,
    updatedAt: author.at,
  };
}

/** Newest version first. */
export const newestFirst = (a: ArticleVersionRow, b: ArticleVersionRow): number => b.version - a.version;
