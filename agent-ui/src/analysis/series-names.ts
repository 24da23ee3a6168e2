// The charts' series names in the page's language, and the small figure formats the analysis page
// and the report share.
import { percent } from '../dom.js';
import { t } from '../i18n.js';
import { SERVICE_LEVEL_TARGET, type SeriesNames } from './analysis-series.js';

export function seriesNames(): SeriesNames {
  return {
    calls: t('anSeriesCalls'),
    orders: t('anSeriesOrders'),
    withinTarget: t('anSeriesWithinTarget'),
    abandoned: t('anSeriesAbandoned'),
    serviceLevel: t('anServiceLevel'),
    thisPeriod: t('anThisPeriod'),
    previous: t('anPrevious'),
    onTimeRate: t('anOnTimeRate'),
    satisfactionRate: t('anSatisfactionRate'),
    target: t('anTarget', { rate: percent(SERVICE_LEVEL_TARGET) }),
    noArea: t('anNoArea'),
  };
}

/** A change as +12.5% / −3.0%; nothing before but something now is 新出现, nothing at all a dash. */
export function changeText(change: number | null, count: number): string {
  if (change === null) return count > 0 ? t('anNewThisPeriod') : '–';
  const text = `${(Math.abs(change) * 100).toFixed(1)}%`;
  return change > 0 ? `+${text}` : change < 0 ? `−${text}` : text;
}

/** A rate's change in percentage points. */
export function pointsText(now: number | null, before: number | null): string {
  if (now === null || before === null) return '–';
  const points = (now - before) * 100;
  return `${points > 0 ? '+' : points < 0 ? '−' : ''}${Math.abs(points).toFixed(1)}pp`;
}
