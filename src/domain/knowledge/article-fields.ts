// What an editor's fields must be before they are stored: real calendar days in order, categories of
// the taxonomy, an owner among the declared units. The API's schema has checked shapes and lengths.
import { isLocalDate } from '../calendar/china-time.js';
import type { Taxonomy } from '../tickets/categories.js';
import type { ArticleFields } from './article.js';

export type FieldRefusal = 'KNOWLEDGE_CATEGORY_UNKNOWN' | 'KNOWLEDGE_UNIT_UNKNOWN' | 'KNOWLEDGE_VALIDITY_INVALID';

export function checkArticleFields(fields: ArticleFields, taxonomy: Taxonomy, units: ReadonlySet<string>): FieldRefusal | null {
  const days = [fields.validFrom, fields.validTo, fields.reviewDue].filter((d): d is string => d !== null);
  if (!days.every(isLocalDate)) return 'KNOWLEDGE_VALIDITY_INVALID';
  if (fields.validFrom !== null && fields.validTo !== null && fields.validTo < fields.validFrom) return 'KNOWLEDGE_VALIDITY_INVALID';
  const codes = [...(fields.categoryCode === null ? [] : [fields.categoryCode]), ...fields.alsoCategories];
  if (!codes.every((code) => taxonomy.byCode.has(code))) return 'KNOWLEDGE_CATEGORY_UNKNOWN';
  if (fields.ownerUnit !== null && !units.has(fields.ownerUnit)) return 'KNOWLEDGE_UNIT_UNKNOWN';
  return null;
}
