// The hotspot engine (热点预警): runs every rule over one day's input and returns the findings, strongest
// first. Pure: the service loads the counts and orders, calls this every few minutes, and keeps each
// finding by its key (docs/hotspot-rules.md says what each rule finds and why its defaults are what they are).
import type { HotspotFinding, HotspotInput } from './hotspot-facts.js';
import type { HotspotSettings } from './hotspot-settings.js';
import { findClusters } from './cluster-rule.js';
import { placeKey, type PlaceKey } from './place-key.js';
import { findRepeats } from './repeat-rule.js';
import { findSeasons } from './season-rule.js';
import { findSurges } from './surge-rule.js';

/** The values the rules were tuned with on the generated year (docs/hotspot-rules.md gives the reasons). */
export const DEFAULT_HOTSPOT_SETTINGS: HotspotSettings = {
  surge: { baselineDays: 28, minCount: 5, minRatio: 2.5, maxPValue: 0.000001 },
  cluster: { windowDays: 7, minOrders: 4 },
  season: { leadDays: 21, windowDays: 21, minRatio: 2, minCount: 20 },
  repeat: { lookbackDays: 90, windowDays: 7 },
};

export function findHotspots(input: HotspotInput, settings: HotspotSettings): HotspotFinding[] {
  const placeOf = memoisedPlaceKey();
  const context = { day: input.day, categoryNames: input.categoryNames, placeOf };
  const findings = [
    ...findSurges(input.dayCounts, context, settings.surge),
    ...findClusters(input.recent, context, settings.cluster),
    ...findRepeats(input.recent, context, settings.repeat),
    ...findSeasons(input.dayCounts, input.seasons, context, settings.season),
  ];
  return findings.sort((a, b) => b.score - a.score || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** Addresses repeat (the same estate is typed hundreds of times), so each text is normalised once per call. */
function memoisedPlaceKey(): (location: string) => PlaceKey | null {
  const cache = new Map<string, PlaceKey | null>();
  return (location) => {
    let key = cache.get(location);
    if (key === undefined) {
      key = placeKey(location);
      cache.set(location, key);
    }
    return key;
  };
}
