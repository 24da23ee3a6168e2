// Where the data is kept is decided at start: SQLite by default, PostgreSQL when HOTLINE_DATABASE_URL
// names one; a PostgreSQL that cannot be used stops the start under DATABASE_UNAVAILABLE, naming
// host, port and database but never the password. A bad address is refused by the configuration.
import { describe, expect, it } from 'vitest';
import { StartupError } from '../../../src/boot/startup-error.js';
import { openStorage } from '../../../src/boot/storage.js';
import { ConfigError, loadConfig } from '../../../src/config.js';
import { createLogger } from '../../../src/logging/logger.js';
import { freshPostgresDatabase } from '../../helpers/postgres-database.js';

const silent = createLogger('silent');

describe('openStorage', () => {
  it('keeps the data in SQLite unless a PostgreSQL address is set', async () => {
    const storage = await openStorage({ dbFile: ':memory:', databaseUrl: null, cluster: null }, silent);
    expect(storage.kind).toBe('sqlite');
    await expect(storage.answers()).resolves.toBe(true);
    await storage.close();
  });

  it('opens PostgreSQL with its schema up to date', async () => {
    const storage = await openStorage({ dbFile: '', databaseUrl: await freshPostgresDatabase('startup'), cluster: null }, silent);
    expect(storage.kind).toBe('postgres');
    expect(storage.sqlite).toBeNull();
    await expect(storage.answers()).resolves.toBe(true);
    expect(await storage.calls.listActive()).toEqual([]);
    await storage.close();
  });

  it('stops the start with DATABASE_UNAVAILABLE when PostgreSQL does not answer, without the password', async () => {
    const error = await openStorage({ dbFile: '', databaseUrl: 'postgres://hotline:pa55-secret@127.0.0.1:9/hotline', cluster: null }, silent).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StartupError);
    expect((error as StartupError).code).toBe('DATABASE_UNAVAILABLE');
    expect((error as StartupError).message).toContain('PG_UNREACHABLE');
    expect((error as StartupError).message).toContain('127.0.0.1:9/hotline');
    expect((error as StartupError).message).not.toContain('pa55-secret');
  });

  it('refuses an address that is not postgres:// in the configuration, without echoing it', () => {
    expect(() => loadConfig({ HOTLINE_DATABASE_URL: 'mysql://root:pa55@db/hotline' })).toThrow(ConfigError);
    expect(() => loadConfig({ HOTLINE_DATABASE_URL: 'mysql://root:pa55@db/hotline' })).not.toThrow(/pa55/);
    expect(loadConfig({}).databaseUrl).toBeNull();
  });
});
