// A generated year of orders with planted hotspots: the generator, the hotspot plan, the rules' input
// built from the orders, and the sources as shipped in fixtures/.
import { loadCalendar } from '../../flows/schedule-loader.js';
import { loadCorpusSources } from '../../knowledge/generated-corpus.js';
import { DataFileError } from '../../files/data-file-error.js';
import { loadCityAreas } from '../area-file.js';
import type { YearSources } from './generated-order.js';

export * from './generated-order.js';
export { generateYear } from './generate-year.js';
export { planHotspots } from './injected-hotspots.js';
export { hotspotInputs, OrderHistory } from './hotspot-inputs.js';
export { naturalSeasonSpans, SeasonCalendar } from './season-calendar.js';

/** The areas, taxonomy, dispatch rules and calendar as shipped in fixtures/. */
export function loadYearSources(dir = 'fixtures'): YearSources {
  const { taxonomy, rules } = loadCorpusSources(`${dir}/categories.yaml`, `${dir}/dispatch-rules.yaml`);
  const { calendar, problems } = loadCalendar(`${dir}/calendar`);
  if (!calendar) throw new DataFileError(problems);
  return { areas: loadCityAreas(`${dir}/areas.yaml`), taxonomy, rules, calendar };
}
