// The knowledge base of one server: its word files, the search index over jieba, the store filled at
// start when empty (the hand-written articles, and generated ones for the demo), the index built from
// the store, other servers' edits read every few seconds, and the daily expiry of articles past their
// valid-to day on the server that runs the database-wide jobs.
import { generateCorpus } from '../adapters/knowledge/generated-corpus.js';
import { loadHotlineWords, loadSeedArticles, loadSynonyms } from '../adapters/knowledge/knowledge-files.js';
import { seedArticleFields } from '../adapters/knowledge/seed-article-fields.js';
import { JiebaSegmenter } from '../adapters/search/jieba-segmenter.js';
import { KnowledgeFinder } from '../app/knowledge/knowledge-finder.js';
import { KnowledgeIndex, segmenterWords } from '../app/knowledge/knowledge-index.js';
import { KnowledgeMirror } from '../app/knowledge/knowledge-mirror.js';
import { KnowledgeService } from '../app/knowledge/knowledge-service.js';
import type { AuditLog } from '../app/ports/audit-log.js';
import type { KnowledgeRecords } from '../app/ports/knowledge-records.js';
import type { Config } from '../config.js';
import type { ArticleFields } from '../domain/knowledge/article.js';
import type { ResponsibilityList } from '../domain/knowledge/responsibility-list.js';
import type { SeedArticle } from '../domain/knowledge/seed-article.js';
import type { Taxonomy } from '../domain/tickets/categories.js';
import type { DispatchRules } from '../domain/tickets/dispatch-rules.js';
import type { Logger } from '../logging/logger.js';
import { readStartupFile } from './startup-file.js';

export interface Knowledge {
  readonly service: KnowledgeService;
  readonly finder: KnowledgeFinder;
  readonly mirror: KnowledgeMirror;
  stop(): void;
}

export interface KnowledgeParts {
  readonly store: KnowledgeRecords;
  readonly audit: AuditLog;
  readonly taxonomy: Taxonomy;
  readonly dispatchRules: DispatchRules;
  readonly responsibilities: ResponsibilityList;
  readonly now: () => number;
  readonly logger: Logger;
  /** Whether this server runs the database-wide jobs now (the back-office lease). */
  readonly shared: () => boolean;
}

const HOUR = 3_600_000;

export async function startKnowledge(config: Pick<Config, 'knowledge'>, parts: KnowledgeParts): Promise<Knowledge> {
  const log = parts.logger.child({ component: 'knowledge' });
  const synonyms = readStartupFile('KNOWLEDGE_FILES_INVALID', 'the synonyms file', () => loadSynonyms());
  const words = readStartupFile('KNOWLEDGE_FILES_INVALID', 'the hotline words file', () => loadHotlineWords());
  const index = new KnowledgeIndex({ segmenter: JiebaSegmenter.withWords(segmenterWords(synonyms, words)), synonyms, categoryName: (code) => parts.taxonomy.byCode.get(code)?.sub.name });
  const mirror = new KnowledgeMirror(parts.store, index, log);
  await seed(config.knowledge.seed, parts, log);
  const began = Date.now();
  await mirror.refresh();
  log.info({ articles: mirror.articles().size, indexed: index.size, ms: Date.now() - began }, 'knowledge index built');
  const service = new KnowledgeService({ store: parts.store, mirror, audit: parts.audit, taxonomy: parts.taxonomy, units: new Set(parts.dispatchRules.unitsById.keys()), now: parts.now, logger: log });
  const finder = new KnowledgeFinder({ store: parts.store, index, responsibilities: parts.responsibilities, now: parts.now });
  const guarded = (what: string, job: () => Promise<unknown>) => (): void => {
    void job().catch((error: unknown) => log.error({ err: error }, `knowledge ${what} failed`));
  };
  const expire = guarded('expiry', () => (parts.shared() ? service.expirePast() : Promise.resolve(0)));
  const timers = [setInterval(guarded('refresh', () => mirror.refresh()), config.knowledge.refreshMs), setInterval(expire, HOUR)];
  for (const timer of timers) timer.unref();
  expire();
  return { service, finder, mirror, stop: () => timers.forEach((timer) => clearInterval(timer)) };
}

/** An empty store gets the configured articles, all published, written by `seed` in one transaction. */
async function seed(setting: Config['knowledge']['seed'], parts: KnowledgeParts, log: Logger): Promise<void> {
  if (setting.kind === 'none' || (await parts.store.count()) > 0) return;
  const articles: SeedArticle[] = [...readStartupFile('KNOWLEDGE_FILES_INVALID', 'the seed articles', () => loadSeedArticles())];
  if (setting.kind === 'generated') articles.push(...generateCorpus({ taxonomy: parts.taxonomy, rules: parts.dispatchRules }, setting.count));
  const fields = articles.map((article): ArticleFields => ({ ...seedArticleFields(article), alsoCategories: [...article.alsoCategories] }));
  const written = await parts.store.seed(fields, { by: 'seed', at: parts.now(), note: null });
  if (written > 0) log.info({ articles: written }, 'empty knowledge base filled');
}
