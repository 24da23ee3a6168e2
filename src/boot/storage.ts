// The hotline's data: SQLite by default (one file, the embedded single box), PostgreSQL when
// HOTLINE_DATABASE_URL names one (several servers sharing it). Either way the same ports, so
// nothing above this file knows which; the contract suite (test/adapters/storage) holds both to
// the same answers.
import { AnalysisStore } from '../adapters/db/analysis-store.js';
import { AuditStore } from '../adapters/db/audit-store.js';
import { CallStore } from '../adapters/db/call-store.js';
import { CallTaskStore } from '../adapters/db/call-task-store.js';
import { DraftStore } from '../adapters/db/draft-store.js';
import { databaseAnswers, openDatabase, type OpenDatabase } from '../adapters/db/open-database.js';
import { QaStore } from '../adapters/db/qa-store.js';
import { RecordingStore } from '../adapters/db/recording-store.js';
import { ReportStore } from '../adapters/db/report-store.js';
import { TicketStore } from '../adapters/db/ticket-store.js';
import { TextMessageStore } from '../adapters/db/text-message-store.js';
import { TokenStore } from '../adapters/db/token-store.js';
import { openPostgres } from '../adapters/pg/open-postgres.js';
import { PgError } from '../adapters/pg/pg-error.js';
import { PgAnalysisStore } from '../adapters/pg/pg-analysis-store.js';
import { PgAuditStore } from '../adapters/pg/pg-audit-store.js';
import { PgCallStore } from '../adapters/pg/pg-call-store.js';
import { PgCallTaskStore } from '../adapters/pg/pg-call-task-store.js';
import { PgDraftStore } from '../adapters/pg/pg-draft-store.js';
import { PgQaStore } from '../adapters/pg/pg-qa-store.js';
import { PgRecordingStore } from '../adapters/pg/pg-recording-store.js';
import { PgReportStore } from '../adapters/pg/pg-report-store.js';
import { PgTicketStore } from '../adapters/pg/pg-ticket-store.js';
import { PgTextMessageStore } from '../adapters/pg/pg-text-message-store.js';
import { PgTokenStore } from '../adapters/pg/pg-token-store.js';
import type { AnalysisRecords } from '../app/ports/analysis-records.js';
import type { AuditLog, AuditTrail } from '../app/ports/audit-log.js';
import type { CallRecords } from '../app/ports/call-records.js';
import type { CallTaskRecords } from '../app/ports/call-task-records.js';
import type { DraftRecords } from '../app/ports/draft-records.js';
import type { QaRecords } from '../app/ports/qa-records.js';
import type { RecordingRecords } from '../app/ports/recording-records.js';
import type { ReportRecords } from '../app/ports/report-records.js';
import type { TicketRecords } from '../app/ports/ticket-records.js';
import type { TicketSearch } from '../app/ports/ticket-search.js';
import type { TextMessageRecords } from '../app/ports/text-message-records.js';
import type { TokenRecords } from '../app/ports/token-records.js';
import type { FollowUpTickets } from '../app/ports/follow-ups.js';
import { FollowUpStore } from '../adapters/db/follow-up-store.js';
import { KnowledgeStore } from '../adapters/db/knowledge-store.js';
import { PgKnowledgeStore } from '../adapters/pg/pg-knowledge-store.js';
import type { KnowledgeRecords } from '../app/ports/knowledge-records.js';
import { OrderHistoryStore } from '../adapters/db/order-history-store.js';
import { PgOrderHistoryStore } from '../adapters/pg/pg-order-history-store.js';
import type { OrderHistoryRecords } from '../app/ports/order-history-records.js';
import { PgFollowUpStore } from '../adapters/pg/pg-follow-up-store.js';
import { HotspotStore } from '../adapters/db/hotspot-store.js';
import { PgHotspotStore } from '../adapters/pg/pg-hotspot-store.js';
import type { HotspotRecords } from '../app/ports/hotspot-records.js';
import type { Config } from '../config.js';
import type { Logger } from '../logging/logger.js';
import { StartupError } from './startup-error.js';

