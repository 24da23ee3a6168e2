// The 待回访 panel of an agent on the return-visit list: the replied orders every automatic visit
// call failed on, longest waiting first; choosing one shows the order, and the agent records what
// the citizen said on the phone (满意 / 基本满意 / 不满意). A rated order leaves the list.
import { api, ApiError } from '../api.js';
import type { CategoriesReply, HandlingUnit, ReturnVisitListReply, ReturnVisitOrder, TicketDetailReply, TicketReply } from '../api-types.js';
import { chinaTime, fill, h } from '../dom.js';
import { currentLang, SATISFACTION_WORDS, t, word } from '../i18n.js';
import { errorParagraph, showError } from '../page.js';

const RATINGS = ['satisfied', 'basically-satisfied', 'dissatisfied'] as const;
// Orders fall onto the list as visit calls fail; a minute is soon enough to see them without a click.
const RELOAD_MS = 60_000;

/** The names the visitor reads to the citizen: units and subcategories by their codes. */
async function namesByCode(): Promise<Map<string, string>> {
  const [{ units }, { categories }] = await Promise.all([api<{ units: HandlingUnit[] }>('GET', '/api/units'), api<CategoriesReply>('GET', '/api/categories')]);
  const en = currentLang() === 'en';
  const subs = categories.flatMap((c) => c.children).map((sub): [string, string] => [sub.code, `${sub.code} ${en ? sub.en : sub.name}`]);
  return new Map([...units.map((unit): [string, string] => [unit.id, unit.name]), ...subs]);
}

export interface ReturnVisitPanel {
  readonly element: HTMLElement;
  reload(): Promise<void>;
  /** Stops reading the list (the user signs out). */
  stop(): void;
}

export function returnVisitPanel(): ReturnVisitPanel {
  const count = h('span', { class: 'badge', id: 'return-visit-count' }, '');
  const list = h('ul', { class: 'history', id: 'return-visit-list' });
  const message = h('p', { class: 'message', role: 'status', id: 'return-visit-message' });
  const detail = h('div', { id: 'return-visit-detail' });
  let orders: ReturnVisitOrder[] = [];
  let chosen: number | null = null;
  // Read once; a code is shown as it is if the names cannot be read.
  let names: Promise<Map<string, string>> | null = null;
  const named = async (code: string | null): Promise<string> => {
    if (code === null) return '–';
    names ??= namesByCode().catch(() => new Map());
    return (await names).get(code) ?? code;
  };

  const draw = (): void => {
    count.textContent = String(orders.length);
    fill(
      list,
      orders.map((order) =>
        h(
          'li',
          { 'data-order': order.number, class: order.id === chosen ? 'selected' : '' },
          h('button', { type: 'button', class: 'link', 'data-open-visit': order.number, onclick: () => void choose(order) }, order.number),
          ` · ${order.title ?? '–'} · ${t('visitRepliedAt')} ${chinaTime(order.handledAt)}`,
        ),
      ),
    );
  };

  const reload = async (): Promise<void> => {
    try {
      orders = (await api<ReturnVisitListReply>('GET', '/api/return-visits?limit=200')).orders;
      if (!orders.some((order) => order.id === chosen)) {
        chosen = null;
        detail.replaceChildren();
      }
      if (message.dataset.kind !== 'recorded') message.textContent = orders.length === 0 ? t('noReturnVisits') : '';
      draw();
    } catch (error) {
      showError(message, error);
    }
  };

  const choose = async (order: ReturnVisitOrder): Promise<void> => {
    chosen = order.id;
    delete message.dataset.kind;
    message.textContent = '';
    draw();
    try {
      const { ticket } = await api<TicketDetailReply>('GET', `/api/tickets/${order.id}`);
      const note = h('input', { id: 'return-visit-note', maxlength: 2000 });
      const rate = async (rating: (typeof RATINGS)[number]): Promise<void> => {
        try {
          await api<TicketReply>('POST', `/api/tickets/${ticket.id}/satisfaction`, { version: ticket.version, rating, note: note.value.trim() || null });
          message.dataset.kind = 'recorded';
          message.textContent = t('visitRecorded', { rating: word(SATISFACTION_WORDS, rating) });
          await reload();
        } catch (error) {
          // Someone else rated or changed it meanwhile: the list is read again.
          showError(message, error);
          if (error instanceof ApiError && error.code === 'TICKET_VERSION_CONFLICT') await reload();
        }
      };
      const fact = (label: string, value: string, id: string): HTMLElement[] => [h('dt', {}, label), h('dd', { id }, value)];
      fill(
        detail,
        h('h3', { id: 'return-visit-number' }, `${ticket.number} · ${ticket.title ?? ''}`),
        h(
          'dl',
          { class: 'facts' },
          fact(t('callerNumber'), ticket.callerNumber, 'return-visit-caller'),
          fact(t('callerName'), ticket.callerName ?? '–', 'return-visit-name'),
          fact(t('visitCategory'), await named(ticket.categoryCode), 'return-visit-category'),
          fact(t('description'), ticket.description ?? '–', 'return-visit-description'),
          fact(t('visitUnit'), await named(ticket.mainUnit), 'return-visit-unit'),
          fact(t('visitRepliedAt'), chinaTime(ticket.sla.handledAt), 'return-visit-replied'),
          fact(t('visitWaitingSince'), chinaTime(order.manualVisitAt), 'return-visit-waiting'),
        ),
        h('p', {}, t('visitAsk')),
        h('div', { class: 'field' }, h('label', { for: 'return-visit-note' }, t('visitNote')), note),
        h('div', { class: 'buttons' }, RATINGS.map((rating) => h('button', { type: 'button', 'data-rating': rating, onclick: () => void rate(rating) }, word(SATISFACTION_WORDS, rating)))),
      );
    } catch (error) {
      fill(detail, errorParagraph(error));
    }
  };

  const element = h(
    'section',
    { class: 'card', id: 'return-visits', 'aria-labelledby': 'return-visits-title' },
    h('h2', { id: 'return-visits-title' }, t('returnVisits'), ' ', count, ' ', h('button', { type: 'button', id: 'return-visit-refresh', onclick: () => void reload() }, t('refresh'))),
    list,
    message,
    detail,
  );
  const timer = window.setInterval(() => void reload(), RELOAD_MS);
  return { element, reload, stop: () => window.clearInterval(timer) };
}
