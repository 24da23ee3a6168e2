// From the edit form's text fields to the body the server takes (ArticleWriteBody), and back: empty
// fields become null (open-ended dates, no source), the other categories a comma-separated list.
// Pure, so the unit tests read it without a browser.
import type { ArticleDetail, ArticleKind, ArticleWriteBody } from '../api-types.js';

/** The form's fields as typed. */
export interface ArticleFormValues {
  readonly title: string;
  readonly body: string;
  readonly kind: string;
  readonly categoryCode: string;
  readonly sourceDocument: string;
  readonly sourceNumber: string;
  readonly ownerUnit: string;
  readonly validFrom: string;
  readonly validTo: string;
  readonly reviewDue: string;
  readonly alsoCategories: string;
  readonly note: string;
}

const orNull = (text: string): string | null => (text.trim() === '' ? null : text.trim());

/** The other categories typed as "0201, 0203" (commas of either width, spaces), each once. */
export function parseCodes(text: string): string[] {
  return [...new Set(text.split(/[,，、\s]+/).map((code) => code.trim()).filter((code) => code !== ''))];
}

export function writeBody(values: ArticleFormValues): ArticleWriteBody {
  return {
    title: values.title.trim(),
    body: values.body,
    // The form offers only the contract's kinds.
    kind: values.kind as ArticleKind,
    categoryCode: orNull(values.categoryCode),
    sourceDocument: orNull(values.sourceDocument),
    sourceNumber: orNull(values.sourceNumber),
    ownerUnit: orNull(values.ownerUnit),
    validFrom: orNull(values.validFrom),
    validTo: orNull(values.validTo),
    reviewDue: orNull(values.reviewDue),
    alsoCategories: parseCodes(values.alsoCategories),
    note: orNull(values.note),
  };
}

/** The form filled from an article (to edit its draft or revise it), or empty with the owner given. */
export function formValues(article: ArticleDetail | null, owner: string | null): ArticleFormValues {
  return {
    title: article?.title ?? '',
    body: article?.body ?? '',
    kind: article?.kind ?? 'faq',
    categoryCode: article?.categoryCode ?? '',
    sourceDocument: article?.sourceDocument ?? '',
    sourceNumber: article?.sourceNumber ?? '',
    ownerUnit: owner ?? article?.ownerUnit ?? '',
    validFrom: article?.validFrom ?? '',
    validTo: article?.validTo ?? '',
    reviewDue: article?.reviewDue ?? '',
    alsoCategories: (article?.alsoCategories ?? []).join(', '),
    note: '',
  };
}
