// The storage contract's two databases: each test of test/adapters/storage runs once on SQLite (in
// memory, the real migrations) and once on PostgreSQL (a fresh database on the tier's server, the
// real migrations), through the same ports the server uses (src/boot/storage.ts), and must see the
// same answers.
import { openDatabase } from '../../src/adapters/db/open-database.js';
import { openStorage, sqliteStorage, type Storage } from '../../src/boot/storage.js';
import { createLogger } from '../../src/logging/logger.js';
import { freshPostgresDatabase } from './postgres-database.js';

export type ContractStores = Storage;

export interface StorageBackend {
  readonly name: 'sqlite' | 'postgres';
  open(label: string): Promise<ContractStores>;
}

export const STORAGE_BACKENDS: readonly StorageBackend[] = [
  { name: 'sqlite', open: async () => sqliteStorage(openDatabase(':memory:'), ':memory:') },
  { name: 'postgres', open: async (label) => openStorage({ dbFile: '', databaseUrl: await freshPostgresDatabase(label) }, createLogger('silent')) },
];
