// What a query looks for: the typed words, the bigrams of its Han text, the synonyms of any part of
// it (both directions, a little below the typed word) and, for a part no article contains, the words
// one typo away. Each term says which parts of the query ("concepts": the bigram positions, or a whole
// non-Han word) it stands for, so an article matching all of the query ranks above one matching a part,
// and which group of alternatives it belongs to (a word and its synonyms: an article scores the best
// of them, not their sum). Fillers (怎么办, 请问) are searched with a low weight and stand for nothing.
import { isHanWord, textRuns, type TextRun } from './normalise-text.js';
import type { TypoNeighbours } from './typo-neighbours.js';

export interface QueryTerm {
  readonly term: string;
  readonly weight: number;
  /** Bit mask of the concepts it stands for. */
  readonly concepts: number;
  /** Terms of one group are alternatives: an article scores the best of them. */
  readonly group: number;
}

export interface QueryPlan {
  readonly terms: readonly QueryTerm[];
  /** How many concept bits are in use (at most 31). */
  readonly conceptCount: number;
}

export interface QueryContext {
  readonly synonyms: ReadonlyMap<string, readonly string[]>;
  readonly fillers: ReadonlySet<string>;
  readonly typos: TypoNeighbours;
  /** How many documents hold a term (0: none). */
  readonly documentCount: (term: string) => number;
}

export const QUERY_WEIGHT = { word: 1, bigram: 0.5, synonym: 0.85, typo: 0.75, filler: 0.05 } as const;
const MAX_CONCEPTS = 31;
const LONGEST_SYNONYM = 12;
/** The API takes 200 characters; past this the rest of a pasted text adds cost, not meaning. */
const MAX_QUERY_CHARACTERS = 400;

class PlanBuilder {
  private readonly terms = new Map<string, { weight: number; concepts: number; group: number }>();
  concepts = 0;
  private groups = 0;

  newGroup(): number {
    this.groups += 1;
    return this.groups;
  }

  /** A bit for the next concept; past 31 they share bits (a very long query). */
  nextConcept(): number {
    const bit = 1 << this.concepts % MAX_CONCEPTS;
    this.concepts += 1;
    return bit;
  }

  /** A term met twice keeps its first group, its higher weight and both concepts. */
  add(term: string, weight: number, concepts: number, group = this.newGroup()): void {
    const known = this.terms.get(term);
    if (known) this.terms.set(term, { weight: Math.max(known.weight, weight), concepts: known.concepts | concepts, group: known.group });
    else this.terms.set(term, { weight, concepts, group });
  }

  /** Terms ordered by group, so the engine scores one group after the other. */
  plan(): QueryPlan {
    const terms = [...this.terms].map(([term, t]) => ({ term, ...t })).sort((a, b) => a.group - b.group);
    return { terms, conceptCount: Math.min(this.concepts, MAX_CONCEPTS) };
  }
}

/** `text` is normalised; `words` are the segmenter's words of it (search mode). */
export function planQuery(text: string, words: readonly string[], context: QueryContext): QueryPlan {
  const builder = new PlanBuilder();
  for (const run of textRuns([...text].slice(0, MAX_QUERY_CHARACTERS).join(''))) {
    if (run.han) planHanRun(builder, run, words, context);
    else planWord(builder, run, context);
  }
  return builder.plan();
}

function planWord(builder: PlanBuilder, run: TextRun, context: QueryContext): void {
  if (context.fillers.has(run.text)) return builder.add(run.text, QUERY_WEIGHT.filler, 0);
  const bit = builder.nextConcept();
  const group = builder.newGroup();
  builder.add(run.text, QUERY_WEIGHT.word, bit, group);
  for (const other of context.synonyms.get(run.text) ?? []) addExpansion(builder, other, QUERY_WEIGHT.synonym, bit, group, context);
}

