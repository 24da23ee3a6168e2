// The knowledge search engine: an in-memory inverted index of documents (their terms come from
// document-terms, the words from the segmenter the app holds) scored by BM25 with the query's
// concept coverage, filtered on the postings, paged, with the best passage of each hit shown.
// A replaced or removed document leaves a dead slot that the postings skip; the postings are
// compacted once a quarter of the slots are dead, so one put or remove stays cheap.
import { bestPassage, type PassageTerm } from './best-passage.js';
import { documentTerms, vocabularyWords, type FieldText } from './document-terms.js';
import { PostingList } from './posting-list.js';
import { planQuery, type QueryPlan } from './query-terms.js';
import { passesFilter, type DocumentFacts, type SearchFilter } from './search-filter.js';
import { TypoNeighbours } from './typo-neighbours.js';

export interface EngineDocument extends DocumentFacts {
  readonly fields: readonly FieldText[];
  /** The text passages are cut from (the body as written). */
  readonly passageText: string;
}

export interface EngineQuery extends SearchFilter {
  /** Normalised text and its words (search mode); absent: newest first. */
  readonly text?: { readonly normalised: string; readonly words: readonly string[] };
  readonly offset: number;
  readonly limit: number;
}

export interface EngineHit {
  readonly id: number;
  readonly version: number;
  readonly score: number | null;
  readonly passage: string | null;
}

const K1 = 1.2;
/** Hits scoring below this share of the best one are left out: they matched a stray character. */
const RELATIVE_FLOOR = 0.12;

interface Stored {
  readonly facts: DocumentFacts;
  readonly passageText: string;
  readonly vocabulary: readonly string[];
}

export class SearchEngine {
  private readonly postings = new Map<string, PostingList>();
  private readonly docs: (Stored | undefined)[] = [];
  private readonly slotOf = new Map<string, number>();
  private readonly typos = new TypoNeighbours();
  private dead = 0;

  constructor(
    private readonly synonyms: ReadonlyMap<string, readonly string[]>,
    private readonly fillers: ReadonlySet<string> = new Set(),
  ) {}

  get size(): number {
    return this.slotOf.size;
  }

  put(doc: EngineDocument): void {
    this.remove(doc.id, doc.audience);
    const slot = this.docs.length;
    const vocabulary = vocabularyWords(doc.fields);
    const { fields: _fields, passageText, ...facts } = doc;
    this.docs.push({ facts, passageText, vocabulary });
    this.slotOf.set(keyOf(doc.id, doc.audience), slot);
    for (const [term, value] of documentTerms(doc.fields)) this.listOf(term).add(slot, value);
    for (const word of vocabulary) this.typos.add(word);
  }

  remove(id: number, audience: 'agents' | 'editors'): void {
    const key = keyOf(id, audience);
    const slot = this.slotOf.get(key);
    if (slot === undefined) return;
    for (const word of this.docs[slot]?.vocabulary ?? []) this.typos.drop(word);
    this.docs[slot] = undefined;
    this.slotOf.delete(key);
    this.dead += 1;
    if (this.dead * 4 > this.slotOf.size && this.dead > 64) this.compact();
  }

  search(query: EngineQuery): { hits: EngineHit[]; total: number } {
    if (query.text === undefined) return this.newest(query);
    const plan = planQuery(query.text.normalised, query.text.words, {
      synonyms: this.synonyms,
      fillers: this.fillers,
      typos: this.typos,
      documentCount: (term) => this.postings.get(term)?.length ?? 0,
    });
    const ranked = this.rank(plan, query);
    const page = ranked.slice(query.offset, query.offset + query.limit);
    const passageTerms = this.passageTerms(plan);
    return {
      total: ranked.length,
      hits: page.map(({ slot, score }) => {
        const doc = this.docs[slot] as Stored;
        return { id: doc.facts.id, version: doc.facts.version, score: round(score), passage: bestPassage(doc.passageText, passageTerms) };
      }),
    };
  }

