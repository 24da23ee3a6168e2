// The knowledge articles an agent used to answer on the call (首呼解决的依据): each article once, by
// id and the version read, at most 10, kept on the call's draft and on the work order.

export interface ArticleRef {
  readonly id: number;
  readonly version: number;
}

export const MAX_USED_ARTICLES = 10;

/** Each article once (its first mention: the version the agent quoted first), in the order used. */
export function usedArticles(refs: readonly ArticleRef[]): ArticleRef[] {
  const seen = new Set<number>();
  const kept: ArticleRef[] = [];
  for (const ref of refs) {
    if (seen.has(ref.id)) continue;
    seen.add(ref.id);
    kept.push({ id: ref.id, version: ref.version });
  }
  return kept.slice(0, MAX_USED_ARTICLES);
}
