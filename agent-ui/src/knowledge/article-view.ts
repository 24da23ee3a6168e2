// One article as its editors see it: the version shown with its dates, flags and text, the buttons its
// newest version allows the user (编辑草稿, 提交审核, 通过发布, 退回修改, 下架, 修订), and the version history.
// A step refused because someone else moved the article first shows the error's words and 重新载入.
import type { ArticleDetail, Category } from '../api-types.js';
import type { TextKey } from '../i18n.js';
import { chinaTime, field, fill, h } from '../dom.js';
import { t, word } from '../i18n.js';
import { ARTICLE_KIND_WORDS } from '../i18n/knowledge-words.js';
import { errorParagraph, showError } from '../page.js';
import { actionsFor, fixedOwner, isStep, needsNote, validityText, type ArticleAction, type ArticleEditor } from './article-rules.js';
import { articleForm, type FormMode } from './article-form.js';
import { getArticle, takeStep } from './knowledge-api.js';
import { flagBadge, statusBadge } from './knowledge-fields.js';

const LABELS: Record<ArticleAction, TextKey> = { edit: 'kbEdit', submit: 'kbSubmit', approve: 'kbApprove', reject: 'kbReject', withdraw: 'kbWithdraw', revise: 'kbRevise' };

export interface ArticleViewContext {
  readonly target: HTMLElement;
  readonly editor: ArticleEditor;
  readonly categories: readonly Category[];
  /** Something was written: the list and the reminders are read again. */
  readonly changed: () => void;
}

/** The newest version (the one the steps act on); the server lists them newest first. */
function newest(article: ArticleDetail): { readonly version: number; readonly status: string } {
  return article.versions[0] ?? { version: article.version, status: article.status };
}

function versionTable(article: ArticleDetail): HTMLElement {
  const head = [t('kbVersion'), t('kbStatus'), t('kbEditor'), t('kbTime'), t('kbNote')];
  return h(
    'table',
    { class: 'list', id: 'kb-versions' },
    h('thead', {}, h('tr', {}, head.map((text) => h('th', {}, text)))),
    h('tbody', {}, article.versions.map((v) => h('tr', { 'data-version': v.version, 'data-status': v.status }, h('td', {}, v.version), h('td', {}, statusBadge(v.status)), h('td', {}, v.editedBy), h('td', { class: 'nowrap' }, chinaTime(v.editedAt)), h('td', {}, v.note ?? '')))),
  );
}

function actionBar(context: ArticleViewContext, article: ArticleDetail): HTMLElement {
  const last = newest(article);
  const actions = actionsFor(context.editor, { status: last.status, ownerUnit: article.ownerUnit });
  const message = h('p', { class: 'message', role: 'status', id: 'kb-action-message' });
  const note = h('input', { maxlength: 500 });
  const reload = h('button', { type: 'button', id: 'kb-reload', hidden: true, onclick: () => void showArticle(context, article.id) }, t('kbReload'));
  const run = (action: ArticleAction): void => {
    if (!isStep(action)) return showForm(context, { kind: action === 'edit' ? 'edit' : 'revise', article: { ...article, version: last.version } });
    if (needsNote(action) && note.value.trim() === '') {
      message.textContent = t('kbNoteRequired');
      note.focus();
      return;
    }
    takeStep(article.id, { version: last.version, step: action, note: note.value.trim() || null }).then(
      () => {
        context.changed();
        void showArticle(context, article.id, t('kbStepDone', { step: t(LABELS[action]) }));
      },
      (error: unknown) => {
        showError(message, error);
        reload.hidden = false;
      },
    );
  };
  if (actions.length === 0) return h('div', { class: 'actions' });
  const steps = actions.some(isStep) ? field('kb-step-note', t('kbStepNote'), note) : null;
  return h('div', { class: 'actions kb-actions' }, steps, actions.map((action) => h('button', { type: 'button', class: action === 'approve' ? 'primary' : '', 'data-article-action': action, onclick: () => run(action) }, t(LABELS[action]))), reload, message);
}

function view(context: ArticleViewContext, article: ArticleDetail, said: string): HTMLElement[] {
  const last = newest(article);
  const published = article.versions.find((v) => v.status === 'published');
  const category = [article.categoryCode, ...article.alsoCategories].filter((code) => code !== null).join(', ');
  return [
    h('h3', { id: 'kb-article-title', 'data-article': article.id }, article.title),
    h('p', {}, statusBadge(article.status), ` ${t('kbVersionShown', { version: article.version })} · ${word(ARTICLE_KIND_WORDS, article.kind)} · ${t('kbCategory')} ${category || '–'} · ${t('kbOwner')} ${article.ownerUnit ?? '–'}`),
    h('p', { id: 'kb-article-flags' }, article.flags.map(flagBadge)),
    published && published.version !== last.version ? h('p', { class: 'message', id: 'kb-published-stays' }, t('kbPublishedStays', { version: published.version })) : null,
    h('p', {}, `${t('kbSource')}: ${article.sourceDocument ?? '–'} · ${t('kbSourceNumber')}: ${article.sourceNumber ?? '–'}`),
    h('p', {}, `${t('kbValidity')}: ${validityText(article.validFrom, article.validTo)} · ${t('kbReviewDue')}: ${article.reviewDue ?? '–'} · ${t('kbUpdated')}: ${chinaTime(article.updatedAt)}`),
    h('div', { class: 'kb-body', id: 'kb-article-body' }, article.body),
    actionBar(context, article),
    said ? h('p', { class: 'message', id: 'kb-said' }, said) : null,
    h('h3', {}, t('kbVersions')),
    versionTable(article),
  ].filter((part): part is HTMLElement => part !== null);
}

/** Shows the article in the context's target, read afresh; `said` tells what was just done. */
export async function showArticle(context: ArticleViewContext, id: number, said = ''): Promise<void> {
  try {
    fill(context.target, view(context, await getArticle(id), said));
  } catch (error) {
    fill(context.target, errorParagraph(error));
  }
}

/** The form in the target instead of the article; saved, the article is shown as the server has it. */
export function showForm(context: ArticleViewContext, mode: FormMode): void {
  const back = (): void => (mode.kind === 'create' ? fill(context.target, h('p', { class: 'message' }, t('kbPickArticle'))) : void showArticle(context, mode.article.id));
  const saved = (article: ArticleDetail): void => {
    context.changed();
    void showArticle(context, article.id, t('kbSaved'));
  };
  fill(context.target, articleForm(mode, context.categories, fixedOwner(context.editor), { saved, cancelled: back }));
}
