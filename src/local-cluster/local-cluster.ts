// The whole cluster on one machine (`npm run cluster`, and its test): PostgreSQL and Redis on
// loopback, two local Asterisk instances, two call workers, a standby and two web nodes, each
// server a child process. Demo mode: the embedded PBXs and the demo users.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { LocalPbxSettings } from '../config.js';
import { LocalPbxError, pbxDown, pbxUp, type PbxRuntime } from '../local-pbx/index.js';
import type { PbxRenderOptions } from '../local-pbx/local-pbx.js';
import { pbxTrunksConfig } from '../local-pbx/pbx-trunks.js';
import { LocalClusterError } from './cluster-error.js';
import { CLUSTER_PBX_IDS, planNodes, type ClusterPbxId, type ClusterPorts, type NodeName, type NodePlan, type NodeRole, type PlanPbx } from './cluster-plan.js';
import { startLocalPostgres, type LocalPostgres, type LocalPostgresOptions } from './local-postgres.js';
import { startLocalRedis, type LocalRedis, type LocalRedisOptions } from './local-redis.js';
import { LEASE_LOST_EXIT, startServerChild, waitHealthy, type ServerChild } from './server-child.js';

export { freeClusterPorts } from './free-port.js';

export interface LocalClusterOptions {
  readonly repoDir: string;
  /** postgres/ and redis/ (kept between runs) and logs/<name>.log. */
  readonly dataDir: string;
  readonly ports: ClusterPorts;
  readonly pbx: {
    /** pbx-1's and pbx-2's instance names (their folders in the shared Asterisk root). */
    readonly instances: readonly [string, string];
    readonly cacheDir: string;
    readonly stateDir: string;
    readonly promptLanguage: string;
    /** RTP ports per instance (default 1000). */
    readonly rtpPorts?: number;
    /**
     * pbx-1's and pbx-2's own render options (default: the demo agents' phones, registering): a
     * benchmark gives each box its half of the agents' phones, each box's at a SIP address of its own.
     */
    readonly boxes?: readonly [PbxBoxOptions, PbxBoxOptions];
  };
  /** More HOTLINE_* settings for every server (log level, admission…). */
  readonly env?: Readonly<Record<string, string>>;
  readonly log?: (line: string) => void;
  /** Aborting stops the start-up and what it had started. */
  readonly signal?: AbortSignal;
  /** How long a server is given to stop after SIGTERM before SIGKILL (default 15 s). */
  readonly stopGraceMs?: number;
}

/** What one box of the cluster renders besides its settings; `extraConfig` is appended after the trunks. */
export type PbxBoxOptions = Pick<PbxRenderOptions, 'agentsFile' | 'agentContact'> & { readonly extraConfig?: Readonly<Record<string, string>> };

export interface ClusterNode {
  readonly name: NodeName;
  readonly role: NodeRole;
  readonly pbx: ClusterPbxId | null;
  readonly url: string;
  readonly pid: number;
  readonly logFile: string;
}

export interface ClusterPbx {
  readonly id: ClusterPbxId;
  readonly settings: LocalPbxSettings;
  readonly runtime: PbxRuntime;
}

export interface LocalCluster {
  readonly nodes: readonly ClusterNode[];
  readonly postgresUrl: string;
  readonly redisUrl: string;
  readonly logDir: string;
  readonly pbxs: readonly ClusterPbx[];
  /** Every process it started: servers, Asterisks, Redis, PostgreSQL (none of them is left after stop). */
  readonly pids: readonly number[];
  /** Sends a server a signal (SIGKILL: a machine lost; it is not started again unless `restart` is called). */
  kill(name: NodeName, signal: NodeJS.Signals): void;
  /**
   * A server that is gone (killed, crashed) started again with its same plan: the machine brought
   * back. Resolves once it answers /health with 200; which PBX role it takes depends on the leases
   * then (a worker whose PBX the standby took comes back as its standby).
   */
  restart(name: NodeName): Promise<void>;
  /** Redis stopped (its append-only file written) and started again on the same port and data: a Redis restart. */
  restartRedis(): Promise<void>;
  /** PostgreSQL stopped (fast shutdown: its connections are cut) and started again on the same port and data. */
  restartPostgres(): Promise<void>;
  /** Stops one Asterisk for good (a box lost); the servers see both its links go down. */
  stopPbx(id: ClusterPbxId): Promise<void>;
  /** Servers (SIGTERM, then SIGKILL), both Asterisks, Redis, PostgreSQL: nothing is left running. */
  stop(): Promise<void>;
}

