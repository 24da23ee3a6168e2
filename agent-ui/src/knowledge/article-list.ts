// The articles an editor may look after: words, category, kind, status and owner unit (fixed to a
// unit user's own), paged by offset; each row with its status, validity, review day and date flags.
import type { ArticleSummary, Category } from '../api-types.js';
import { chinaTime, chinaToday, field, fill, h } from '../dom.js';
import { t, word } from '../i18n.js';
import { ARTICLE_KIND_WORDS, ARTICLE_STATUS_WORDS } from '../i18n/knowledge-words.js';
import { showError } from '../page.js';
import { articleFlags, validityText } from './article-rules.js';
import { categorySelect, flagBadge, statusBadge, wordSelect } from './knowledge-fields.js';
import { listArticles } from './knowledge-api.js';

const PAGE_SIZE = 20;

export interface ArticleList {
  readonly element: HTMLElement;
  /** Reads the current page again (after an edit). */
  reload(): Promise<void>;
}

function row(article: ArticleSummary, open: (id: number) => void): HTMLTableRowElement {
  const flags = articleFlags(article, chinaToday());
  return h(
    'tr',
    { 'data-article': article.id, 'data-status': article.status },
    h('td', {}, h('button', { type: 'button', class: 'link', 'data-open-article': article.id, onclick: () => open(article.id) }, article.title)),
    h('td', {}, statusBadge(article.status)),
    h('td', {}, word(ARTICLE_KIND_WORDS, article.kind)),
    h('td', {}, article.ownerUnit ?? '–'),
    h('td', { class: 'nowrap' }, validityText(article.validFrom, article.validTo)),
    h('td', { class: 'nowrap' }, article.reviewDue ?? '–'),
    h('td', { 'data-flags': flags.join(' ') }, flags.map(flagBadge)),
    h('td', { class: 'nowrap' }, chinaTime(article.updatedAt)),
  );
}

export function articleList(categories: readonly Category[], owner: string | null, open: (id: number) => void, create: () => void): ArticleList {
  const q = h('input', { type: 'search', maxlength: 200 });
  const category = categorySelect(categories, t('kbAllCategories'), true);
  const kind = wordSelect(ARTICLE_KIND_WORDS, t('kbAllKinds'));
  const status = wordSelect(ARTICLE_STATUS_WORDS, t('kbAllStatuses'));
  const ownerInput = h('input', { maxlength: 64, value: owner ?? '', readonly: owner !== null });
  const body = h('tbody', { id: 'kb-articles' });
  const message = h('p', { class: 'message', role: 'status', id: 'kb-articles-message' });
  const previous = h('button', { type: 'button', id: 'kb-previous', disabled: true }, t('kbPrevious'));
  const next = h('button', { type: 'button', id: 'kb-next', disabled: true }, t('kbNext'));
  let offset = 0;

  const reload = async (): Promise<void> => {
    try {
      const reply = await listArticles({ q: q.value, category: category.value, kind: kind.value, status: status.value, owner: ownerInput.value.trim(), offset, limit: PAGE_SIZE });
      fill(body, reply.items.map((article) => row(article, open)));
      message.textContent = reply.items.length === 0 ? t('kbNoArticles') : t('kbPaging', { total: reply.total, from: offset + 1, to: offset + reply.items.length });
      previous.disabled = offset === 0;
      next.disabled = reply.nextOffset === null;
      next.onclick = () => {
        offset = reply.nextOffset ?? offset;
        void reload();
      };
    } catch (error) {
      showError(message, error);
    }
  };
  previous.onclick = () => {
    offset = Math.max(0, offset - PAGE_SIZE);
    void reload();
  };
  const search = (event: Event): void => {
    event.preventDefault();
    offset = 0;
    void reload();
  };
  const headings = [t('kbTitle'), t('kbStatus'), t('kbKind'), t('kbOwner'), t('kbValidity'), t('kbReviewDue'), t('kbFlags'), t('kbUpdated')];
  const element = h(
    'section',
    { class: 'card', 'aria-labelledby': 'kb-articles-title' },
    h('h2', { id: 'kb-articles-title' }, t('kbArticles')),
    h(
      'form',
      { class: 'filters', id: 'kb-filters', onsubmit: search },
      field('kb-q', t('kbQuery'), q),
      field('kb-category', t('kbCategory'), category),
      field('kb-kind', t('kbKind'), kind),
      field('kb-status', t('kbStatus'), status),
      field('kb-owner', t('kbOwner'), ownerInput),
      h('button', { type: 'submit', class: 'primary', id: 'kb-search' }, t('kbSearch')),
      h('button', { type: 'button', id: 'kb-new', onclick: create }, t('kbNew')),
    ),
    h('table', { class: 'list' }, h('thead', {}, h('tr', {}, headings.map((text) => h('th', {}, text)))), body),
    h('div', { class: 'actions' }, previous, next, message),
  );
  return { element, reload };
}
