// Opening PostgreSQL on the real server the adapters tier starts: the committed migrations make the
// same tables as SQLite's, and every way of failing has its stable code, with no password in it.
import { getTableName, isTable } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as liteSchema from '../../../src/adapters/db/schema.js';
import { openPostgres, type OpenPostgres } from '../../../src/adapters/pg/open-postgres.js';
import { PgError, pgErrorOf } from '../../../src/adapters/pg/pg-error.js';
import { freshPostgresDatabase } from '../../helpers/postgres-database.js';

function sqliteTableNames(): string[] {
  return Object.values(liteSchema)
    .filter((value) => isTable(value))
    .map((table) => getTableName(table))
    .sort();
}

async function failure(promise: Promise<unknown>): Promise<PgError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PgError);
  return error as PgError;
}

describe('openPostgres', () => {
  let url: string;
  let opened: OpenPostgres;

  beforeAll(async () => {
    url = await freshPostgresDatabase('open');
    opened = await openPostgres({ url });
  });
  afterAll(() => opened.close());

  it('makes the same tables as SQLite, with the trigram extension for text search', async () => {
    const tables = await opened.pool.query<{ table_name: string }>("select table_name from information_schema.tables where table_schema = 'public' order by table_name");
    expect(tables.rows.map((row) => row.table_name)).toEqual(sqliteTableNames());
    const extensions = await opened.pool.query<{ extname: string }>("select extname from pg_extension where extname = 'pg_trgm'");
    expect(extensions.rowCount).toBe(1);
    await expect(opened.answers()).resolves.toBe(true);
  });

  it('reads epoch milliseconds back as numbers, past 2^31', async () => {
    const at = Date.UTC(2026, 11, 3, 12, 0, 0, 123);
    await opened.pool.query("insert into calls (id, channel_id, caller_number, dialed_number, state, started_at, updated_at) values ('c1', 'ch1', '13800000000', '12345', 'active', $1, $1)", [at]);
    const row = await opened.db.query.calls.findFirst();
    expect(row).toMatchObject({ id: 'c1', startedAt: at, ivrPath: [] });
  });

  it('opens an up-to-date database again without changing it', async () => {
    const again = await openPostgres({ url });
    const count = await again.pool.query<{ n: string }>('select count(*) as n from calls');
    expect(count.rows[0]?.n).toBe('1');
    await again.close();
  });

  it('refuses an address that is not a postgres:// URL', async () => {
    expect((await failure(openPostgres({ url: 'not a url' }))).code).toBe('PG_BAD_URL');
    expect((await failure(openPostgres({ url: 'mysql://u:p@127.0.0.1/db' }))).code).toBe('PG_BAD_URL');
  });

  it('says PG_UNREACHABLE when nothing listens, without the password', async () => {
    const error = await failure(openPostgres({ url: 'postgres://hotline:s3cret-pw@127.0.0.1:9/hotline', connectTimeoutMs: 1_000 }));
    expect(error.code).toBe('PG_UNREACHABLE');
    expect(error.message).toContain('127.0.0.1:9/hotline');
    expect(error.message).not.toContain('s3cret-pw');
  });

  it('says PG_AUTH_FAILED for a database that does not exist', async () => {
    const missing = new URL(url);
    missing.pathname = '/no_such_database';
    expect((await failure(openPostgres({ url: missing.toString() }))).code).toBe('PG_AUTH_FAILED');
  });

  it('cancels a statement that runs past its timeout (PG_TIMEOUT)', async () => {
    const slow = await openPostgres({ url, statementTimeoutMs: 100 });
    try {
      const error = await slow.pool.query('select pg_sleep(2)').then(
        () => null,
        (e: unknown) => pgErrorOf(e, url, 'sleeping'),
      );
      expect(error?.code).toBe('PG_TIMEOUT');
    } finally {
      await slow.close();
    }
  });
});