function pbxSettings(options: LocalClusterOptions, index: 0 | 1): LocalPbxSettings {
  const ports = options.ports.pbx[index];
  const { cacheDir, stateDir, instances } = options.pbx;
  return { instance: instances[index], cacheDir, stateDir, ariPort: ports.ari, amiPort: ports.ami, sipPort: ports.sip, rtpStart: ports.rtpStart };
}

const describe = (error: unknown): string => (error instanceof LocalPbxError ? `${error.code}: ${error.message}` : error instanceof Error ? error.message : String(error));

/** What has been started so far, stopped in the order that loses nothing: servers, PBXs, Redis, PostgreSQL. */
class Started {
  readonly servers = new Map<NodeName, { plan: NodePlan; child: ServerChild }>();
  readonly pbxs: LocalPbxSettings[] = [];
  redis: LocalRedis | null = null;
  postgres: LocalPostgres | null = null;
  stopping = false;

  constructor(private readonly graceMs: number) {}

  async stop(log: (line: string) => void): Promise<void> {
    this.stopping = true;
    const failures: string[] = [];
    const attempt = async (part: string, step: () => Promise<unknown>): Promise<void> => {
      await step().catch((error: unknown) => void failures.push(`${part}: ${describe(error)}`));
    };
    const servers = [...this.servers.values()];
    // The standby and the web nodes first, so no server takes over a PBX the cluster is stopping.
    const stopGroup = (workers: boolean): Promise<unknown> => Promise.all(servers.filter((s) => (s.plan.role === 'worker') === workers).map((s) => attempt(s.plan.name, () => s.child.stop(this.graceMs))));
    await stopGroup(false);
    await stopGroup(true);
    await Promise.all(this.pbxs.map((settings) => attempt(`Asterisk ${settings.instance}`, () => pbxDown(settings))));
    if (this.redis) await attempt('Redis', () => (this.redis as LocalRedis).stop());
    if (this.postgres) await attempt('PostgreSQL', () => (this.postgres as LocalPostgres).stop());
    log('Local cluster stopped.');
    if (failures.length > 0) throw new LocalClusterError('CLUSTER_STOP_FAILED', 'cluster', `could not stop ${failures.join('; ')}`);
  }
}

const redisOptionsOf = (options: LocalClusterOptions): LocalRedisOptions => ({ dataDir: path.join(options.dataDir, 'redis'), port: options.ports.redis, detached: true });

const postgresOptionsOf = (options: LocalClusterOptions): LocalPostgresOptions => ({ dir: path.join(options.dataDir, 'postgres'), port: options.ports.postgres, durable: true, detached: true });

async function startData(options: LocalClusterOptions, started: Started, log: (line: string) => void): Promise<void> {
  started.postgres = await startLocalPostgres(postgresOptionsOf(options));
  log(`PostgreSQL up on 127.0.0.1:${started.postgres.port}, pid ${started.postgres.pid}`);
  started.redis = await startLocalRedis(redisOptionsOf(options));
  log(`Redis up on 127.0.0.1:${started.redis.port}, pid ${started.redis.pid}`);
}

interface ClusterSecrets {
  readonly trunk: string;
  readonly agentPhones: string;
}

