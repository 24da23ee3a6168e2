// Composition root: config → logger → db → ARI/AMI → services → HTTP → listen, and an ordered,
// graceful shutdown. Run directly (`tsx src/main.ts`) for a server against an Asterisk of your own.
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { AmiClient } from './adapters/ami/index.js';
import { AriClient } from './adapters/ari/ari-client.js';
import { AriTelephony, toCallEvent } from './adapters/ari/ari-telephony.js';
import { CallStore } from './adapters/db/call-store.js';
import { databaseAnswers, openDatabase, type OpenDatabase } from './adapters/db/open-database.js';
import { TicketStore } from './adapters/db/ticket-store.js';
import { loadAcdFiles, AcdConfigError } from './adapters/acd/acd-files.js';
import { FlowLoadError, FlowRepository } from './adapters/flows/flow-repository.js';
import { CategoryFileError, loadCategories } from './adapters/tickets/category-file.js';
import type { Taxonomy } from './domain/tickets/categories.js';
import { FileCallerDirectory } from './adapters/registries/caller-registry.js';
import { AcdService } from './app/acd-service.js';
import { recoverCalls } from './app/restart-recovery.js';
import { CallService } from './app/call-service.js';
import type { AgentPhones } from './app/call-session.js';
import { PhoneReachability } from './app/phone-reachability.js';
import { AcdEngine } from './domain/acd/acd-engine.js';
import type { TelephonyPort } from './app/telephony-port.js';
import { ConfigError, loadConfig, missingExternalSettings, type AmiSettings, type AriSettings, type Config } from './config.js';
import { buildApp } from './http/build-app.js';
import { backOfficeRoutes, loadBackOfficeFiles, startBackOffice, type BackOffice, type BackOfficeFiles } from './back-office.js';
import { DataFileError } from './adapters/tickets/data-file.js';
import { AgentGateway } from './adapters/socketio/gateway.js';
import { readRuntime } from './local-pbx/index.js';
import { createLogger, type Logger } from './logging/logger.js';
import { raiseProcessPriority } from './adapters/os/process-priority.js';

export class StartupError extends Error {
  constructor(
    readonly code: 'PBX_NOT_CONFIGURED' | 'PBX_SECRET_WEAK' | 'PBX_UNREACHABLE' | 'FLOWS_INVALID' | 'ACD_CONFIG_INVALID' | 'CATEGORIES_INVALID' | 'USERS_INVALID' | 'DISPATCH_RULES_INVALID' | 'QA_FORMS_INVALID' | 'CALENDAR_INVALID',
    message: string,
  ) {
    super(message);
  }
}

export interface PbxConnection {
  readonly ari: AriSettings;
  readonly ami: AmiSettings;
  /** Where Asterisk's hotline sounds are, when this machine can see them (prompt audio is then checked). */
  readonly soundsDir?: string;
  /** Where Asterisk writes recordings, as this machine sees it. */
  readonly recordingsDir?: string;
}

export interface RunningServer {
  readonly app: FastifyInstance;
  readonly url: string;
  readonly callService: CallService;
  readonly acd: AcdService;
  readonly flows: FlowRepository;
  readonly ari: AriClient;
  readonly ami: AmiClient;
  readonly database: OpenDatabase;
  readonly logger: Logger;
  readonly office: BackOffice;
  readonly gateway: AgentGateway;
  close(): Promise<void>;
}

export interface StartOptions {
  readonly logger?: Logger;
  /** Overrides where ARI/AMI are (tests, or `npm start` after bringing up the local PBX). */
  readonly pbx?: PbxConnection;
  /** How long to wait for ARI to answer at start-up before giving up. */
  readonly connectTimeoutMs?: number;
  /** Wraps the telephony port; tests use it to inject faults a real Asterisk cannot be made to show. */
  readonly wrapTelephony?: (port: TelephonyPort) => TelephonyPort;
}

const EXTERNAL_HINT =
  'Set HOTLINE_PBX=external with HOTLINE_ARI_URL, HOTLINE_ARI_USER, HOTLINE_ARI_PASSWORD, HOTLINE_AMI_HOST, ' +
  'HOTLINE_AMI_PORT, HOTLINE_AMI_USER and HOTLINE_AMI_PASSWORD, or run `npm start` as root to use the embedded Asterisk.';

