// The knowledge base's writes and reads: articles created and edited as versions that go through
// review, each change audited; one article read as its reader may see it; the reminders owners get.
// Search and the pop's suggestions are in knowledge-finder.ts; the index and the heads read from
// are kept by knowledge-mirror.ts.
import type { Logger } from '../../logging/logger.js';
import type { AuditLog } from '../ports/audit-log.js';
import type { ArticleVersionRow, KnowledgeRecords, VersionWrite } from '../ports/knowledge-records.js';
import type { AuthUser } from '../../domain/auth/roles.js';
import { chinaDate } from '../../domain/calendar/china-time.js';
import type { ArticleFields } from '../../domain/knowledge/article.js';
import { checkArticleFields, type FieldRefusal } from '../../domain/knowledge/article-fields.js';
import { reminderFlags, validOn, type ReminderFlag } from '../../domain/knowledge/article-validity.js';
import { editable, newestOf, nextVersion, planStep, publishedOf, type ArticleStep } from '../../domain/knowledge/article-versions.js';
import { edits, mayAct, ownsArticle, reviews, type KnowledgeAct } from '../../domain/knowledge/knowledge-access.js';
import type { Taxonomy } from '../../domain/tickets/categories.js';
import { detailOf, summaryOf, type ArticleDetailView } from './article-views.js';
import type { KnowledgeMirror } from './knowledge-mirror.js';
import type { ArticleSummary } from '../../domain/knowledge/article.js';

export type KnowledgeError =
  | FieldRefusal
  | 'KNOWLEDGE_ARTICLE_NOT_FOUND'
  | 'KNOWLEDGE_VERSION_NOT_FOUND'
  | 'KNOWLEDGE_VERSION_CONFLICT'
  | 'KNOWLEDGE_VERSION_OPEN'
  | 'KNOWLEDGE_STEP_INVALID'
  | 'KNOWLEDGE_NOT_YOURS'
  | 'AUTH_FORBIDDEN';

export type KnowledgeResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly code: KnowledgeError };

export interface KnowledgeServiceDeps {
  readonly store: KnowledgeRecords;
  readonly mirror: KnowledgeMirror;
  readonly audit: AuditLog;
  readonly taxonomy: Taxonomy;
  /** The handling units an article may be owned by (the dispatch rules'). */
  readonly units: ReadonlySet<string>;
  readonly now: () => number;
  readonly logger: Logger;
}

const fail = (code: KnowledgeError) => ({ ok: false, code }) as const;

export class KnowledgeService {
  constructor(private readonly deps: KnowledgeServiceDeps) {}

  today(): string {
    return chinaDate(this.deps.now());
  }

  async create(fields: ArticleFields, user: AuthUser, note: string | null): Promise<KnowledgeResult<ArticleDetailView>> {
    const refused = this.refusal(user, 'write', fields.ownerUnit, fields);
    if (refused) return this.denied(user, 'knowledge.create', 'knowledge:new', refused);
    const row = await this.deps.store.create(fields, 'draft', { by: user.id, at: this.deps.now(), note });
    return this.written(user, 'knowledge.create', { ok: true, row });
  }

  async newVersion(articleId: number, fields: ArticleFields, user: AuthUser, note: string | null): Promise<KnowledgeResult<ArticleDetailView>> {
    const versions = await this.deps.store.versions(articleId);
    if (versions.length === 0) return fail('KNOWLEDGE_ARTICLE_NOT_FOUND');
    const refused = this.refusal(user, 'write', ownerOf(versions), fields);
    if (refused) return this.denied(user, 'knowledge.version', `knowledge:${articleId}`, refused);
    const next = nextVersion(versions);
    if (!next.ok) return fail(next.code);
    return this.written(user, 'knowledge.version', await this.deps.store.addVersion(articleId, next.version, fields, { by: user.id, at: this.deps.now(), note }));
  }

  async editDraft(articleId: number, version: number, fields: ArticleFields, user: AuthUser, note: string | null): Promise<KnowledgeResult<ArticleDetailView>> {
    const versions = await this.deps.store.versions(articleId);
    if (versions.length === 0) return fail('KNOWLEDGE_ARTICLE_NOT_FOUND');
    const refused = this.refusal(user, 'write', ownerOf(versions), fields);
    if (refused) return this.denied(user, 'knowledge.edit', `knowledge:${articleId}`, refused);
    const check = editable(versions, version);
    if (!check.ok) return fail(check.code);
    return this.written(user, 'knowledge.edit', await this.deps.store.editDraft(articleId, version, fields, { by: user.id, at: this.deps.now(), note }));
  }

