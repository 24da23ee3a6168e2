// The analysis page's data and the monthly analysis report over a year of 1,000,000 orders (issue 24:
// warnings + analysis data within 2 s; the monthly report within 10 s).
//
//   npx tsx bench/analysis.bench.ts [rounds] [--pg]
//
// SQLite: the database is built once by SQL (bench/analysis-rows.ts; about a minute) and kept in the
// temp folder, keyed by the migrations. With --pg, the same rows on a throwaway PostgreSQL server too.
// Each round computes, through the service the routes use: the analysis of the whole year, of the
// last 30 days (the page's default), and the monthly report's data (the month, the month before and
// the warnings). The baseline, in the same run, reads every order of the year and sums the same
// figures in JavaScript. Last, the monthly report printed to PDF by Chromium from a page holding the
// report's figures as tables (the real report page with its charts is the pages' own).
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { AnalysisStore } from '../src/adapters/db/analysis-store.js';
import { openDatabase } from '../src/adapters/db/open-database.js';
import { ChromiumPrinter } from '../src/adapters/pdf/chromium-printer.js';
import { openPostgres } from '../src/adapters/pg/open-postgres.js';
import { PgAnalysisStore } from '../src/adapters/pg/pg-analysis-store.js';
import { loadCategories } from '../src/adapters/tickets/category-file.js';
import { AnalysisService } from '../src/app/analysis/analysis-service.js';
import type { AnalysisRecords } from '../src/app/ports/analysis-records.js';
import { chinaMidnight } from '../src/domain/calendar/china-time.js';
import { createLogger } from '../src/logging/logger.js';
import { startPostgres } from '../test/helpers/postgres-server.js';
import { batchSql, END, lookupSql } from './analysis-rows.js';
import { summarize, table, type Summary } from './stats.js';

const ROUNDS = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 5);
const WITH_PG = process.argv.includes('--pg');
const ORDERS = 1_000_000;
const BATCH = 100_000;
const taxonomy = loadCategories('fixtures/categories.yaml');
const CODES = [...taxonomy.byCode.keys()];
const UNITS = ['city-government', 'housing-bureau', 'urban-management', 'market-regulation', 'human-resources', 'ecology-environment', 'transport-bureau', 'traffic-police', 'water-group', 'power-supply', 'gas-group', 'heating-company', 'dongcheng-subdistrict', 'xicheng-subdistrict', 'nanhu-subdistrict', 'qingshan-town'];

function sqliteFile(): string {
  const migrations = fs.readdirSync('drizzle').filter((name) => name.endsWith('.sql')).length;
  const file = path.join(os.tmpdir(), `hotline-bench-analysis-1m-m${migrations}.db`);
  if (fs.existsSync(file)) return file;
  const started = Date.now();
  const partial = `${file}.building`;
  fs.rmSync(partial, { force: true });
  const { sqlite, close } = openDatabase(partial);
  sqlite.pragma('synchronous = OFF'); // only while building the fixture
  for (const statement of lookupSql(CODES, UNITS)) sqlite.exec(statement);
  for (let from = 0; from < ORDERS; from += BATCH) {
    const to = Math.min(ORDERS, from + BATCH);
    const series = `(with recursive n(i) as (select ${from} union all select i + 1 from n where i < ${to - 1}) select i from n)`;
    sqlite.transaction(() => batchSql(series, ORDERS, { codes: CODES.length, units: UNITS.length }, false).forEach((statement) => sqlite.exec(statement)))();
    process.stdout.write(`\rbuilding ${to} orders`);
  }
  sqlite.exec('analyze');
  close();
  fs.renameSync(partial, file);
  console.log(`\rbuilt ${ORDERS} orders in ${Math.round((Date.now() - started) / 1000)} s: ${file}`);
  return file;
}

const noWarnings = { list: async () => [] };
const serviceOf = (records: AnalysisRecords) => new AnalysisService({ analysis: records, hotspots: noWarnings, names: { taxonomy, unitNames: new Map() }, warningView: async () => null, now: () => END + 3 * 86_400_000 });

