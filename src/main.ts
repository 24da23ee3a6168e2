// Composition root: config → logger → db → ARI/AMI → services → HTTP → listen, and an ordered,
// graceful shutdown. What to load, how a failure is named and the start-up policies live in src/boot/.
// Run directly (`tsx src/main.ts`) for a server against an Asterisk of your own.
import { fileURLToPath } from 'node:url';
import { AmiChannelRecorder } from './adapters/ami/ami-channel-recorder.js';
import { AmiClient, surveyCallEvent } from './adapters/ami/index.js';
import { AriClient } from './adapters/ari/ari-client.js';
import { ariMetrics } from './adapters/ari/ari-metrics.js';
import { AriAgentLines } from './adapters/ari/ari-agent-lines.js';
import { AriMonitoring } from './adapters/ari/ari-monitoring.js';
import { localMonitorControl } from './app/monitoring/local-monitor-control.js';
import { ringsWallboardPhone } from './domain/phone/web-phone.js';
import type { MonitorControl } from './app/ports/monitor-control.js';
import type { AgentGateway } from './adapters/socketio/gateway.js';
import { MonitorService } from './app/monitoring/monitor-service.js';
import { HelpRequests } from './app/monitoring/help-requests.js';
import { AriPutThrough } from './adapters/ari/ari-put-through.js';
import type { PhoneHomes } from './app/cluster/phone-homes.js';
import { putThroughTarget } from './boot/agent-phones.js';
import { startPhoneHomes } from './boot/phone-homes.js';
import { CALL_EVENT_SOURCES, stasisArgs } from './adapters/ari/ari-call-events.js';
import { AriTelephony } from './adapters/ari/ari-telephony.js';
import { startMetricsLog } from './adapters/metrics/metrics-log.js';
import { MetricsRegistry } from './adapters/metrics/metrics-registry.js';
import { asteriskRecordsFor } from './adapters/cel/index.js';
import type { OpenDatabase } from './adapters/db/open-database.js';
import { raiseProcessPriority } from './adapters/os/process-priority.js';
import { FileCallerDirectory } from './adapters/registries/caller-registry.js';
import { startAcd } from './boot/acd-start.js';
import { socketCluster } from './boot/socket-cluster.js';
import { backOfficeTurn } from './boot/back-office-lease.js';
import { watchPbxLoss } from './boot/pbx-loss.js';
import { clusterCalls } from './boot/cluster-calls.js';
import type { PbxTurn } from './boot/pbx-turn.js';
import { runPbxByLease } from './boot/pbx-takeover.js';
import { serveHttp } from './boot/serve-http.js';
import type { PbxRole } from './contract/api/health.js';
import type { CallRow } from './app/ports/call-records.js';
import { CallDrafts } from './app/calls/call-drafts.js';
import { PhoneReachability } from './app/phone-reachability.js';
import type { AgentLines } from './app/phone/agent-lines.js';
import { startAgentLines } from './boot/agent-lines.js';
import { openStorage } from './boot/storage.js';
import { recoverCalls } from './app/restart-recovery.js';
import type { SavedLiveCall } from './domain/calls/resumed-call.js';
import type { RecordedStep } from './domain/calls/recovered-facts.js';
import { startBackOffice } from './back-office.js';
import { autoLogin } from './boot/auto-login.js';
import { loadBackOfficeFiles } from './boot/back-office-files.js';
import { loadCallFiles } from './boot/call-files.js';
import { UsedArticleTitles } from './app/knowledge/used-article-titles.js';
import { closeInOrder } from './boot/close-in-order.js';
import { refuseDemoPasswords } from './boot/demo-passwords.js';
import { compiledMenusInstaller, startDialplanArrival, speechFor, startLiveCalls } from './boot/live-calls.js';
import { startOverloadProtection, type OverloadProtection } from './boot/overload-protection.js';
import { startTextMessages } from './boot/text-messages.js';
import { ServerOps } from './boot/server-ops.js';
import { pbxUnreachable, resolvePbx, sipWebSocketUrl } from './boot/pbx-resolution.js';
import { phoneLines } from './boot/phone-lines.js';
import { callResync } from './boot/resync-calls.js';
import { missedAnswers, missedArrivals } from './adapters/ari/missed-arrivals.js';
import type { AriEvent } from './adapters/ari/ari-events.js';
import type { Channel } from './adapters/ari/ari-models.js';
import { StartupError } from './boot/startup-error.js';
import { loadTaxonomy } from './boot/taxonomy.js';
import { waitForAri } from './boot/wait-for-ari.js';
import { watchAgentLegContext } from './boot/agent-leg-check.js';
import { DEFAULT_TRUNK, OUTBOUND_REFRESH_MS, outboundService } from './boot/outbound.js';
import { startFollowUp } from './boot/follow-up.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { createLogger, type Logger } from './logging/logger.js';

