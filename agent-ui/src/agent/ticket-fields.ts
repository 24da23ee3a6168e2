// The work order's fields and their controls, shared by the form's two moments: the call's draft
// (what is typed, as typed) and the ticket (what is filed, trimmed, with the version read). Also the
// taxonomy's two selects (major → subcategory) and how a ticket, a draft or the pop fills them.
import type { ScreenPop } from '../../../src/contract/socket-events.js';
import { api } from '../api.js';
import type { CategoriesReply, Category, FilingBody, TicketDetail } from '../api-types.js';
import { field, fill, h } from '../dom.js';
import { currentLang, REQUEST_TYPE_WORDS, t, URGENCY_WORDS, word, wordsOf } from '../i18n.js';
import type { DraftFields } from './draft-saver.js';
import { quoteText, type ArticleQuote } from './knowledge-quote.js';

type ArticleRef = { id: number; version: number };
const MAX_USED = 10;

// The choices the form offers: every word of the contract's lists, in the order their texts are written.
const TYPES = wordsOf(REQUEST_TYPE_WORDS);
const URGENCIES = wordsOf(URGENCY_WORDS);

/** The select's value when it is one of the choices the form offered, else undefined. */
function chosenOf<T extends string>(choices: readonly T[], value: string): T | undefined {
  return choices.find((choice) => choice === value);
}

let categoriesLoad: Promise<Category[]> | null = null;
const categories = (): Promise<Category[]> => (categoriesLoad ??= api<CategoriesReply>('GET', '/api/categories').then((a) => a.categories));
const label = (c: { name: string; en: string }): string => (currentLang() === 'en' ? c.en : c.name);

/** One editable field: how to read it from the ticket, and the control that holds the agent's value. */
export interface Binding {
  readonly name: string;
  read(ticket: TicketDetail): string;
  set(value: string): void;
}

export interface TicketFields {
  /** The labelled controls, in the form's order. */
  readonly elements: HTMLElement[];
  readonly bindings: readonly Binding[];
  /** The first control: focused when the form opens after the call. */
  readonly first: HTMLSelectElement;
  loadTaxonomy(): Promise<void>;
  /** What the pop knows and a ticket or draft may not have yet: the suggested category, the enterprise. */
  prefill(pop: ScreenPop | null, ticket?: TicketDetail): void;
  /** The form as the call's draft: text as typed, a credit code in the characters one can have. */
  draft(): DraftFields;
  /** Puts a draft's fields in the form; `onlyTyped`: leave a field alone where the draft has nothing. */
  showDraft(draft: DraftFields, onlyTyped?: boolean): void;
  /** The form as a filing on the ticket read at `version`: trimmed, empty names as null. */
  filing(version: number): FilingBody;
  /** 「引用此答案」: the quote appended to the description, the article recorded as used. */
  quote(article: ArticleQuote): void;
}

