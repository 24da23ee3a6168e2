// The storage contract's two databases: each test of test/adapters/storage runs once on SQLite (in
// memory, the real migrations) and once on PostgreSQL (a fresh database on the tier's server, the
// real migrations), through the same calls, and must see the same answers.
import { AuditStore } from '../../src/adapters/db/audit-store.js';
import { openDatabase } from '../../src/adapters/db/open-database.js';
import { TokenStore } from '../../src/adapters/db/token-store.js';
import { openPostgres } from '../../src/adapters/pg/open-postgres.js';
import { PgAuditStore } from '../../src/adapters/pg/pg-audit-store.js';
import { PgTokenStore } from '../../src/adapters/pg/pg-token-store.js';
import { freshPostgresDatabase } from './postgres-database.js';

/** What the contract reads and writes, as each database's stores offer it (awaited either way). */
export interface ContractStores {
  readonly audit: Pick<PgAuditStore, 'write' | 'page'> | Pick<AuditStore, 'write' | 'page'>;
  readonly tokens: Pick<PgTokenStore, 'issue' | 'verify' | 'revoke' | 'purge'> | Pick<TokenStore, 'issue' | 'verify' | 'revoke' | 'purge'>;
  close(): Promise<void>;
}

export interface StorageBackend {
  readonly name: 'sqlite' | 'postgres';
  open(label: string): Promise<ContractStores>;
}

export const STORAGE_BACKENDS: readonly StorageBackend[] = [
  {
    name: 'sqlite',
    open: async () => {
      const database = openDatabase(':memory:');
      return { audit: new AuditStore(database.db), tokens: new TokenStore(database.db), close: async () => database.close() };
    },
  },
  {
    name: 'postgres',
    open: async (label) => {
      const database = await openPostgres({ url: await freshPostgresDatabase(label) });
      return { audit: new PgAuditStore(database.db), tokens: new PgTokenStore(database.db), close: () => database.close() };
    },
  },
];
