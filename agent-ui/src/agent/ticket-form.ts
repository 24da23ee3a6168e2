// The work order: opened when the agent answers, as the call's draft saved while they type
// (draft-saver.ts), then at hang-up on the ticket the draft went into: the agent's part (type,
// category, text, place, urgency…) saved on it. "Submit" saves and tells the ACD the ticket is filed,
// which ends wrap-up (at once after the call, or as soon as it ends when submitted during it). Every
// save on the ticket names the version it read; a conflict reloads the ticket.
import type { ScreenPop } from '../../../src/contract/socket-events.js';
import { api, ApiError } from '../api.js';
import type { DispatchSuggestionReply, DraftReply, TicketDetail, TicketDetailReply, TicketFiledBody, TicketReply } from '../api-types.js';
import { announce, fill, h } from '../dom.js';
import { t } from '../i18n.js';
import { errorParagraph, showError } from '../page.js';
import { draftSaver, dropLocalCopy, localCopy } from './draft-saver.js';
import type { ArticleQuote } from './knowledge-quote.js';
import { ticketFields } from './ticket-fields.js';

export interface OpenTicket {
  readonly ticketId: number;
  readonly callId: string;
}

export interface TicketForm {
  readonly element: HTMLElement;
  /** The call is answered: the form opens on its draft, prefilled from the pop. */
  openDraft(callId: string, pop: ScreenPop | null): Promise<void>;
  /** The call left this agent (hung up, or transferred away): one last save, then no more drafting. */
  closeDraft(callId: string): void;
  open(ticket: OpenTicket, pop: ScreenPop | null): Promise<void>;
  save(): Promise<boolean>;
  submit(): Promise<void>;
  isOpen(): boolean;
  /** 「引用此答案」: quotes the article in the open draft or ticket (saved as typing is); false when no work order is open. */
  quote(article: ArticleQuote): boolean;
}

