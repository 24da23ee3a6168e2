// Composition of everything after the call: sign-in, work orders, recordings, QA and reports, with
// the jobs that keep them current (warnings, recording measurement, retention). Its data files are
// read at start-up by src/boot/back-office-files.ts, through the one data-file loader.
import { NodeTimers } from './adapters/clock/node-timers.js';
import fs from 'node:fs';
import { verifyPassword } from './adapters/auth/password-hash.js';
import type { AuditLog, AuditTrail } from './app/ports/audit-log.js';
import type { QaRecords } from './app/ports/qa-records.js';
import type { RecordingRecords } from './app/ports/recording-records.js';
import type { ReportRecords } from './app/ports/report-records.js';
import type { TicketRecords } from './app/ports/ticket-records.js';
import { ChecksumCache } from './adapters/recordings/checksum-cache.js';
import { inspectFile } from './adapters/recordings/wav-info.js';
import { AuthService } from './app/auth-service.js';
import { RecordingCatalog } from './app/recording-catalog.js';
import { TicketService } from './app/ticket-service.js';
import type { Config } from './config.js';
import type { Taxonomy } from './domain/tickets/categories.js';
import type { AppDeps } from './http/build-app.js';
import type { BackOfficeFiles } from './boot/back-office-files.js';
import type { Storage } from './boot/storage.js';
import type { Logger } from './logging/logger.js';
import { startKnowledge, type Knowledge } from './boot/knowledge.js';
import { startHotspots, type Hotspots } from './boot/hotspots.js';
import { seedOrderHistory } from './boot/order-history.js';
import { startAnalysis, type AnalysisParts } from './boot/analysis.js';

export { loadBackOfficeFiles, type BackOfficeFiles } from './boot/back-office-files.js';

export interface BackOffice {
  readonly auth: AuthService;
  readonly ticketService: TicketService;
  readonly recordings: RecordingRecords;
  readonly catalog: RecordingCatalog;
  readonly audit: AuditLog & AuditTrail;
  readonly qa: QaRecords;
  readonly reports: ReportRecords;
  readonly checksums: ChecksumCache;
  readonly files: BackOfficeFiles;
  /** The knowledge base (知识库): its service, search and index. */
  readonly knowledge: Knowledge;
  /** Hotspot warnings (热点预警): the supervisors' actions and the rules' run. */
  readonly hotspots: Hotspots;
  /** A dispatched order not signed within this is called about (the daily report's signed-in-time figure). */
  readonly signWithinMs: number;
  /** The analysis page and the analysis report (民情分析报告), with the printer of its PDF. */
  readonly analysis: AnalysisParts;
  /** Told after each stored change of a ticket; returns the way to stop listening. */
  onTicketChanged(listener: (ticketId: number) => void): () => void;
  /** Runs a job every `ms` on the server holding the database-wide jobs (all of them on a single box). */
  everyShared(ms: number, job: () => unknown): void;
  stop(): void;
}

const MINUTE = 60_000;

/**
 * When this server runs the jobs (always, on a single box). In a cluster the database-wide ones run on
 * one server at a time (the back-office lease), and the recordings' on the server running their PBX,
 * whose box holds the files.
 */
export interface BackOfficeJobs {
  readonly shared: () => boolean;
  readonly recordings: () => boolean;
}

const ALWAYS: BackOfficeJobs = { shared: () => true, recordings: () => true };

