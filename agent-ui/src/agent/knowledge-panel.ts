// The knowledge panel (知识库) of the agent desktop: filled from the pop's suggested articles when the
// phone rings, searchable while talking (a pause in typing sends the search), an article opened with
// its source, number (文号) and validity, and 「引用此答案」, which hands the article to the work order.
// The server gives agents only published articles valid today; the panel also drops any other it is
// given, so an expired article never reaches a citizen through it.
import type { ScreenPop } from '../../../src/contract/socket-events.js';
import { api } from '../api.js';
import type { ArticleDetail, ArticleReply, ArticleSearchReply, ArticleSummary } from '../api-types.js';
import { chinaToday, fill, h } from '../dom.js';
import { t } from '../i18n.js';
import { errorParagraph } from '../page.js';
import { readableToday, type ArticleQuote } from './knowledge-quote.js';

const SEARCH_DEBOUNCE_MS = 400;
const SEARCH_LIMIT = 10;

export interface KnowledgePanel {
  readonly element: HTMLElement;
  /** A new pop: its articles fill the panel (an earlier search is dropped). */
  showPop(pop: ScreenPop): void;
}

export function knowledgePanel(use: (quote: ArticleQuote) => boolean): KnowledgePanel {
  const search = h('input', { type: 'search', id: 'kb-search', maxlength: 200, placeholder: t('kbSearchHint'), autocomplete: 'off' });
  const heading = h('p', { class: 'message', id: 'kb-list-heading' }, t('kbNoSuggestions'));
  const list = h('ul', { class: 'kb-list', id: 'kb-list' });
  const view = h('div', { id: 'kb-article' });
  const element = h(
    'section',
    { class: 'card knowledge', id: 'knowledge', 'aria-labelledby': 'kb-title' },
    h('h2', { id: 'kb-title' }, t('kbPanelTitle')),
    h('div', { class: 'field' }, h('label', { for: 'kb-search' }, t('kbPanelSearch')), search),
    heading,
    list,
    view,
  );
  let asked = 0;
  let timer: number | undefined;

  const showList = (items: readonly ArticleSummary[], title: string): void => {
    const shown = items.filter((item) => readableToday(item, chinaToday()));
    heading.textContent = shown.length === 0 ? t('kbNothing') : title;
    fill(
      list,
      shown.map((item) =>
        h(
          'li',
          { 'data-article-id': item.id },
          h('button', { type: 'button', class: 'link kb-open', onclick: () => void open(item.id) }, item.title),
          item.sourceNumber && h('span', { class: 'kb-number' }, ` ${item.sourceNumber}`),
          h('div', { class: 'kb-snippet' }, item.snippet),
        ),
      ),
    );
  };

  const open = async (id: number): Promise<void> => {
    try {
      const { article } = await api<ArticleReply>('GET', `/api/knowledge/articles/${id}`);
      if (!readableToday(article, chinaToday())) return fill(view, h('p', { class: 'message' }, t('kbNotValid')));
      showArticle(article);
    } catch (error) {
      fill(view, errorParagraph(error));
    }
  };

  const showArticle = (article: ArticleDetail): void => {
    const note = h('p', { class: 'message', role: 'status', id: 'kb-use-message' });
    const validity = `${article.validFrom ?? '…'} – ${article.validTo ?? '…'}`;
    const fact = (label: string, value: string | null, id: string): HTMLElement[] => [h('dt', {}, label), h('dd', { id }, value ?? '–')];
    fill(
      view,
      h('h3', { id: 'kb-article-title', 'data-article-id': article.id, 'data-version': article.version }, article.title),
      h('dl', { class: 'facts' }, fact(t('kbNumber'), article.sourceNumber, 'kb-article-number'), fact(t('kbPanelSource'), article.sourceDocument, 'kb-article-source'), fact(t('kbPanelValidity'), validity, 'kb-article-validity')),
      h('div', { class: 'kb-body', id: 'kb-article-body' }, article.body),
      h(
        'button',
        {
          type: 'button',
          class: 'primary',
          id: 'kb-use',
          onclick: () => {
            const quoted = use({ id: article.id, version: article.version, title: article.title, sourceNumber: article.sourceNumber, body: article.body });
            note.textContent = quoted ? t('kbUsed') : t('kbNoOrder');
          },
        },
        t('kbUse'),
      ),
      note,
    );
  };

  const runSearch = async (): Promise<void> => {
    const q = search.value.trim();
    if (q === '') return;
    const mine = ++asked;
    try {
      const reply = await api<ArticleSearchReply>('GET', `/api/knowledge/articles?q=${encodeURIComponent(q)}&limit=${SEARCH_LIMIT}`);
      // Only the answer to the latest words is shown: an earlier, slower one is dropped.
      if (mine === asked) showList(reply.items, t('kbResults'));
    } catch (error) {
      if (mine === asked) fill(list, h('li', {}, errorParagraph(error)));
    }
  };
  search.addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void runSearch(), SEARCH_DEBOUNCE_MS);
  });
  search.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    window.clearTimeout(timer);
    void runSearch();
  });

  return {
    element,
    showPop: (pop) => {
      asked += 1;
      window.clearTimeout(timer);
      search.value = '';
      fill(view);
      showList(pop.articles, t('kbSuggested'));
      if (pop.articles.length === 0) heading.textContent = t('kbNoSuggestions');
    },
  };
}
