// The hotspot engine over a year of a large city: N generated orders (1,000,000 by default) over
// 2025-07-01..2026-06-30 with planted hotspots, then findHotspots on inputs built from them for days
// of the last months (issue 24: all warnings and the analysis page's data within 2 s). The orders are
// also written once into a SQLite database kept in the temp folder (keyed by the migrations and N),
// where the same work is timed as the server does it: whole hotspot runs (reads, rules, evidence,
// upserts) and the analysis page's data for its default 30 days and for the whole year, beside the
// engine on inputs from memory (the baseline: the rules alone).
//
//   npx tsx bench/hotspots.bench.ts [orders, default 1000000] [days evaluated, default 20]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AnalysisStore } from '../src/adapters/db/analysis-store.js';
import { HotspotStore } from '../src/adapters/db/hotspot-store.js';
import { openDatabase } from '../src/adapters/db/open-database.js';
import { OrderHistoryStore } from '../src/adapters/db/order-history-store.js';
import { generateYear, loadYearSources, OrderHistory, planHotspots, SeasonCalendar } from '../src/adapters/tickets/generated-year/index.js';
import { loadCategories } from '../src/adapters/tickets/category-file.js';
import { AnalysisService } from '../src/app/analysis/analysis-service.js';
import { HotspotService } from '../src/app/hotspots/hotspot-service.js';
import { categoryNames } from '../src/boot/hotspots.js';
import { pastOrderRows } from '../src/boot/order-history.js';
import { loadSeasonAnchors } from '../src/boot/season-anchors.js';
import { addDays, chinaMidnight } from '../src/domain/calendar/china-time.js';
import { DEFAULT_HOTSPOT_SETTINGS, findHotspots } from '../src/domain/hotspots/find-hotspots.js';
import { createLogger } from '../src/logging/logger.js';
import { summarize, table } from './stats.js';

const COUNT = Number(process.argv[2] ?? 1_000_000);
const DAYS = Number(process.argv[3] ?? 20);
const FROM = '2025-07-01';
const TO = '2026-06-30';

const sources = loadYearSources();
let began = performance.now();
const hotspots = planHotspots({ seed: 24, areas: sources.areas, seasons: new SeasonCalendar(sources.calendar), from: FROM, to: TO });
const year = generateYear({ ...sources, seed: 24, from: FROM, to: TO, ordersPerDay: COUNT / 365 / 0.95, hotspots });
console.log(`${year.orders.length} orders generated in ${((performance.now() - began) / 1000).toFixed(1)} s`);

function databaseFile(): string {
  const migrations = fs.readdirSync('drizzle').filter((name) => name.endsWith('.sql')).length;
  return path.join(os.tmpdir(), `hotline-bench-hotspots-${COUNT}-m${migrations}.db`);
}

const file = databaseFile();
if (!fs.existsSync(file)) {
  began = performance.now();
  const partial = `${file}.building`;
  fs.rmSync(partial, { force: true });
  const database = openDatabase(partial);
  // Only while building the fixture.
  database.sqlite.pragma('synchronous = OFF');
  await new OrderHistoryStore(database.sqlite).seedHistory(pastOrderRows(year.orders));
  database.close();
  fs.renameSync(partial, file);
  console.log(`database ${file} built in ${((performance.now() - began) / 1000).toFixed(1)} s`);
} else console.log(`database ${file} kept from an earlier run`);

began = performance.now();
const history = new OrderHistory(year.orders, sources.calendar);
console.log(`orders indexed in ${((performance.now() - began) / 1000).toFixed(1)} s`);
const inputMs: number[] = [];
const engineMs: number[] = [];
let findings = 0;
let recent = 0;
for (let i = 0; i < DAYS; i += 1) {
  const day = addDays(TO, -i * 7);
  let t = performance.now();
  const input = history.input(day, DEFAULT_HOTSPOT_SETTINGS);
  inputMs.push(performance.now() - t);
  t = performance.now();
  findings += findHotspots(input, DEFAULT_HOTSPOT_SETTINGS).length;
  engineMs.push(performance.now() - t);
  recent += input.recent.length;
}
console.log(table(`findHotspots over ${COUNT} orders a year (${(recent / DAYS).toFixed(0)} recent orders a call, ${(findings / DAYS).toFixed(0)} findings a call)`, { 'input from memory': summarize(inputMs), engine: summarize(engineMs) }));

// The same over the database, as the server does it, on the last of those days (18:00 China time).
const database = openDatabase(file);
const taxonomy = loadCategories('fixtures/categories.yaml');
const seasons = loadSeasonAnchors('fixtures/seasons.yaml', 'fixtures/calendar');
const now = (): number => chinaMidnight(TO) + 18 * 3_600_000;
const hotspotStore = new HotspotStore(database.db, database.sqlite);
const service = new HotspotService({ store: hotspotStore, settings: DEFAULT_HOTSPOT_SETTINGS, find: findHotspots, seasons: () => seasons, categoryNames: categoryNames(taxonomy), now, logger: createLogger('silent'), changed: () => undefined });
const analysis = new AnalysisService({ analysis: new AnalysisStore(database.db), hotspots: hotspotStore, names: { taxonomy, unitNames: new Map() }, warningView: async () => null, now });
const rounds = 5;
const timings: Record<string, number[]> = { 'hotspot run (reads, rules, evidence, upserts)': [], 'of it: the rules\' input read': [], 'analysis data, last 30 days': [], 'analysis data, whole year': [], 'warnings + 30 days': [], 'warnings + whole year': [] };
const timed = async (key: string, work: () => Promise<unknown>): Promise<number> => {
  const t = performance.now();
  await work();
  const ms = performance.now() - t;
  timings[key]?.push(ms);
  return ms;
};
for (let round = 0; round < rounds; round += 1) {
  const run = await timed('hotspot run (reads, rules, evidence, upserts)', () => service.run());
  await timed('of it: the rules\' input read', () => service.input(TO));
  const month = await timed('analysis data, last 30 days', () => analysis.analysis(addDays(TO, -29), TO));
  const year = await timed('analysis data, whole year', () => analysis.analysis(addDays(TO, -364), TO));
  timings['warnings + 30 days']?.push(run + month);
  timings['warnings + whole year']?.push(run + year);
}
const warnings = await hotspotStore.list({ limit: 200 });
console.log(table(`on SQLite over the same orders, ${rounds} rounds, day ${TO} (${warnings.length} warnings kept)`, Object.fromEntries(Object.entries(timings).map(([key, values]) => [key, summarize(values)]))));
database.close();
