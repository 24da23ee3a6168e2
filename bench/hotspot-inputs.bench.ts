// The hotspot run over a year of a large city on SQLite: 1,000,000 orders (about 2,700 a day over
// 365 days, 16 areas, every subcategory, 3,000 estates with their buildings), then the rules' inputs
// read as the service reads them (day counts over the baseline and last year's season span, the
// recent orders over the repeat look-back, a selection's evidence) and one whole run (rules and
// upserts included), each timed. Issue 24's target: all warnings and the analysis data within 2 s.
//
//   npx tsx bench/hotspot-inputs.bench.ts [orders] [database file] [reads]
//
// With `reads` last, only the store's reads are timed (not the rules nor a whole run).
//
// The database is built once into the file (default: a temporary one) with the real migrations; the
// ticket text-search triggers are dropped in this file only, as they cost per insert and the reads
// timed here never touch the text index (the tickets' sums triggers stay: the day counts read them).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HotspotStore } from '../src/adapters/db/hotspot-store.js';
import { openDatabase } from '../src/adapters/db/open-database.js';
import { loadCategories } from '../src/adapters/tickets/category-file.js';
import { HotspotService } from '../src/app/hotspots/hotspot-service.js';
import { categoryNames } from '../src/boot/hotspots.js';
import { addDays, chinaMidnight } from '../src/domain/calendar/china-time.js';
import { DEFAULT_HOTSPOT_SETTINGS, findHotspots } from '../src/domain/hotspots/find-hotspots.js';
import { createLogger } from '../src/logging/logger.js';

const ORDERS = Number(process.argv[2] ?? 1_000_000);
const FILE = process.argv[3] ?? path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hotspot-bench-')), 'hotline.db');
const DAY = '2026-11-23';
const FIRST = addDays(DAY, -364);
const AREAS = ['东城街道', '西城街道', '南湖街道', '北山街道', '城关镇', '新华街道', '滨江街道', '高新区', '经开区', '东湖镇', '西岭镇', '南桥镇', '北坡镇', '中心街道', '临港街道', '花园街道'];

let seed = 24;
const rand = (): number => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x80000000;
};

function build(): void {
  const database = openDatabase(FILE);
  const { sqlite } = database;
  const have = (sqlite.prepare('select count(*) as n from tickets').get() as { n: number }).n;
  if (have >= ORDERS) return database.close();
  for (const { name } of sqlite.prepare("select name from sqlite_master where type = 'trigger' and name like 'tickets_pairs_%'").all() as { name: string }[]) sqlite.exec(`drop trigger "${name}"`);
  const subs = [...loadCategories('fixtures/categories.yaml').byCode.keys()];
  const call = sqlite.prepare("insert into calls (id, channel_id, caller_number, dialed_number, state, started_at, updated_at) values (?, ?, ?, '12345', 'ended', ?, ?)");
  const ticket = sqlite.prepare(
    "insert into tickets (number, call_id, channel, status, caller_number, dialed_number, call_started_at, call_ended_at, ring_ms, talk_ms, total_ms, ended_by, ivr_path, created_at, category_code, area, location, handled_at) values (?, ?, 'phone', 'closed', ?, '12345', ?, ?, 0, 60000, 60000, 'caller', '[]', ?, ?, ?, ?, ?)",
  );
  const span = chinaMidnight(addDays(DAY, 1)) - chinaMidnight(FIRST);
  // Orders are written as they come in, oldest first, so the rows lie in time order as in a real database.
  const times = Float64Array.from({ length: ORDERS - have }, () => chinaMidnight(FIRST) + Math.floor(rand() * span)).sort();
  const began = Date.now();
  sqlite.transaction(() => {
    for (let i = have; i < ORDERS; i += 1) {
      const at = times[i - have] ?? 0;
      const id = `bench-${i}`;
      const caller = `13${String(Math.floor(rand() * 1e9)).padStart(9, '0')}`;
      // A few categories carry most orders, as in the hotline's reports.
      const sub = subs[Math.floor(subs.length * rand() ** 2.5)] ?? subs[0];
      const estate = Math.floor(3000 * rand() ** 1.5);
      call.run(id, id, caller, at, at);
      ticket.run(`B${String(i).padStart(8, '0')}`, id, caller, at, at + 60_000, at, sub, AREAS[estate % AREAS.length], `小区${estate}号院${1 + Math.floor(rand() * 12)}号楼`, rand() < 0.8 ? at + 3 * 86_400_000 : null);
    }
  })();
  console.log(`built ${ORDERS - have} orders in ${((Date.now() - began) / 1000).toFixed(1)} s into ${FILE}`);
  database.close();
}

async function timed<T>(label: string, work: () => Promise<T>, size: (value: T) => string): Promise<T> {
  const runs: number[] = [];
  let value: T | undefined;
  for (let i = 0; i < 3; i += 1) {
    const began = performance.now();
    value = await work();
    runs.push(performance.now() - began);
  }
  runs.sort((a, b) => a - b);
  console.log(`${label.padEnd(44)} median ${runs[1]?.toFixed(0)} ms (min ${runs[0]?.toFixed(0)}, max ${runs[2]?.toFixed(0)})  ${size(value as T)}`);
  return value as T;
}

async function main(): Promise<void> {
  build();
  const database = openDatabase(FILE);
  const store = new HotspotStore(database.db, database.sqlite);
  const s = DEFAULT_HOTSPOT_SETTINGS;
  await timed('dayCounts: baseline span (49 days)', () => store.dayCounts(addDays(DAY, -(s.surge.baselineDays + 21)), DAY), (rows) => `${rows.length} rows`);
  await timed('dayCounts: last year season span (91 days)', () => store.dayCounts(addDays(DAY, -364 + 10), addDays(DAY, -364 + 100)), (rows) => `${rows.length} rows`);
  await timed(`recentOrders: ${s.repeat.lookbackDays} days`, () => store.recentOrders(chinaMidnight(addDays(DAY, -s.repeat.lookbackDays)), chinaMidnight(addDays(DAY, 1))), (rows) => `${rows.length} orders`);
  await timed('orderIds: one subcategory × area, 7 days, 500', () => store.orderIds({ categoryCode: '0202', area: AREAS[0] ?? '', from: addDays(DAY, -6), to: DAY }, 500), (ids) => `${ids.length} ids`);
  await timed('orderIds: one major, all areas, 7 days, 500', () => store.orderIds({ categoryCode: '02', area: null, from: addDays(DAY, -6), to: DAY }, 500), (ids) => `${ids.length} ids`);
  if (process.argv[4] === 'reads') return database.close();
  const taxonomy = loadCategories('fixtures/categories.yaml');
  const service = new HotspotService({ store, settings: s, find: findHotspots, seasons: () => [], categoryNames: categoryNames(taxonomy), now: () => chinaMidnight(DAY) + 18 * 3_600_000, logger: createLogger('silent'), changed: () => undefined });
  const input = await timed('the run\'s input (all reads)', () => service.input(DAY), (i) => `${i.dayCounts.length} counts, ${i.recent.length} orders`);
  await timed('findHotspots over that input', async () => findHotspots(input, s), (f) => `${f.length} findings`);
  await timed('one whole run (reads, rules, evidence, upserts)', () => service.run(), (r) => JSON.stringify(r));
  database.close();
}

void main();
