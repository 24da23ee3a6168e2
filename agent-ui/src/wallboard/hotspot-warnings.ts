// The wallboard's 热点预警: the open warnings (new and sent to a unit), strongest first, kept live by
// `hotspot:changed`; each links to the analysis page with that warning opened.
import type { HotspotView } from '../api-types.js';
import { listHotspots } from '../analysis/hotspot-api.js';
import { hotspotWhere } from '../analysis/hotspot-list.js';
import { fill, h } from '../dom.js';
import { HOTSPOT_KIND_WORDS, HOTSPOT_STATE_WORDS, t, word } from '../i18n.js';
import { errorParagraph } from '../page.js';

const SHOWN = 10;
const isOpen = (w: HotspotView): boolean => w.state === 'new' || w.state === 'sent';

export interface HotspotWarnings {
  readonly element: HTMLElement;
  reload(): Promise<void>;
  /** A warning raised, refreshed or moved (the socket's `hotspot:changed`). */
  changed(warning: HotspotView): void;
}

export function hotspotWarnings(): HotspotWarnings {
  const open = new Map<number, HotspotView>();
  const list = h('div', { id: 'wb-hotspots' });
  const show = (): void => {
    const items = [...open.values()].sort((a, b) => b.score - a.score).slice(0, SHOWN);
    fill(
      list,
      items.length === 0
        ? h('p', { class: 'message' }, t('wbNoHotspots'))
        : h(
            'ul',
            { class: 'wb-hotspots' },
            items.map((w) =>
              h(
                'li',
                { 'data-hotspot': w.id, 'data-state': w.state },
                h('a', { href: `/analysis?hotspot=${w.id}`, 'data-open-hotspot': w.id }, `${word(HOTSPOT_KIND_WORDS, w.kind)} · ${w.categoryName ?? ''} · ${hotspotWhere(w)}`),
                ' ',
                h('span', { class: `badge hotspot-${w.state}` }, word(HOTSPOT_STATE_WORDS, w.state)),
                h('span', { class: 'message' }, ` ${w.reason}`),
              ),
            ),
          ),
    );
  };
  return {
    element: h('section', { class: 'card', 'aria-labelledby': 'wb-hotspots-title' }, h('h2', { id: 'wb-hotspots-title' }, t('wbHotspots')), list),
    async reload() {
      try {
        const [fresh, sent] = await Promise.all([listHotspots({ state: 'new', limit: 50 }), listHotspots({ state: 'sent', limit: 50 })]);
        open.clear();
        for (const w of [...fresh, ...sent]) open.set(w.id, w);
        show();
      } catch (error) {
        fill(list, errorParagraph(error));
      }
    },
    changed(warning) {
      if (isOpen(warning)) open.set(warning.id, warning);
      else open.delete(warning.id);
      show();
    },
  };
}