  private rank(plan: QueryPlan, filter: SearchFilter): { slot: number; score: number }[] {
    const size = this.docs.length;
    const scores = new Float64Array(size);
    const best = new Float64Array(size); // the best term of the current group, per document
    const covered = new Int32Array(size);
    const allowed = new Int8Array(size); // 0: not checked yet, 1: passes, -1: filtered out
    const touched: number[] = [];
    let inGroup: number[] = [];
    const live = Math.max(1, this.slotOf.size);
    const closeGroup = (): void => {
      for (const slot of inGroup) {
        if (scores[slot] === 0) touched.push(slot);
        scores[slot] = (scores[slot] as number) + (best[slot] as number);
        best[slot] = 0;
      }
      inGroup = [];
    };
    plan.terms.forEach((t, n) => {
      if (n > 0 && plan.terms[n - 1]!.group !== t.group) closeGroup();
      const list = this.postings.get(t.term);
      if (!list) return;
      const weight = t.weight * idf(live, list.length);
      for (let i = 0; i < list.length; i += 1) {
        const slot = list.slots[i] as number;
        if (allowed[slot] === 0) allowed[slot] = this.admits(slot, filter) ? 1 : -1;
        if ((allowed[slot] as number) < 0) continue;
        const tf = list.values[i] as number;
        const score = (weight * tf * (K1 + 1)) / (tf + K1);
        if (best[slot] === 0) inGroup.push(slot);
        if (score > (best[slot] as number)) best[slot] = score;
        covered[slot] = (covered[slot] as number) | t.concepts;
      }
    });
    closeGroup();
    const hits = touched.map((slot) => ({ slot, score: (scores[slot] as number) * coverage(covered[slot] as number, plan.conceptCount) }));
    const top = hits.reduce((m, h) => Math.max(m, h.score), 0);
    return hits.filter((h) => h.score > 0 && h.score >= top * RELATIVE_FLOOR).sort((a, b) => b.score - a.score || this.newer(a.slot, b.slot));
  }

  private admits(slot: number, filter: SearchFilter): boolean {
    const doc = this.docs[slot];
    return doc !== undefined && passesFilter(doc.facts, filter);
  }

  private newest(query: EngineQuery): { hits: EngineHit[]; total: number } {
    const slots: number[] = [];
    for (const slot of this.slotOf.values()) if (this.admits(slot, query)) slots.push(slot);
    slots.sort((a, b) => this.newer(a, b));
    const page = slots.slice(query.offset, query.offset + query.limit);
    return { total: slots.length, hits: page.map((slot) => ({ id: this.docs[slot]!.facts.id, version: this.docs[slot]!.facts.version, score: null, passage: null })) };
  }

  /** Newest first; the higher id first on a tie, so the order is stable. */
  private newer(a: number, b: number): number {
    const x = this.docs[a]!.facts;
    const y = this.docs[b]!.facts;
    return y.updatedAt - x.updatedAt || y.id - x.id;
  }

  private passageTerms(plan: QueryPlan): PassageTerm[] {
    const live = Math.max(1, this.slotOf.size);
    return plan.terms.map((t) => ({ term: t.term, worth: t.weight * idf(live, this.postings.get(t.term)?.length ?? 0) }));
  }

  private listOf(term: string): PostingList {
    let list = this.postings.get(term);
    if (!list) {
      list = new PostingList();
      this.postings.set(term, list);
    }
    return list;
  }

  private compact(): void {
    const isDead = (slot: number): boolean => this.docs[slot] === undefined;
    for (const [term, list] of this.postings) {
      list.compact(isDead);
      if (list.length === 0) this.postings.delete(term);
    }
    this.dead = 0;
    // Slots are kept (ids of live documents do not move); only the postings shrink.
  }
}

function keyOf(id: number, audience: string): string {
  return `${audience}:${id}`;
}

function idf(live: number, df: number): number {
  return Math.log(1 + (live - df + 0.5) / (df + 0.5));
}

/** An article holding every part of the query keeps its score; one holding a part keeps less of it. */
function coverage(bits: number, count: number): number {
  if (count <= 1) return 1;
  const share = popCount(bits) / count;
  return 0.2 + 0.8 * share * share;
}

function popCount(bits: number): number {
  let n = 0;
  for (let b = bits; b !== 0; b &= b - 1) n += 1;
  return n;
}

function round(score: number): number {
  return Math.round(score * 1000) / 1000;
}
