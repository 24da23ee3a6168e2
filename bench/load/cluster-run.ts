// The load benchmark's journey on the local cluster (PostgreSQL, Redis, two Asterisks, two call
// workers, a standby and two web nodes, each a process of its own): the citizens split over both
// boxes (each box called at half the rate, from numbers of its own), the agents' phones split over
// both boxes (each box's at a SIPp of its own), the agents signed in through a web node and their
// desktops connected to it, as the single box's run does. One ACD leader gives every call to an
// agent; a call whose agent's phone is on the other box goes over the trunk. Measured as the single
// box is (load-analysis.ts over both boxes' events merged), plus the tickets in PostgreSQL and the
// order callers were answered in (answer-order.ts).
import { randomBytes } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { hashPassword } from '../../src/adapters/auth/password-hash.js';
import { loadConfig } from '../../src/config.js';
import { CLUSTER_PBX_IDS } from '../../src/local-cluster/cluster-plan.js';
import { freeClusterPorts, startLocalCluster, type LocalCluster } from '../../src/local-cluster/local-cluster.js';
import { pbxLayout } from '../../src/local-pbx/pbx-layout.js';
import { signIn } from '../../src/tools/ticket-lookup.js';
import type { PopArrival } from './agent-desktops.js';
import { answerOrder, type AnswerOrder } from './answer-order.js';
import type { Observed } from './ari-observer.js';
import { agentsYaml, HOLD_AGENT_ID, usersYaml } from './bench-files.js';
import { BOXES, boxPorts, mergeEvents, mergeWindows, SEQ_OFFSET, splitAgents } from './cluster-boxes.js';
import { concurrency } from './call-timelines.js';
import { awaitClusterTickets, clusterRecords } from './cluster-records.js';
import { ticketsOpened } from './hotline-process.js';
import { startDesktops, stopDesktops } from './hotline-setup.js';
import { analyseSystem } from './load-analysis.js';
import type { RunContext, SystemReport } from './load-types.js';
import { startPbxWatchers, stopPbxWatchers, type PbxWatchers } from './pbx-watchers.js';
import { ProcessSampler } from './process-sampler.js';
import { callsByStep, overloadedBy, rampCalls, waitNoCitizens } from './ramp-calls.js';
import { runRamps, warmUp, type RampPlan } from './run-ramp.js';
import { prepareScenarios } from './run-scenarios.js';
import { clearRunFiles, ensureSipp, sippPidsIn, startAgents, stepSippLogs, type SippPlace, type SippRun } from './sipp-run.js';
import { taskprocessorAlerts } from './taskprocessors.js';
import { deepestSocketBytes } from './socket-queues.js';
import { readLag } from './ari-observer.js';

/** Each box's RTP range: apart from the single box's (from 22000) and the pbx tests' clusters (35000…, 37000…). */
const RTP_STARTS: [number, number] = [42000, 47000];
const RTP_PORTS = 4000;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export interface ClusterRunResult {
  readonly report: SystemReport;
  readonly answerOrder: AnswerOrder;
  readonly asteriskVersion: string;
}

export class ClusterRun {
  private readonly work: string;
  private readonly password = randomBytes(12).toString('hex');
  private readonly boxAgents: [string[], string[]];
  private cluster: LocalCluster | null = null;
  private places: SippPlace[] = [];
  private agents: SippRun[] = [];
  private watchers: PbxWatchers[] = [];
  private desktops: ChildProcess | null = null;
  private sampler: ProcessSampler | null = null;

  constructor(
    private readonly c: RunContext,
    private readonly run: number,
  ) {
    this.work = path.join(c.work, `run${run}-cluster`);
    fs.mkdirSync(this.work, { recursive: true });
    // PostgreSQL runs as the postgres user when the bench runs as root: it walks down to its folder.
    for (const dir of [c.work, this.work]) fs.chmodSync(dir, 0o755);
    this.boxAgents = splitAgents(c.ids);
  }

