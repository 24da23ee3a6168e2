// An API request that finds the database unable to take it answers 503 STORAGE_BUSY (nothing was
// changed, try again), on PostgreSQL as on SQLite: the errors PostgreSQL and its driver really give
// when the server is gone or times a statement out are recognised through the query builder's wrapping.
import { describe, expect, it } from 'vitest';
import { openPostgres } from '../../../src/adapters/pg/open-postgres.js';
import { PgTicketStore } from '../../../src/adapters/pg/pg-ticket-store.js';
import { storageUnavailable } from '../../../src/http/http-error.js';
import { startPostgres } from '../../helpers/postgres-server.js';
import { freshPostgresDatabase } from '../../helpers/postgres-database.js';

describe('storageUnavailable on PostgreSQL', () => {
  it('recognises a statement cancelled by its timeout', async () => {
    const opened = await openPostgres({ url: await freshPostgresDatabase('unavailable'), statementTimeoutMs: 50 });
    try {
      const error = await opened.db.execute('select pg_sleep(1)').catch((e: unknown) => e);
      expect(storageUnavailable(error)).toBe(true);
      // A wrong statement is a bug, not a busy database.
      const wrong = await opened.db.execute('select * from no_such_table').catch((e: unknown) => e);
      expect(storageUnavailable(wrong)).toBe(false);
    } finally {
      await opened.close();
    }
  });

  it('recognises a server that went away under an open pool', async () => {
    const server = await startPostgres();
    const opened = await openPostgres({ url: await server.createDatabase('gone'), connectTimeoutMs: 500 });
    const store = new PgTicketStore(opened.db);
    await server.stop();
    const error = await store.get(1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(storageUnavailable(error)).toBe(true);
    await opened.close().catch(() => undefined);
  });

  it('keeps SQLite’s busy, locked and full as before, and nothing else', () => {
    expect(storageUnavailable(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }))).toBe(true);
    expect(storageUnavailable(Object.assign(new Error('constraint'), { code: 'SQLITE_CONSTRAINT_UNIQUE' }))).toBe(false);
    expect(storageUnavailable(new Error('plain'))).toBe(false);
  });
});
