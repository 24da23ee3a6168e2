// One-character typo tolerance: a deletion-neighbourhood index of the vocabulary (the Han words of
// three or more characters the articles contain). A typed word finds the words one substitution,
// one missing or one extra character away (公基金 → 公积金) by looking up its own deletions, without
// comparing it with every word.

interface Deletion {
  readonly word: string;
  readonly at: number;
}

export class TypoNeighbours {
  /** How many live documents hold each word; a word at 0 is no longer offered. */
  private readonly counts = new Map<string, number>();
  private readonly deletions = new Map<string, Deletion[]>();

  count(word: string): number {
    return this.counts.get(word) ?? 0;
  }

  add(word: string): void {
    const count = this.counts.get(word);
    this.counts.set(word, (count ?? 0) + 1);
    if (count !== undefined) return;
    const chars = [...word];
    chars.forEach((_, at) => {
      const key = deleteAt(chars, at);
      const list = this.deletions.get(key);
      if (list) list.push({ word, at });
      else this.deletions.set(key, [{ word, at }]);
    });
  }

  drop(word: string): void {
    const count = this.counts.get(word);
    if (count !== undefined && count > 0) this.counts.set(word, count - 1);
  }

  /** Live words one edit away from `typed`, most frequent first. */
  near(typed: string): string[] {
    const chars = [...typed];
    const found = new Set<string>();
    // A character missing from what was typed: typed is one of the word's deletions.
    for (const d of this.deletions.get(typed) ?? []) found.add(d.word);
    chars.forEach((_, at) => {
      const key = deleteAt(chars, at);
      // One extra character typed.
      if (this.count(key) > 0) found.add(key);
      // One character replaced: both lose the same position.
      for (const d of this.deletions.get(key) ?? []) if (d.at === at && d.word !== typed) found.add(d.word);
    });
    return [...found].filter((w) => this.count(w) > 0).sort((a, b) => this.count(b) - this.count(a) || (a < b ? -1 : 1));
  }
}

function deleteAt(chars: readonly string[], at: number): string {
  return chars.slice(0, at).join('') + chars.slice(at + 1).join('');
}
