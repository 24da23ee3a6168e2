// The knowledge base on SQLite: articles and every version of each. Writes run in IMMEDIATE
// transactions, and each step is an UPDATE conditional on the status it starts from, so a step on a
// version another request moved meanwhile changes nothing and answers a conflict.
import { and, count, eq, gte, inArray, isNotNull, lt, ne } from 'drizzle-orm';
import type { ArticleVersionRow, KnowledgeRecords, VersionAuthor, VersionWrite } from '../../app/ports/knowledge-records.js';
import type { ArticleFields } from '../../domain/knowledge/article.js';
import type { PlannedStep } from '../../domain/knowledge/article-versions.js';
import { fieldColumns, newestFirst, versionOfRow } from './knowledge-rows.js';
import type { Db } from './open-database.js';
import { knowledgeArticles, knowledgeArticleVersions as versions } from './schema.js';

const CONFLICT = { ok: false, code: 'KNOWLEDGE_VERSION_CONFLICT' } as const;
const at = (articleId: number, version: number) => and(eq(versions.articleId, articleId), eq(versions.version, version));

export class KnowledgeStore implements KnowledgeRecords {
  constructor(private readonly db: Db) {}

  async create(fields: ArticleFields, status: 'draft' | 'published', author: VersionAuthor): Promise<ArticleVersionRow> {
    return this.db.transaction((tx) => {
      const article = tx.insert(knowledgeArticles).values({ ownerUnit: fields.ownerUnit, createdBy: author.by, createdAt: author.at }).returning().get();
      return versionOfRow(tx.insert(versions).values({ articleId: article.id, version: 1, status, ...fieldColumns(fields, author) }).returning().get());
    }, { behavior: 'immediate' });
  }

  async seed(articles: readonly ArticleFields[], author: VersionAuthor): Promise<number> {
    return this.db.transaction((tx) => {
      if ((tx.select({ n: count() }).from(knowledgeArticles).get()?.n ?? 0) > 0) return 0;
      for (const fields of articles) {
        const article = tx.insert(knowledgeArticles).values({ ownerUnit: fields.ownerUnit, createdBy: author.by, createdAt: author.at }).returning({ id: knowledgeArticles.id }).get();
        tx.insert(versions).values({ articleId: article.id, version: 1, status: 'published', ...fieldColumns(fields, author) }).run();
      }
      return articles.length;
    }, { behavior: 'immediate' });
  }

  async versions(articleId: number): Promise<ArticleVersionRow[]> {
    return this.db.select().from(versions).where(eq(versions.articleId, articleId)).all().map(versionOfRow).sort(newestFirst);
  }

  async byKeys(keys: readonly { readonly id: number; readonly version: number }[]): Promise<ArticleVersionRow[]> {
    if (keys.length === 0) return [];
    const rows = this.db.select().from(versions).where(inArray(versions.articleId, [...new Set(keys.map((k) => k.id))])).all();
    const wanted = new Set(keys.map((k) => `${k.id}:${k.version}`));
    return rows.filter((row) => wanted.has(`${row.articleId}:${row.version}`)).map(versionOfRow);
  }

  async addVersion(articleId: number, version: number, fields: ArticleFields, author: VersionAuthor): Promise<VersionWrite> {
    const row = this.db.insert(versions).values({ articleId, version, status: 'draft', ...fieldColumns(fields, author) }).onConflictDoNothing().returning().get();
    return row ? { ok: true, row: versionOfRow(row) } : CONFLICT;
  }

  async editDraft(articleId: number, version: number, fields: ArticleFields, author: VersionAuthor): Promise<VersionWrite> {
    const row = this.db.update(versions).set(fieldColumns(fields, author)).where(and(at(articleId, version), eq(versions.status, 'draft'))).returning().get();
    return row ? { ok: true, row: versionOfRow(row) } : CONFLICT;
  }

  async step(articleId: number, step: PlannedStep, author: VersionAuthor): Promise<VersionWrite> {
    return this.db.transaction((tx) => {
      const row = tx
        .update(versions)
        .set({ status: step.to, updatedAt: author.at, ...(author.note === null ? {} : { note: author.note }) })
        .where(and(at(articleId, step.version), eq(versions.status, step.from)))
        .returning()
        .get();
      if (!row) return CONFLICT;
      if (step.to === 'published') {
        tx.update(versions).set({ status: 'superseded', updatedAt: author.at }).where(and(eq(versions.articleId, articleId), eq(versions.status, 'published'), ne(versions.version, step.version))).run();
        tx.update(knowledgeArticles).set({ ownerUnit: row.ownerUnit }).where(eq(knowledgeArticles.id, articleId)).run();
      }
      return { ok: true, row: versionOfRow(row) } as const;
    }, { behavior: 'immediate' });
  }

  async changedSince(since: number): Promise<ArticleVersionRow[]> {
    return this.db.select().from(versions).where(gte(versions.updatedAt, since)).orderBy(versions.updatedAt, versions.articleId, versions.version).all().map(versionOfRow);
  }

  async expirePast(day: string, when: number): Promise<ArticleVersionRow[]> {
    const past = and(eq(versions.status, 'published'), isNotNull(versions.validTo), lt(versions.validTo, day));
    return this.db.update(versions).set({ status: 'expired', updatedAt: when }).where(past).returning().all().map(versionOfRow);
  }

  async count(): Promise<number> {
    return this.db.select({ n: count() }).from(knowledgeArticles).get()?.n ?? 0;
  }
}
