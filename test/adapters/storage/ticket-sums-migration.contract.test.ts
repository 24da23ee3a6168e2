// Tickets stored before the tickets' sums existed are in the sums once the migration has run, on both
// databases: what the migration fills from the rows already there equals what the triggers keep for
// the same calls written afterwards.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle as liteDrizzle } from 'drizzle-orm/better-sqlite3';
import { migrate as liteMigrate } from 'drizzle-orm/better-sqlite3/migrator';
import { drizzle as pgDrizzle } from 'drizzle-orm/node-postgres';
import { migrate as pgMigrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import * as liteSchema from '../../../src/adapters/db/schema.js';
import { registerTextPairs } from '../../../src/adapters/db/text-pairs.js';
import { TicketStore } from '../../../src/adapters/db/ticket-store.js';
import { PgTicketStore } from '../../../src/adapters/pg/pg-ticket-store.js';
import * as pgSchema from '../../../src/adapters/pg/schema.js';
import { openStorage, type Storage } from '../../../src/boot/storage.js';
import { createLogger } from '../../../src/logging/logger.js';
import { D, seedAnalysisOrders } from '../../helpers/analysis-seed.js';
import { migrationsBefore } from '../../helpers/migrations-before.js';
import { freshPostgresDatabase } from '../../helpers/postgres-database.js';

const TO = '2026-11-24';
const sorted = <T,>(rows: T[]): T[] => [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

async function sums(storage: Storage): Promise<unknown> {
  return {
    callHours: sorted(await storage.analysis.callHours(D, TO)),
    orderHours: sorted(await storage.analysis.orderHours(D, TO)),
    categoryDays: sorted(await storage.analysis.categoryDays(D, TO)),
    areaCategories: sorted(await storage.analysis.areaCategories(D, TO)),
    units: sorted(await storage.analysis.units(D, TO)),
    dayCounts: sorted(await storage.hotspots.dayCounts(D, TO)),
  };
}

async function sumsOf(where: { dbFile: string; databaseUrl: string | null }): Promise<unknown> {
  const storage = await openStorage({ ...where, cluster: null }, createLogger('silent'));
  try {
    return await sums(storage);
  } finally {
    await storage.close();
  }
}

async function afterwards(where: { dbFile: string; databaseUrl: string | null }): Promise<unknown> {
  const storage = await openStorage({ ...where, cluster: null }, createLogger('silent'));
  try {
    await seedAnalysisOrders(storage);
    return await sums(storage);
  } finally {
    await storage.close();
  }
}

const sqliteFile = (): string => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sums-migration-')), 'hotline.db');

describe('the migration of the tickets’ sums fills them from the tickets already stored', () => {
  it('on sqlite', async () => {
    const file = sqliteFile();
    const before = new Database(file);
    registerTextPairs(before); // the pair index's triggers, a migration older than the sums, call it
    liteMigrate(liteDrizzle(before, { schema: liteSchema }), { migrationsFolder: migrationsBefore('drizzle', '0018_ticket_sums') });
    await seedAnalysisOrders({ tickets: new TicketStore(liteDrizzle(before, { schema: liteSchema })) });
    before.close();
    const filled = await sumsOf({ dbFile: file, databaseUrl: null });
    expect(filled).toEqual(await afterwards({ dbFile: sqliteFile(), databaseUrl: null }));
    expect((filled as { units: unknown[] }).units.length).toBeGreaterThan(0);
  });

  it('on postgres', async () => {
    const url = await freshPostgresDatabase('sums_migration');
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    try {
      const db = pgDrizzle(pool, { schema: pgSchema });
      await pgMigrate(db, { migrationsFolder: migrationsBefore('drizzle-pg', '0013_ticket_sums') });
      await seedAnalysisOrders({ tickets: new PgTicketStore(db) });
    } finally {
      await pool.end();
    }
    const filled = await sumsOf({ dbFile: '', databaseUrl: url });
    expect(filled).toEqual(await afterwards({ dbFile: '', databaseUrl: await freshPostgresDatabase('sums_after') }));
    expect((filled as { units: unknown[] }).units.length).toBeGreaterThan(0);
  });
});
