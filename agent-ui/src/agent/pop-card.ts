// The screen pop (弹屏): who is calling, what they chose in the IVR, and their earlier work orders.
// Shown while the phone rings, kept through the conversation and after hang-up.
import type { ScreenPop } from '../../../src/contract/socket-events.js';
import { announce, chinaTime, fill, h, seconds } from '../dom.js';
import { languageName, REQUEST_TYPE_WORDS, t, TICKET_STATUS_WORDS, word } from '../i18n.js';

export type CallPhase = 'ringing' | 'talking' | 'ended';

export interface PopCard {
  readonly element: HTMLElement;
  show(pop: ScreenPop, phase: CallPhase): void;
  setPhase(callId: string, phase: CallPhase): void;
  current(): ScreenPop | null;
  phase(): CallPhase | null;
}

export function popCard(): PopCard {
  let pop: ScreenPop | null = null;
  let phase: CallPhase | null = null;
  const status = h('span', { id: 'pop-phase', class: 'badge' }, '');
  const body = h('div', { id: 'pop-body' }, h('p', { class: 'message' }, t('noCall')));
  const element = h('section', { class: 'card pop', id: 'pop', 'aria-labelledby': 'pop-title' }, h('h2', { id: 'pop-title' }, t('incomingCall'), ' ', status), body);

  const renderPhase = (): void => {
    element.classList.toggle('ringing', phase === 'ringing');
    element.classList.toggle('talking', phase === 'talking');
    element.dataset.phase = phase ?? '';
    status.textContent = phase === 'ringing' ? t('ringing') : phase === 'talking' ? t('callAnswered') : phase === 'ended' ? t('callEnded') : '';
  };

  const show = (next: ScreenPop, nextPhase: CallPhase): void => {
    const isNew = pop?.callId !== next.callId;
    pop = next;
    phase = nextPhase;
    element.dataset.callId = next.callId;
    element.dataset.shownAt = String(Date.now());
    const { caller } = next;
    const fact = (label: string, value: string, id: string): HTMLElement[] => [h('dt', {}, label), h('dd', { id }, value)];
    fill(
      body,
      h(
        'div',
        { class: 'badges' },
        caller.elderly && h('span', { class: 'badge elderly', id: 'pop-elderly' }, t('elderly')),
        caller.enterprise && h('span', { class: 'badge enterprise', id: 'pop-enterprise' }, t('enterprise')),
        caller.repeatCaller && h('span', { class: 'badge repeat', id: 'pop-repeat', title: t('repeatCalls', { count: caller.callsInWindow, days: next.repeatWindowDays }) }, `${t('repeatCaller')} ×${caller.callsInWindow}`),
      ),
      h(
        'dl',
        { class: 'facts' },
        fact(t('callerNumber'), caller.number, 'pop-number'),
        fact(t('callerName'), caller.name ?? '–', 'pop-name'),
        caller.enterprise ? fact(t('enterpriseName'), caller.enterprise.name, 'pop-enterprise-name') : [],
        caller.enterprise ? fact(t('creditCode'), caller.enterprise.creditCode, 'pop-credit-code') : [],
        fact(t('queue'), next.queueName ?? next.queue ?? '–', 'pop-queue'),
        fact(t('wait'), seconds(next.waitSeconds), 'pop-wait'),
        fact(t('ivrPath'), next.ivrPath || '–', 'pop-ivr-path'),
        fact(t('callLanguage'), languageName(next.language), 'pop-language'),
      ),
      h('h3', {}, t('history')),
      next.history.length === 0
        ? h('p', { class: 'message' }, t('noHistory'))
        : h(
            'ul',
            { class: 'history', id: 'pop-history' },
            next.history.map((item) =>
              h(
                'li',
                { class: item.open ? 'open' : '' },
                `${chinaTime(item.createdAt)} · ${item.number} · ${item.requestType ? word(REQUEST_TYPE_WORDS, item.requestType) : '–'} · ${item.title ?? ''} · `,
                h('span', { class: 'status', 'data-status': item.status }, word(TICKET_STATUS_WORDS, item.status)),
                item.open && h('span', { class: 'badge open' }, t('openTicket')),
              ),
            ),
          ),
    );
    renderPhase();
    if (isNew && nextPhase === 'ringing') announce(t('popAnnounce', { number: caller.number, queue: next.queueName ?? next.queue ?? '', path: next.ivrPath }));
  };

  return {
    element,
    show,
    setPhase: (callId, next) => {
      if (pop?.callId !== callId) return;
      phase = next;
      renderPhase();
    },
    current: () => pop,
    phase: () => phase,
  };
}
