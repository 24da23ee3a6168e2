// The demo order history's start on an empty database: a year of N generated orders made, then written
// with their calls in one transaction (the two-character search triggers index each). SQLite in a
// temporary file; PostgreSQL too when HOTLINE_BENCH_DATABASE_URL names an empty database.
//
//   npx tsx bench/order-history-start.bench.ts [orders, default 3000]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../src/adapters/db/open-database.js';
import { loadYearSources } from '../src/adapters/tickets/generated-year/index.js';
import { seedOrderHistory } from '../src/boot/order-history.js';
import { openStorage, sqliteStorage, type Storage } from '../src/boot/storage.js';
import { createLogger } from '../src/logging/logger.js';

const COUNT = Number(process.argv[2] ?? 3_000);
const { taxonomy, rules, calendar } = loadYearSources();
const logger = createLogger('silent');

async function measure(name: string, storage: Storage): Promise<void> {
  const began = performance.now();
  const written = await seedOrderHistory(
    { orderHistory: { seed: { kind: 'generated', count: COUNT }, areasFile: 'fixtures/areas.yaml' } },
    { store: storage.orderHistory, taxonomy, rules, calendar, now: () => Date.parse('2026-12-05T02:00:00Z'), logger },
  );
  console.log(`${name}: ${written} orders generated and written in ${(performance.now() - began).toFixed(0)} ms`);
  await storage.close();
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'order-history-bench-'));
await measure('sqlite', sqliteStorage(openDatabase(path.join(dir, 'hotline.db')), dir));
const url = process.env.HOTLINE_BENCH_DATABASE_URL;
if (url) await measure('postgres', await openStorage({ dbFile: '', databaseUrl: url, cluster: null }, logger));
fs.rmSync(dir, { recursive: true, force: true });
