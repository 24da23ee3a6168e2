// A seed article (hand-written or generated) as the API's article fields: the compiler checks here
// that the seed's shape maps one to one onto ARTICLE_FIELDS, so a store can write seeds as edits.
import type { ArticleWriteBody } from '../../contract/api/knowledge.js';
import type { SeedArticle } from '../../domain/knowledge/seed-article.js';

export type ArticleFields = Omit<ArticleWriteBody, 'note'>;

export function seedArticleFields(seed: SeedArticle): ArticleFields {
  const { key: _key, alsoCategories, ...fields } = seed;
  return { ...fields, alsoCategories: [...alsoCategories] };
}
