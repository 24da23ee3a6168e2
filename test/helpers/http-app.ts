// The full HTTP app over an in-memory database with real migrations and the shipped data files,
// with a signed-in session for each demo user (tokens issued directly: scrypt is tested on its own).
import { KnowledgeStore } from '../../src/adapters/db/knowledge-store.js';
import { UsedArticleTitles } from '../../src/app/knowledge/used-article-titles.js';
import { MonitorService } from '../../src/app/monitoring/monitor-service.js';
import { localMonitorControl } from '../../src/app/monitoring/local-monitor-control.js';
import type { MonitoringPort } from '../../src/app/ports/monitoring.js';
import { sqliteStorage } from '../../src/boot/storage.js';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { loadAcdFiles } from '../../src/adapters/acd/acd-files.js';
import { CallStore } from '../../src/adapters/db/call-store.js';
import { openDatabase, type OpenDatabase } from '../../src/adapters/db/open-database.js';
import { TicketStore } from '../../src/adapters/db/ticket-store.js';
import { DraftStore } from '../../src/adapters/db/draft-store.js';
import { CallDrafts } from '../../src/app/calls/call-drafts.js';
import { AcdService } from '../../src/app/acd-service.js';
import { LiveCalls } from '../../src/app/calls/live-calls.js';
import { TicketWriter } from '../../src/app/calls/ticket-writer.js';
import { UNKNOWN_CALLER } from '../../src/domain/callers/caller-info.js';
import { NodeTimers } from '../../src/adapters/clock/node-timers.js';
import type { TelephonyPort } from '../../src/app/ports/telephony.js';
import { AcdEngine } from '../../src/domain/acd/acd-engine.js';
import { createLogger } from '../../src/logging/logger.js';
import { TokenStore } from '../../src/adapters/db/token-store.js';
import { loadCategories } from '../../src/adapters/tickets/category-file.js';
import type { ReportPrinter } from '../../src/app/ports/report-printer.js';
import { backOfficeRoutes, loadBackOfficeFiles, startBackOffice, type BackOffice } from '../../src/back-office.js';
import { loadConfig } from '../../src/config.js';
import { buildApp } from '../../src/http/build-app.js';
import type { HealthProbe } from '../../src/http/routes/health-routes.js';
import type { Logger } from '../../src/logging/logger.js';
import type { PhoneLines } from '../../src/http/phone-lines.js';
import type { TextReportDeps } from '../../src/http/routes/text-report-routes.js';
import { ariMetrics } from '../../src/adapters/ari/ari-metrics.js';
import { MetricsRegistry } from '../../src/adapters/metrics/metrics-registry.js';
import { phoneLines } from '../../src/boot/phone-lines.js';
import { ServerOps } from '../../src/boot/server-ops.js';
import type { MetricsReply } from '../../src/contract/api/metrics.js';

/** The agent SIP secret of the HTTP test app: credentials derive from it as in a real installation. */
export const HTTP_TEST_AGENT_SIP_SECRET = 'http-tier-agent-sip-secret';

export type Inject = (options: InjectOptions) => Promise<LightMyRequestResponse>;

export interface HttpApp {
  readonly app: FastifyInstance;
  readonly office: BackOffice;
  /** Requests as one of the demo users (8001…8004, supervisor, qa, admin, the units housing, urban, dongcheng). */
  as(userId: string): Inject;
  tokenOf(userId: string): string;
}

export interface HttpAppParts {
  readonly database: OpenDatabase;
  readonly calls: CallStore;
  readonly tickets: TicketStore;
  readonly callService: LiveCalls;
  readonly acd: AcdService;
  readonly logger: Logger;
  readonly health: HealthProbe;
  readonly now?: () => number;
  readonly recordingsDir?: string | null;
  readonly env?: Record<string, string>;
  /** The timings GET /api/metrics answers with (an empty registry when not given). */
  readonly metrics?: MetricsRegistry;
  /** The agents' phones (default: every agent of the ACD, credentials from HTTP_TEST_AGENT_SIP_SECRET). */
  readonly phoneLines?: PhoneLines;
  /** The SMS platform's delivery-report push route (not served when absent). */
  readonly textReports?: TextReportDeps;
  /** What prints the analysis report to PDF: Chromium as configured, or (default) a stand-in answering a one-line PDF, since the test app does not listen for a browser to reach it. */
  readonly reportPrinter?: ReportPrinter | 'chromium';
}

