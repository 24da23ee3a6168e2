// One warning opened on the analysis page: its figures, the steps its state allows (转办 to a unit,
// 已处置, 忽略 with a note, 重新打开), 生成主动治理工单, its orders and its history.
import type { HandlingUnit, HotspotDetailReply, HotspotStep, HotspotView } from '../api-types.js';
import { chinaTime, field, fill, h } from '../dom.js';
import { HOTSPOT_KIND_WORDS, HOTSPOT_STATE_WORDS, HOTSPOT_STEP_WORDS, t, word } from '../i18n.js';
import { errorParagraph, showError } from '../page.js';
import { handlingUnits, hotspotDetail, proactiveOrder, stepHotspot } from './hotspot-api.js';
import { hotspotDays, hotspotFigures, hotspotWhere } from './hotspot-list.js';
import { historyTable, ordersTable } from './hotspot-orders.js';
import { mayMakeOrder, stepProblem, stepsFrom } from './hotspot-steps.js';

export interface HotspotDetailContext {
  readonly target: HTMLElement;
  /** A step or an order changed the warning: the list is read again. */
  readonly changed: () => void;
}

const unitPicker = (units: readonly HandlingUnit[], chosen: string | null): HTMLSelectElement =>
  h('select', {}, h('option', { value: '' }, t('anPickUnit')), units.map((u) => h('option', { value: u.id, selected: u.id === chosen }, u.name)));

function facts(w: HotspotView, unitName: (id: string) => string): HTMLElement {
  const pairs: [string, string][] = [
    [t('anKind'), word(HOTSPOT_KIND_WORDS, w.kind)],
    [t('anState'), word(HOTSPOT_STATE_WORDS, w.state)],
    [t('anCategory'), w.categoryName ?? '–'],
    [t('anWhere'), hotspotWhere(w)],
    [t('anDays'), hotspotDays(w)],
    [t('anFigures'), hotspotFigures(w)],
    [t('anReason'), w.reason],
    [t('anRaisedAt'), chinaTime(w.raisedAt)],
    [t('anSentTo'), w.unitId ? unitName(w.unitId) : '–'],
    [t('anProactiveTicket'), w.proactiveTicket?.number ?? '–'],
  ];
  return h('dl', { class: 'facts', id: 'an-hotspot-facts', 'data-state': w.state }, pairs.flatMap(([dt, dd]) => [h('dt', {}, dt), h('dd', {}, dd)]));
}

function stepControls(context: HotspotDetailContext, w: HotspotView, units: readonly HandlingUnit[], reopen: (notice: string) => void): HTMLElement {
  const steps = stepsFrom(w.state);
  const unit = unitPicker(units, w.unitId);
  const note = h('input', { maxlength: 500 });
  const message = h('p', { class: 'message', role: 'status', id: 'an-step-message' });
  const take = async (step: HotspotStep): Promise<void> => {
    const problem = stepProblem(step, unit.value, note.value);
    message.classList.toggle('error', problem !== null);
    if (problem) return void (message.textContent = t(problem === 'unit-required' ? 'anUnitRequired' : 'anNoteRequired'));
    try {
      await stepHotspot(w.id, { step, ...(step === 'send' ? { unitId: unit.value } : {}), ...(note.value.trim() ? { note: note.value.trim() } : {}) });
      context.changed();
      reopen(t('anStepDone', { step: word(HOTSPOT_STEP_WORDS, step) }));
    } catch (error) {
      message.classList.add('error');
      showError(message, error);
    }
  };
  return h(
    'div',
    { class: 'hotspot-steps', id: 'an-hotspot-steps' },
    h('div', { class: 'filters' }, steps.includes('send') ? field('an-step-unit', t('anSendTo'), unit) : null, field('an-step-note', t('anStepNote'), note)),
    h('div', { class: 'actions' }, steps.map((step) => h('button', { type: 'button', 'data-hotspot-step': step, class: step === 'send' ? 'primary' : '', onclick: () => void take(step) }, word(HOTSPOT_STEP_WORDS, step)))),
    message,
  );
}

function orderForm(context: HotspotDetailContext, w: HotspotView, units: readonly HandlingUnit[], reopen: (notice: string) => void): HTMLElement | null {
  if (!mayMakeOrder(w)) return null;
  const unit = unitPicker(units, w.unitId);
  const title = h('input', { maxlength: 200, value: [w.categoryName, w.place ?? w.area].filter(Boolean).join(' · ') });
  const description = h('textarea', { rows: 3, maxlength: 4000 }, w.reason);
  const message = h('p', { class: 'message', role: 'status', id: 'an-order-message' });
  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (!unit.value) return void (message.textContent = t('anUnitRequired'));
    try {
      const reply = await proactiveOrder(w.id, { unitId: unit.value, ...(title.value.trim() ? { title: title.value.trim() } : {}), ...(description.value.trim() ? { description: description.value.trim() } : {}) });
      context.changed();
      reopen(t('anProactiveMade', { number: reply.ticket.number }));
    } catch (error) {
      showError(message, error);
    }
  };
  return h(
    'form',
    { class: 'card proactive', id: 'an-proactive', onsubmit: (event: Event) => void submit(event) },
    h('h3', {}, t('anProactive')),
    field('an-order-unit', t('anProactiveUnit'), unit),
    field('an-order-title', t('anProactiveTitle'), title),
    field('an-order-description', t('anProactiveDescription'), description),
    h('button', { type: 'submit', class: 'primary', id: 'an-order-submit' }, t('anProactive')),
    message,
  );
}

/** Shows the warning as it is now; `notice` says what the last step did. */
export async function showHotspot(context: HotspotDetailContext, id: number, notice = ''): Promise<void> {
  let detail: HotspotDetailReply;
  let units: HandlingUnit[];
  try {
    [detail, units] = await Promise.all([hotspotDetail(id), handlingUnits().catch(() => [])]);
  } catch (error) {
    fill(context.target, errorParagraph(error));
    return;
  }
  const names = new Map(units.map((u) => [u.id, u.name]));
  const unitName = (unitId: string): string => names.get(unitId) ?? unitId;
  const w = detail.warning;
  const reopen = (next: string): void => void showHotspot(context, id, next);
  fill(
    context.target,
    notice ? h('p', { class: 'message', role: 'status', id: 'an-hotspot-notice' }, notice) : null,
    h('h3', { id: 'an-hotspot-title', 'data-hotspot': w.id }, `${word(HOTSPOT_KIND_WORDS, w.kind)} · ${w.categoryName ?? ''} · ${hotspotWhere(w)}`),
    facts(w, unitName),
    stepControls(context, w, units, reopen),
    orderForm(context, w, units, reopen),
    h('h3', {}, t('anHotspotOrders')),
    ordersTable(detail.orders),
    h('h3', {}, t('anHotspotHistory')),
    historyTable(detail.history, unitName),
  );
}