export interface Storage {
  readonly kind: 'sqlite' | 'postgres';
  /** Where the data is, for the log: the SQLite file, or PostgreSQL's host, port and database (never a password). */
  readonly where: string;
  readonly calls: CallRecords;
  readonly tickets: TicketRecords & TicketSearch;
  readonly drafts: DraftRecords;
  readonly recordings: RecordingRecords;
  readonly audit: AuditLog & AuditTrail;
  readonly tokens: TokenRecords;
  readonly qa: QaRecords;
  readonly reports: ReportRecords;
  /** The analysis page's and the analysis report's sums. */
  readonly analysis: AnalysisRecords;
  readonly textMessages: TextMessageRecords;
  readonly followUps: FollowUpTickets;
  /** Outbound call tasks and their attempts. */
  readonly callTasks: CallTaskRecords;
  /** The knowledge base's articles and their versions. */
  readonly knowledge: KnowledgeRecords;
  /** Hotspot warnings (热点预警) and the rules' inputs read from the orders. */
  readonly hotspots: HotspotRecords;
  /** The demo's past orders, written into an empty tickets table. */
  readonly orderHistory: OrderHistoryRecords;
  /** SQLite's handle, for the tools and tests that read the file itself; null on PostgreSQL. */
  readonly sqlite: OpenDatabase | null;
  /** A cheap liveness probe for /health. */
  answers(): Promise<boolean>;
  close(): Promise<void>;
}

/** `pbx`: the PBX whose calls this server runs in a cluster sharing the database (null: the single box). */
export function sqliteStorage(database: OpenDatabase, where: string, pbx: string | null = null): Storage {
  const { db } = database;
  const tickets = new TicketStore(db);
  const audit = new AuditStore(db);
  return {
    kind: 'sqlite',
    where,
    calls: new CallStore(db, pbx),
    tickets,
    drafts: new DraftStore(db),
    recordings: new RecordingStore(db, pbx),
    audit,
    tokens: new TokenStore(db),
    qa: new QaStore(db),
    reports: new ReportStore(db),
    analysis: new AnalysisStore(db),
    textMessages: new TextMessageStore(db),
    followUps: new FollowUpStore(db),
    callTasks: new CallTaskStore(db),
    knowledge: new KnowledgeStore(db),
    hotspots: new HotspotStore(db, database.sqlite),
    orderHistory: new OrderHistoryStore(database.sqlite),
    sqlite: database,
    answers: async () => databaseAnswers(database.sqlite),
    close: async () => database.close(),
  };
}

async function postgresStorage(url: string, pbx: string | null): Promise<Storage> {
  const opened = await openPostgres({ url });
  const { db } = opened;
  return {
    kind: 'postgres',
    where: opened.target,
    calls: new PgCallStore(db, pbx),
    tickets: new PgTicketStore(db),
    drafts: new PgDraftStore(db),
    recordings: new PgRecordingStore(db, pbx),
    audit: new PgAuditStore(db),
    tokens: new PgTokenStore(db),
    qa: new PgQaStore(db),
    reports: new PgReportStore(db),
    analysis: new PgAnalysisStore(db),
    textMessages: new PgTextMessageStore(db),
    followUps: new PgFollowUpStore(db),
    callTasks: new PgCallTaskStore(db),
    knowledge: new PgKnowledgeStore(db),
    hotspots: new PgHotspotStore(db),
    orderHistory: new PgOrderHistoryStore(db),
    sqlite: null,
    answers: () => opened.answers(),
    close: () => opened.close(),
  };
}

/**
 * Opens the configured database with its schema up to date; PostgreSQL that cannot be used stops the
 * start with DATABASE_UNAVAILABLE. In a cluster the calls are this server's PBX's: another server's
 * live calls are never this one's to settle.
 */
export async function openStorage(config: Pick<Config, 'dbFile' | 'databaseUrl' | 'cluster'>, logger: Logger): Promise<Storage> {
  const pbx = config.cluster?.pbx ?? null;
  if (config.databaseUrl === null) {
    const storage = sqliteStorage(openDatabase(config.dbFile), config.dbFile, pbx);
    logger.info({ database: 'sqlite', where: storage.where }, 'data kept in SQLite');
    return storage;
  }
  try {
    const storage = await postgresStorage(config.databaseUrl, pbx);
    logger.info({ database: 'postgres', where: storage.where }, 'data kept in PostgreSQL');
    return storage;
  } catch (error) {
    const code = error instanceof PgError ? error.code : 'PG_UNREACHABLE';
    throw new StartupError('DATABASE_UNAVAILABLE', `PostgreSQL could not be used (${code}): ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