export async function buildHttpApp(parts: HttpAppParts): Promise<HttpApp> {
  const config = loadConfig({ ...parts.env });
  const taxonomy = loadCategories(config.files.categories);
  const files = loadBackOfficeFiles(config, taxonomy);
  const now = parts.now ?? Date.now;
  const metrics = parts.metrics ?? new MetricsRegistry();
  const since = now();
  // GET /metrics and GET /api/cluster of a single box (HOTLINE_METRICS_TOKEN from `env`).
  const ops = new ServerOps(config);
  ops.attach({ pbxRole: () => 'running', callService: parts.callService, acd: parts.acd, shared: null, logger: parts.logger });
  const figures = (): MetricsReply => ({
    ...ariMetrics(metrics, since, { setting: 'auto', mode: 'admit', since: new Date(since).toISOString(), applied: 'admit', sheds: 0, lastReason: null, maxCalls: 0, dialplanCalls: { readable: false, open: 0, shed: 0, serverAway: 0, menusLeft: 0, busy: 0 } }),
    phoneSockets: 0,
  });
  const office = await startBackOffice(config, { stores: sqliteStorage(parts.database, ':memory:'), tickets: parts.tickets, taxonomy, files, recordingsDir: parts.recordingsDir ?? null, logger: parts.logger, now });
  const drafts = new CallDrafts({
    store: new DraftStore(parts.database.db),
    lineOf: (callId) => parts.callService.lineOf(callId),
    ticketWritten: async (callId) => (await parts.tickets.getByCall(callId)) !== undefined,
    taxonomy,
    calendar: files.calendar,
    now,
  });
  // Supervisors on calls over the test's live calls (none is in conversation here: the phone system is never asked).
  const monitoring = new MonitorService({ port: noMonitoring, calls: parts.callService, audit: office.audit, tellAgent: () => undefined, announceListen: false, now, logger: parts.logger });
  const app = buildApp({
    ...parts,
    monitoring: localMonitorControl(monitoring),
    drafts,
    taxonomy,
    ...backOfficeRoutes(office),
    ...(parts.reportPrinter === 'chromium' ? {} : { analysis: { ...office.analysis.routes, printer: parts.reportPrinter ?? STAND_IN_PRINTER } }),
    now,
    phoneLines: parts.phoneLines ?? phoneLines({ webSocketUrl: 'ws://127.0.0.1:1/ws', agentSecret: HTTP_TEST_AGENT_SIP_SECRET }, new Set(parts.acd.agents.keys()), { citizenPhone: false, supervisorPhones: true }),
    metrics: figures,
    ops: ops.routes(figures),
    articleTitles: new UsedArticleTitles(new KnowledgeStore(parts.database.db)),
  });
  app.addHook('onClose', async () => office.stop());
  await app.ready();
  const tokens = new TokenStore(parts.database.db);
  const issued = new Map(await Promise.all([...files.users.values()].map(async (user) => [user.id, (await tokens.issue(user.id, user.role, now(), 365 * 24 * 3_600_000)).token] as const)));
  const tokenOf = (userId: string): string => {
    const token = issued.get(userId);
    if (!token) throw new Error(`no demo user ${userId}`);
    return token;
  };
  const as = (userId: string): Inject => (options) => app.inject({ ...options, headers: { ...options.headers, authorization: `Bearer ${tokenOf(userId)}` } });
  return { app, office, as, tokenOf };
}

/** Prints every page as the same one-line PDF. */
const STAND_IN_PRINTER: ReportPrinter = { available: () => true, print: async () => ({ ok: true, pdf: new TextEncoder().encode('%PDF-1.4\n%%EOF\n') }) };

/** Routes that must not reach the phone system or the ACD's call side: any use fails the test. */
const noTelephony: TelephonyPort = new Proxy({} as TelephonyPort, {
  get: () => () => Promise.reject(new Error('telephony must not be used by these routes')),
});
const noMonitoring: MonitoringPort = new Proxy({} as MonitoringPort, {
  get: (_target, name) => (name === 'attach' ? () => undefined : () => Promise.reject(new Error('monitoring must not reach the phone system in these tests'))),
});
const unused = (): never => {
  throw new Error('the ACD must not be used by these routes');
};

export interface HttpTestApp extends HttpApp {
  readonly database: OpenDatabase;
  readonly calls: CallStore;
  readonly tickets: TicketStore;
  readonly acd: AcdService;
  readonly callService: LiveCalls;
  /** What GET /api/metrics reports: record into it to see figures there. */
  readonly metrics: MetricsRegistry;
  close(): Promise<void>;
}

/** The whole HTTP app over an in-memory database, with the shipped queues, agents and data files. */
export async function startHttpTestApp(options: { now?: () => number; recordingsDir?: string | null; health?: HealthProbe; phoneLines?: PhoneLines; env?: Record<string, string>; textReports?: TextReportDeps; reportPrinter?: ReportPrinter | 'chromium' } = {}): Promise<HttpTestApp> {
  const database = openDatabase(':memory:');
  const calls = new CallStore(database.db);
  const tickets = new TicketStore(database.db);
  const logger = createLogger('silent');
  const ivr = { snapshot: () => ({ flows: { version: 1, flows: new Map(), entries: {} }, isOpen: () => true }) };
  const { config: acdConfig, agents } = loadAcdFiles('fixtures/queues.yaml', 'fixtures/agents.yaml');
  const acd = new AcdService(new AcdEngine(acdConfig, agents), new Map(agents.map((a) => [a.id, a])), logger, new NodeTimers());
  const callService = new LiveCalls({
    telephony: noTelephony,
    logger,
    now: Date.now,
    setup: () => ({ ivr: ivr.snapshot(), language: 'zh-CN', afterCallFlow: null }),
    directory: { lookup: () => UNKNOWN_CALLER },
    phoneFor: () => ({ kind: 'demo', answerAfterSeconds: 1 }),
    tellAcd: unused,
    timers: () => new NodeTimers(),
    writer: new TicketWriter({ calls, tickets, logger, now: Date.now, timers: new NodeTimers() }),
  });
  const health = options.health ?? { ari: () => true, ami: () => true, db: () => true };
  const metrics = new MetricsRegistry();
  const built = await buildHttpApp({ database, logger, acd, callService, calls, tickets, health, metrics, ...(options.now ? { now: options.now } : {}), ...(options.phoneLines ? { phoneLines: options.phoneLines } : {}), ...(options.env ? { env: options.env } : {}), ...(options.textReports ? { textReports: options.textReports } : {}), ...(options.reportPrinter ? { reportPrinter: options.reportPrinter } : {}), recordingsDir: options.recordingsDir ?? null });
  const close = async (): Promise<void> => {
    acd.stop();
    await built.app.close();
    database.close();
  };
  return { ...built, database, calls, tickets, acd, callService, metrics, close };
}
