// The form that writes an article: a new one, an edit of its draft, or 修订 (a new version of a
// published one, which agents keep reading until the new one is approved).
import type { ArticleDetail, Category } from '../api-types.js';
import { field, h } from '../dom.js';
import { t } from '../i18n.js';
import { ARTICLE_KIND_WORDS } from '../i18n/knowledge-words.js';
import { showError } from '../page.js';
import { formValues, writeBody, type ArticleFormValues } from './article-write.js';
import { createArticle, editDraft, newVersion } from './knowledge-api.js';
import { categorySelect, wordSelect } from './knowledge-fields.js';

export type FormMode = { readonly kind: 'create' } | { readonly kind: 'edit'; readonly article: ArticleDetail } | { readonly kind: 'revise'; readonly article: ArticleDetail };

export interface FormHooks {
  readonly saved: (article: ArticleDetail) => void;
  readonly cancelled: () => void;
}

function save(mode: FormMode, values: ArticleFormValues): Promise<ArticleDetail> {
  const body = writeBody(values);
  if (mode.kind === 'create') return createArticle(body);
  if (mode.kind === 'edit') return editDraft(mode.article.id, mode.article.version, body);
  return newVersion(mode.article.id, body);
}

const heading = (mode: FormMode): string => (mode.kind === 'create' ? t('kbNewTitle') : mode.kind === 'edit' ? t('kbEditTitle', { version: mode.article.version }) : t('kbReviseTitle'));

export function articleForm(mode: FormMode, categories: readonly Category[], owner: string | null, hooks: FormHooks): HTMLElement {
  const start = formValues(mode.kind === 'create' ? null : mode.article, owner);
  const text = (name: string, value: string, attrs: Record<string, string | number | boolean> = {}): HTMLInputElement => h('input', { name, value, ...attrs });
  const controls = {
    title: text('title', start.title, { required: true, maxlength: 200 }),
    body: h('textarea', { name: 'body', required: true, maxlength: 20000, rows: 10 }, start.body),
    kind: wordSelect(ARTICLE_KIND_WORDS, null, start.kind),
    categoryCode: categorySelect(categories, t('kbNoCategory'), false, start.categoryCode),
    sourceDocument: text('sourceDocument', start.sourceDocument, { maxlength: 200 }),
    sourceNumber: text('sourceNumber', start.sourceNumber, { maxlength: 100 }),
    ownerUnit: text('ownerUnit', start.ownerUnit, { maxlength: 64, pattern: '[A-Za-z0-9_\\-]+', readonly: owner !== null }),
    validFrom: text('validFrom', start.validFrom, { type: 'date' }),
    validTo: text('validTo', start.validTo, { type: 'date' }),
    reviewDue: text('reviewDue', start.reviewDue, { type: 'date' }),
    alsoCategories: text('alsoCategories', start.alsoCategories, { placeholder: t('kbAlsoCategoriesHint') }),
    note: text('note', start.note, { maxlength: 500 }),
  };
  const message = h('p', { class: 'message', role: 'status', id: 'kb-form-message' });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'kb-save' }, t('kbSave'));
  const values = (): ArticleFormValues => ({
    title: controls.title.value, body: controls.body.value, kind: controls.kind.value, categoryCode: controls.categoryCode.value,
    sourceDocument: controls.sourceDocument.value, sourceNumber: controls.sourceNumber.value, ownerUnit: controls.ownerUnit.value,
    validFrom: controls.validFrom.value, validTo: controls.validTo.value, reviewDue: controls.reviewDue.value, alsoCategories: controls.alsoCategories.value, note: controls.note.value,
  });
  const onsubmit = (event: Event): void => {
    event.preventDefault();
    submit.disabled = true;
    save(mode, values()).then(hooks.saved, (error: unknown) => {
      submit.disabled = false;
      showError(message, error);
    });
  };
  return h(
    'form',
    { class: 'ticket-form kb-form', id: 'kb-form', 'data-mode': mode.kind, onsubmit },
    h('h3', { class: 'wide' }, heading(mode)),
    h('div', { class: 'wide' }, field('kb-form-title', t('kbTitle'), controls.title)),
    field('kb-form-kind', t('kbKind'), controls.kind),
    field('kb-form-category', t('kbCategory'), controls.categoryCode),
    field('kb-form-also', t('kbAlsoCategories'), controls.alsoCategories),
    field('kb-form-owner', t('kbOwner'), controls.ownerUnit),
    field('kb-form-source', t('kbSource'), controls.sourceDocument),
    field('kb-form-number', t('kbSourceNumber'), controls.sourceNumber),
    field('kb-form-valid-from', t('kbValidFrom'), controls.validFrom),
    field('kb-form-valid-to', t('kbValidTo'), controls.validTo),
    field('kb-form-review', t('kbReviewDue'), controls.reviewDue),
    h('div', { class: 'wide' }, field('kb-form-body', t('kbBody'), controls.body)),
    h('div', { class: 'wide' }, field('kb-form-note', t('kbNote'), controls.note)),
    h('div', { class: 'actions wide' }, submit, h('button', { type: 'button', id: 'kb-cancel', onclick: hooks.cancelled }, t('kbCancel')), message),
  );
}
