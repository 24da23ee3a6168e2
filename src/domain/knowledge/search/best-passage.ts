// The passage of a body that shows why an article matched: the sentence holding the most (and the
// rarest) of the query's terms, cut to a snippet's length around its first match.
import { normaliseText } from './normalise-text.js';

export interface PassageTerm {
  readonly term: string;
  /** How much finding it counts (its query weight times its rarity). */
  readonly worth: number;
}

const SENTENCE_END = /(?<=[。！？；!?;\n])/u;
const SNIPPET_LENGTH = 120;

export function bestPassage(body: string, terms: readonly PassageTerm[]): string | null {
  let best: { sentence: string; score: number; at: number } | null = null;
  for (const sentence of body.split(SENTENCE_END)) {
    const text = sentence.trim();
    if (text === '') continue;
    const normal = normaliseText(text);
    let score = 0;
    let at = -1;
    for (const t of terms) {
      const found = normal.indexOf(t.term);
      if (found < 0) continue;
      score += t.worth;
      if (at < 0 || found < at) at = found;
    }
    if (score > 0 && (best === null || score > best.score)) best = { sentence: text, score, at };
  }
  return best === null ? null : cut(best.sentence, best.at);
}

/** NFKC keeps the length of Han text, so the position found in the normalised text is near enough in the original. */
function cut(sentence: string, at: number): string {
  const chars = [...sentence];
  if (chars.length <= SNIPPET_LENGTH) return sentence;
  const start = Math.max(0, Math.min(at - 20, chars.length - SNIPPET_LENGTH));
  return (start > 0 ? '…' : '') + chars.slice(start, start + SNIPPET_LENGTH).join('') + (start + SNIPPET_LENGTH < chars.length ? '…' : '');
}
