// The hotspot rules backtested on a generated year and a half of orders with planted hotspots of known
// time, place and category: every day of the evaluation span is run through findHotspots with its
// default settings, and the findings are scored against the planted truth (test/helpers/hotspot-scoring.ts
// defines precision and recall; docs/generated-year.md the targets and why). It prints the figures and
// exits with 1 below a target. A measurement rather than a test of the suite while the rules are below
// their precision target; it becomes the suite's precision/recall test once they reach it.
// Run: npx tsx bench/hotspot-backtest.bench.ts
import { generateYear, loadYearSources, naturalSeasonSpans, OrderHistory, planHotspots, SeasonCalendar, type GeneratedYear } from '../src/adapters/tickets/generated-year/index.js';
import { addDays, type LocalDate } from '../src/domain/calendar/china-time.js';
import { DEFAULT_HOTSPOT_SETTINGS, findHotspots } from '../src/domain/hotspots/find-hotspots.js';
import { formatScore, scoreBacktest, type RaisedFinding } from '../test/helpers/hotspot-scoring.js';

const DATA_FROM = '2025-01-01';
const EVAL_FROM = '2025-03-01';
const TO = '2026-06-30';
const RECALL_TARGET = 0.9;
const PRECISION_TARGET = 0.8;

function backtest(generated: GeneratedYear, calendar: ReturnType<typeof loadYearSources>['calendar']): RaisedFinding[] {
  const history = new OrderHistory(generated.orders, calendar);
  const raised = new Map<string, RaisedFinding>();
  for (let day: LocalDate = EVAL_FROM; day <= TO; day = addDays(day, 1)) {
    for (const finding of findHotspots(history.input(day, DEFAULT_HOTSPOT_SETTINGS), DEFAULT_HOTSPOT_SETTINGS)) {
      const earlier = raised.get(finding.key);
      raised.set(finding.key, { finding, firstDay: earlier?.firstDay ?? day, lastDay: day });
    }
  }
  return [...raised.values()];
}

const started = performance.now();
const sources = loadYearSources();
const seasons = new SeasonCalendar(sources.calendar);
const hotspots = planHotspots({ seed: 24, areas: sources.areas, seasons, from: EVAL_FROM, to: TO });
const year = generateYear({ ...sources, seed: 24, from: DATA_FROM, to: TO, ordersPerDay: 300, hotspots });
const score = scoreBacktest(backtest(year, sources.calendar), year.hotspots, naturalSeasonSpans(seasons, DATA_FROM, TO), {
  leadDays: DEFAULT_HOTSPOT_SETTINGS.season.leadDays,
  // A season can be warned ahead only where the year before is in the data.
  scored: (h) => h.kind !== 'season' || addDays(h.from, -365) >= DATA_FROM,
  categoryOf: (id) => year.orders[id - 1]?.categoryCode ?? null,
});
console.log(`hotspot backtest ${EVAL_FROM}..${TO}, ${year.orders.length} orders, ${year.hotspots.length} planted, ${((performance.now() - started) / 1000).toFixed(1)} s\n${formatScore(score)}`);
for (const h of score.missed) console.log(`missed ${h.id} ${h.categoryCode} ${h.area ?? '全市'} ${h.place ?? ''} ${h.from}..${h.to} (${h.orderIds.length} orders)`);
for (const k of score.kinds) for (const r of k.falses.slice(0, 5)) console.log(`false ${r.firstDay} ${r.finding.reason}`);
const short = [
  ...score.kinds.filter((k) => k.planted > 0 && k.recall < RECALL_TARGET).map((k) => `${k.kind} recall ${k.recall} < ${RECALL_TARGET}`),
  ...(score.precision < PRECISION_TARGET ? [`precision ${score.precision.toFixed(3)} < ${PRECISION_TARGET}`] : []),
];
console.log(short.length === 0 ? 'every target met' : `below target: ${short.join('; ')}`);
process.exitCode = short.length === 0 ? 0 : 1;
