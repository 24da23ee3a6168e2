// Tickets stored before the index of character pairs existed are found by a two-character search
// once the migration has run, on both databases: the migration indexes the rows already there.
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
import { openDatabase } from '../../../src/adapters/db/open-database.js';
import * as liteSchema from '../../../src/adapters/db/schema.js';
import { TicketStore } from '../../../src/adapters/db/ticket-store.js';
import { PgTicketStore } from '../../../src/adapters/pg/pg-ticket-store.js';
import * as pgSchema from '../../../src/adapters/pg/schema.js';
import type { TicketRecords } from '../../../src/app/ports/ticket-records.js';
import type { TicketSearch } from '../../../src/app/ports/ticket-search.js';
import { openStorage } from '../../../src/boot/storage.js';
import { createLogger } from '../../../src/logging/logger.js';
import { callFacts } from '../../helpers/call-facts.js';
import { migrationsBefore } from '../../helpers/migrations-before.js';
import { freshPostgresDatabase } from '../../helpers/postgres-database.js';

const TEXTS = [
  { title: '小区停车难', description: '晚上没有车位' },
  { title: '物业不作为', description: '地下停车场漏水' },
  { title: '噪音扰民', description: '夜间施工' },
];

async function storeOrders(tickets: TicketRecords): Promise<void> {
  for (const [i, text] of TEXTS.entries()) {
    const { ticket } = await tickets.closeCallWithTicket(callFacts(`old-${i + 1}`), Date.UTC(2026, 5, 1 + i));
    await tickets.update(ticket.id, null, text, []);
  }
}

async function expectFound(search: TicketSearch): Promise<void> {
  const found = async (text: string): Promise<string[]> => (await search.list({ text, limit: 10 }))?.tickets.map((t) => t.callId) ?? [];
  expect(await found('停车')).toEqual(['old-2', 'old-1']);
  expect(await found('物业')).toEqual(['old-2']);
  expect(await found('扰民')).toEqual(['old-3']);
  expect(await found('医保')).toEqual([]);
}

describe('the migration of the pair index indexes the tickets already stored', () => {
  it('on sqlite', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pairs-migration-')), 'hotline.db');
    const before = new Database(file);
    const db = liteDrizzle(before, { schema: liteSchema });
    liteMigrate(db, { migrationsFolder: migrationsBefore('drizzle', '0016_tickets_text_pairs') });
    await storeOrders(new TicketStore(db));
    before.close();
    const after = openDatabase(file);
    try {
      const indexed = after.sqlite.prepare(`select count(*) as n from tickets_pairs where tickets_pairs match '"00505c008f66"'`).get() as { n: number };
      expect(indexed.n).toBe(2);
      await expectFound(new TicketStore(after.db));
    } finally {
      after.close();
    }
  });

  it('on postgres', async () => {
    const url = await freshPostgresDatabase('pairs_migration');
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    try {
      const db = pgDrizzle(pool, { schema: pgSchema });
      await pgMigrate(db, { migrationsFolder: migrationsBefore('drizzle-pg', '0010_tickets_text_pairs_function') });
      await storeOrders(new PgTicketStore(db));
    } finally {
      await pool.end();
    }
    const storage = await openStorage({ dbFile: '', databaseUrl: url, cluster: null }, createLogger('silent'));
    try {
      await expectFound(storage.tickets);
    } finally {
      await storage.close();
    }
  });
});
