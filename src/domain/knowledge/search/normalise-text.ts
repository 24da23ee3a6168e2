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

const HAN_RUN = /\p{Script=Han}+/gu;
/** Letters and digits of other scripts (a-z, 0-9, …) make whole words: ETC, 12345, 2025. */
const WORD_RUN = /[\p{L}\p{N}]+/gu;
const HAN = /\p{Script=Han}/u;

export interface TextRun {
  readonly text: string;
  /** Han characters are searched by words, bigrams and single characters; other runs as whole words. */
  readonly han: boolean;
}

/** The runs of searchable characters in normalised text, in order. */
export function textRuns(text: string): TextRun[] {
  const runs: { text: string; han: boolean; at: number }[] = [];
  for (const m of text.matchAll(HAN_RUN)) runs.push({ text: m[0], han: true, at: m.index });
  for (const m of text.replace(HAN_RUN, (m) => ' '.repeat(m.length)).matchAll(WORD_RUN)) runs.push({ text: m[0], han: false, at: m.index });
  return runs.sort((a, b) => a.at - b.at).map(({ text: t, han }) => ({ text: t, han }));
}

/** A word of the segmenter worth indexing: two or more Han characters and nothing else. */
export function isHanWord(word: string): boolean {
  return word.length >= 2 && [...word].every((c) => HAN.test(c));
}
