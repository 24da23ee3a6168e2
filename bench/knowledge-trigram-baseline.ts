// The baseline the knowledge search is measured against: a plain substring/trigram match with no
// segmentation, synonyms or typo tolerance, ranked by how many of the query's trigrams (or, for a
// query under three characters, occurrences of the query) an article's title and body hold.
import { normaliseText } from '../src/domain/knowledge/search/normalise-text.js';
import type { SeedArticle } from '../src/domain/knowledge/seed-article.js';

export class TrigramBaseline {
  private readonly texts: string[];
  private readonly trigrams = new Map<string, number[]>();

  constructor(private readonly articles: readonly SeedArticle[]) {
    this.texts = articles.map((a) => normaliseText(`${a.title}\n${a.body}`));
    this.texts.forEach((text, i) => {
      for (const gram of new Set(trigramsOf(text))) {
        const list = this.trigrams.get(gram);
        if (list) list.push(i);
        else this.trigrams.set(gram, [i]);
      }
    });
  }

  /** Ids (position + 1) of the first `limit` articles valid on `day`. */
  search(query: string, day: string, limit: number): number[] {
    const q = normaliseText(query).replace(/\s+/g, '');
    const counts = new Map<number, number>();
    const grams = trigramsOf(q);
    if (grams.length === 0) this.texts.forEach((text, i) => (q !== '' && text.includes(q) ? counts.set(i, text.split(q).length - 1) : undefined));
    for (const gram of new Set(grams)) for (const i of this.trigrams.get(gram) ?? []) counts.set(i, (counts.get(i) ?? 0) + 1);
    return [...counts]
      .filter(([i]) => this.validOn(i, day))
      .sort((a, b) => b[1] - a[1] || b[0] - a[0])
      .slice(0, limit)
      .map(([i]) => i + 1);
  }

  private validOn(i: number, day: string): boolean {
    const a = this.articles[i]!;
    return (a.validFrom === null || a.validFrom <= day) && (a.validTo === null || a.validTo >= day);
  }
}

function trigramsOf(text: string): string[] {
  const chars = [...text];
  const grams: string[] = [];
  for (let i = 0; i + 3 <= chars.length; i += 1) grams.push(chars.slice(i, i + 3).join(''));
  return grams;
}
