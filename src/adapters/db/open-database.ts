// Opens SQLite with the settings a system of record needs, and brings its schema up to date with
// the committed drizzle migrations.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema.js';
import { registerTextPairs } from './text-pairs.js';

export type Db = BetterSQLite3Database<typeof schema>;

export interface OpenDatabase {
  readonly db: Db;
  readonly sqlite: Database.Database;
  close(): void;
}

const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../drizzle');

export function openDatabase(file: string): OpenDatabase {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  // A ticket acknowledged to an agent must survive a power cut.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  // A locked database (a backup, another tool) makes a statement wait this long at most: the wait
  // blocks the event loop, and Asterisk drops a client that stalls for 100 ms. Longer locks are
  // retried without blocking by the writers that must not lose data (the ticket at hang-up).
  sqlite.pragma('busy_timeout = 50');
  // The ticket text triggers call it, and the migration that builds the index does too.
  registerTextPairs(sqlite);
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder });
  return { db, sqlite, close: () => sqlite.close() };
}

/** A cheap liveness probe for /health. */
export function databaseAnswers(sqlite: Database.Database): boolean {
  try {
    return sqlite.prepare('select 1 as ok').get() !== undefined;
  } catch {
    return false;
  }
}
