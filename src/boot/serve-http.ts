// The HTTP API, the agents' sockets (Socket.IO) and their browser phones (/sip) of one server,
// built on the parts the composition root made, and listening.
import { NodeTimers } from '../adapters/clock/node-timers.js';
import type { FastifyInstance } from 'fastify';
import type { AriMetricsFigures } from '../adapters/ari/ari-metrics.js';
import { AgentGateway, type GatewayDeps } from '../adapters/socketio/gateway.js';
import type { CallDrafts } from '../app/calls/call-drafts.js';
import type { LiveCalls } from '../app/calls/live-calls.js';
import type { MonitorControl } from '../app/ports/monitor-control.js';
import type { HelpRequests } from '../app/monitoring/help-requests.js';
import type { Acd } from '../app/ports/acd.js';
import type { CallControl } from '../app/ports/call-control.js';
import { backOfficeRoutes, type BackOffice } from '../back-office.js';
import type { Config } from '../config.js';
import type { MetricsReply } from '../contract/api/metrics.js';
import type { Taxonomy } from '../domain/tickets/categories.js';
import type { KnowledgeSuggestions } from '../app/ports/knowledge-suggestions.js';
import type { ArticleTitles } from '../app/ports/article-titles.js';
import { POP_KNOWLEDGE_WAIT_MS } from '../app/pop-articles.js';
import { choiceWords } from '../domain/calls/ivr-choice-words.js';
import type { Flow } from '../domain/ivr/flow-types.js';
import { buildApp } from '../http/build-app.js';
import type { TextReportDeps } from '../http/routes/text-report-routes.js';
import type { PhoneLines } from '../http/phone-lines.js';
import { PhoneSockets } from '../http/phone-socket.js';
import type { HealthProbe } from '../http/routes/health-routes.js';
import type { Logger } from '../logging/logger.js';
import type { ServerOps } from './server-ops.js';
import type { RecordingRow } from '../app/ports/recording-records.js';
import type { Storage } from './storage.js';

export interface HttpParts {
  readonly logger: Logger;
  readonly acd: Acd;
  readonly callService: LiveCalls;
  readonly calls: Storage['calls'];
  readonly tickets: Storage['tickets'];
  readonly drafts: CallDrafts;
  readonly taxonomy: Taxonomy;
  readonly office: BackOffice;
  readonly health: HealthProbe;
  readonly metrics: () => AriMetricsFigures;
  readonly ops: ServerOps;
  readonly admission: GatewayDeps['admission'];
  readonly lines: PhoneLines;
  readonly phoneClosed: (agentId: string) => void;
  /** A cluster's: the adapter and the desks' copies. */
  readonly sockets: GatewayDeps['cluster'] | null;
  /** A cluster's: live calls answered here or relayed to the server running the PBX. */
  readonly callControl: CallControl | null;
  readonly monitoring: MonitorControl;
  readonly help: HelpRequests;
  /** Where the SMS platform pushes delivery reports; null: the route is not served. */
  readonly textReports: TextReportDeps | null;
  /** The flows as they run now: the pop reads the knowledge words of the caller's menu choices. */
  readonly flows: () => ReadonlyMap<string, Flow>;
  /** What suggests the pop's articles (知识推荐). */
  readonly knowledge: KnowledgeSuggestions;
  /** The titles of the articles an order names as used. */
  readonly articleTitles: ArticleTitles;
}

/** The HTTP API, the agents' sockets and their browser phones on one server, listening. */
export async function serveHttp(config: Config, parts: HttpParts): Promise<{ app: FastifyInstance; gateway: AgentGateway; phoneSockets: PhoneSockets; url: string }> {
  const { logger, acd, callService, calls, tickets, drafts, taxonomy, office, health, metrics, ops, admission, lines, phoneClosed, sockets, callControl, monitoring, help, textReports, flows, knowledge, articleTitles } = parts;
  const phoneSockets = new PhoneSockets({ auth: office.auth, lines, audit: office.audit, logger, now: Date.now, phoneClosed });
  const figures = (): MetricsReply => ({ ...metrics(), phoneSockets: phoneSockets.openCount });
  const app = buildApp({ logger, acd, callService, ...(callControl ? { callControl } : {}), calls, tickets, drafts, taxonomy, ...backOfficeRoutes(office), recordingHolder: holderOf(calls, ops), now: Date.now, health, metrics: figures, ops: ops.routes(figures), phoneLines: lines, monitoring, articleTitles, ...(textReports ? { textReports } : {}) });
  const gateway = new AgentGateway(app.server, {
    help,
    auth: office.auth,
    acd,
    calls: callService,
    pop: {
      history: (number, since) => tickets.callerHistory(number, since, 20),
      callsSince: (number, since) => tickets.callsSince(number, since),
      queueName: (queueId) => acd.queueStats().find((q) => q.queueId === queueId)?.name ?? null,
      taxonomy,
      choiceWords: (path) => choiceWords(path, flows()),
      knowledge: { suggestions: knowledge, waitMs: POP_KNOWLEDGE_WAIT_MS, timers: new NodeTimers(), logger },
    },
    warnings: () => tickets.warningCounts(),
    admission,
    logger,
    now: Date.now,
    ...(sockets ? { cluster: sockets } : {}),
  });
  const offHotspots = office.hotspots.onChanged((view) => gateway.hotspotChanged(view));
  phoneSockets.attach(app.server);
  // Open sockets would keep the HTTP server from closing.
  app.addHook('preClose', async () => {
    offHotspots();
    gateway.disconnectAll();
    phoneSockets.closeAll();
  });
  const url = await app.listen({ host: config.http.host, port: config.http.port });
  logger.info({ url }, 'hotline server listening');
  ops.listening(url);
  office.analysis.serving(url);
  return { app, gateway, phoneSockets, url };
}

/** In a cluster: the server running the PBX of the recording's call, whose box holds the file. */
function holderOf(calls: HttpParts['calls'], ops: ServerOps): (row: RecordingRow) => Promise<string | null> {
  return async (row) => {
    const pbx = (await calls.get(row.callId))?.pbx;
    return pbx ? ops.serverRunning(pbx) : null;
  };
}
