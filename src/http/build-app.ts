// The Fastify app, built without listening so tests can drive it with inject(). Every route is
// described in the OpenAPI document served at /docs.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyReply } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { Logger } from '../logging/logger.js';
import { handleClientError } from './client-errors.js';
import { codeOfRefusal, handleError, sendError } from './http-error.js';
import { installStrictInput } from './strict-input.js';
import { callRoutes, type CallRoutesDeps } from './routes/call-routes.js';
import { draftRoutes, type DraftRoutesDeps } from './routes/draft-routes.js';
import { healthRoutes, type HealthProbe } from './routes/health-routes.js';
import { agentRoutes } from './routes/agent-routes.js';
import { categoryRoutes } from './routes/category-routes.js';
import { queueRoutes } from './routes/queue-routes.js';
import { authRoutes } from './routes/auth-routes.js';
import { installAuthGuard } from './auth-guard.js';
import { installSecurityHeaders } from './security-headers.js';
import type { Acd } from '../app/ports/acd.js';
import type { AuthService } from '../app/auth-service.js';
import type { Taxonomy } from '../domain/tickets/categories.js';
import { returnVisitRoutes } from './routes/return-visit-routes.js';
import { knowledgeRoutes, type KnowledgeRoutesDeps } from './routes/knowledge-routes.js';
import { hotspotRoutes, type HotspotRoutesDeps } from './routes/hotspot-routes.js';
import { ticketRoutes, type TicketRoutesDeps } from './routes/ticket-routes.js';
import { unitRoutes } from './routes/unit-routes.js';
import { recordingRoutes, type RecordingRoutesDeps } from './routes/recording-routes.js';
import { qaRoutes, type QaRoutesDeps } from './routes/qa-routes.js';
import { auditRoutes } from './routes/audit-routes.js';
import { reportRoutes } from './routes/report-routes.js';
import { analysisRoutes, type AnalysisRoutesDeps } from './routes/analysis-routes.js';
import type { AuditLog, AuditTrail } from '../app/ports/audit-log.js';
import type { ReportRecords } from '../app/ports/report-records.js';
import type { TicketRecords } from '../app/ports/ticket-records.js';
import type { TicketSearch } from '../app/ports/ticket-search.js';
import { uiRoutes } from './ui-routes.js';
import { metricsRoutes } from './routes/metrics-routes.js';
import { opsRoutes, type OpsDeps } from './routes/ops-routes.js';
import { phoneRoutes, type PhoneRoutesDeps } from './routes/phone-routes.js';
import { monitorRoutes, type MonitorRoutesDeps } from './routes/monitor-routes.js';
import { textReportRoutes, type TextReportDeps } from './routes/text-report-routes.js';
import type { MetricsReply } from '../contract/api/metrics.js';

/** The built pages of agent-ui/ (npm run ui:build). */
const UI_DIST_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../agent-ui/dist');

export interface AppDeps extends CallRoutesDeps, DraftRoutesDeps, TicketRoutesDeps, RecordingRoutesDeps, QaRoutesDeps, PhoneRoutesDeps, MonitorRoutesDeps, KnowledgeRoutesDeps, HotspotRoutesDeps {
  readonly logger: Logger;
  readonly health: HealthProbe;
  readonly acd: Acd;
  readonly taxonomy: Taxonomy;
  readonly auth: AuthService;
  readonly reports: ReportRecords;
  /** The sign target the daily report measures units against (5 minutes by default). */
  readonly signWithinMs: number;
  /** The analysis page's figures and the analysis report (JSON, CSV, PDF). */
  readonly analysis: AnalysisRoutesDeps;
  // Each route group names the least it needs of these; the app is handed all of it.
  readonly tickets: TicketRecords & TicketSearch;
  readonly audit: AuditLog & AuditTrail;
  /** The ARI hops' timings now (GET /api/metrics). */
  readonly metrics: () => MetricsReply;
  /** GET /metrics (Prometheus) and GET /api/cluster. */
  readonly ops: OpsDeps;
  /** Where the SMS platform pushes delivery reports (Alibaba Cloud SMS); absent: the route is not served. */
  readonly textReports?: TextReportDeps;
}

export function buildApp(deps: AppDeps): FastifyInstance {
  const app = Fastify({
    // Typed as Fastify's base logger so routes take the plain FastifyInstance.
    loggerInstance: deps.logger.child({ component: 'http' }) as FastifyBaseLogger,
    // Requests are not logged one by one; errors are, by the error handler.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 1024 * 1024,
    // Unknown query keys are errors rather than silently ignored. Nothing is coerced: query and
    // path text becomes a number or boolean in strict-input.ts only when it spells one exactly.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: false } },
    // Malformed or oversized URLs get the same error shape as every other refusal.
    frameworkErrors: (error, _request, reply) => {
      void sendError(reply as FastifyReply, codeOfRefusal(error.code) === 'REQUEST_URL_TOO_LONG' ? 'REQUEST_URL_TOO_LONG' : 'REQUEST_URL_INVALID');
    },
    clientErrorHandler: handleClientError,
  });
  // Bodies are JSON only: text/plain would reach a route as a string and be refused as a wrong type, not as a wrong medium.
  app.removeContentTypeParser('text/plain');
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request, reply) => {
    void sendError(reply, 'ROUTE_NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0]}`);
  });
  installAuthGuard(app, deps.auth);
  installStrictInput(app);
  installSecurityHeaders(app);
  void app.register(swagger, {
    openapi: {
      info: { title: 'hotline-cti', description: '12345 hotline: calls, agents, work orders, recordings, QA and reports.', version: '0.1.0' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });
  void app.register(swaggerUi, { routePrefix: '/docs' });
  // Routes go in after the OpenAPI plugin so it sees every one of them.
  void app.register(async (api) => {
    healthRoutes(api, deps.health);
    authRoutes(api, deps.auth);
    callRoutes(api, deps);
    draftRoutes(api, deps);
    queueRoutes(api, deps.acd);
    agentRoutes(api, deps.acd);
    categoryRoutes(api, deps.taxonomy);
    ticketRoutes(api, deps);
    unitRoutes(api, deps);
    returnVisitRoutes(api, deps);
    knowledgeRoutes(api, deps);
    hotspotRoutes(api, deps);
    recordingRoutes(api, deps);
    qaRoutes(api, deps);
    auditRoutes(api, deps);
    reportRoutes(api, deps.reports, deps.now, deps.signWithinMs);
    analysisRoutes(api, deps.analysis);
    metricsRoutes(api, deps.metrics);
    opsRoutes(api, deps.ops);
    phoneRoutes(api, deps);
    monitorRoutes(api, deps);
    if (deps.textReports) textReportRoutes(api, deps.textReports);
    uiRoutes(api, UI_DIST_DIR, { citizenPage: deps.phoneLines.citizen !== null });
  });
  return app;
}