/** pjsip.conf's trunk to the other box (a caller on one put through to an agent whose phone is on the other). */
function trunkTo(options: LocalClusterOptions, index: 0 | 1, secret: string): string {
  const other = index === 0 ? 1 : 0;
  return pbxTrunksConfig(CLUSTER_PBX_IDS[index], [{ pbx: CLUSTER_PBX_IDS[other], host: '127.0.0.1', port: options.ports.pbx[other].sip }], secret);
}

async function startPbx(options: LocalClusterOptions, started: Started, log: (line: string) => void, index: 0 | 1, secrets: ClusterSecrets): Promise<ClusterPbx> {
  const settings = pbxSettings(options, index);
  started.pbxs.push(settings);
  const { extraConfig: boxExtra = {}, ...box } = options.pbx.boxes?.[index] ?? {};
  const extraConfig = { ...boxExtra, 'pjsip.conf': [trunkTo(options, index, secrets.trunk), boxExtra['pjsip.conf']].filter((text) => text !== undefined).join('\n') };
  const render = { ...box, ...(options.pbx.rtpPorts ? { rtpPorts: options.pbx.rtpPorts } : {}) };
  const runtime = await pbxUp(settings, { repoDir: options.repoDir, promptLanguage: options.pbx.promptLanguage, log, extraConfig, agentSipSecret: secrets.agentPhones, ...render }).catch((error: unknown) => {
    throw new LocalClusterError('CLUSTER_START_FAILED', 'pbx', `Asterisk ${settings.instance}: ${describe(error)}`, { cause: error });
  });
  return { id: CLUSTER_PBX_IDS[index], settings, runtime };
}

/** One after the other: the first may build the Asterisk root both share. */
async function startPbxs(options: LocalClusterOptions, started: Started, log: (line: string) => void): Promise<[ClusterPbx, ClusterPbx]> {
  // Secrets per start of the cluster, the same on both boxes: the trunks answer each other's
  // challenge with one, and an agent's phone has the same password on either box with the other.
  const secrets: ClusterSecrets = { trunk: randomBytes(16).toString('hex'), agentPhones: randomBytes(24).toString('base64url') };
  const first = await startPbx(options, started, log, 0, secrets);
  return [first, await startPbx(options, started, log, 1, secrets)];
}

function startNode(options: LocalClusterOptions, started: Started, plan: NodePlan, log: (line: string) => void): ServerChild {
  const child = startServerChild({
    name: plan.name,
    repoDir: options.repoDir,
    httpPort: plan.httpPort,
    env: { ...options.env, ...plan.env },
    logFile: path.join(options.dataDir, 'logs', `${plan.name}.log`),
    // As a supervisor would: a server that lost its PBX's lease is started again (as a standby); one killed or crashed is said, and left down.
    onExit: ({ code, signal }) => {
      if (!started.stopping) log(`${plan.name} exited (${signal ?? `code ${code}`}); the other servers go on`);
    },
    onRestart: (pid) => log(`${plan.name} lost its PBX's lease (exit code ${LEASE_LOST_EXIT}): started again, pid ${pid}`),
  });
  started.servers.set(plan.name, { plan, child });
  return child;
}

const planPbx = (pbx: ClusterPbx): PlanPbx => ({ settings: pbx.settings, sip: { wsUrl: pbx.runtime.sip.wsUrl, agentSecret: pbx.runtime.sip.agentSecret } });

const READY_MS = 90_000;