export function ticketForm(agentId: string | null, onSubmitted: () => void): TicketForm {
  let current: (OpenTicket & { version: number }) | null = null;
  const fields = ticketFields();
  const number = h('span', { id: 'ticket-number' }, '');
  const message = h('p', { class: 'message', role: 'status', id: 'ticket-message' });
  const suggestion = h('div', { id: 'dispatch-suggestion' });
  const saveButton = h('button', { type: 'button', id: 'ticket-save', 'aria-keyshortcuts': 'Alt+S' }, t('save'));
  const submitButton = h('button', { type: 'submit', class: 'primary', id: 'ticket-submit', 'aria-keyshortcuts': 'Alt+Enter' }, t('submit'));
  /** The call whose draft the form holds (null: none, or the form is on the ticket). */
  let draftCallId: string | null = null;
  /** The call the form last held a draft of (it still shows what was typed for it). */
  let draftOf: string | null = null;
  /** Whether the agent changed anything since the draft was opened (a late read must not overwrite it). */
  let touched = false;
  const saver = draftSaver(() => fields.draft(), () => undefined);

  const form = h(
    'form',
    {
      class: 'ticket-form',
      id: 'ticket-form',
      novalidate: true,
      onsubmit: (event: Event) => {
        event.preventDefault();
        void submit();
      },
    },
    fields.elements,
    h('div', { class: 'actions wide' }, saveButton, submitButton),
    h('div', { class: 'wide' }, message),
  );
  const element = h(
    'section',
    { class: 'card', id: 'ticket-card', 'aria-labelledby': 'ticket-title-heading', hidden: true },
    h('h2', { id: 'ticket-title-heading' }, t('ticketForm'), ' ', number, ' ', saver.indicator),
    form,
    h('h3', {}, t('dispatchSuggestion')),
    suggestion,
  );
  const edited = (): void => {
    touched = true;
    if (draftCallId !== null) saver.changed();
  };
  form.addEventListener('input', edited);
  form.addEventListener('change', edited);
  // Leaving a field saves at once: the agent may be about to reload or hang up.
  form.addEventListener('focusout', () => {
    if (draftCallId !== null) void saver.flush();
  });

  /** The ticket as last read from the server: what "someone else changed it" is measured against. */
  let loaded: TicketDetail | null = null;
  const showTicket = (ticket: TicketDetail, pop: ScreenPop | null): void => {
    loaded = ticket;
    number.textContent = ticket.number;
    for (const binding of fields.bindings) binding.set(binding.read(ticket));
    fields.prefill(pop, ticket);
  };

  /** After a version conflict: the other party's changes win, the agent's other edits stay. */
  const merge = (fresh: TicketDetail): string[] => {
    const before = loaded;
    loaded = fresh;
    const changed = fields.bindings.filter((binding) => before === null || binding.read(fresh) !== binding.read(before));
    for (const binding of changed) binding.set(binding.read(fresh));
    return changed.map((binding) => binding.name);
  };
  const load = async (ticketId: number): Promise<TicketDetail> => (await api<TicketDetailReply>('GET', `/api/tickets/${ticketId}`)).ticket;

  const loadSuggestion = async (): Promise<void> => {
    if (!current) return;
    try {
      const { suggestion: s } = await api<DispatchSuggestionReply>('GET', `/api/tickets/${current.ticketId}/dispatch-suggestion`);
      fill(suggestion, s.candidates.length === 0 ? h('p', { class: 'message' }, t('noSuggestion')) : h('ol', {}, s.candidates.slice(0, 3).map((c) => h('li', {}, c.responsibility ? `${c.name} (${c.score}) · ${t('dispatchBasis')}: ${c.responsibility.matter}` : `${c.name} (${c.score})`))));
    } catch (error) {
      fill(suggestion, errorParagraph(error));
    }
  };

  const save = async (): Promise<boolean> => {
    if (draftCallId !== null) return (await saver.flush()) === 'saved';
    if (!current) return false;
    message.textContent = '';
    try {
      const { ticket } = await api<TicketReply>('PATCH', `/api/tickets/${current.ticketId}`, fields.filing(current.version));
      current = { ...current, version: ticket.version };
      const after = await load(current.ticketId).catch(() => null);
      // Only a read of exactly what was saved may become the base of the next conflict check.
      if (after?.version === ticket.version) loaded = after;
      message.textContent = t('saved');
      // The ticket holds what the tab kept of the call's draft now.
      dropLocalCopy(current.callId);
      void loadSuggestion();
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.code === 'TICKET_VERSION_CONFLICT') {
        const fresh = await load(current.ticketId);
        current = { ...current, version: fresh.version };
        const changed = merge(fresh);
        message.textContent = `${t('versionConflict')} ${changed.join('、')}`;
        announce(message.textContent);
      } else showError(message, error);
      return false;
    }
  };

  /** Tells the ACD the call's ticket is filed: ends wrap-up now, or as soon as the call ends. */
  const ticketFiled = async (callId: string): Promise<boolean> => {
    if (!agentId) return true;
    try {
      await api('POST', `/api/agents/${encodeURIComponent(agentId)}/ticket-filed`, { callId } satisfies TicketFiledBody);
    } catch (error) {
      // Wrap-up may have ended by itself already: the ticket is saved either way.
      if (!(error instanceof ApiError && error.code === 'ACD_WRONG_AGENT_STATE')) {
        showError(message, error);
        return false;
      }
    }
    return true;
  };

  /** Submitted during the call: the fields are saved as submitted and the form stays open for more. */
  const submitDraft = async (callId: string): Promise<void> => {
    const state = await saver.submit();
    if (state !== 'saved' && state !== 'saving') return;
    if (!(await ticketFiled(callId))) return;
    message.textContent = t('submittedDuringCall');
    announce(message.textContent);
  };

  const submit = async (): Promise<void> => {
    if (draftCallId !== null) return submitDraft(draftCallId);
    if (!current || !(await save())) return;
    if (!(await ticketFiled(current.callId))) return;
    current = null;
    element.hidden = true;
    announce(t('submitted'));
    onSubmitted();
  };
  saveButton.addEventListener('click', () => void save());

  const openDraft = async (callId: string, pop: ScreenPop | null): Promise<void> => {
    if (draftCallId === callId || current?.callId === callId) return;
    draftCallId = callId;
    draftOf = callId;
    touched = false;
    current = null;
    loaded = null;
    await fields.loadTaxonomy();
    fields.showDraft({});
    fields.prefill(pop);
    number.textContent = '';
    message.textContent = '';
    fill(suggestion);
    element.dataset.mode = 'draft';
    element.hidden = false;
    try {
      // After a reload: what the server has of the call, then what only this tab had.
      const { draft } = await api<DraftReply>('GET', `/api/calls/${encodeURIComponent(callId)}/draft`);
      if (draft && !touched && draftCallId === callId) fields.showDraft({ ...draft, requestType: draft.requestType ?? undefined, categoryCode: draft.categoryCode ?? undefined, urgency: draft.urgency ?? undefined });
      if (draft?.submittedAt) message.textContent = t('submittedDuringCall');
    } catch (error) {
      if (!(error instanceof ApiError && error.code === 'CALL_DRAFT_CLOSED')) showError(message, error);
    }
    if (draftCallId !== callId) return;
    const kept = localCopy(callId);
    if (kept && !touched) fields.showDraft(kept);
    saver.start(callId);
  };

  /** The last save of a draft being left (the ticket waits for it). */
  let leaving: Promise<unknown> = Promise.resolve();
  /** Leaves the call's draft after one last save: what the server did not confirm stays in the tab's copy. */
  const leaveDraft = (): Promise<unknown> => {
    if (draftCallId === null) return leaving;
    draftCallId = null;
    leaving = saver.flush().finally(() => saver.stop());
    return leaving;
  };

  const open = async (ticket: OpenTicket, pop: ScreenPop | null): Promise<void> => {
    const fromDraft = draftOf === ticket.callId;
    await leaveDraft();
    // The form as the agent left it, in case they typed after the last save could leave.
    const typed = fromDraft ? fields.draft() : null;
    await fields.loadTaxonomy();
    try {
      const detail = await load(ticket.ticketId);
      current = { ...ticket, version: detail.version };
      showTicket(detail, pop);
      if (typed) fields.showDraft(typed, true);
      message.textContent = '';
      // What was typed during the call and never confirmed by the server goes over the ticket.
      const kept = localCopy(ticket.callId);
      if (kept) {
        fields.showDraft(kept, true);
        message.textContent = t('draftRestored');
      }
      element.dataset.mode = 'ticket';
      element.hidden = false;
      void loadSuggestion();
      if (!fromDraft) fields.first.focus();
    } catch (error) {
      element.hidden = false;
      showError(message, error);
    }
  };

  return {
    element,
    openDraft,
    // The form stays: the call's ticket opens in it when the call ends here (call:ended).
    closeDraft: (callId) => {
      if (draftCallId === callId) void leaveDraft();
    },
    open,
    save,
    submit,
    isOpen: () => current !== null,
    quote: (article) => {
      if (element.hidden || (draftCallId === null && current === null)) return false;
      fields.quote(article);
      // As if typed: the draft saver saves it, and a late read of the draft does not overwrite it.
      edited();
      return true;
    },
  };
}
