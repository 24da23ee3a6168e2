// The wallboard's curve of today beside its numbers: calls, answered within 15 s and abandoned per
// hour so far (GET /api/analysis for today), read every minute and again soon after calls end.
import { api, query } from '../api.js';
import type { Analysis } from '../api-types.js';
import { dayCurve } from '../analysis/analysis-series.js';
import { seriesNames } from '../analysis/series-names.js';
import { chartBox } from '../charts/chart-box.js';
import { axisChart } from '../charts/chart-options.js';
import { chinaToday, h } from '../dom.js';
import { t } from '../i18n.js';
import { showError } from '../page.js';

const EVERY_MS = 60_000;
/** Calls ending close together are read once. */
const AFTER_CALLS_MS = 5_000;

export interface DayCurve {
  readonly element: HTMLElement;
  /** The centre's count of ended calls today (answered + abandoned): a change reads the curve again soon. */
  callsEnded(count: number): void;
}

export function dayCurveSection(): DayCurve {
  const chart = chartBox({ id: 'wb-day-curve', caption: t('wbDayCurve'), height: 220 });
  const message = h('p', { class: 'message', role: 'status', id: 'wb-day-curve-message' });
  const load = async (): Promise<void> => {
    const today = chinaToday();
    try {
      const analysis = await api<Analysis>('GET', `/api/analysis${query({ from: today, to: today })}`);
      const hourNow = new Date(Date.now() + 8 * 3_600_000).getUTCHours();
      chart.draw(axisChart(dayCurve(analysis.hours, hourNow, seriesNames())));
      message.textContent = '';
    } catch (error) {
      showError(message, error);
    }
  };
  let ended = -1;
  let soon: number | null = null;
  void load();
  window.setInterval(() => void load(), EVERY_MS);
  return {
    element: h('section', { class: 'card', 'aria-labelledby': 'wb-day-curve-title' }, h('h2', { id: 'wb-day-curve-title' }, t('wbDayCurve')), chart.element, message),
    callsEnded(count) {
      if (ended >= 0 && count !== ended && soon === null) soon = window.setTimeout(() => ((soon = null), void load()), AFTER_CALLS_MS);
      ended = count;
    },
  };
}