export async function startLocalCluster(options: LocalClusterOptions): Promise<LocalCluster> {
  const log = options.log ?? (() => undefined);
  const started = new Started(options.stopGraceMs ?? 15_000);
  const checkAbort = (): void => {
    if (options.signal?.aborted) throw new LocalClusterError('CLUSTER_START_FAILED', 'cluster', 'start-up interrupted');
  };
  try {
    const [data, pbxs] = await Promise.allSettled([startData(options, started, log), startPbxs(options, started, log)]);
    if (data.status === 'rejected') throw data.reason;
    if (pbxs.status === 'rejected') throw pbxs.reason;
    checkAbort();
    const postgres = started.postgres as LocalPostgres;
    const redis = started.redis as LocalRedis;
    const redisOptions = redisOptionsOf(options);
    const databaseUrl = await postgres.ensureDatabase('hotline');
    const plans = planNodes({ ports: options.ports, pbxs: [planPbx(pbxs.value[0]), planPbx(pbxs.value[1])], databaseUrl, redisUrl: redis.url });
    // worker-1 alone first: it makes the schema, and holds pbx-1 before its standby comes.
    const [first, ...rest] = plans as [NodePlan, ...NodePlan[]];
    await waitHealthy(startNode(options, started, first, log), first.expect, READY_MS);
    log(`${first.name} up (${first.role}, ${first.pbx})`);
    checkAbort();
    await Promise.all(
      rest.map(async (plan) => {
        await waitHealthy(startNode(options, started, plan, log), plan.expect, READY_MS);
        log(`${plan.name} up (${plan.role}${plan.pbx ? `, ${plan.pbx}` : ''})`);
      }),
    );
    checkAbort();
    // A node's pid is its running process's: a server started again (by its supervisor or `restart`) has a new one.
    const childOf = (name: NodeName): ServerChild | undefined => started.servers.get(name)?.child;
    const nodes = [...started.servers.values()].map(({ plan, child }): ClusterNode => ({
      name: plan.name,
      role: plan.role,
      pbx: plan.pbx,
      url: child.url,
      get pid() {
        return childOf(plan.name)?.pid ?? child.pid;
      },
      logFile: child.logFile,
    }));
    let stopping: Promise<void> | null = null;
    return {
      nodes,
      postgresUrl: databaseUrl,
      redisUrl: redis.url,
      logDir: path.join(options.dataDir, 'logs'),
      pbxs: pbxs.value,
      get pids() {
        return [...nodes.map((node) => node.pid), ...pbxs.value.map((pbx) => pbx.runtime.pid), started.redis?.pid ?? redis.pid, started.postgres?.pid ?? postgres.pid];
      },
      kill: (name, signal) => childOf(name)?.kill(signal),
      restart: async (name) => {
        const server = started.servers.get(name);
        if (!server) throw new LocalClusterError('CLUSTER_START_FAILED', 'server', `no ${name} in the cluster`);
        // A server just killed is gone once its exit is seen; two processes with one plan would share its port and node id.
        for (let waited = 0; server.child.exited() === null && waited < 5_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
        if (server.child.exited() === null) throw new LocalClusterError('CLUSTER_START_FAILED', 'server', `${name} is still running`);
        await waitHealthy(startNode(options, started, server.plan, log), 'none', READY_MS);
        log(`${name} started again (${server.plan.role})`);
      },
      restartPostgres: async () => {
        await started.postgres?.stop();
        started.postgres = await startLocalPostgres(postgresOptionsOf(options));
        log(`PostgreSQL started again on 127.0.0.1:${started.postgres.port}, pid ${started.postgres.pid}`);
      },
      restartRedis: async () => {
        await started.redis?.stop();
        started.redis = await startLocalRedis(redisOptions);
        log(`Redis started again on 127.0.0.1:${started.redis.port}, pid ${started.redis.pid}`);
      },
      stopPbx: async (id) => {
        const pbx = pbxs.value.find((candidate) => candidate.id === id);
        if (pbx) await pbxDown(pbx.settings);
      },
      stop: () => (stopping ??= started.stop(log)),
    };
  } catch (error) {
    await started.stop(log).catch((stopError: unknown) => log(describe(stopError)));
    if (error instanceof LocalClusterError) throw error;
    throw new LocalClusterError('CLUSTER_START_FAILED', 'cluster', describe(error), { cause: error });
  }
}
