// 提醒: the articles an editor (or a unit, its own) must look at: expired, not yet valid, review due,
// expiring within 30 days; each opens its article.
import { fill, h } from '../dom.js';
import { t } from '../i18n.js';
import { showError } from '../page.js';
import { validityText } from './article-rules.js';
import { flagBadge, statusBadge } from './knowledge-fields.js';
import { reminders } from './knowledge-api.js';

export interface ReminderList {
  readonly element: HTMLElement;
  reload(): Promise<void>;
}

export function reminderList(open: (id: number) => void): ReminderList {
  const items = h('ul', { class: 'kb-reminders', id: 'kb-reminders' });
  const message = h('p', { class: 'message', role: 'status', id: 'kb-reminders-message' });
  const reload = async (): Promise<void> => {
    try {
      const reply = await reminders();
      message.textContent = reply.items.length === 0 ? t('kbNoReminders') : '';
      fill(
        items,
        reply.items.map(({ article, flag }) =>
          h(
            'li',
            { 'data-reminder': article.id, 'data-flag': flag },
            flagBadge(flag),
            h('button', { type: 'button', class: 'link', 'data-open-article': article.id, onclick: () => open(article.id) }, article.title),
            ' ',
            statusBadge(article.status),
            ` ${t('kbValidity')} ${validityText(article.validFrom, article.validTo)} · ${t('kbReviewDue')} ${article.reviewDue ?? '–'} · ${article.ownerUnit ?? '–'}`,
          ),
        ),
      );
    } catch (error) {
      showError(message, error);
    }
  };
  const element = h('section', { class: 'card', 'aria-labelledby': 'kb-reminders-title' }, h('h2', { id: 'kb-reminders-title' }, t('kbReminders')), items, message);
  return { element, reload };
}
