// The knowledge base's start on an empty database: the seed written in one transaction (the
// hand-written articles and N generated ones), then the search index built from the store, and a
// refresh with nothing new (what every server does every few seconds). SQLite in a temporary file;
// PostgreSQL too when HOTLINE_BENCH_DATABASE_URL names an empty database.
//
//   npx tsx bench/knowledge-start.bench.ts [generated articles, default 3000]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../src/adapters/db/open-database.js';
import { loadDataFile } from '../src/adapters/files/data-file.js';
import { loadCategories } from '../src/adapters/tickets/category-file.js';
import { openStorage, sqliteStorage, type Storage } from '../src/boot/storage.js';
import { startKnowledge } from '../src/boot/knowledge.js';
import { NO_RESPONSIBILITIES } from '../src/domain/knowledge/responsibility-list.js';
import { parseDispatchRules } from '../src/domain/tickets/dispatch-rules.js';
import { createLogger } from '../src/logging/logger.js';

const COUNT = Number(process.argv[2] ?? 3000);
const taxonomy = loadCategories('fixtures/categories.yaml');
const dispatchRules = loadDataFile('fixtures/dispatch-rules.yaml', (raw) => parseDispatchRules(raw, taxonomy));
const logger = createLogger('silent');

async function measure(name: string, storage: Storage): Promise<void> {
  const began = performance.now();
  const knowledge = await startKnowledge(
    { knowledge: { seed: { kind: 'generated', count: COUNT }, refreshMs: 60_000, responsibilitiesFile: '' } },
    { store: storage.knowledge, audit: storage.audit, taxonomy, dispatchRules, responsibilities: NO_RESPONSIBILITIES, now: Date.now, logger, shared: () => false },
  );
  const started = performance.now() - began;
  const refreshes: number[] = [];
  for (let i = 0; i < 20; i += 1) {
    const t = performance.now();
    await knowledge.mirror.refresh();
    refreshes.push(performance.now() - t);
  }
  refreshes.sort((a, b) => a - b);
  const articles = knowledge.mirror.articles().size;
  console.log(`${name}: ${articles} articles seeded and indexed in ${started.toFixed(0)} ms; an idle refresh (30 s overlap re-read) median ${refreshes[10]?.toFixed(1)} ms, max ${refreshes.at(-1)?.toFixed(1)} ms`);
  knowledge.stop();
  await storage.close();
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'knowledge-bench-'));
await measure('sqlite', sqliteStorage(openDatabase(path.join(dir, 'hotline.db')), dir));
const url = process.env.HOTLINE_BENCH_DATABASE_URL;
if (url) await measure('postgres', await openStorage({ dbFile: '', databaseUrl: url, cluster: null }, logger));
fs.rmSync(dir, { recursive: true, force: true });