export async function startBackOffice(
  config: Config,
  deps: { stores: Pick<Storage, 'audit' | 'tokens' | 'recordings' | 'qa' | 'reports' | 'knowledge' | 'analysis' | 'hotspots' | 'orderHistory'>; tickets: TicketRecords; taxonomy: Taxonomy; files: BackOfficeFiles; recordingsDir: string | null; logger: Logger; now?: () => number; jobs?: BackOfficeJobs },
): Promise<BackOffice> {
  const jobs = deps.jobs ?? ALWAYS;
  const now = deps.now ?? Date.now;
  const { audit, tokens, recordings } = deps.stores;
  const log = deps.logger.child({ component: 'back-office' });
  const addressLimit = { maxFailures: config.login.maxFailuresPerAddress, windowMs: config.login.addressWindowMs };
  const auth = new AuthService({ users: deps.files.users, tokens, audit, verifyPassword, now, addressLimit });
  const changeListeners = new Set<(ticketId: number) => void>();
  const changed = (ticketId: number): void => {
    for (const listener of changeListeners) listener(ticketId);
  };
  const ticketService = new TicketService({ store: deps.tickets, taxonomy: deps.taxonomy, calendar: deps.files.calendar, audit, now, changed });
  const catalog = new RecordingCatalog({
    store: recordings,
    dir: deps.recordingsDir,
    inspect: inspectFile,
    remove: (file) => fs.promises.unlink(file),
    now,
    logger: log,
    retentionMs: config.recordingRetentionDays * 24 * 60 * MINUTE,
    timers: new NodeTimers(),
  });
  await seedOrderHistory(config, { store: deps.stores.orderHistory, taxonomy: deps.taxonomy, rules: deps.files.dispatchRules, calendar: deps.files.calendar, now, logger: deps.logger });
  const knowledge = await startKnowledge(config, { store: deps.stores.knowledge, audit, taxonomy: deps.taxonomy, dispatchRules: deps.files.dispatchRules, responsibilities: deps.files.responsibilities, now, logger: deps.logger, shared: jobs.shared });
  const hotspots = startHotspots(config, { store: deps.stores.hotspots, tickets: deps.tickets, ticketService, taxonomy: deps.taxonomy, units: new Set(deps.files.dispatchRules.unitsById.keys()), audit, calendarDir: config.files.calendarDir, now, logger: deps.logger, shared: jobs.shared });
  // A server that takes its PBX over later resumes the measuring then (main.ts).
  if (jobs.recordings()) await catalog.resume();
  const every = (ms: number, runsHere: () => boolean, job: () => unknown): NodeJS.Timeout => {
    const timer = setInterval(() => {
      if (!runsHere()) return;
      try {
        void Promise.resolve(job()).catch((error: unknown) => log.error({ err: error }, 'back-office job failed'));
      } catch (error) {
        log.error({ err: error }, 'back-office job failed');
      }
    }, ms);
    timer.unref();
    return timer;
  };
  const timers: NodeJS.Timeout[] = [
    every(30_000, jobs.shared, () => ticketService.refreshWarnings()),
    // Without the recordings' folder a purge would mark rows purged and leave their files.
    every(60 * MINUTE, () => deps.recordingsDir !== null && jobs.recordings(), () => catalog.purgeExpired()),
    every(60 * MINUTE, jobs.shared, () => tokens.purge(now())),
  ];
  return {
    auth,
    ticketService,
    recordings,
    catalog,
    audit,
    qa: deps.stores.qa,
    reports: deps.stores.reports,
    checksums: new ChecksumCache(),
    files: deps.files,
    knowledge,
    hotspots,
    signWithinMs: config.followUp.plan.signWithinMs,
    analysis: startAnalysis(config, { stores: deps.stores, tickets: deps.tickets, taxonomy: deps.taxonomy, dispatchRules: deps.files.dispatchRules, logger: deps.logger, now }),
    onTicketChanged: (listener) => {
      changeListeners.add(listener);
      return () => changeListeners.delete(listener);
    },
    everyShared: (ms, job) => timers.push(every(ms, jobs.shared, job)),
    stop: () => {
      for (const timer of timers) clearInterval(timer);
      catalog.stop();
      knowledge.stop();
      hotspots.stop();
    },
  };
}

/** What the HTTP routes need of the back office. */
export function backOfficeRoutes(office: BackOffice): Pick<AppDeps, 'auth' | 'ticketService' | 'recordings' | 'dispatchRules' | 'qaForms' | 'qa' | 'reports' | 'signWithinMs' | 'audit' | 'recordingFile' | 'checksum' | 'knowledge' | 'responsibilities' | 'hotspots' | 'analysis'> {
  return {
    hotspots: office.hotspots.actions,
    analysis: office.analysis.routes,
    knowledge: { service: office.knowledge.service, finder: office.knowledge.finder },
    signWithinMs: office.signWithinMs,
    auth: office.auth,
    ticketService: office.ticketService,
    recordings: office.recordings,
    dispatchRules: office.files.dispatchRules,
    responsibilities: office.files.responsibilities,
    qaForms: office.files.qaForms,
    qa: office.qa,
    reports: office.reports,
    audit: office.audit,
    recordingFile: (row) => office.catalog.filePath(row),
    checksum: (file) => office.checksums.sha256(file),
  };
}
