// Cutting Chinese text into words, as the knowledge search needs it: search mode, so a long word
// also gives its sub-words (中华人民共和国 → 中华, 人民, 共和国, …). The index and the query use the
// same segmenter, so both see the same words.

export interface WordSegmenter {
  /** The words of `text` in order, sub-words of long words included; punctuation may come back as words too. */
  cutForSearch(text: string): readonly string[];
}