function planHanRun(builder: PlanBuilder, run: TextRun, words: readonly string[], context: QueryContext): void {
  const chars = [...run.text];
  if (chars.length === 1) return planWord(builder, run, context);
  const spans = wordSpans(chars, words);
  const filler = fillerCharacters(chars, spans, context.fillers);
  /** A bigram inside the fillers or across their edge stands for nothing. */
  const bits = chars.slice(1).map((_, i) => (filler[i] || filler[i + 1] ? 0 : builder.nextConcept()));
  /** The concepts of characters [from, to). */
  const span = (from: number, to: number): number => bits.slice(from, Math.max(from + 1, to - 1)).reduce((a, b) => a | b, 0);
  planSynonyms(builder, chars, span, context);
  bits.forEach((bit, i) => builder.add(chars[i]! + chars[i + 1]!, bit === 0 ? QUERY_WEIGHT.filler : QUERY_WEIGHT.bigram, bit));
  for (const s of spans) {
    if (!isHanWord(s.word)) continue;
    const isFiller = context.fillers.has(s.word);
    builder.add(s.word, isFiller ? QUERY_WEIGHT.filler : QUERY_WEIGHT.word, isFiller ? 0 : span(s.from, s.to));
  }
  planTypos(builder, chars, spans, span, context);
}

/** Any part of the run that is in the synonym table: itself and the other words of its group, one group. */
function planSynonyms(builder: PlanBuilder, chars: readonly string[], span: (from: number, to: number) => number, context: QueryContext): void {
  for (let from = 0; from < chars.length; from += 1) {
    for (let to = from + 2; to <= Math.min(chars.length, from + LONGEST_SYNONYM); to += 1) {
      const typed = chars.slice(from, to).join('');
      const others = context.synonyms.get(typed);
      if (!others) continue;
      const group = builder.newGroup();
      builder.add(typed, QUERY_WEIGHT.word, span(from, to), group);
      for (const other of others) addExpansion(builder, other, QUERY_WEIGHT.synonym, span(from, to), group, context);
    }
  }
}

/** Which characters belong to a filler word (or are a filler on their own: 了, 吗). */
function fillerCharacters(chars: readonly string[], spans: readonly WordSpan[], fillers: ReadonlySet<string>): boolean[] {
  const filler = chars.map((c) => fillers.has(c));
  for (const s of spans) if (fillers.has(s.word)) for (let i = s.from; i < s.to; i += 1) filler[i] = true;
  // A character inside a longer word that is not a filler keeps its meaning (的 of 目的地).
  for (const s of spans) if (s.to - s.from >= 2 && !fillers.has(s.word)) for (let i = s.from; i < s.to; i += 1) filler[i] = false;
  return filler;
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

/** Parts of 3 to 6 characters between word boundaries that no article holds: their one-typo neighbours. */
function planTypos(builder: PlanBuilder, chars: readonly string[], spans: readonly WordSpan[], span: (from: number, to: number) => number, context: QueryContext): void {
  const edges = [...new Set([0, chars.length, ...spans.flatMap((s) => [s.from, s.to])])].sort((a, b) => a - b);
  edges.forEach((from, i) => {
    for (const to of edges.slice(i + 1)) {
      if (to - from > 6) break;
      if (to - from < 3) continue;
      const typed = chars.slice(from, to).join('');
      const known = context.typos.count(typed);
      if (known >= 2 || context.synonyms.has(typed)) continue;
      const near = context.typos.near(typed).filter((w) => context.typos.count(w) >= Math.max(2, known * 20));
      const group = builder.newGroup();
      for (const word of near.slice(0, 2)) addExpansion(builder, word, QUERY_WEIGHT.typo, span(from, to), group, context);
    }
  });
}

/**
 * A word standing in for part of the query, when articles hold it as a word. The index's segmenter
 * knows every synonym as a word, so an article holding one has it among its terms; a synonym no
 * article holds adds nothing (its bigrams alone would find unrelated articles: 停车 of 电子不停车收费).
 */
function addExpansion(builder: PlanBuilder, word: string, weight: number, concepts: number, group: number, context: QueryContext): void {
  if (context.documentCount(word) > 0) builder.add(word, weight, concepts, group);
}
