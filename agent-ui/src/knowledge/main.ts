// The knowledge page (/knowledge): knowledge editors and handling units look after the articles agents
// answer from: reminders on top, the list and search, one article with its versions, the edit form
// and the review steps. A unit user sees and edits only its own unit's articles (the API enforces it).
import '../styles.css';
import { api } from '../api.js';
import type { CategoriesReply, Category } from '../api-types.js';
import { fill, h } from '../dom.js';
import { t } from '../i18n.js';
import { startPage } from '../page.js';
import type { Session } from '../session.js';
import { articleList } from './article-list.js';
import { fixedOwner } from './article-rules.js';
import { showArticle, showForm, type ArticleViewContext } from './article-view.js';
import { reminderList } from './reminder-list.js';

async function categories(): Promise<Category[]> {
  try {
    return (await api<CategoriesReply>('GET', '/api/categories')).categories;
  } catch {
    // The pickers then offer no categories; the list and the articles still work.
    return [];
  }
}

async function render(main: HTMLElement, session: Session): Promise<void> {
  const editor = { role: session.user.role, unitId: session.user.unitId };
  const detail = h('div', { id: 'kb-detail' }, h('p', { class: 'message' }, t('kbPickArticle')));
  const context: ArticleViewContext = { target: detail, editor, categories: await categories(), changed: () => void Promise.all([list.reload(), reminders.reload()]) };
  const open = (id: number): void => void showArticle(context, id);
  const reminders = reminderList(open);
  const list = articleList(context.categories, fixedOwner(editor), open, () => showForm(context, { kind: 'create' }));
  if (editor.role === 'unit') document.getElementById('topbar-extra')?.append(h('a', { href: '/unit', id: 'kb-unit-link', class: 'topbar-link' }, t('unitPageLink')));
  main.classList.add('knowledge');
  fill(main, reminders.element, h('div', { class: 'columns' }, list.element, h('section', { class: 'card', 'aria-labelledby': 'kb-detail-title' }, h('h2', { id: 'kb-detail-title' }, t('kbArticle')), detail)));
  await Promise.all([reminders.reload(), list.reload()]);
}

startPage({
  title: 'knowledgePage',
  roles: ['kb-editor', 'unit'],
  render: (main, session) => void render(main, session),
});