async function rounds(name: string, records: AnalysisRecords, baseline: (() => Promise<unknown>) | null): Promise<Record<string, Summary>> {
  const service = serviceOf(records);
  const shapes: Record<string, () => Promise<unknown>> = {
    'analysis, whole year (365 days)': () => service.analysis('2025-12-01', '2026-11-30'),
    'analysis, last 30 days': () => service.analysis('2026-11-01', '2026-11-30'),
    'monthly report data (2026-11)': () => service.report('month', '2026-11-01'),
    ...(baseline ? { 'baseline: read every order of the year, sum in JS': baseline } : {}),
  };
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(shapes).map((key) => [key, []]));
  const year = await service.analysis('2025-12-01', '2026-11-30');
  console.log(`${name}: the year holds ${year.totals.orders} orders, ${year.totals.calls} calls offered; service level ${year.totals.serviceLevel}, on time ${year.totals.onTimeRate}, satisfied ${year.totals.satisfactionRate}`);
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const [shape, run] of Object.entries(shapes)) {
      const started = performance.now();
      await run();
      samples[shape]?.push(performance.now() - started);
    }
  }
  return Object.fromEntries(Object.entries(samples).map(([shape, values]) => [shape, summarize(values)]));
}

async function printMonthly(records: AnalysisRecords): Promise<number> {
  const report = await serviceOf(records).report('month', '2026-11-01');
  const rows = (cells: readonly (string | number | null)[][]) => cells.map((r) => `<tr>${r.map((c) => `<td>${c ?? ''}</td>`).join('')}</tr>`).join('');
  const page = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${report.title}</title></head><body><h1>${report.title}</h1>
    <table>${rows(report.analysis.days.map((d) => [d.day, d.calls, d.answered, d.orders]))}</table>
    <table>${rows(report.analysis.heat.areas.map((area, i) => [area, ...(report.analysis.heat.cells[i] ?? [])]))}</table>
    <script>window.reportReady = true;</script></body></html>`;
  const server = http.createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const printer = new ChromiumPrinter({ executablePath: '/usr/bin/chromium', origin: () => origin, timeoutMs: 30_000, logger: createLogger('silent') });
    const started = performance.now();
    const fresh = await serviceOf(records).report('month', '2026-11-01');
    const printed = await printer.print('/report.html?period=month&start=2026-11-01', 'bench');
    if (!printed.ok) throw new Error(printed.message);
    const ms = performance.now() - started;
    console.log(`monthly report "${fresh.title}": data + PDF (${printed.pdf.byteLength} bytes) in ${Math.round(ms)} ms`);
    return ms;
  } finally {
    server.close();
  }
}

const file = sqliteFile();
const database = openDatabase(file);
const sqliteStore = new AnalysisStore(database.db);
const yearStart = chinaMidnight('2025-12-01');
const baseline = async (): Promise<unknown> => {
  // Every order of the year read and summed per day, subcategory, area and unit in JavaScript.
  const sums = new Map<string, number>();
  const statement = database.sqlite.prepare('select created_at, category_code, area, main_unit, handled_at, reply_by, satisfaction from tickets where created_at >= ? and created_at < ? and request_type is not null').raw(true);
  for (const row of statement.iterate(yearStart, END) as Iterable<unknown[]>) {
    const day = Math.floor(((row[0] as number) + 28_800_000) / 86_400_000);
    for (const key of [`d${day}|${String(row[1])}`, `a${String(row[2])}|${String(row[1])}`, `u${String(row[3])}`]) sums.set(key, (sums.get(key) ?? 0) + 1);
  }
  return sums.size;
};
console.log(table(`SQLite, ${ORDERS} orders, ${ROUNDS} rounds (ms)`, await rounds('SQLite', sqliteStore, baseline)));
await printMonthly(sqliteStore);
database.close();

if (WITH_PG) {
  const server = await startPostgres();
  const opened = await openPostgres({ url: await server.createDatabase('bench'), statementTimeoutMs: 600_000 });
  try {
    const started = Date.now();
    for (const statement of lookupSql(CODES, UNITS)) await opened.pool.query(statement);
    for (let from = 0; from < ORDERS; from += BATCH) {
      for (const statement of batchSql(`(select generate_series(${from}::bigint, ${Math.min(ORDERS, from + BATCH) - 1}) as i)`, ORDERS, { codes: CODES.length, units: UNITS.length }, true)) await opened.pool.query(statement);
      process.stdout.write(`\rbuilding ${Math.min(ORDERS, from + BATCH)} orders`);
    }
    await opened.pool.query('vacuum analyze tickets');
    console.log(`\rbuilt ${ORDERS} orders on PostgreSQL in ${Math.round((Date.now() - started) / 1000)} s`);
    console.log(table(`PostgreSQL, ${ORDERS} orders, ${ROUNDS} rounds (ms)`, await rounds('PostgreSQL', new PgAnalysisStore(opened.db), null)));
  } finally {
    await opened.close();
    await server.stop();
  }
}