/** Where the PBX is: given explicitly, from the running local instance, or from HOTLINE_* settings. */
export function resolvePbx(config: Config): PbxConnection {
  if (config.pbxMode === 'local') {
    const runtime = readRuntime(config.localPbx);
    if (!runtime) {
      throw new StartupError('PBX_NOT_CONFIGURED', `No local Asterisk instance "${config.localPbx.instance}" is running (npm run pbx:up). ${EXTERNAL_HINT}`);
    }
    return {
      ari: { url: runtime.ari.url, user: runtime.ari.user, password: runtime.ari.password, app: config.ari.app },
      ami: runtime.ami,
      soundsDir: runtime.soundsDir,
      recordingsDir: runtime.recordingsDir,
    };
  }
  const missing = missingExternalSettings(config);
  if (missing.length > 0) throw new StartupError('PBX_NOT_CONFIGURED', `Missing ${missing.join(', ')}. ${EXTERNAL_HINT}`);
  const weak = [
    ['HOTLINE_ARI_PASSWORD', config.ari.password],
    ['HOTLINE_AMI_PASSWORD', config.ami.password],
  ].filter(([, secret]) => isKnownDefaultSecret(secret ?? ''));
  if (weak.length > 0) {
    throw new StartupError('PBX_SECRET_WEAK', `${weak.map(([name]) => name).join(' and ')} is a well-known default or too short (under 12 characters): set a generated secret in Asterisk and here.`);
  }
  return { ari: config.ari, ami: config.ami };
}

// Secrets shipped in examples and guides, which scanners try first.
const DEFAULT_SECRETS = new Set(['asterisk', 'hotline', 'secret', 'password', 'changeme', 'admin', 'amp111', 'mysecret', '123456']);

/** A secret anyone could guess: a known default, or too short to resist guessing. */
export function isKnownDefaultSecret(secret: string): boolean {
  return DEFAULT_SECRETS.has(secret.toLowerCase()) || secret.length < 12;
}

async function waitForAri(ari: AriClient, timeoutMs: number): Promise<boolean> {
  if (ari.connected) return true;
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      ari.off('connected', onConnected);
      resolve(false);
    }, timeoutMs);
    const onConnected = (): void => {
      clearTimeout(timer);
      resolve(true);
    };
    ari.once('connected', onConnected);
  });
}

/** Reads flows, schedules, queues and agents: everything a call needs, checked before any call comes. */
function loadCallSetup(config: Config, pbx: PbxConnection, logger: Logger): { flows: FlowRepository; acd: AcdService } {
  let flows: FlowRepository;
  try {
    flows = new FlowRepository(
      { flowsDir: config.files.flowsDir, queuesFile: config.files.queues, calendarDir: config.files.calendarDir, ...(pbx.soundsDir ? { soundsDir: pbx.soundsDir } : {}) },
      logger,
    );
  } catch (error) {
    if (error instanceof FlowLoadError) throw new StartupError('FLOWS_INVALID', error.message);
    throw error;
  }
  try {
    const { config: acdConfig, agents } = loadAcdFiles(config.files.queues, config.files.agents);
    const acd = new AcdService(new AcdEngine(acdConfig, agents), new Map(agents.map((agent) => [agent.id, agent])), logger);
    return { flows, acd };
  } catch (error) {
    if (error instanceof AcdConfigError) throw new StartupError('ACD_CONFIG_INVALID', error.message);
    throw error;
  }
}

function readTaxonomy(file: string): Taxonomy {
  try {
    return loadCategories(file);
  } catch (error) {
    if (error instanceof CategoryFileError) throw new StartupError('CATEGORIES_INVALID', error.message);
    throw error;
  }
}

function readBackOfficeFiles(config: Config, taxonomy: Taxonomy): BackOfficeFiles {
  try {
    return loadBackOfficeFiles(config, taxonomy);
  } catch (error) {
    if (error instanceof DataFileError) throw new StartupError(error.code as StartupError['code'], error.message);
    throw new StartupError('CALENDAR_INVALID', (error as Error).message);
  }
}

function agentPhones(config: Config, acd: AcdService): AgentPhones {
  const noAnswer = new Set(config.demoNoAnswer);
  return {
    phoneFor: (agentId) =>
      config.agentPhones === 'demo'
        ? { kind: 'demo', answerAfterSeconds: noAnswer.has(agentId) ? 'never' : config.demoAnswerAfterSeconds }
        : { kind: 'pjsip', endpoint: acd.agents.get(agentId)?.phone ?? `agent-${agentId}` },
  };
}

function autoLogin(config: Config, acd: AcdService): void {
  const ids = config.autoLogin === 'all' ? [...acd.agents.keys()] : config.autoLogin === 'none' ? [] : config.autoLogin;
  for (const id of ids) acd.login(id);
}

