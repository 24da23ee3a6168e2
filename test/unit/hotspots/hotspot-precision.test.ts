// The hotspot rules backtested on a generated year and a half of orders with planted hotspots of known
// time, place and category: every day of the evaluation span is run through findHotspots with its
// default settings, and the findings are scored against the planted truth (test/helpers/hotspot-scoring.ts
// defines precision and recall). The targets and why: docs/generated-year.md. The figures of the run
// are printed (recall by kind, precision, each false finding).
import { beforeAll, describe, expect, it } from 'vitest';
import { generateYear, loadYearSources, naturalSeasonSpans, OrderHistory, planHotspots, SeasonCalendar, type GeneratedYear } from '../../../src/adapters/tickets/generated-year/index.js';
import { addDays, type LocalDate } from '../../../src/domain/calendar/china-time.js';
import { DEFAULT_HOTSPOT_SETTINGS, findHotspots } from '../../../src/domain/hotspots/find-hotspots.js';
import { formatScore, scoreBacktest, type BacktestScore, type RaisedFinding } from '../../helpers/hotspot-scoring.js';

const DATA_FROM = '2025-01-01';
const EVAL_FROM = '2025-03-01';
const TO = '2026-06-30';
/** Targets: every kind's recall, and precision with natural rises counted as explained (see the doc). */
const RECALL_TARGET = 0.9;
const PRECISION_TARGET = 0.8;

let year: GeneratedYear;
let score: BacktestScore;

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

beforeAll(() => {
  const sources = loadYearSources();
  const seasons = new SeasonCalendar(sources.calendar);
  const hotspots = planHotspots({ seed: 24, areas: sources.areas, seasons, from: EVAL_FROM, to: TO });
  year = generateYear({ ...sources, seed: 24, from: DATA_FROM, to: TO, ordersPerDay: 300, hotspots });
  const raised = backtest(year, sources.calendar);
  score = scoreBacktest(raised, year.hotspots, naturalSeasonSpans(seasons, DATA_FROM, TO), {
    leadDays: DEFAULT_HOTSPOT_SETTINGS.season.leadDays,
    // A season can be warned ahead only where the year before is in the data.
    scored: (h) => h.kind !== 'season' || addDays(h.from, -365) >= DATA_FROM,
    categoryOf: (id) => year.orders[id - 1]?.categoryCode ?? null,
  });
  console.log(`hotspot backtest ${EVAL_FROM}..${TO}, ${year.orders.length} orders, ${year.hotspots.length} planted\n${formatScore(score)}`);
  for (const h of score.missed) console.log(`missed ${h.id} ${h.categoryCode} ${h.area ?? '全市'} ${h.place ?? ''} ${h.from}..${h.to} (${h.orderIds.length} orders)`);
  for (const k of score.kinds) for (const r of k.falses) console.log(`false ${r.firstDay} ${r.finding.reason}`);
}, 120_000);

describe('the hotspot rules on a generated year', () => {
  it('the year plants about forty hotspots of every kind, each with its orders', () => {
    for (const kind of ['surge', 'cluster', 'season', 'repeat'] as const) expect(year.hotspots.filter((h) => h.kind === kind).length).toBeGreaterThanOrEqual(4);
    expect(year.hotspots.every((h) => h.orderIds.length > 0)).toBe(true);
  });

  it.each(['surge', 'cluster', 'season', 'repeat'] as const)(`finds at least ${RECALL_TARGET} of the planted %s hotspots`, (kind) => {
    expect(score.kinds.find((k) => k.kind === kind)?.recall).toBeGreaterThanOrEqual(RECALL_TARGET);
  });

  it(`raises findings of which at least ${PRECISION_TARGET} point at a planted hotspot or a natural season`, () => {
    expect(score.findings).toBeGreaterThan(0);
    expect(score.precision).toBeGreaterThanOrEqual(PRECISION_TARGET);
  });
});