export function ticketFields(): TicketFields {
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
  // 拒绝回访: the citizen wants no call back asking whether they are satisfied.
  const declined = h('input', { type: 'checkbox', id: 'ticket-visit-declined' });
  const enterpriseName = h('input', { maxlength: 200 });
  const creditCode = h('input', { maxlength: 18, pattern: '[0-9A-Z]{18}' });
  // The articles used to answer (首呼解决的依据): ids and versions, shown with the titles known here.
  let used: ArticleRef[] = [];
  const titles = new Map<number, string>();
  const usedList = h('ul', { class: 'kb-used', id: 'ticket-articles' });
  const showUsed = (): void => fill(usedList, used.map((ref) => h('li', { 'data-article-id': ref.id }, `${titles.get(ref.id) || t('kbUnknownArticle')} · v${ref.version}`)));
  const setUsed = (refs: readonly ArticleRef[]): void => {
    used = refs.slice(0, MAX_USED).map((ref) => ({ id: ref.id, version: ref.version }));
    showUsed();
  };

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

  const elements = [
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
    h('div', { class: 'field inline wide' }, declined, h('label', { for: 'ticket-visit-declined' }, t('returnVisitDeclined'))),
    h('div', { class: 'field wide' }, h('span', { class: 'label' }, t('kbUsedArticles')), usedList),
  ];

  const bindings: Binding[] = [
    { name: t('requestType'), read: (x) => x.requestType ?? '', set: (v) => (type.value = v) },
    { name: t('subcategory'), read: (x) => x.categoryCode ?? '', set: (v) => setCategory(v || null) },
    { name: t('title'), read: (x) => x.title ?? '', set: (v) => (title.value = v) },
    { name: t('description'), read: (x) => x.description ?? '', set: (v) => (description.value = v) },
    { name: t('location'), read: (x) => x.location ?? '', set: (v) => (location.value = v) },
    { name: t('area'), read: (x) => x.area ?? '', set: (v) => (area.value = v) },
    { name: t('urgency'), read: (x) => x.urgency ?? 'normal', set: (v) => (urgency.value = v || 'normal') },
    { name: t('confidential'), read: (x) => String(x.confidential), set: (v) => (confidential.checked = v === 'true') },
    { name: t('enterpriseName'), read: (x) => x.enterpriseName ?? '', set: (v) => (enterpriseName.value = v) },
    { name: t('creditCode'), read: (x) => x.enterpriseCreditCode ?? '', set: (v) => (creditCode.value = v) },
    { name: t('returnVisitDeclined'), read: (x) => String(x.returnVisitDeclined), set: (v) => (declined.checked = v === 'true') },
    {
      name: t('kbUsedArticles'),
      read: (x) => {
        for (const article of x.articlesUsed) if (article.title) titles.set(article.id, article.title);
        return JSON.stringify(x.articlesUsed.map((a) => ({ id: a.id, version: a.version })));
      },
      set: (v) => setUsed(v ? (JSON.parse(v) as ArticleRef[]) : []),
    },
  ];

  const draft = (): DraftFields => {
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
      returnVisitDeclined: declined.checked,
      enterpriseName: enterpriseName.value,
      enterpriseCreditCode: creditCode.value.toUpperCase().replace(/[^0-9A-Z]/g, '').slice(0, 18),
      articlesUsed: used,
    };
  };

  const showDraft = (fields: DraftFields, onlyTyped = false): void => {
    const texts: [string | undefined, Binding | undefined][] = [
      [fields.requestType, bindings[0]],
      [fields.categoryCode, bindings[1]],
      [fields.title, bindings[2]],
      [fields.description, bindings[3]],
      [fields.location, bindings[4]],
      [fields.area, bindings[5]],
      [fields.urgency, bindings[6]],
      [fields.enterpriseName, bindings[8]],
      [fields.enterpriseCreditCode, bindings[9]],
    ];
    for (const [value, binding] of texts) if (!onlyTyped || (value !== undefined && value !== '')) binding?.set(value ?? '');
    if (!onlyTyped || fields.confidential) confidential.checked = fields.confidential === true;
    if (!onlyTyped || fields.returnVisitDeclined) declined.checked = fields.returnVisitDeclined === true;
    if (!onlyTyped || (fields.articlesUsed?.length ?? 0) > 0) setUsed(fields.articlesUsed ?? []);
  };

  return {
    elements,
    bindings,
    first: type,
    loadTaxonomy: async () => {
      taxonomy = await categories().catch(() => []);
      fill(major, h('option', { value: '' }, t('choose')), taxonomy.map((c) => h('option', { value: c.code }, `${c.code} ${label(c)}`)));
    },
    prefill: (pop, ticket) => {
      if (!ticket?.categoryCode && pop?.suggestedCategory) setCategory(pop.suggestedCategory);
      if (!ticket?.enterpriseName && pop?.caller.enterprise) enterpriseName.value = pop.caller.enterprise.name;
      if (!ticket?.enterpriseCreditCode && pop?.caller.enterprise) creditCode.value = pop.caller.enterprise.creditCode;
    },
    draft,
    showDraft,
    filing: (version) => {
      const requestType = chosenOf(TYPES, type.value);
      const urgent = chosenOf(URGENCIES, urgency.value);
      return {
        version,
        title: title.value.trim(),
        description: description.value.trim(),
        location: location.value.trim(),
        area: area.value.trim(),
        ...(urgent ? { urgency: urgent } : {}),
        confidential: confidential.checked,
        returnVisitDeclined: declined.checked,
        enterpriseName: enterpriseName.value.trim() || null,
        enterpriseCreditCode: creditCode.value.trim().toUpperCase() || null,
        ...(requestType ? { requestType } : {}),
        ...(sub.value ? { categoryCode: sub.value } : {}),
        articlesUsed: used,
      };
    },
    quote: (article) => {
      titles.set(article.id, article.title);
      const text = quoteText(article, t('kbQuoted'));
      description.value = description.value.trim() === '' ? text : `${description.value.replace(/\s+$/, '')}\n${text}`;
      if (!used.some((ref) => ref.id === article.id) && used.length < MAX_USED) used = [...used, { id: article.id, version: article.version }];
      showUsed();
    },
  };
}
