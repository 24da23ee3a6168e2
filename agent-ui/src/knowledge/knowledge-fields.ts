// Controls the knowledge page's list and form share: the category picker (majors and their
// subcategories from GET /api/categories), a word picker, and the status and flag badges.
import type { ArticleFlag, Category } from '../api-types.js';
import { h } from '../dom.js';
import { currentLang, t, word, wordsOf, type Words } from '../i18n.js';
import { ARTICLE_FLAG_WORDS, ARTICLE_STATUS_WORDS } from '../i18n/knowledge-words.js';
import { flagColour } from './article-rules.js';

const named = (item: { readonly name: string; readonly en: string }): string => (currentLang() === 'en' ? item.en : item.name);

/**
 * A category picker. `majors`: a major (2 digits) may be picked too, for the list's filter; otherwise
 * only subcategories (4 digits), as an article is filed under one.
 */
export function categorySelect(categories: readonly Category[], empty: string, majors: boolean, value: string | null = null): HTMLSelectElement {
  const groups = categories.map((category) =>
    h(
      'optgroup',
      { label: `${category.code} ${named(category)}` },
      majors ? h('option', { value: category.code, selected: value === category.code }, `${category.code} ${named(category)}（${t('kbAllCategories')}）`) : null,
      category.children.map((sub) => h('option', { value: sub.code, selected: value === sub.code }, `${sub.code} ${named(sub)}`)),
    ),
  );
  return h('select', {}, h('option', { value: '' }, empty), groups);
}

/** A picker of a closed list of words, with an "any" choice first when `empty` is given. */
export function wordSelect<K extends string>(words: Words<K>, empty: string | null, value: string | null = null): HTMLSelectElement {
  return h('select', {}, empty === null ? null : h('option', { value: '' }, empty), wordsOf(words).map((key) => h('option', { value: key, selected: value === key }, word(words, key))));
}

export function statusBadge(status: string): HTMLElement {
  return h('span', { class: `badge kb-status kb-status-${status}`, 'data-article-status': status }, word(ARTICLE_STATUS_WORDS, status));
}

export function flagBadge(flag: ArticleFlag | string): HTMLElement {
  return h('span', { class: `badge kb-flag kb-flag-${flagColour(flag)}`, 'data-flag': flag }, word(ARTICLE_FLAG_WORDS, flag));
}