  private log(line: string): void {
    this.c.log(`run ${this.run}, cluster: ${line}`);
  }

  private async startCluster(): Promise<LocalCluster> {
    const settings = loadConfig({ ...process.env, ...this.c.env }).localPbx;
    const agentsFiles = this.boxAgents.map((ids, i) => {
      const file = path.join(this.work, `agents-${CLUSTER_PBX_IDS[i]}.yaml`);
      fs.writeFileSync(file, agentsYaml(ids));
      return file;
    });
    const usersFile = path.join(this.work, 'users.yaml');
    fs.writeFileSync(usersFile, usersYaml(this.c.ids, await hashPassword(this.password)));
    const box = (i: 0 | 1): { agentsFile: string; agentContact: string } => ({ agentsFile: agentsFiles[i] ?? '', agentContact: `sip:agent-{id}@127.0.0.1:${boxPorts(this.c, i).agentSip}` });
    this.log(`starting: ${this.boxAgents[0].length} agent phones on pbx-1, ${this.boxAgents[1].length} on pbx-2`);
    return startLocalCluster({
      repoDir: path.resolve('.'),
      dataDir: path.join(this.work, 'cluster'),
      ports: await freeClusterPorts(RTP_STARTS),
      pbx: { instances: [`${settings.instance}-c1`, `${settings.instance}-c2`], cacheDir: settings.cacheDir, stateDir: path.join(this.work, 'pbx'), promptLanguage: 'zh-CN', rtpPorts: RTP_PORTS, boxes: [box(0), box(1)] },
      env: {
        // Every server knows every agent; each box renders the phones of its half (boxes above).
        HOTLINE_AGENTS_FILE: this.c.files.agentsFile, HOTLINE_USERS_FILE: usersFile, HOTLINE_QUEUES_FILE: this.c.files.queuesFile, HOTLINE_AGENT_PHONES: 'pjsip',
        HOTLINE_LOG_LEVEL: process.env.BENCH_SERVER_LOG_LEVEL ?? 'info',
        HOTLINE_DIALPLAN_CALLS_LOOKBACK_MINUTES: '0',
        ...this.c.o.serverEnv,
      },
      stopGraceMs: 20_000,
      log: (line) => this.log(line),
    });
  }

  /** Every agent signed in through web-1 (its password, as an agent would), their desktops connected there; the line's agent paused. */
  private async connectDesktops(cluster: LocalCluster, pops: PopArrival[]): Promise<ChildProcess> {
    const web = cluster.nodes.find((node) => node.name === 'web-1')?.url ?? '';
    const tokens: string[] = [];
    for (const id of this.c.ids) {
      const token = await signIn(web, id, this.password);
      if (token === null) throw new Error(`agent ${id} could not sign in through web-1`);
      tokens.push(token);
    }
    const tokensFile = path.join(this.work, 'tokens.json');
    fs.writeFileSync(tokensFile, JSON.stringify({ tokens, pause: [tokens[this.c.ids.indexOf(HOLD_AGENT_ID)]] }));
    // Agents paused by the system are counted by the single box's benchmark (sipp-load) only.
    const desktops = await startDesktops(web, tokensFile, pops, []);
    this.log(`${tokens.length} agents signed in through web-1, desktops connected (agent ${HOLD_AGENT_ID} paused: the line's)`);
    return desktops;
  }

  private events(): Observed[] {
    return mergeEvents(this.watchers.map((w) => w.observer.events));
  }

