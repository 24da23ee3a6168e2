// The analysis page's 热点预警 list: filtered by state and kind, open ones first (the server's order),
// each row opening the warning with its orders and steps.
import type { HotspotView } from '../api-types.js';
import { field, fill, h } from '../dom.js';
import { HOTSPOT_KIND_WORDS, HOTSPOT_STATE_WORDS, t, word, wordsOf } from '../i18n.js';
import { errorParagraph } from '../page.js';
import { listHotspots } from './hotspot-api.js';

export interface HotspotList {
  readonly element: HTMLElement;
  reload(): Promise<void>;
  /** Marks the warning on show. */
  select(id: number | null): void;
}

/** Where a warning is: its place, else its area, else nothing. */
export const hotspotWhere = (w: HotspotView): string => [w.area, w.place].filter(Boolean).join(' · ') || '–';
export const hotspotDays = (w: HotspotView): string => (w.from === w.to ? w.from : `${w.from} — ${w.to}`);
export const hotspotFigures = (w: HotspotView): string => `${w.observed} / ${Math.round(w.expected * 10) / 10}`;

function row(w: HotspotView, open: (id: number) => void): HTMLElement {
  return h(
    'tr',
    { 'data-hotspot': w.id, 'data-state': w.state, 'data-kind': w.kind },
    h('td', {}, h('button', { type: 'button', class: 'small', 'data-open-hotspot': w.id, onclick: () => open(w.id) }, word(HOTSPOT_KIND_WORDS, w.kind))),
    h('td', {}, h('span', { class: `badge hotspot-${w.state}` }, word(HOTSPOT_STATE_WORDS, w.state))),
    h('td', {}, w.categoryName ?? '–'),
    h('td', {}, hotspotWhere(w)),
    h('td', {}, hotspotDays(w)),
    h('td', { class: 'num' }, hotspotFigures(w)),
    h('td', { class: 'num' }, w.score.toFixed(1)),
    h('td', { class: 'num' }, String(w.orderCount)),
    h('td', { class: 'reason' }, w.reason),
  );
}

export function hotspotList(open: (id: number) => void): HotspotList {
  const state = h('select', {}, h('option', { value: '' }, t('anAllStates')), wordsOf(HOTSPOT_STATE_WORDS).map((s) => h('option', { value: s }, word(HOTSPOT_STATE_WORDS, s))));
  const kind = h('select', {}, h('option', { value: '' }, t('anAllKinds')), wordsOf(HOTSPOT_KIND_WORDS).map((k) => h('option', { value: k }, word(HOTSPOT_KIND_WORDS, k))));
  const body = h('div', { id: 'an-hotspot-list' });
  let selected: number | null = null;
  const mark = (): void => body.querySelectorAll<HTMLElement>('tr[data-hotspot]').forEach((tr) => tr.classList.toggle('selected', Number(tr.dataset.hotspot) === selected));
  const reload = async (): Promise<void> => {
    try {
      const items = await listHotspots({ state: state.value as HotspotView['state'] | '', kind: kind.value as HotspotView['kind'] | '', limit: 200 });
      const heads = [t('anKind'), t('anState'), t('anCategory'), t('anWhere'), t('anDays'), t('anFigures'), t('anScore'), t('anOrderCount'), t('anReason')];
      fill(
        body,
        items.length === 0
          ? h('p', { class: 'message', id: 'an-no-hotspots' }, t('anNoHotspots'))
          : h('table', { class: 'list', id: 'an-hotspots' }, h('thead', {}, h('tr', {}, heads.map((text) => h('th', { scope: 'col' }, text)))), h('tbody', {}, items.map((w) => row(w, open)))),
      );
      mark();
    } catch (error) {
      fill(body, errorParagraph(error));
    }
  };
  state.addEventListener('change', () => void reload());
  kind.addEventListener('change', () => void reload());
  const element = h('div', {}, h('div', { class: 'filters' }, field('an-hotspot-state', t('anState'), state), field('an-hotspot-kind', t('anKind'), kind)), body);
  return {
    element,
    reload,
    select(id) {
      selected = id;
      mark();
    },
  };
}
