// The knowledge search the service uses (port KnowledgeSearch): the app's segmenter cuts each
// article's title, body and source into words, and the pure engine indexes and ranks them. One
// index in memory per server, built from the stored versions at start and fed on every change.
import { normaliseText } from '../../domain/knowledge/search/normalise-text.js';
import type { FieldText } from '../../domain/knowledge/search/document-terms.js';
import { SearchEngine } from '../../domain/knowledge/search/search-engine.js';
import { synonymLookup, type SynonymTable } from '../../domain/knowledge/synonyms.js';
import type { ArticleQuery, IndexedArticle, KnowledgeSearch } from '../ports/knowledge-search.js';
import type { WordSegmenter } from '../ports/word-segmenter.js';

export interface KnowledgeIndexOptions {
  readonly segmenter: WordSegmenter;
  readonly synonyms: SynonymTable;
  /** The name of a category code (物业管理 for 0201), indexed with the article; unknown codes add nothing. */
  readonly categoryName?: (code: string) => string | undefined;
}

/** Field weights and the lengths they usually have (BM25F with fixed reference lengths). */
const FIELD = {
  title: { weight: 3, referenceLength: 16 },
  source: { weight: 1.5, referenceLength: 30 },
  body: { weight: 1, referenceLength: 240 },
} as const;

export class KnowledgeIndex implements KnowledgeSearch {
  private readonly engine: SearchEngine;

  constructor(private readonly options: KnowledgeIndexOptions) {
    this.engine = new SearchEngine(synonymLookup(options.synonyms), new Set(options.synonyms.fillers));
  }

  /** How many article versions are indexed (both audiences). */
  get size(): number {
    return this.engine.size;
  }

  put(article: IndexedArticle): void {
    const source = [article.sourceDocument, article.sourceNumber, ...article.categoryCodes.map((code) => this.options.categoryName?.(code))];
    this.engine.put({
      id: article.id,
      version: article.version,
      audience: article.audience,
      categoryCodes: article.categoryCodes,
      kind: article.kind,
      status: article.status,
      ownerUnit: article.ownerUnit,
      validFrom: article.validFrom,
      validTo: article.validTo,
      updatedAt: article.updatedAt,
      passageText: article.body,
      fields: [this.field(article.title, FIELD.title), this.field(source.filter(Boolean).join('。'), FIELD.source), this.field(article.body, FIELD.body)],
    });
  }

  remove(id: number, audience: 'agents' | 'editors'): void {
    this.engine.remove(id, audience);
  }

  search(query: ArticleQuery): ReturnType<KnowledgeSearch['search']> {
    const typed = query.text === undefined ? '' : normaliseText(query.text).trim();
    const text = typed === '' ? undefined : { normalised: typed, words: this.options.segmenter.cutForSearch(typed) };
    const { audience, category, kind, status, ownerUnit, validOn, offset, limit } = query;
    return this.engine.search({ audience, category, kind, status, ownerUnit, validOn, offset, limit, text });
  }

  private field(text: string, shape: { weight: number; referenceLength: number }): FieldText {
    const normalised = normaliseText(text);
    return { text: normalised, words: normalised === '' ? [] : this.options.segmenter.cutForSearch(normalised), ...shape };
  }
}

/**
 * The words the segmenter must keep whole for this index: the hotline's words and every synonym, so
 * an article holding a synonym (社会保险) has it as a term and the query's expansion finds it.
 */
export function segmenterWords(synonyms: SynonymTable, hotlineWords: readonly string[]): string[] {
  return [...new Set([...hotlineWords, ...synonyms.groups.flat()])];
}