export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const pbx = options.pbx ?? resolvePbx(config);
  const taxonomy = readTaxonomy(config.files.categories);
  const backOfficeFiles = readBackOfficeFiles(config, taxonomy);
  const { flows, acd } = loadCallSetup(config, pbx, logger);
  const database = openDatabase(config.dbFile);
  const calls = new CallStore(database.db);
  const tickets = new TicketStore(database.db);
  const directory = new FileCallerDirectory({ elderly: config.files.elderly, enterprises: config.files.enterprises }, logger);
  directory.reload();
  directory.watch();
  flows.watch();

  // Calls a previous run left unfinished (it was killed): settled once Asterisk answers.
  const orphans = calls.listActive();
  const ari = new AriClient({ ...pbx.ari, logger });
  const ami = new AmiClient({ ...pbx.ami, logger });
  const ariTelephony = new AriTelephony(ari, { app: pbx.ari.app, callbackEndpoint: config.callbackEndpoint });
  const telephony = options.wrapTelephony ? options.wrapTelephony(ariTelephony) : ariTelephony;
  const callService = new CallService({
    telephony,
    calls,
    tickets,
    logger,
    ivr: flows,
    directory,
    language: config.promptLanguage,
    queueing: acd,
    phones: agentPhones(config, acd),
    afterCallFlow: () => flows.current.afterCall,
    queueExists: (queueId) => acd.hasQueue(queueId),
    agentStatus: (agentId) => {
      if (!acd.agents.has(agentId)) return 'unknown';
      const state = acd.agentState(agentId)?.state;
      return state === undefined || state === 'logged_out' ? 'logged_out' : 'logged_in';
    },
  });
  acd.attach(callService);
  // Demo phones live in the dialplan; real softphones are watched through AMI.
  if (config.agentPhones === 'pjsip') new PhoneReachability(ami, acd, logger).start();

  ari.on('event', (event) => {
    const callEvent = toCallEvent(event, Date.now());
    if (callEvent) void callService.handle(callEvent);
  });
  ari.on('connected', ({ reconnect }) => {
    if (reconnect) void resyncCalls(ari, callService, logger);
  });
  ami.on('connected', ({ reconnect }) => logger.info({ reconnect }, 'AMI connected'));
  ari.start();
  ami.start();

  if (!(await waitForAri(ari, options.connectTimeoutMs ?? config.pbxConnectTimeoutMs))) {
    await Promise.all([ari.stop(), ami.stop()]);
    flows.stop();
    directory.stop();
    acd.stop();
    database.close();
    throw new StartupError('PBX_UNREACHABLE', `Asterisk ARI at ${pbx.ari.url} did not answer. ${EXTERNAL_HINT}`);
  }

  await recoverCalls(orphans, { telephony: ariTelephony, calls, tickets, logger, now: Date.now, isOurs: (id) => callService.knowsChannel(id), isOurCall: (id) => callService.knowsCall(id) }).catch((error: unknown) =>
    logger.error({ err: error }, 'could not settle the calls left by the previous run; they stay open until the next start'),
  );
  autoLogin(config, acd);
  const office = startBackOffice(config, { database, tickets, taxonomy, files: backOfficeFiles, recordingsDir: config.recordingsDir ?? pbx.recordingsDir ?? null, logger });
  callService.onTicket((ticket) => {
    for (const recording of ticket.recordings) office.catalog.watch(recording.name);
  });
  const app = buildApp({
    logger,
    acd,
    callService,
    calls,
    tickets,
    taxonomy,
    ...backOfficeRoutes(office),
    now: Date.now,
    health: { ari: () => ari.connected, ami: () => ami.isConnected, db: () => databaseAnswers(database.sqlite) },
  });
  const gateway = new AgentGateway(app.server, {
    auth: office.auth,
    acd,
    calls: callService,
    pop: {
      history: (number, since) => tickets.callerHistory(number, since, 20),
      callsSince: (number, since) => tickets.callsSince(number, since),
      queueName: (queueId) => acd.queueStats().find((q) => q.queueId === queueId)?.name ?? null,
      taxonomy,
    },
    warnings: () => tickets.warningCounts(),
    logger,
    now: Date.now,
  });
  // Open sockets would keep the HTTP server from closing.
  app.addHook('preClose', async () => gateway.disconnectAll());
  const url = await app.listen({ host: config.http.host, port: config.http.port });
  logger.info({ url }, 'hotline server listening');

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      await app.close();
      office.stop();
      flows.stop();
      directory.stop();
      acd.stop();
      await ari.stop();
      await ami.stop();
      await callService.drain();
      database.close();
      logger.info('hotline server stopped');
    })();
    return closing;
  };
  return { app, url, callService, acd, flows, ari, ami, database, logger, office, gateway, close };
}

/** After a reconnect: calls whose channel vanished while we were away are closed with a ticket. */
async function resyncCalls(ari: AriClient, callService: CallService, logger: Logger): Promise<void> {
  try {
    const channels = await ari.listChannels();
    callService.reconcile(new Set(channels.map((channel) => channel.id)));
    logger.info({ channels: channels.length }, 'ARI resynced after reconnect');
  } catch (error) {
    logger.warn({ err: error }, 'ARI resync failed');
  }
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
