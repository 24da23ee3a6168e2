// The terms one document is indexed under, with their weights: the segmenter's words, every bigram
// of Han text (so a two-character substring is found even where the segmenter glued it into a longer
// word), single characters with a low weight (one-character queries), and whole non-Han words (ETC,
// 12345). Each field's counts are weighted and length-normalised against a fixed reference length,
// so adding an article never changes the stored values of the others (BM25F with static lengths).
import { isHanWord, textRuns } from './normalise-text.js';

export interface FieldText {
  /** Normalised text (normaliseText). */
  readonly text: string;
  /** The segmenter's words of that text, search mode (long words also give their sub-words). */
  readonly words: readonly string[];
  /** How much a match here counts: the title more than the body. */
  readonly weight: number;
  /** The length this field usually has; longer fields count each match a little less. */
  readonly referenceLength: number;
}

/** What one occurrence is worth, by kind of term. */
export const OCCURRENCE = { word: 1, bigram: 0.5, single: 0.12 } as const;
/** BM25's length normalisation strength. */
const B = 0.6;

/** Term → the document's weighted, length-normalised frequency. */
export function documentTerms(fields: readonly FieldText[]): Map<string, number> {
  const terms = new Map<string, number>();
  for (const field of fields) {
    const norm = field.weight / (1 - B + (B * Math.max(1, field.text.length)) / field.referenceLength);
    const add = (term: string, worth: number): void => void terms.set(term, (terms.get(term) ?? 0) + worth * norm);
    for (const run of textRuns(field.text)) {
      if (!run.han) {
        add(run.text, OCCURRENCE.word);
        continue;
      }
      const chars = [...run.text];
      for (let i = 0; i < chars.length; i += 1) {
        add(chars[i]!, OCCURRENCE.single);
        if (i + 1 < chars.length) add(chars[i]! + chars[i + 1]!, OCCURRENCE.bigram);
      }
    }
    for (const word of field.words) if (isHanWord(word)) add(word, OCCURRENCE.word);
  }
  return terms;
}

/** The Han words of three or more characters: the vocabulary a typo is corrected towards. */
export function vocabularyWords(fields: readonly FieldText[]): string[] {
  const words = new Set<string>();
  for (const field of fields) for (const word of field.words) if (isHanWord(word) && [...word].length >= 3) words.add(word);
  return [...words];
}
