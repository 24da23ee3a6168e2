// The knowledge search's golden set (fixtures/knowledge/golden-queries.yaml) and what the unit test
// and the benchmark share: the corpus (hand-written + generated articles) indexed as published
// versions, the golden queries walked against any search, top-1 and recall@5 measured.
import fs from 'node:fs';
import { parse } from 'yaml';
import { generateCorpus, loadCorpusSources } from '../../src/adapters/knowledge/generated-corpus.js';
import { loadHotlineWords, loadSeedArticles, loadSynonyms } from '../../src/adapters/knowledge/knowledge-files.js';
import { JiebaSegmenter } from '../../src/adapters/search/jieba-segmenter.js';
import { KnowledgeIndex, segmenterWords } from '../../src/app/knowledge/knowledge-index.js';
import { indexedSeedArticle } from '../../src/app/knowledge/seed-articles.js';
import type { SeedArticle } from '../../src/domain/knowledge/seed-article.js';

export interface GoldenQuery {
  readonly q: string;
  readonly kind: string;
  readonly first?: string;
  readonly top5?: readonly string[];
}

export interface GoldenSet {
  readonly day: string;
  readonly queries: readonly GoldenQuery[];
}

export function loadGoldenSet(file = 'fixtures/knowledge/golden-queries.yaml'): GoldenSet {
  const raw = parse(fs.readFileSync(file, 'utf8')) as { day: string; queries: GoldenQuery[] };
  return { day: raw.day, queries: raw.queries.map((q) => ({ ...q, q: String(q.q) })) };
}

export interface Corpus {
  /** Hand-written first, then generated; an article's id is its position + 1. */
  readonly articles: readonly SeedArticle[];
  readonly idOf: ReadonlyMap<string, number>;
}

export function buildCorpus(generated: number): Corpus {
  const articles = [...loadSeedArticles(), ...generateCorpus(loadCorpusSources(), generated)];
  return { articles, idOf: new Map(articles.map((a, i) => [a.key, i + 1])) };
}

export function buildIndex(corpus: Corpus): KnowledgeIndex {
  const synonyms = loadSynonyms();
  const { taxonomy } = loadCorpusSources();
  const index = new KnowledgeIndex({
    segmenter: JiebaSegmenter.withWords(segmenterWords(synonyms, loadHotlineWords())),
    synonyms,
    categoryName: (code) => taxonomy.byCode.get(code)?.sub.name,
  });
  corpus.articles.forEach((article, i) => index.put(indexedSeedArticle(article, { id: i + 1 })));
  return index;
}

/** A search as the golden set asks it: the words, the day; the first five ids back. */
export type TopFive = (text: string, day: string) => readonly number[];

export interface GoldenOutcome {
  readonly q: string;
  readonly kind: string;
  readonly firstOk: boolean | null;
  readonly found: number;
  readonly expected: number;
  readonly top: readonly string[];
}

export interface GoldenScore {
  /** Queries with a `first` whose first hit is it. */
  readonly top1: number;
  /** Expected articles (first and top5) found among the first five. */
  readonly recall5: number;
  readonly outcomes: readonly GoldenOutcome[];
}

export function scoreGolden(set: GoldenSet, corpus: Corpus, search: TopFive): GoldenScore {
  const keyOf = (id: number): string => corpus.articles[id - 1]?.key ?? `#${id}`;
  const outcomes = set.queries.map((query) => {
    const top = search(query.q, set.day).slice(0, 5).map(keyOf);
    const expected = [...new Set([...(query.first ? [query.first] : []), ...(query.top5 ?? [])])];
    for (const key of expected) if (!corpus.idOf.has(key)) throw new Error(`golden query '${query.q}' names unknown article '${key}'`);
    return {
      q: query.q,
      kind: query.kind,
      firstOk: query.first ? top[0] === query.first : null,
      found: expected.filter((key) => top.includes(key)).length,
      expected: expected.length,
      top,
    };
  });
  const firsts = outcomes.filter((o) => o.firstOk !== null);
  return {
    top1: firsts.filter((o) => o.firstOk).length / firsts.length,
    recall5: outcomes.reduce((s, o) => s + o.found, 0) / outcomes.reduce((s, o) => s + o.expected, 0),
    outcomes,
  };
}

/** The index as a TopFive: an agent's search, valid on the day. */
export function indexTopFive(index: KnowledgeIndex): TopFive {
  return (text, day) => index.search({ audience: 'agents', text, validOn: day, offset: 0, limit: 5 }).hits.map((h) => h.id);
}
