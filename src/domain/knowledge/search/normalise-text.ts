// Text normalisation shared by the index and the query, so both sides compare the same characters:
// NFKC (full-width letters, digits and punctuation become half-width), ASCII lower case, control
// characters and broken surrogates become spaces. Also the character classes the search splits on.

export function normaliseText(text: string): string {
  return text
    .replace(/\p{Cs}/gu, ' ')
    .normalize('NFKC')
    .replace(/[\p{Cc}\p{Cf}]/gu, ' ')
    .replace(/[A-Z]/g, (c) => c.toLowerCase());
}

const HAN = /\p{Script=Han}/u;
/** Letters and digits of other scripts (a-z, 0-9, …) make whole words: ETC, 12345, 2025. */
const WORD_CHAR = /[\p{L}\p{N}]/u;

export interface TextRun {
  readonly text: string;
  /** Han characters are searched by words, bigrams and single characters; other runs as whole words. */
  readonly han: boolean;
}

/** The runs of searchable characters in normalised text, in order (one pass: indexing calls it on every body). */
export function textRuns(text: string): TextRun[] {
  const runs: TextRun[] = [];
  let current = '';
  let han = false;
  for (const c of text) {
    const kind = charKind(c);
    if (kind === 'other' || (current !== '' && (kind === 'han') !== han)) {
      if (current !== '') runs.push({ text: current, han });
      current = '';
    }
    if (kind === 'other') continue;
    han = kind === 'han';
    current += c;
  }
  if (current !== '') runs.push({ text: current, han });
  return runs;
}

function charKind(c: string): 'han' | 'word' | 'other' {
  const code = c.charCodeAt(0);
  if (code < 0x80) return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) ? 'word' : 'other';
  if (HAN.test(c)) return 'han';
  return WORD_CHAR.test(c) ? 'word' : 'other';
}

/** A word of the segmenter worth indexing: two or more Han characters and nothing else. */
export function isHanWord(word: string): boolean {
  return word.length >= 2 && [...word].every((c) => HAN.test(c));
}