import type { RunningServer, StartOptions } from './boot/running-server.js';

// Importers of the start-up pieces from here (scripts/start.ts, tests) keep working.
export { StartupError, type StartupCode } from './boot/startup-error.js';
export { isKnownDefaultSecret, resolvePbx, type PbxConnection } from './boot/pbx-resolution.js';

export type { RunningServer, StartOptions } from './boot/running-server.js';

/** Starts everything, or fails with a StartupError: a cause's own code, or STARTUP_FAILED saying what it was. */
export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config.logLevel);
  try {
    return await composeServer(config, options, logger);
  } catch (error) {
    if (!(error instanceof StartupError)) logger.error({ err: error }, 'start-up failed');
    throw StartupError.unrecognised(error, 'the server could not start');
  }
}

async function composeServer(config: Config, options: StartOptions, logger: Logger): Promise<RunningServer> {
  const pbx = options.pbx ?? resolvePbx(config);
  const taxonomy = loadTaxonomy(config);
  const backOfficeFiles = loadBackOfficeFiles(config, taxonomy);
  await refuseDemoPasswords(config, backOfficeFiles.users);
  const { acdConfig, agents, flows } = loadCallFiles(config, pbx, logger);
  const storage = await openStorage(config, logger);
  // GET /metrics and GET /api/cluster; its lease tally is handed to every lease holder below.
  const ops = new ServerOps(config);
  const sharedAcd = await startAcd(config, acdConfig, agents, logger, ops.tally).catch(async (error: unknown) => {
    await storage.close();
    throw error;
  });
  const { acd } = sharedAcd;
  const sockets = await socketCluster(config, logger).catch(async (error: unknown) => {
    await sharedAcd.close();
    await storage.close();
    throw new StartupError('REDIS_UNAVAILABLE', `Redis could not be used for the agents' sockets: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  });
  const { calls, tickets } = storage;
  const directory = new FileCallerDirectory({ elderly: config.files.elderly, enterprises: config.files.enterprises }, logger);
  directory.reload();
  directory.watch();
  flows.watch();

  // Calls a previous run left unfinished (it was killed): settled once Asterisk answers. In a
  // cluster, read when this server takes the PBX over (then they are the previous holder's).
  const orphans = config.cluster === null ? await calls.listActive() : [];
  // The ARI hops' timings: logged each minute, and answered by GET /api/metrics.
  const metrics = new MetricsRegistry();
  const metricsSince = Date.now();
  // Asterisk sends only the event types the calls use (the rest were 2 in 3 events of a call).
  const ari = new AriClient({ ...pbx.ari, logger, metrics, eventTypes: CALL_EVENT_SOURCES });
  // The recorder's start and stop go on logins without events of their own (AmiClientOptions.actionLinks).
  const ami = new AmiClient({ ...pbx.ami, logger, metrics, actionLinks: config.conversationRecorder === 'channel' ? config.amiActionLinks : 0 });
  const lineAdapter = new AriAgentLines(ari, { app: pbx.ari.app });
  const monitoringAdapter = new AriMonitoring(ari, { app: pbx.ari.app, supervisorEndpoint: config.supervisorEndpoint, channelOf: (legId) => lineAdapter.channelOf(legId), logger: logger.child({ component: 'monitoring' }) });
  const ariTelephony = new AriTelephony(ari, { app: pbx.ari.app, callbackEndpoint: config.callbackEndpoint, ...(config.cluster ? { trunkEndpoint: config.cluster.trunkEndpoint } : {}), logger: logger.child({ component: 'telephony' }), lines: lineAdapter, ...(config.conversationRecorder === 'channel' ? { channelRecorder: new AmiChannelRecorder(ami.callActions), recordLegsAtAnswer: true } : {}) });
  const telephony = options.wrapTelephony ? options.wrapTelephony(ariTelephony) : ariTelephony;
  if (config.conversationRecorder === 'channel') watchAgentLegContext(ami, ariTelephony, logger);
  const compiledMenus = compiledMenusInstaller(config, pbx, ami, logger);
  const dialplanArrival = startDialplanArrival(compiledMenus, { ami, directory, flows, app: pbx.ari.app, language: config.promptLanguage, logger });
  // Browser phones are watched through AMI in every mode; handsets only when they are real softphones
  // (demo handsets live in the dialplan).
  let homes: PhoneHomes | null = null;
  const phones = new PhoneReachability(ami, acd, logger, { watchHandsets: config.agentPhones === 'pjsip', elsewhere: (agentId) => homes?.homeOf(agentId) != null });
  phones.start();
  let agentLines: AgentLines | null = null;
  const lineOf = (agentId: string): string | null => agentLines?.lineOf(agentId) ?? null;
  const phoneStates = { webPhoneUp: (agentId: string) => phones.webPhoneUp(agentId), handsetUp: (agentId: string) => phones.handsetUp(agentId), lineOf, homeOf: (agentId: string) => homes?.homeOf(agentId) ?? null };
  // Overload protection starts later (it needs the office); calls ask it only once they are offered.
  let overload: OverloadProtection | null = null;
  const systemLagging = (): boolean => overload?.lagging() ?? false;
  const callService = startLiveCalls(config, { telephony, speech: speechFor(pbx, logger), calls, tickets, flows, directory, acd, logger, compiledMenus, phoneStates, systemLagging });
  let turn: PbxTurn | null = null;
  // On a single box the one PBX is always this server's; in a cluster it waits for the lease (a web node never runs one).
  const pbxState = (): PbxRole => turn?.state ?? (config.cluster === null ? 'running' : config.cluster.pbx === null ? 'none' : 'standby');
  ops.attach({ pbxRole: pbxState, callService, acd, shared: sharedAcd.redis && sharedAcd.leases ? { redis: sharedAcd.redis, leases: sharedAcd.leases } : null, logger });
  // Supervisors' sessions need the calls first: the cluster's relay reaches them once they are made.
  let monitorsHere: MonitorControl | null = null;
  const relay = await clusterCalls(config, callService, () => pbxState() === 'running', logger, () => monitorsHere).catch(async (error: unknown) => {
    await sharedAcd.close();
    sockets?.close();
    await storage.close();
    throw new StartupError('REDIS_UNAVAILABLE', `Redis could not be used for the calls' requests: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  });
  agentLines = startAgentLines({ adapter: lineAdapter, acd, phones, logger, callEvents: (event) => void callService.handle(event) });
  homes = startPhoneHomes(config.cluster, sharedAcd.redis, { agentIds: agents.map((agent) => agent.id), reachesHere: (agentId) => lineOf(agentId) !== null || phones.reachesHere(agentId), running: () => pbxState() === 'running', changed: () => phones.homesChanged(), logger });
  phones.onWebPhone(() => homes?.reachedChanged());
  const putThrough = new AriPutThrough(ari, lineAdapter, { targetOf: putThroughTarget(acd, phoneStates), logger: logger.child({ component: 'put-through' }) });

  const onAriEvent = (event: AriEvent): void => {
    if (monitoringAdapter.handle(event)) return;
    putThrough.handle(event);
    for (const callEvent of lineAdapter.callEvents(event, Date.now())) void callService.handle(callEvent);
  };
  ari.on('event', onAriEvent);
  const isOurs = (id: string): boolean => callService.knowsChannel(id) || lineAdapter.knows(id) || monitoringAdapter.knows(id);
  // A caller whose arrival was lost with the event socket is taken on as at arrival, from the list.
  const adoptMissed = (channels: readonly Channel[]): void => {
    for (const arrival of missedArrivals(channels, pbx.ari.app, (id, args) => isOurs(id) || (args.ivr === undefined && callService.handedToDialplan(id)))) {
      logger.warn({ callId: stasisArgs(arrival.args).linkedid || arrival.channel.id, channelId: arrival.channel.id }, 'caller found in the application at a resync, never announced: taken on as at arrival');
      onAriEvent(arrival);
    }
    for (const answer of missedAnswers(channels, pbx.ari.app, (legId) => callService.awaitsAnswer(legId), Date.now())) {
      logger.warn({ callId: stasisArgs(answer.args).call, channelId: answer.channel.id }, "agent's leg found answered in the application at a resync, never announced: taken as answered now");
      onAriEvent(answer);
    }
  };
  const resync = callResync(ari, [callService, lineAdapter], logger, { found: adoptMissed });
  ari.on('connected', ({ reconnect }) => {
    if (reconnect) void resync('ARI');
  });
  // The compiled survey's end and its line's end come over AMI (the server does not watch that channel).
  ami.on('event', (event) => {
    const callEvent = surveyCallEvent(event, Date.now());
    if (callEvent) void callService.handle(callEvent);
  });
  ami.on('connected', ({ reconnect }) => {
    logger.info({ reconnect }, 'AMI connected');
    // Events of the outage are lost: a call whose survey ended meanwhile is closed from Asterisk's list of channels.
    if (reconnect) void resync('AMI');
  });
  // A box that stays unreachable on both links is lost: its calls are closed with their tickets.
  const pbxLoss = watchPbxLoss(config, {
    ari, ami, logger,
    lost: () => {
      const now = Date.now();
      callService.reconcile(new Set(), now);
      lineAdapter.reconcile(new Set(), now);
    },
    back: () => void recover([]),
  });
  // In a cluster a browser phone's SIP link runs through another server and outlives a lost worker,
  // so its line in a conversation is adopted; a single box's restart took that link down with it.
  const adoptLines = config.cluster === null ? {} : { adoptLine: (line: { channelId: string; agentId: string; legId: string; conversationId: string }) => agentLines?.adopt(line.agentId, lineAdapter.adopt(line.channelId, line.legId, line.conversationId)) };
  // A caller in the compiled survey is taken on there; its end comes by AMI, as it would have before.
  const keptSurveys = {
    resumeSurvey: (call: SavedLiveCall, records: readonly RecordedStep[]) => callService.resumeSurvey(call, records),
    surveyLineGone: (channelId: string) => callService.handle({ type: 'DialplanLineGone', channelId, cause: null, at: Date.now() }),
  };
  const recover = (left: readonly CallRow[]): Promise<unknown> =>
    recoverCalls(left, { telephony: ariTelephony, calls, tickets, logger, now: Date.now, isOurs, isOurCall: (id) => callService.knowsCall(id), isOurBridge: (id) => monitoringAdapter.knowsBridge(id), records: asteriskRecordsFor(config, logger), resume: (call, found) => callService.resume(call, found), ...keptSurveys, ...adoptLines }).catch((error: unknown) =>
      logger.error({ err: error }, 'could not settle the calls left by the previous run; they stay open until the next start'),
    );
  if (config.cluster === null) {
    ari.start();
    ami.start();
    if (!(await waitForAri(ari, options.connectTimeoutMs ?? config.pbxConnectTimeoutMs))) {
      await Promise.all([ari.stop(), ami.stop()]);
      flows.stop();
      directory.stop();
      dialplanArrival?.stop();
      await sharedAcd.close();
      sockets?.close();
      await relay?.close();
      await storage.close();
      throw pbxUnreachable(pbx);
    }
    await recover(orphans);
  }
  autoLogin(config, acd);
  const officeTurn = backOfficeTurn(config.cluster, sharedAcd.leases, logger, ops.tally);
  const jobs = { shared: officeTurn.holding, recordings: () => pbxState() === 'running' };
  const now = options.now ?? Date.now;
  const office = await startBackOffice(config, { stores: storage, tickets, taxonomy, files: backOfficeFiles, recordingsDir: config.recordingsDir ?? pbx.recordingsDir ?? null, logger, jobs, now });
  // Outbound task calls on a single box, after the calls a previous run left were settled; a cluster's
  // server dials through its own PBX once it holds it (runOutbound at the takeover below).
  const outbound = outboundService(config, { storage, telephony, callService, calendar: office.files.calendar, logger, now });
  if (config.cluster === null && config.outbound.lines > 0) await outbound.start();
  callService.onTicket((ticket) => {
    for (const recording of ticket.recordings) office.catalog.watch(recording.name);
  });
  const texts = await startTextMessages(config, { records: storage.textMessages, logger, resumeHere: officeTurn.holding, now });
  const followUp = startFollowUp(config, { storage, office, outbound, texts: texts.service, templates: texts.templates, holding: officeTurn.holding, now, logger });
  const health = { ari: () => ari.connected, ami: () => ami.isConnected, db: () => storage.answers(), pbx: pbxState };
  const metricsLog = startMetricsLog(metrics, logger);
  // New callers answered by the dialplan while the server falls behind, and those calls' tickets.
  const protection = startOverloadProtection(config, { ari, metrics, tickets, callers: directory, logger, onRecordings: (names) => names.forEach((name) => office.catalog.watch(name)) });
  overload = protection;
  const admission = (): { mode: 'admit' | 'shed'; since: string } => {
    const { mode, since } = protection.figures();
    return { mode, since };
  };
  // The browser phones reach Asterisk's SIP WebSocket through the server (an explicit connection may not name it: beside ARI then).
  // The citizen phone page is the demo's: only with the embedded Asterisk.
  const lines = phoneLines(pbx.sip ?? { webSocketUrl: sipWebSocketUrl(config, pbx.ari.url), agentSecret: config.agentSipSecret || null }, new Set(agents.map((agent) => agent.id)), { citizenPhone: config.pbxMode === 'local', fallbackSocketUrls: config.sipWebSocketFallbacks, supervisorPhones: ringsWallboardPhone(config.supervisorEndpoint) });
  const drafts = new CallDrafts({
    store: storage.drafts,
    lineOf: async (callId) => {
      const here = callService.lineOf(callId);
      if (here || !relay) return here;
      // In a cluster the call may be another server's: its live view names the same agent and start.
      const live = (await relay.control.activeCalls())?.find((call) => call.callId === callId);
      return live ? { agentId: live.agentId, startedAt: live.startedAt } : null;
    },
    ticketWritten: async (callId) => (await tickets.getByCall(callId)) !== undefined,
    taxonomy,
    calendar: office.files.calendar,
    now: Date.now,
  });
  // Supervisors on calls: their banners reach the agents' desktops through the gateway made next.
  let gatewayRef: AgentGateway | null = null;
  const help = new HelpRequests();
  const monitoring = new MonitorService({ port: monitoringAdapter, calls: callService, audit: office.audit, tellAgent: (notice) => gatewayRef?.monitorChanged(notice), helpAnswered: (callId) => help.answered(callId), announceListen: config.monitorAnnounceListen, now: Date.now, logger: logger.child({ component: 'monitoring' }), heardChanged: options.monitorHeard });
  acd.onAgentState(({ agentId, state }) => {
    if (state !== 'on_call') monitoring.agentLeftCall(agentId);
  });
  monitorsHere = localMonitorControl(monitoring);
  const { app, gateway, phoneSockets, url } = await serveHttp(config, { logger, acd, callService, monitoring: relay?.monitors ?? monitorsHere, help, calls, tickets, drafts, taxonomy, office, health, admission, lines, phoneClosed: (agentId) => agentLines?.phoneLeft(agentId), metrics: () => ariMetrics(metrics, metricsSince, protection.figures()), ops, sockets: sockets?.gateway ?? null, callControl: relay?.control ?? null, textReports: texts.reports, flows: () => flows.current.flowSet.flows, knowledge: office.knowledge.finder, articleTitles: new UsedArticleTitles(storage.knowledge) });
  gatewayRef = gateway;
  const close = closeInOrder(
    [() => pbxLoss.stop(), () => monitoring.stopAll(), () => app.close(), () => texts.stop(), () => office.stop(), () => flows.stop(), () => directory.stop(), () => agentLines?.stop(), () => homes?.stop(), () => protection.stop(), () => ari.stop(), () => ami.stop(), () => turn?.stop(), () => officeTurn.stop(), () => ops.stop(), () => sharedAcd.close(), () => sockets?.close(), () => relay?.close(), () => metricsLog.stop(), () => outbound.stop(), () => callService.drain(), () => outbound.drain(), () => storage.close()],
    logger,
  );
  const server: RunningServer = {
    app,
    url,
    callService,
    outbound,
    acd,
    flows,
    ari,
    ami,
    storage,
    get database(): OpenDatabase {
      if (!storage.sqlite) throw new Error('the data is kept in PostgreSQL: there is no SQLite file to read');
      return storage.sqlite;
    },
    logger,
    office,
    textMessages: texts.service,
    followUp,
    gateway,
    phoneSockets,
    compiledMenus,
    dialplanArrival,
    pbxState,
    close,
  };
  if (config.cluster?.pbx && sharedAcd.leases !== null) {
    turn = runPbxByLease({ node: config.cluster.node, pbx: config.cluster.pbx, leases: sharedAcd.leases, tally: ops.tally, logger }, {
      calls, ari, ami, acd, recover, isLive: (callId) => callService.knowsCall(callId), logger,
      connectTimeoutMs: options.connectTimeoutMs ?? config.pbxConnectTimeoutMs,
      resumeRecordings: () => office.catalog.resume(),
      runPbx: () => sharedAcd.runPbx(),
      serveRequests: () => relay?.serve(),
      runOutbound: () => (config.outbound.lines > 0 ? outbound.runLines(DEFAULT_TRUNK, config.outbound.lines, OUTBOUND_REFRESH_MS) : Promise.resolve()),
      lost: () => (options.pbxLost ?? stopTheProcess)(server),
    });
  }
  return server;
}

/** A server that lost its PBX stops; its supervisor starts it again, as a standby. */
function stopTheProcess(server: RunningServer): void {
  void server.close().finally(() => process.exit(75));
}

/** Graceful stop on SIGINT/SIGTERM: finish writing tickets, then exit. */
export function stopOnSignals(server: RunningServer, extra?: () => Promise<void>): void {
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    server.logger.info({ signal }, 'stopping');
    void server
      .close()
      .then(() => extra?.())
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

/** For the processes that are the server (this file run directly, npm start): its priority first, so every thread it starts inherits it. */
export async function startServerProcess(config: Config): Promise<RunningServer> {
  const logger = createLogger(config.logLevel);
  raiseProcessPriority(config.processNice, logger);
  return startServer(config, { logger });
}

async function main(): Promise<void> {
  try {
    const server = await startServerProcess(loadConfig());
    stopOnSignals(server);
  } catch (error) {
    if (error instanceof StartupError || error instanceof ConfigError) {
      console.error(`${error.code}: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) void main();
