// The work order: opened when the agent answers, as the call's draft saved while they type
// (draft-saver.ts), then at hang-up on the ticket the draft went into: the agent's part (type,
// category, text, place, urgency…) saved on it. "Submit" saves and tells the ACD the ticket is filed,
// which ends wrap-up (at once after the call, or as soon as it ends when submitted during it). Every
// save on the ticket names the version it read; a conflict reloads the ticket.
import type { ScreenPop } from '../../../src/contract/socket-events.js';
import { api, ApiError } from '../api.js';
import type { CategoriesReply, Category, DispatchSuggestionReply, DraftReply, FilingBody, TicketDetail, TicketDetailReply, TicketFiledBody, TicketReply } from '../api-types.js';
import { announce, field, fill, h } from '../dom.js';
import { currentLang, REQUEST_TYPE_WORDS, t, URGENCY_WORDS, word, wordsOf } from '../i18n.js';
import { errorParagraph, showError } from '../page.js';
import { draftSaver, dropLocalCopy, localCopy, type DraftFields } from './draft-saver.js';

// The choices the form offers: every word of the contract's lists, in the order their texts are written.
const TYPES = wordsOf(REQUEST_TYPE_WORDS);
const URGENCIES = wordsOf(URGENCY_WORDS);

/** The select's value when it is one of the choices the form offered, else undefined. */
function chosenOf<T extends string>(choices: readonly T[], value: string): T | undefined {
  return choices.find((choice) => choice === value);
}

export interface OpenTicket {
  readonly ticketId: number;
  readonly callId: string;
}

export interface TicketForm {
  readonly element: HTMLElement;
  /** The call is answered: the form opens on its draft, prefilled from the pop. */
  openDraft(callId: string, pop: ScreenPop | null): Promise<void>;
  /** The call left this agent without ending (transferred away): stop drafting it. */
  closeDraft(callId: string): void;
  open(ticket: OpenTicket, pop: ScreenPop | null): Promise<void>;
  save(): Promise<boolean>;
  submit(): Promise<void>;
  isOpen(): boolean;
}

let categoriesLoad: Promise<Category[]> | null = null;
const categories = (): Promise<Category[]> => (categoriesLoad ??= api<CategoriesReply>('GET', '/api/categories').then((a) => a.categories));
const label = (c: { name: string; en: string }): string => (currentLang() === 'en' ? c.en : c.name);