  private plans(cluster: LocalCluster, scenarios: readonly string[]): RampPlan[] {
    return BOXES.map((i) => ({
      system: 'hotline',
      // Half the rate into each box.
      rates: this.c.o.rates.map((rate) => rate / 2),
      stepSeconds: this.c.o.stepSeconds,
      place: this.places[i] as SippPlace,
      scenario: scenarios[i] ?? '',
      service: '12345',
      target: `127.0.0.1:${cluster.pbxs[i]?.runtime.sip.port}`,
      limit: this.c.o.concurrencyLimit,
      basePort: boxPorts(this.c, i).citizenSip,
      baseMediaPort: boxPorts(this.c, i).citizenMedia,
      seqOffset: i * SEQ_OFFSET,
      drainSeconds: this.c.timing.callSeconds + 60,
      overloaded: overloadedBy(() => this.events(), 'hotline'),
      log: (line) => this.log(`${CLUSTER_PBX_IDS[i]}: ${line}`),
    }));
  }

  private roles(cluster: LocalCluster): Record<string, number[]> {
    const asterisk = cluster.pbxs.map((pbx) => pbx.runtime.pid);
    const server = cluster.nodes.map((node) => node.pid);
    const known = new Set([...asterisk, ...server]);
    return {
      asterisk,
      server,
      // PostgreSQL's postmaster and Redis (PostgreSQL's backends count in the machine's figure only).
      data: cluster.pids.filter((pid) => !known.has(pid)),
      sipp: this.places.flatMap(sippPidsIn),
      harness: [process.pid],
      desktops: this.desktops?.pid ? [this.desktops.pid] : [],
    };
  }

  async execute(): Promise<ClusterRunResult> {
    try {
      const cluster = await this.startCluster();
      this.cluster = cluster;
      this.places = cluster.pbxs.map((pbx) => ({ rootDir: pbx.runtime.rootDir, dir: `${pbxLayout(pbx.settings).instanceDirInRoot}/load-sipp` }));
      ensureSipp(cluster.pbxs[0]?.runtime.rootDir ?? '', this.c.log);
      const scenarios = this.places.map((place) => prepareScenarios(this.c, place));
      this.agents = BOXES.map((i) => startAgents(this.places[i] as SippPlace, { scenario: scenarios[i]?.agent ?? '', name: `cluster-agents-${i + 1}`, sipPort: boxPorts(this.c, i).agentSip, mediaPort: boxPorts(this.c, i).agentMedia }));
      for (const pbx of cluster.pbxs) this.watchers.push(await startPbxWatchers(pbx.runtime, this.c.journey, false));
      this.sampler = new ProcessSampler(() => this.roles(cluster));
      this.sampler.start();
      const pops: PopArrival[] = [];
      this.desktops = await this.connectDesktops(cluster, pops);
      await sleep(3000); // the agents' phones are found reachable through AMI, and each box's word of them is in Redis
      return await this.rampAndMeasure(cluster, scenarios.map((s) => s.citizen.hotline), pops);
    } finally {
      await this.stopAll();
    }
  }

