// Which days of counts and which orders the service must load for one call of findHotspots, so that no
// rule reads a missing day as a quiet one: the surge baseline and the run behind it, last year's
// window and level around each season due, every month start due (the season rule's own anchors), and
// the recent orders over the repeat look-back (which covers the cluster window and its history).
import { addDays, type LocalDate } from '../calendar/china-time.js';
import type { SeasonAnchor } from './hotspot-facts.js';
import type { HotspotSettings } from './hotspot-settings.js';
import { SEASON_INTO_DAYS } from './season-rule.js';
import { SURGE_RUN_DAYS } from './surge-rule.js';

export interface DaySpan {
  readonly from: LocalDate;
  readonly to: LocalDate;
}

export interface HotspotInputSpan {
  /** Day counts to load: the union of these spans (they may overlap). */
  readonly dayCounts: readonly DaySpan[];
  /** Recent orders to load: created from the start of this day to the end of the evaluated one. */
  readonly recentFrom: LocalDate;
}

export function hotspotInputSpan(day: LocalDate, seasons: readonly SeasonAnchor[], settings: HotspotSettings): HotspotInputSpan {
  const spans: DaySpan[] = [{ from: addDays(day, -(settings.surge.baselineDays + SURGE_RUN_DAYS + 7)), to: day }];
  const { leadDays, windowDays } = settings.season;
  const lastYearAround = (lastYearStart: LocalDate): DaySpan => ({
    // The window, the level before it, and after it for when the data does not reach back.
    from: addDays(lastYearStart, -3 * windowDays),
    to: addDays(lastYearStart, SEASON_INTO_DAYS + 2 * windowDays),
  });
  for (const anchor of seasons) {
    if (anchor.start > day && anchor.start <= addDays(day, leadDays)) spans.push(lastYearAround(anchor.lastYearStart));
  }
  for (let i = 1; i <= leadDays; i++) {
    const date = addDays(day, i);
    if (date.endsWith('-01')) spans.push(lastYearAround(`${Number(date.slice(0, 4)) - 1}${date.slice(4)}`));
  }
  const repeatFrom = addDays(day, -(settings.repeat.windowDays - 1 + settings.repeat.lookbackDays));
  const clusterFrom = addDays(day, -(3 * settings.cluster.windowDays + 28));
  return { dayCounts: spans, recentFrom: repeatFrom < clusterFrom ? repeatFrom : clusterFrom };
}
