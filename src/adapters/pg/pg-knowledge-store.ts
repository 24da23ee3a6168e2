// The knowledge base on PostgreSQL: the same rules as on SQLite (db/knowledge-store.ts). A step is an
// UPDATE conditional on the status it starts from, and a new version an INSERT that does nothing when
// another server wrote that number first, so concurrent editors get one success and one conflict
// without locks held across requests.
import { and, asc, count, eq, gte, inArray, isNotNull, lt, ne, sql } from 'drizzle-orm';
import type { ArticleVersionRow, KnowledgeRecords, VersionAuthor, VersionWrite } from '../../app/ports/knowledge-records.js';
import type { ArticleFields } from '../../domain/knowledge/article.js';
import type { PlannedStep } from '../../domain/knowledge/article-versions.js';
import { fieldColumns, newestFirst, versionOfRow } from '../db/knowledge-rows.js';
import type { PgDb } from './open-postgres.js';
import { knowledgeArticles, knowledgeArticleVersions as versions } from './schema.js';

const CONFLICT = { ok: false, code: 'KNOWLEDGE_VERSION_CONFLICT' } as const;
const at = (articleId: number, version: number) => and(eq(versions.articleId, articleId), eq(versions.version, version));
/** Rows per INSERT of the seed: well under PostgreSQL's 65535 parameters. */
const SEED_CHUNK = 500;

export class PgKnowledgeStore implements KnowledgeRecords {
  constructor(private readonly db: PgDb) {}

  async create(fields: ArticleFields, status: 'draft' | 'published', author: VersionAuthor): Promise<ArticleVersionRow> {
    return this.db.transaction(async (tx) => {
      const [article] = await tx.insert(knowledgeArticles).values({ ownerUnit: fields.ownerUnit, createdBy: author.by, createdAt: author.at }).returning({ id: knowledgeArticles.id });
      if (!article) throw new Error('article insert returned no row');
      const [row] = await tx.insert(versions).values({ articleId: article.id, version: 1, status, ...fieldColumns(fields, author) }).returning();
      if (!row) throw new Error('version insert returned no row');
      return versionOfRow(row);
    });
  }

  async seed(articles: readonly ArticleFields[], author: VersionAuthor): Promise<number> {
    return this.db.transaction(async (tx) => {
      // Two servers starting at once: the second waits here, then finds the store filled.
      await tx.execute(sql`lock table knowledge_articles in exclusive mode`);
      const [existing] = await tx.select({ n: count() }).from(knowledgeArticles);
      if ((existing?.n ?? 0) > 0) return 0;
      for (let start = 0; start < articles.length; start += SEED_CHUNK) {
        const chunk = articles.slice(start, start + SEED_CHUNK);
        // Ids drawn from the identity's own sequence, so the next article created gets the one after.
        const ids = await tx.execute<{ id: number }>(sql`select nextval(pg_get_serial_sequence('knowledge_articles', 'id'))::integer as id from generate_series(1, ${chunk.length})`);
        const drawn = ids.rows.map((r) => Number(r.id));
        await tx.insert(knowledgeArticles).values(chunk.map((fields, i) => ({ id: drawn[i] ?? 0, ownerUnit: fields.ownerUnit, createdBy: author.by, createdAt: author.at })));
        await tx.insert(versions).values(chunk.map((fields, i) => ({ articleId: drawn[i] ?? 0, version: 1, status: 'published', ...fieldColumns(fields, author) })));
      }
      return articles.length;
    });
  }

  async versions(articleId: number): Promise<ArticleVersionRow[]> {
    return (await this.db.select().from(versions).where(eq(versions.articleId, articleId))).map(versionOfRow).sort(newestFirst);
  }

  async byKeys(keys: readonly { readonly id: number; readonly version: number }[]): Promise<ArticleVersionRow[]> {
    if (keys.length === 0) return [];
    const rows = await this.db.select().from(versions).where(inArray(versions.articleId, [...new Set(keys.map((k) => k.id))]));
    const wanted = new Set(keys.map((k) => `${k.id}:${k.version}`));
    return rows.filter((row) => wanted.has(`${row.articleId}:${row.version}`)).map(versionOfRow);
  }

  async addVersion(articleId: number, version: number, fields: ArticleFields, author: VersionAuthor): Promise<VersionWrite> {
    const [row] = await this.db.insert(versions).values({ articleId, version, status: 'draft', ...fieldColumns(fields, author) }).onConflictDoNothing().returning();
    return row ? { ok: true, row: versionOfRow(row) } : CONFLICT;
  }

  async editDraft(articleId: number, version: number, fields: ArticleFields, author: VersionAuthor): Promise<VersionWrite> {
    const [row] = await this.db.update(versions).set(fieldColumns(fields, author)).where(and(at(articleId, version), eq(versions.status, 'draft'))).returning();
    return row ? { ok: true, row: versionOfRow(row) } : CONFLICT;
  }

  async step(articleId: number, step: PlannedStep, author: VersionAuthor): Promise<VersionWrite> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx
        .update(versions)
        .set({ status: step.to, updatedAt: author.at, ...(author.note === null ? {} : { note: author.note }) })
        .where(and(at(articleId, step.version), eq(versions.status, step.from)))
        .returning();
      if (!row) return CONFLICT;
      if (step.to === 'published') {
        await tx.update(versions).set({ status: 'superseded', updatedAt: author.at }).where(and(eq(versions.articleId, articleId), eq(versions.status, 'published'), ne(versions.version, step.version)));
        await tx.update(knowledgeArticles).set({ ownerUnit: row.ownerUnit }).where(eq(knowledgeArticles.id, articleId));
      }
      return { ok: true, row: versionOfRow(row) } as const;
    });
  }

  async changedSince(since: number): Promise<ArticleVersionRow[]> {
    return (await this.db.select().from(versions).where(gte(versions.updatedAt, since)).orderBy(asc(versions.updatedAt), asc(versions.articleId), asc(versions.version))).map(versionOfRow);
  }

  async expirePast(day: string, when: number): Promise<ArticleVersionRow[]> {
    const rows = await this.db.update(versions).set({ status: 'expired', updatedAt: when }).where(and(eq(versions.status, 'published'), isNotNull(versions.validTo), lt(versions.validTo, day))).returning();
    return rows.map(versionOfRow);
  }

  async count(): Promise<number> {
    const [row] = await this.db.select({ n: count() }).from(knowledgeArticles);
    return Number(row?.n ?? 0);
  }
}