  async step(articleId: number, version: number, step: ArticleStep, user: AuthUser, note: string | null): Promise<KnowledgeResult<ArticleDetailView>> {
    const versions = await this.deps.store.versions(articleId);
    if (versions.length === 0) return fail('KNOWLEDGE_ARTICLE_NOT_FOUND');
    const refused = this.refusal(user, step, ownerOf(versions), null);
    if (refused) return this.denied(user, `knowledge.${step}`, `knowledge:${articleId}`, refused);
    const plan = planStep(versions, version, step);
    if (!plan.ok) return fail(plan.code);
    return this.written(user, `knowledge.${step}`, await this.deps.store.step(articleId, plan.step, { by: user.id, at: this.deps.now(), note }));
  }

  /** Readers see the published version valid today; editors of the article see the newest and the whole history. */
  async get(articleId: number, user: AuthUser): Promise<KnowledgeResult<ArticleDetailView>> {
    const versions = await this.deps.store.versions(articleId);
    const today = this.today();
    if (versions.length > 0 && this.editsArticle(user, ownerOf(versions))) {
      const newest = newestOf(versions);
      if (newest) return { ok: true, value: detailOf(newest, versions, today) };
    }
    const published = publishedOf(versions);
    if (!published || !validOn(published, today)) return fail('KNOWLEDGE_ARTICLE_NOT_FOUND');
    return { ok: true, value: detailOf(published, [published], today) };
  }

  /** What the user's articles need: the version agents read (or the newest, unpublished) with each flag it raises today. */
  reminders(user: AuthUser): { readonly article: ArticleSummary; readonly flag: ReminderFlag }[] {
    const today = this.today();
    const items: { article: ArticleSummary; flag: ReminderFlag }[] = [];
    for (const versions of this.deps.mirror.articles().values()) {
      const shown = publishedOf(versions) ?? newestOf(versions);
      if (!shown || shown.status === 'superseded' || !this.editsArticle(user, ownerOf(versions))) continue;
      for (const flag of reminderFlags(shown, today)) items.push({ article: summaryOf(shown), flag });
    }
    return items.sort((a, b) => (a.article.validTo ?? '9999').localeCompare(b.article.validTo ?? '9999') || a.article.id - b.article.id);
  }

  /**
   * The back office's daily step: published versions past their valid-to day become expired. It is
   * nobody's act, so it is logged rather than audited; the version keeps when it changed.
   */
  async expirePast(): Promise<number> {
    const rows = await this.deps.store.expirePast(this.today(), this.deps.now());
    for (const row of rows) await this.deps.mirror.reread(row.articleId);
    if (rows.length > 0) this.deps.logger.info({ articles: rows.map((row) => `${row.articleId}/${row.version}`).slice(0, 20), count: rows.length }, 'knowledge articles past their validity marked expired');
    return rows.length;
  }

  private editsArticle(user: AuthUser, ownerUnit: string | null): boolean {
    return reviews(user) || (edits(user) && ownsArticle(user, ownerUnit));
  }

  /** Why the user may not do `act` on an article owned by `ownerUnit` (writing `fields`), or null. */
  private refusal(user: AuthUser, act: KnowledgeAct, ownerUnit: string | null, fields: ArticleFields | null): KnowledgeError | null {
    if (act !== 'write' && act !== 'submit' && !reviews(user)) return 'AUTH_FORBIDDEN';
    // A unit user keeps their article their unit's: they neither take another's nor give theirs away.
    if (!mayAct(user, act, ownerUnit) || (fields !== null && !mayAct(user, act, fields.ownerUnit))) return 'KNOWLEDGE_NOT_YOURS';
    return fields === null ? null : checkArticleFields(fields, this.deps.taxonomy, this.deps.units);
  }

  private async denied(user: AuthUser, action: string, target: string, code: KnowledgeError): Promise<KnowledgeResult<never>> {
    if (code === 'AUTH_FORBIDDEN' || code === 'KNOWLEDGE_NOT_YOURS') await this.deps.audit.write({ at: this.deps.now(), actor: user.id, role: user.role, action, target, result: 'denied', detail: { code } });
    return fail(code);
  }

  private async written(user: AuthUser, action: string, write: VersionWrite): Promise<KnowledgeResult<ArticleDetailView>> {
    if (!write.ok) return fail(write.code);
    const { row } = write;
    await this.deps.audit.write({ at: this.deps.now(), actor: user.id, role: user.role, action, target: `knowledge:${row.articleId}`, result: 'ok', detail: { version: row.version, status: row.status } });
    await this.deps.mirror.reread(row.articleId);
    const versions = await this.deps.store.versions(row.articleId);
    const shown = versions.find((v) => v.version === row.version) ?? row;
    return { ok: true, value: detailOf(shown, versions, this.today()) };
  }
}

/** Whose article it is: the owner of the version agents read, or of the newest while none is published. */
export function ownerOf(versions: readonly ArticleVersionRow[]): string | null {
  return (publishedOf(versions) ?? newestOf(versions))?.ownerUnit ?? null;
}