  private async rampAndMeasure(cluster: LocalCluster, scenarios: readonly string[], pops: PopArrival[]): Promise<ClusterRunResult> {
    const plans = this.plans(cluster, scenarios);
    if (this.c.o.warmUpCalls > 0) await Promise.all(plans.map((plan) => warmUp(plan, Math.ceil(this.c.o.warmUpCalls / 2))));
    await waitNoCitizens(() => this.events(), 60);
    const seriesFrom = Date.now();
    const ramps = await runRamps(plans);
    await waitNoCitizens(() => this.events(), 60);
    const seriesTo = Date.now();
    const events = this.events();
    const calls = rampCalls(events, this.c.journey, 'hotline');
    await awaitClusterTickets(cluster.postgresUrl, calls, 30);
    await sleep(3000); // the last recordings are measured once Asterisk has closed them
    const homeOf = new Map(this.boxAgents.flatMap((ids, i) => ids.map((id): [string, string] => [id, CLUSTER_PBX_IDS[i] ?? ''])));
    const recordingsDirs = new Map(cluster.pbxs.map((pbx) => [pbx.id as string, pbx.runtime.recordingsDir]));
    const records = await clusterRecords(cluster.postgresUrl, calls, (pbx) => recordingsDirs.get(pbx) ?? '', (agentId) => homeOf.get(agentId) ?? null);
    const asteriskVersion = cluster.pbxs[0]?.runtime.asteriskVersion ?? '';
    const logs = cluster.pbxs.map((pbx) => path.join(pbxLayout(pbx.settings).logDir, 'messages.log'));
    const watchers = this.watchers;
    const windows = mergeWindows(ramps);
    const sippLog = stepSippLogs(this.places, 'hotline', windows.length);
    await this.stopAll();
    const samples = this.sampler?.samples ?? [];
    const analysis = analyseSystem({
      windows,
      callsByStep: callsByStep(calls),
      concurrency: concurrency(calls, seriesFrom, seriesTo),
      seriesFrom,
      samples,
      cores: this.c.cores,
      sut: ['server', 'asterisk', 'data'],
      journey: this.c.journey,
      cpuLimit: this.c.o.cpuLimit,
      sippLog,
      recordingMs: records.recordingMs,
      taskprocessorSamples: watchers.flatMap((w) => w.taskprocessors.samples),
      taskprocessorAlerts: logs.flatMap((file) => (fs.existsSync(file) ? taskprocessorAlerts(fs.readFileSync(file, 'utf8')) : [])),
      observerDrops: watchers.flatMap((w) => w.observer.drops),
      pops,
      tickets: cluster.nodes.flatMap((node) => (fs.existsSync(node.logFile) ? ticketsOpened(fs.readFileSync(node.logFile, 'utf8')) : [])),
      ticketRows: records.ticketRows,
    });
    for (const step of analysis.steps) this.log(`${step.rate} calls/s ${step.sustained ? 'sustained' : `not sustained: ${step.shortOf.join('; ')}`}`);
    const report: SystemReport = {
      analysis,
      stoppedEarly: ramps.some((ramp) => ramp.stoppedEarly),
      seriesFrom,
      seriesTo,
      calls,
      samples: samples.filter((s) => s.at >= seriesFrom && s.at <= seriesTo),
      recordings: records.recordings,
      watchers: {
        observerMessages: watchers.reduce((n, w) => n + w.observer.messages, 0),
        observerDrops: watchers.reduce((n, w) => n + w.observer.drops.length, 0),
        observerReadLag: readLag(watchers.flatMap((w) => w.observer.readLagsMs)),
        ariSocketBytes: deepestSocketBytes(watchers.map((w) => w.ariSockets.result())),
        marksSent: watchers.reduce((n, w) => n + w.marks.sent.length, 0),
        marksFailed: watchers.reduce((n, w) => n + w.marks.sent.filter((m) => !m.ok).length, 0),
        amiEventsRead: null,
        taskprocessorSamples: watchers.reduce((n, w) => n + w.taskprocessors.samples.length, 0),
        taskprocessorReadsFailed: watchers.reduce((n, w) => n + w.taskprocessors.failed, 0),
      },
      tickets: records.tickets,
    };
    return { report, answerOrder: answerOrder(records.queued), asteriskVersion };
  }

  /** Everything the run started, in the order that loses nothing; each part once (it is called again from `finally`). */
  private async stopAll(): Promise<void> {
    await Promise.all(this.agents.map((agents) => agents.stop(5000)));
    this.agents = [];
    if (this.desktops) await stopDesktops(this.desktops);
    this.desktops = null;
    this.sampler?.stop();
    for (const [i, w] of this.watchers.entries()) await stopPbxWatchers(w, this.c.o.keep ? path.join(this.work, `observed-${i + 1}.jsonl`) : undefined);
    this.watchers = [];
    const cluster = this.cluster;
    this.cluster = null;
    await cluster?.stop();
    for (const [i, pbx] of (cluster?.pbxs ?? []).entries()) {
      const place = this.places[i];
      if (place) clearRunFiles(pbxLayout(pbx.settings).instanceDir, place, this.c.o.keep ? path.join(this.work, `sipp-${i + 1}`) : null);
    }
  }
}
