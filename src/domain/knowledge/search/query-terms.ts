// What a query looks for: the typed words, the bigrams of its Han text, the synonyms of any part of
// it (both directions, a little below the typed word) and, for a part no article contains, the words
// one typo away. Each term says which parts of the query ("concepts": the bigram positions, or a whole
// non-Han word) it stands for, so an article matching all of the query ranks above one matching a part.
import { isHanWord, textRuns, type TextRun } from './normalise-text.js';
import type { TypoNeighbours } from './typo-neighbours.js';

export interface QueryTerm {
  readonly term: string;
  readonly weight: number;
  /** Bit mask of the concepts it stands for. */
  readonly concepts: number;
}

export interface QueryPlan {
  readonly terms: readonly QueryTerm[];
  /** How many concept bits are in use (at most 31). */
  readonly conceptCount: number;
}

export interface QueryContext {
  readonly synonyms: ReadonlyMap<string, readonly string[]>;
  readonly typos: TypoNeighbours;
  /** How many documents hold a term (0: none). */
  readonly documentCount: (term: string) => number;
}

export const QUERY_WEIGHT = { word: 1, bigram: 0.5, synonym: 0.85, typo: 0.75 } as const;
const MAX_CONCEPTS = 31;
const LONGEST_SYNONYM = 12;

class PlanBuilder {
  private readonly terms = new Map<string, { weight: number; concepts: number }>();
  concepts = 0;

  /** A bit for the next concept; past 31 they share bits (a very long query). */
  nextConcept(): number {
    const bit = 1 << this.concepts % MAX_CONCEPTS;
    this.concepts += 1;
    return bit;
  }

  add(term: string, weight: number, concepts: number): void {
    const known = this.terms.get(term);
    if (known) this.terms.set(term, { weight: Math.max(known.weight, weight), concepts: known.concepts | concepts });
    else this.terms.set(term, { weight, concepts });
  }

  plan(): QueryPlan {
    const terms = [...this.terms].map(([term, t]) => ({ term, weight: t.weight, concepts: t.concepts }));
    return { terms, conceptCount: Math.min(this.concepts, MAX_CONCEPTS) };
  }
}

/** `text` is normalised; `words` are the segmenter's words of it (search mode). */
export function planQuery(text: string, words: readonly string[], context: QueryContext): QueryPlan {
  const builder = new PlanBuilder();
  for (const run of textRuns(text)) {
    if (run.han) planHanRun(builder, run, words, context);
    else planWord(builder, run, context);
  }
  return builder.plan();
}

function planWord(builder: PlanBuilder, run: TextRun, context: QueryContext): void {
  const bit = builder.nextConcept();
  builder.add(run.text, QUERY_WEIGHT.word, bit);
  for (const other of context.synonyms.get(run.text) ?? []) addExpansion(builder, other, QUERY_WEIGHT.synonym, bit, context);
}

function planHanRun(builder: PlanBuilder, run: TextRun, words: readonly string[], context: QueryContext): void {
  const chars = [...run.text];
  if (chars.length === 1) {
    const bit = builder.nextConcept();
    builder.add(run.text, QUERY_WEIGHT.word, bit);
    for (const other of context.synonyms.get(run.text) ?? []) addExpansion(builder, other, QUERY_WEIGHT.synonym, bit, context);
    return;
  }
  const bits = chars.slice(1).map(() => builder.nextConcept());
  /** The concepts of characters [from, to). */
  const span = (from: number, to: number): number => bits.slice(from, Math.max(from + 1, to - 1)).reduce((a, b) => a | b, 0);
  bits.forEach((bit, i) => builder.add(chars[i]! + chars[i + 1]!, QUERY_WEIGHT.bigram, bit));
  const spans = wordSpans(chars, words);
  for (const s of spans) if (isHanWord(s.word)) builder.add(s.word, QUERY_WEIGHT.word, span(s.from, s.to));
  for (let from = 0; from < chars.length; from += 1) {
    for (let to = from + 1; to <= Math.min(chars.length, from + LONGEST_SYNONYM); to += 1) {
      const others = context.synonyms.get(chars.slice(from, to).join(''));
      for (const other of others ?? []) addExpansion(builder, other, QUERY_WEIGHT.synonym, span(from, to), context);
    }
  }
  planTypos(builder, chars, spans, span, context);
}

interface WordSpan {
  readonly word: string;
  readonly from: number;
  readonly to: number;
}

/** Where each of the segmenter's words sits in the run (every occurrence). */
function wordSpans(chars: readonly string[], words: readonly string[]): WordSpan[] {
  const spans: WordSpan[] = [];
  for (const word of new Set(words)) {
    const w = [...word];
    for (let from = 0; from + w.length <= chars.length; from += 1) {
      if (w.every((c, i) => chars[from + i] === c)) spans.push({ word, from, to: from + w.length });
    }
  }
  return spans;
}

/** Parts of 3 to 5 characters between word boundaries that no article holds: their one-typo neighbours. */
function planTypos(builder: PlanBuilder, chars: readonly string[], spans: readonly WordSpan[], span: (from: number, to: number) => number, context: QueryContext): void {
  const edges = [...new Set([0, chars.length, ...spans.flatMap((s) => [s.from, s.to])])].sort((a, b) => a - b);
  for (const from of edges) {
    for (const to of edges) {
      if (to - from < 3 || to - from > 5) continue;
      const typed = chars.slice(from, to).join('');
      const known = context.typos.count(typed);
      if (known >= 2 || context.synonyms.has(typed)) continue;
      const near = context.typos.near(typed).filter((w) => context.typos.count(w) >= Math.max(2, known * 20));
      for (const word of near.slice(0, 2)) addExpansion(builder, word, QUERY_WEIGHT.typo, span(from, to), context);
    }
  }
}

/**
 * A word standing in for part of the query, when articles hold it as a word. The index's segmenter
 * knows every synonym as a word, so an article holding one has it among its terms; a synonym no
 * article holds adds nothing (its bigrams alone would find unrelated articles: 停车 of 电子不停车收费).
 */
function addExpansion(builder: PlanBuilder, word: string, weight: number, concepts: number, context: QueryContext): void {
  if (context.documentCount(word) > 0) builder.add(word, weight, concepts);
}