export function ticketForm(agentId: string | null, onSubmitted: () => void): TicketForm {
  let current: (OpenTicket & { version: number }) | null = null;
  let taxonomy: Category[] = [];
  const type = h('select', { required: true }, h('option', { value: '' }, t('choose')), TYPES.map((v) => h('option', { value: v }, word(REQUEST_TYPE_WORDS, v))));
  const major = h('select', {}, h('option', { value: '' }, t('choose')));
  const sub = h('select', {}, h('option', { value: '' }, t('choose')));
  const title = h('input', { maxlength: 200 });
  const description = h('textarea', { rows: 4, maxlength: 5000 });
  const location = h('input', { maxlength: 500 });
  const area = h('input', { maxlength: 100 });
  const urgency = h('select', {}, URGENCIES.map((v) => h('option', { value: v }, word(URGENCY_WORDS, v))));
  const confidential = h('input', { type: 'checkbox', id: 'ticket-confidential' });
  const enterpriseName = h('input', { maxlength: 200 });
  const creditCode = h('input', { maxlength: 18, pattern: '[0-9A-Z]{18}' });
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
  const saver = draftSaver(() => draftFields(), () => undefined);

  const fillSubs = (majorCode: string): void => {
    const children = taxonomy.find((c) => c.code === majorCode)?.children ?? [];
    fill(sub, h('option', { value: '' }, t('choose')), children.map((c) => h('option', { value: c.code }, `${c.code} ${label(c)}`)));
  };
  major.addEventListener('change', () => fillSubs(major.value));
  const setCategory = (code: string | null): void => {
    const owner = code === null ? undefined : taxonomy.find((c) => c.children.some((child) => child.code === code));
    major.value = owner?.code ?? '';
    fillSubs(major.value);
    sub.value = owner && code ? code : '';
  };

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
    field('ticket-type', t('requestType'), type),
    field('ticket-major', t('category'), major),
    field('ticket-sub', t('subcategory'), sub),
    field('ticket-urgency', t('urgency'), urgency),
    h('div', { class: 'wide' }, field('ticket-title', t('title'), title)),
    h('div', { class: 'wide' }, field('ticket-description', t('description'), description)),
    field('ticket-location', t('location'), location),
    field('ticket-area', t('area'), area),
    field('ticket-enterprise-name', t('enterpriseName'), enterpriseName),
    field('ticket-credit-code', t('creditCode'), creditCode),
    h('div', { class: 'field inline wide' }, confidential, h('label', { for: 'ticket-confidential' }, t('confidential'))),
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

  // Each editable field: how to read it from the ticket, and the control that holds the agent's value.
  const bindings: { readonly name: string; read(ticket: TicketDetail): string; get(): string; set(value: string): void }[] = [
    { name: t('requestType'), read: (x) => x.requestType ?? '', get: () => type.value, set: (v) => (type.value = v) },
    { name: t('subcategory'), read: (x) => x.categoryCode ?? '', get: () => sub.value, set: (v) => setCategory(v || null) },
    { name: t('title'), read: (x) => x.title ?? '', get: () => title.value, set: (v) => (title.value = v) },
    { name: t('description'), read: (x) => x.description ?? '', get: () => description.value, set: (v) => (description.value = v) },
    { name: t('location'), read: (x) => x.location ?? '', get: () => location.value, set: (v) => (location.value = v) },
    { name: t('area'), read: (x) => x.area ?? '', get: () => area.value, set: (v) => (area.value = v) },
    { name: t('urgency'), read: (x) => x.urgency ?? 'normal', get: () => urgency.value, set: (v) => (urgency.value = v) },
    { name: t('confidential'), read: (x) => String(x.confidential), get: () => String(confidential.checked), set: (v) => (confidential.checked = v === 'true') },
    { name: t('enterpriseName'), read: (x) => x.enterpriseName ?? '', get: () => enterpriseName.value, set: (v) => (enterpriseName.value = v) },
    { name: t('creditCode'), read: (x) => x.enterpriseCreditCode ?? '', get: () => creditCode.value, set: (v) => (creditCode.value = v) },
  ];
  /** The ticket as last read from the server: what "someone else changed it" is measured against. */
  let loaded: TicketDetail | null = null;

  // The form as the call's draft: text as typed (the ticket trims it), a credit code only in the
  // characters one can have, however far it is typed.
  const draftFields = (): DraftFields => {
    const requestType = chosenOf(TYPES, type.value);
    const urgent = chosenOf(URGENCIES, urgency.value);
    return {
      ...(requestType ? { requestType } : {}),
      ...(sub.value ? { categoryCode: sub.value } : {}),
      title: title.value,
      description: description.value,
      location: location.value,
      area: area.value,
      ...(urgent ? { urgency: urgent } : {}),
      confidential: confidential.checked,
      enterpriseName: enterpriseName.value,
      enterpriseCreditCode: creditCode.value.toUpperCase().replace(/[^0-9A-Z]/g, '').slice(0, 18),
    };
  };
  /** Puts a draft's fields in the form; `onlyTyped`: leave a field alone where the draft has nothing. */
  const showDraft = (draft: DraftFields, onlyTyped = false): void => {
    const put = (value: string | undefined, set: (v: string) => void): void => {
      if (!onlyTyped || (value !== undefined && value !== '')) set(value ?? '');
    };
    put(draft.requestType, (v) => (type.value = v));
    put(draft.categoryCode, (v) => setCategory(v || null));
    put(draft.title, (v) => (title.value = v));
    put(draft.description, (v) => (description.value = v));
    put(draft.location, (v) => (location.value = v));
    put(draft.area, (v) => (area.value = v));
    put(draft.urgency, (v) => (urgency.value = v || 'normal'));
    if (!onlyTyped || draft.confidential) confidential.checked = draft.confidential === true;
    put(draft.enterpriseName, (v) => (enterpriseName.value = v));
    put(draft.enterpriseCreditCode, (v) => (creditCode.value = v));
  };
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

  const showTicket = (ticket: TicketDetail, pop: ScreenPop | null): void => {
    loaded = ticket;
    number.textContent = ticket.number;
    for (const binding of bindings) binding.set(binding.read(ticket));
    if (!ticket.categoryCode && pop?.suggestedCategory) setCategory(pop.suggestedCategory);
    if (!ticket.enterpriseName && pop?.caller.enterprise) enterpriseName.value = pop.caller.enterprise.name;
    if (!ticket.enterpriseCreditCode && pop?.caller.enterprise) creditCode.value = pop.caller.enterprise.creditCode;
  };

  /** After a version conflict: the other party's changes win, the agent's other edits stay. */
  const merge = (fresh: TicketDetail): string[] => {
    const before = loaded;
    loaded = fresh;
    const changed = bindings.filter((binding) => before === null || binding.read(fresh) !== binding.read(before));
    for (const binding of changed) binding.set(binding.read(fresh));
    return changed.map((binding) => binding.name);
  };
  const load = async (ticketId: number): Promise<TicketDetail> => (await api<TicketDetailReply>('GET', `/api/tickets/${ticketId}`)).ticket;

  const loadSuggestion = async (): Promise<void> => {
    if (!current) return;
    try {
      const { suggestion: s } = await api<DispatchSuggestionReply>('GET', `/api/tickets/${current.ticketId}/dispatch-suggestion`);
      fill(suggestion, s.candidates.length === 0 ? h('p', { class: 'message' }, t('noSuggestion')) : h('ol', {}, s.candidates.slice(0, 3).map((c) => h('li', {}, `${c.name} (${c.score})`))));
    } catch (error) {
      fill(suggestion, errorParagraph(error));
    }
  };

  const save = async (): Promise<boolean> => {
    if (draftCallId !== null) return (await saver.flush()) === 'saved';
    if (!current) return false;
    const requestType = chosenOf(TYPES, type.value);
    const urgent = chosenOf(URGENCIES, urgency.value);
    const body: FilingBody = {
      version: current.version,
      title: title.value.trim(),
      description: description.value.trim(),
      location: location.value.trim(),
      area: area.value.trim(),
      ...(urgent ? { urgency: urgent } : {}),
      confidential: confidential.checked,
      enterpriseName: enterpriseName.value.trim() || null,
      enterpriseCreditCode: creditCode.value.trim().toUpperCase() || null,
      ...(requestType ? { requestType } : {}),
      ...(sub.value ? { categoryCode: sub.value } : {}),
    };
    message.textContent = '';
    try {
      const { ticket } = await api<TicketReply>('PATCH', `/api/tickets/${current.ticketId}`, body);
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
    const { callId } = current;
    if (agentId) {
      try {
        await api('POST', `/api/agents/${encodeURIComponent(agentId)}/ticket-filed`, { callId } satisfies TicketFiledBody);
      } catch (error) {
        // Wrap-up may have ended by itself already: the ticket is saved either way.
        if (!(error instanceof ApiError && error.code === 'ACD_WRONG_AGENT_STATE')) {
          showError(message, error);
          return;
        }
      }
    }
    current = null;
    element.hidden = true;
    announce(t('submitted'));
    onSubmitted();
  };
  saveButton.addEventListener('click', () => void save());

  const loadTaxonomy = async (): Promise<void> => {
    taxonomy = await categories().catch(() => []);
    fill(major, h('option', { value: '' }, t('choose')), taxonomy.map((c) => h('option', { value: c.code }, `${c.code} ${label(c)}`)));
  };

  const openDraft = async (callId: string, pop: ScreenPop | null): Promise<void> => {
    if (draftCallId === callId || current?.callId === callId) return;
    draftCallId = callId;
    draftOf = callId;
    touched = false;
    current = null;
    loaded = null;
    await loadTaxonomy();
    showDraft({});
    if (pop?.suggestedCategory) setCategory(pop.suggestedCategory);
    if (pop?.caller.enterprise) {
      enterpriseName.value = pop.caller.enterprise.name;
      creditCode.value = pop.caller.enterprise.creditCode;
    }
    number.textContent = '';
    message.textContent = '';
    fill(suggestion);
    element.dataset.mode = 'draft';
    element.hidden = false;
    try {
      // After a reload: what the server has of the call, then what only this tab had.
      const { draft } = await api<DraftReply>('GET', `/api/calls/${encodeURIComponent(callId)}/draft`);
      if (draft && !touched && draftCallId === callId) showDraft({ ...draft, requestType: draft.requestType ?? undefined, categoryCode: draft.categoryCode ?? undefined, urgency: draft.urgency ?? undefined });
      if (draft?.submittedAt) message.textContent = t('submittedDuringCall');
    } catch (error) {
      if (!(error instanceof ApiError && error.code === 'CALL_DRAFT_CLOSED')) showError(message, error);
    }
    if (draftCallId !== callId) return;
    const kept = localCopy(callId);
    if (kept && !touched) showDraft(kept);
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

  return {
    element,
    openDraft,
    // The form stays: the call's ticket opens in it when the call ends here (call:ended).
    closeDraft: (callId) => {
      if (draftCallId === callId) void leaveDraft();
    },
    open: async (ticket, pop) => {
      const fromDraft = draftOf === ticket.callId;
      await leaveDraft();
      // The form as the agent left it, in case they typed after the last save could leave.
      const typed = fromDraft ? draftFields() : null;
      await loadTaxonomy();
      try {
        const detail = await load(ticket.ticketId);
        current = { ...ticket, version: detail.version };
        showTicket(detail, pop);
        if (typed) showDraft(typed, true);
        message.textContent = '';
        // What was typed during the call and never confirmed by the server goes over the ticket.
        const kept = localCopy(ticket.callId);
        if (kept) {
          showDraft(kept, true);
          message.textContent = t('draftRestored');
        }
        element.dataset.mode = 'ticket';
        element.hidden = false;
        void loadSuggestion();
        if (!fromDraft) type.focus();
      } catch (error) {
        element.hidden = false;
        showError(message, error);
      }
    },
    save,
    submit,
    isOpen: () => current !== null,
  };
}
