// The storage contract's two databases: each test of test/adapters/storage runs once on SQLite (in
// memory, the real migrations) and once on PostgreSQL (a fresh database on the tier's server, the
// real migrations), through the same calls, and must see the same answers.
import { AuditStore } from '../../src/adapters/db/audit-store.js';
import { CallStore } from '../../src/adapters/db/call-store.js';
import { DraftStore } from '../../src/adapters/db/draft-store.js';
import { openDatabase } from '../../src/adapters/db/open-database.js';
import { QaStore } from '../../src/adapters/db/qa-store.js';
import { ReportStore } from '../../src/adapters/db/report-store.js';
import { RecordingStore } from '../../src/adapters/db/recording-store.js';
import { TicketStore } from '../../src/adapters/db/ticket-store.js';
import { TokenStore } from '../../src/adapters/db/token-store.js';
import { openPostgres } from '../../src/adapters/pg/open-postgres.js';
import { PgAuditStore } from '../../src/adapters/pg/pg-audit-store.js';
import { PgCallStore } from '../../src/adapters/pg/pg-call-store.js';
import { PgDraftStore } from '../../src/adapters/pg/pg-draft-store.js';
import { PgQaStore } from '../../src/adapters/pg/pg-qa-store.js';
import { PgReportStore } from '../../src/adapters/pg/pg-report-store.js';
import { PgRecordingStore } from '../../src/adapters/pg/pg-recording-store.js';
import { PgTicketSearch } from '../../src/adapters/pg/pg-ticket-search.js';
import { PgTicketStore } from '../../src/adapters/pg/pg-ticket-store.js';
import { PgTokenStore } from '../../src/adapters/pg/pg-token-store.js';
import { freshPostgresDatabase } from './postgres-database.js';

/** What the contract reads and writes, as each database's stores offer it (awaited either way). */
export interface ContractStores {
  readonly audit: Pick<PgAuditStore, 'write' | 'page'> | Pick<AuditStore, 'write' | 'page'>;
  readonly tokens: Pick<PgTokenStore, 'issue' | 'verify' | 'revoke' | 'purge'> | Pick<TokenStore, 'issue' | 'verify' | 'revoke' | 'purge'>;
  readonly calls: Pick<PgCallStore, 'start' | 'markAnswered' | 'saveProgress' | 'get' | 'listActive'> | Pick<CallStore, 'start' | 'markAnswered' | 'saveProgress' | 'get' | 'listActive'>;
  readonly tickets: PgTicketStore | TicketStore;
  readonly drafts: PgDraftStore | DraftStore;
  readonly recordings: PgRecordingStore | RecordingStore;
  readonly search: Pick<PgTicketSearch, 'list'> | Pick<TicketStore, 'list'>;
  readonly qa: PgQaStore | QaStore;
  readonly reports: PgReportStore | ReportStore;
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
      const { db } = database;
      return { audit: new AuditStore(db), tokens: new TokenStore(db), calls: new CallStore(db), tickets: new TicketStore(db), drafts: new DraftStore(db), recordings: new RecordingStore(db), search: new TicketStore(db), qa: new QaStore(db), reports: new ReportStore(db), close: async () => database.close() };
    },
  },
  {
    name: 'postgres',
    open: async (label) => {
      const database = await openPostgres({ url: await freshPostgresDatabase(label) });
      const { db } = database;
      return { audit: new PgAuditStore(db), tokens: new PgTokenStore(db), calls: new PgCallStore(db), tickets: new PgTicketStore(db), drafts: new PgDraftStore(db), recordings: new PgRecordingStore(db), search: new PgTicketSearch(db), qa: new PgQaStore(db), reports: new PgReportStore(db), close: () => database.close() };
    },
  },
];
