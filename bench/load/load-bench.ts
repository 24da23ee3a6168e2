// The load benchmark, run by bench/sipp-load.bench.ts and, at a small scale, by the pbx tests:
// a local Asterisk of its own whose agent phones are one SIPp answering for all of them, the ARI
// observer, the process sampler, then each system's ramp (the hotline server as a process of its
// own with its agents' desktops connected; the dialplan + app_queue baseline), and the report.
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase } from '../../src/adapters/db/open-database.js';
import { TokenStore } from '../../src/adapters/db/token-store.js';
import { loadConfig, type LocalPbxSettings } from '../../src/config.js';
import { pbxDown, pbxUp, type PbxRuntime } from '../../src/local-pbx/index.js';
import { pbxLayout } from '../../src/local-pbx/pbx-layout.js';
import { seedHistory } from '../seed-history.js';
import { summarize } from '../stats.js';
import type { DesktopMessage, PopArrival } from './agent-desktops.js';
import { AriObserver } from './ari-observer.js';
import { baselineDialplan, baselineQueue } from './baseline-config.js';
import { agentIds, agentsYaml, benchNumber, parseBenchNumber, queuesYaml, usersYaml, type BenchSystem } from './bench-files.js';
import { callLatencies, citizenCalls, concurrency, type CitizenCall } from './call-timelines.js';
import { startHotline, ticketsOpened, type HotlineProcess } from './hotline-process.js';
import { analyseSystem, checkTickets, type TicketCheck } from './load-analysis.js';
import { writeLoadReport, type LoadReport, type SystemReport } from './load-report.js';
import { ProcessSampler } from './process-sampler.js';
import { callMedia, pcapFile } from './rtp-pcap.js';
import { runRamp, warmUp } from './run-ramp.js';
import { agentScenario, citizenScenario } from './sipp-scenarios.js';
import { ensureSipp, hostPath, innerPath, startAgents, type SippPlace } from './sipp-run.js';

export const PATH_KEYS = ['1', '3', '1'] as const;
const FIRST_KEY_AFTER_MS = 1500;
const KEY_GAP_MS = 1500;
const RING_MS = 500;
const BASELINE_NUMBER = '99012345';
// Never a real password: benchmark agents get their tokens from the run, not by signing in.
const NO_PASSWORD = `scrypt$16384$8$1$${'A'.repeat(22)}==$${'A'.repeat(43)}=`;

export interface LoadPorts {
  readonly ari: number;
  readonly ami: number;
  readonly sip: number;
  readonly rtpStart: number;
  readonly rtpPorts: number;
  readonly agentSip: number;
  readonly agentMedia: number;
  readonly citizenSip: number;
  readonly citizenMedia: number;
  readonly http: number;
}

export const DEFAULT_PORTS: LoadPorts = { ari: 18988, ami: 15938, sip: 15960, rtpStart: 22000, rtpPorts: 8000, agentSip: 16970, agentMedia: 16980, citizenSip: 17000, citizenMedia: 17100, http: 3990 };

export interface LoadBenchOptions {
  readonly rates: readonly number[];
  readonly stepSeconds: number;
  readonly talkSeconds: number;
  /** Agents with a phone; 'auto': enough for the highest rate with its talk and wrap-up. */
  readonly agents: number | 'auto';
  readonly wrapUpSeconds: number;
  /** SIPp's limit of simultaneous calls per step. */
  readonly concurrencyLimit: number;
  readonly systems: readonly BenchSystem[];
  readonly cpuLimit: number;
  readonly warmUpCalls: number;
  readonly resultsDir: string;
  readonly instance?: string;
  readonly ports?: LoadPorts;
  /** Where the hotline server writes a V8 CPU profile of its run (node --cpu-prof), if anywhere. */
  readonly profileDir?: string;
  /** Keep the work folders (server files and log, observed events; scenarios and SIPp statistics in the root). */
  readonly keep?: boolean;
  readonly log?: (line: string) => void;
}

export interface LoadBenchResult {
  readonly report: LoadReport;
  readonly files: { readonly json: string; readonly markdown: string; readonly png: string | null };
  readonly workDir: string | null;
}

interface RunFiles {
  readonly agentsFile: string;
  readonly usersFile: string;
  readonly queuesFile: string;
  readonly ringTimeoutSeconds: number;
}

/** Scenario files in the SIPp place, by name. */
interface Scenarios {
  readonly citizen: Record<BenchSystem, string>;
  readonly agent: string;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Agents for the highest rate: each is busy for the call, its ring and its wrap-up; a fifth more for steps overlapping. */
export function agentsNeeded(options: Pick<LoadBenchOptions, 'rates' | 'talkSeconds' | 'wrapUpSeconds'>): number {
  return Math.ceil(Math.max(...options.rates) * (options.talkSeconds + options.wrapUpSeconds + 2) * 1.2);
}

class LoadBench {
  private readonly work = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-load-'));
  private readonly ports: LoadPorts;
  private readonly env: Record<string, string>;
  private readonly log: (line: string) => void;
  private readonly pids: Record<string, number[]> = { asterisk: [], server: [], sipp: [], harness: [process.pid], desktops: [] };
  private readonly ids: string[];
  private readonly callSeconds: number;

  constructor(private readonly o: LoadBenchOptions) {
    this.ports = o.ports ?? DEFAULT_PORTS;
    this.log = o.log ?? ((line) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`));
    this.env = {
      HOTLINE_PBX: 'local',
      HOTLINE_PBX_INSTANCE: o.instance ?? 'load',
      HOTLINE_PBX_ARI_PORT: String(this.ports.ari),
      HOTLINE_PBX_AMI_PORT: String(this.ports.ami),
      HOTLINE_PBX_SIP_PORT: String(this.ports.sip),
      HOTLINE_PBX_RTP_START: String(this.ports.rtpStart),
    };
    this.ids = agentIds(o.agents === 'auto' ? agentsNeeded(o) : o.agents);
    this.callSeconds = (FIRST_KEY_AFTER_MS + KEY_GAP_MS * PATH_KEYS.length) / 1000 + o.talkSeconds + 1;
  }

  private file(name: string, content: string | Buffer): string {
    const full = path.join(this.work, name);
    fs.writeFileSync(full, content);
    return full;
  }

  /** The server's files of this run, in its work folder. */
  private prepareFiles(): RunFiles {
    const queues = queuesYaml(fs.readFileSync('fixtures/queues.yaml', 'utf8'), this.o.wrapUpSeconds, 100_000);
    return {
      agentsFile: this.file('agents.yaml', agentsYaml(this.ids)),
      usersFile: this.file('users.yaml', usersYaml(this.ids, NO_PASSWORD)),
      queuesFile: this.file('queues.yaml', queues.yaml),
      ringTimeoutSeconds: queues.ringTimeoutSeconds,
    };
  }

  /** SIPp's captures and scenarios, in a folder of the root SIPp runs in. */
  private prepareScenarios(place: SippPlace): Scenarios {
    fs.rmSync(hostPath(place, ''), { recursive: true, force: true });
    fs.mkdirSync(hostPath(place, ''), { recursive: true });
    const write = (name: string, content: string | Buffer): string => {
      fs.writeFileSync(hostPath(place, name), content);
      return name;
    };
    const keys = PATH_KEYS.map((key, i) => ({ key, atMs: FIRST_KEY_AFTER_MS + i * KEY_GAP_MS }));
    const voiceFromMs = FIRST_KEY_AFTER_MS + PATH_KEYS.length * KEY_GAP_MS;
    const durationMs = voiceFromMs + this.o.talkSeconds * 1000;
    write('citizen.pcap', pcapFile(callMedia({ durationMs, keys, voiceFromMs }, { seq: 1000, timestamp: 80_000, ssrc: 0x51a7e })));
    write('agent.pcap', pcapFile(callMedia({ durationMs: durationMs + 10_000, keys: [], voiceFromMs: 0 }, { seq: 30_000, timestamp: 9_000_000, ssrc: 0xa9e7 })));
    const citizen = (service: string): string => citizenScenario({ service, mediaPcap: innerPath(place, 'citizen.pcap'), durationMs });
    return {
      citizen: { hotline: write('citizen-hotline.xml', citizen('12345')), baseline: write('citizen-baseline.xml', citizen(BASELINE_NUMBER)) },
      agent: write('agent.xml', agentScenario({ ringMs: RING_MS, voicePcap: innerPath(place, 'agent.pcap') })),
    };
  }

  /** The server's database before it starts: agents' tokens, and a caller history for every pop to read. */
  private prepareDatabase(dbFile: string): string[] {
    const database = openDatabase(dbFile);
    const tokens = new TokenStore(database.db);
    const issued = this.ids.map((id) => tokens.issue(id, 'agent', Date.now(), 24 * 3_600_000).token);
    // 50,000 orders of other callers, and two past orders for every caller of the run.
    seedHistory(database.sqlite, Array.from({ length: 20_000 }, (_u, i) => `139${String(i).padStart(8, '0')}`), 50_000, 'past');
    const callers = this.o.rates.flatMap((rate, i) => Array.from({ length: Math.round(rate * this.o.stepSeconds) }, (_u, seq) => benchNumber('hotline', i + 1, seq)));
    seedHistory(database.sqlite, callers, callers.length * 2, 'mine');
    database.close();
    return issued;
  }

  private startDesktops(url: string, tokens: readonly string[], pops: PopArrival[]): Promise<ChildProcess> {
    const tokensFile = this.file('tokens.json', JSON.stringify(tokens));
    const child = fork(path.resolve('bench/load/agent-desktops.ts'), [url, tokensFile], { execArgv: ['--import', 'tsx'] });
    return new Promise((resolve, reject) => {
      child.on('message', (message: DesktopMessage) => {
        if (message.type === 'ready') resolve(child);
        if (message.type === 'error') reject(new Error(`agent desktops: ${message.message}`));
        if (message.type === 'pops') pops.push(...message.pops);
      });
      child.once('exit', (code) => reject(new Error(`agent desktops exited (${code})`)));
    });
  }

  private async stopDesktops(child: ChildProcess): Promise<void> {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.send({ type: 'stop' });
    await Promise.race([exited, sleep(5000)]);
    child.kill('SIGKILL');
  }

  /** SIPp processes of this run (each step has its own, beside the agents' one). */
  private sippPids(place: SippPlace): number[] {
    return fs
      .readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .map(Number)
      .filter((pid) => {
        try {
          const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
          return cmd.startsWith('sipp\0') && cmd.includes(place.dir);
        } catch {
          return false;
        }
      });
  }

  private async waitNoCitizens(observer: AriObserver, seconds: number): Promise<void> {
    const deadline = Date.now() + seconds * 1000;
    while (Date.now() < deadline) {
      if (citizenCalls(observer.events).every((call) => call.destroyedAt !== null)) return;
      await sleep(1000);
    }
  }

  /** A step overloaded its system: over 5% of its calls had no greeting after 5 s, or the greeting's p95 passed 3 s. */
  private overloadedBy(observer: AriObserver, system: BenchSystem): (window: { index: number; startedAt: number }) => boolean {
    return ({ index, startedAt }) => {
      const calls = citizenCalls(observer.events).filter((call) => {
        const parsed = parseBenchNumber(call.number);
        return call.invitedAt >= startedAt && parsed?.step === index && parsed.system === system;
      });
      const waited = calls.filter((call) => call.invitedAt < Date.now() - 5000);
      const unanswered = waited.filter((call) => call.firstPromptAt === null).length;
      const p95 = summarize(callLatencies(waited, PATH_KEYS.length - 1).inviteToFirstPrompt).p95;
      return waited.length > 0 && (unanswered > waited.length * 0.05 || p95 > 3000);
    };
  }

  private async startServer(files: RunFiles, dbFile: string, logFile: string, pops: PopArrival[]): Promise<{ hotline: HotlineProcess; desktops: ChildProcess }> {
    const tokens = this.prepareDatabase(dbFile);
    const hotline = await startHotline(
      { ...this.env, HOTLINE_DB_FILE: dbFile, HOTLINE_AGENTS_FILE: files.agentsFile, HOTLINE_USERS_FILE: files.usersFile, HOTLINE_QUEUES_FILE: files.queuesFile, HOTLINE_AGENT_PHONES: 'pjsip', HOTLINE_AUTO_LOGIN: 'all', HOTLINE_LOG_LEVEL: 'info' },
      logFile,
      this.ports.http,
      this.o.profileDir,
    );
    this.pids.server = [hotline.pid];
    const desktops = await this.startDesktops(hotline.url, tokens, pops);
    this.pids.desktops = desktops.pid ? [desktops.pid] : [];
    this.log(`hotline server up (pid ${hotline.pid}), ${tokens.length} agent desktops connected`);
    await sleep(3000); // the agents' phones are found reachable through AMI
    return { hotline, desktops };
  }

  /** What the hotline wrote: one ticket per call (checked), and its conversation recordings by state. */
  private hotlineRecords(dbFile: string, calls: readonly CitizenCall[], since: number): { tickets: TicketCheck; recordings: { ready: number; other: number } } {
    const db = new Database(dbFile, { readonly: true });
    try {
      const rows = db.prepare(`select call_id as callId, caller_number as callerNumber from tickets where created_at >= ?`).all(since) as { callId: string; callerNumber: string }[];
      const states = db.prepare(`select state, count(*) as n from recordings where created_at >= ? group by state`).all(since) as { state: string; n: number }[];
      const ready = states.find((r) => r.state === 'ready')?.n ?? 0;
      return { tickets: checkTickets(calls, rows), recordings: { ready, other: states.reduce((sum, r) => sum + r.n, 0) - ready } };
    } finally {
      db.close();
    }
  }

  private async runSystem(system: BenchSystem, runtime: PbxRuntime, observer: AriObserver, sampler: ProcessSampler, files: RunFiles, place: SippPlace, scenarios: Scenarios): Promise<SystemReport> {
    const pops: PopArrival[] = [];
    const dbFile = path.join(this.work, 'hotline.db');
    const logFile = path.join(this.work, 'hotline-server.log');
    const server = system === 'hotline' ? await this.startServer(files, dbFile, logFile, pops) : undefined;
    const plan = {
      system,
      rates: this.o.rates,
      stepSeconds: this.o.stepSeconds,
      place,
      scenario: scenarios.citizen[system],
      service: system === 'hotline' ? '12345' : BASELINE_NUMBER,
      target: `127.0.0.1:${runtime.sip.port}`,
      limit: this.o.concurrencyLimit,
      basePort: this.ports.citizenSip,
      baseMediaPort: this.ports.citizenMedia,
      drainSeconds: this.callSeconds + 60,
      overloaded: this.overloadedBy(observer, system),
      log: this.log,
    };
    if (this.o.warmUpCalls > 0) await warmUp(plan, this.o.warmUpCalls);
    await this.waitNoCitizens(observer, 60);
    const seriesFrom = Date.now();
    const ramp = await runRamp(plan);
    await this.waitNoCitizens(observer, 60);
    const seriesTo = Date.now();
    if (server) {
      await sleep(3000); // the last recordings are measured once Asterisk has closed them
      await this.stopDesktops(server.desktops);
      await server.hotline.stop();
      this.pids.server = [];
      this.pids.desktops = [];
    }
    const calls = citizenCalls(observer.events).filter((call) => {
      const parsed = parseBenchNumber(call.number);
      return parsed?.system === system && parsed.step > 0;
    });
    const callsByStep = new Map<number, CitizenCall[]>();
    for (const call of calls) {
      const step = parseBenchNumber(call.number)?.step ?? 0;
      callsByStep.set(step, [...(callsByStep.get(step) ?? []), call]);
    }
    const records = server ? this.hotlineRecords(dbFile, calls, seriesFrom) : undefined;
    const monitorDir = path.join(path.dirname(runtime.recordingsDir), 'monitor', 'bench-baseline');
    const recordings = records?.recordings ?? { ready: fs.existsSync(monitorDir) ? fs.readdirSync(monitorDir).length : 0, other: 0 };
    const analysis = analyseSystem({
      windows: ramp.windows,
      callsByStep,
      concurrency: concurrency(calls, seriesFrom, seriesTo),
      seriesFrom,
      samples: sampler.samples,
      sut: system === 'hotline' ? ['server', 'asterisk'] : ['asterisk'],
      keys: PATH_KEYS,
      cpuLimit: this.o.cpuLimit,
      ...(server ? { pops, tickets: ticketsOpened(fs.readFileSync(logFile, 'utf8')) } : {}),
    });
    this.log(`${system}: sustained ${analysis.sustainedCallsPerSecond} calls/s, ${analysis.maxConcurrentCalls.calls} calls at once under ${this.o.cpuLimit}% CPU`);
    const samples = sampler.samples.filter((s) => s.at >= seriesFrom && s.at <= seriesTo);
    return { analysis, stoppedEarly: ramp.stoppedEarly, seriesFrom, seriesTo, calls, samples, recordings, ...(records ? { tickets: records.tickets } : {}) };
  }

  private settings(): LocalPbxSettings {
    return loadConfig({ ...process.env, ...this.env }).localPbx;
  }

  private async startPbx(files: RunFiles): Promise<PbxRuntime> {
    const baseline = { number: BASELINE_NUMBER, agentIds: this.ids, wrapUpSeconds: this.o.wrapUpSeconds, ringTimeoutSeconds: files.ringTimeoutSeconds, promptLanguage: 'zh-CN' };
    this.log(`Asterisk (${this.env.HOTLINE_PBX_INSTANCE} instance) with ${this.ids.length} agent phones at 127.0.0.1:${this.ports.agentSip}`);
    return pbxUp(this.settings(), {
      repoDir: path.resolve('.'),
      promptLanguage: 'zh-CN',
      agentsFile: files.agentsFile,
      agentContact: `sip:agent-{id}@127.0.0.1:${this.ports.agentSip}`,
      rtpPorts: this.ports.rtpPorts,
      extraConfig: { 'dialplan/bench-baseline.conf': baselineDialplan(baseline), 'queues.conf': baselineQueue(baseline) },
      log: this.log,
    });
  }

  /**
   * One system on an Asterisk of its own, started for it and stopped after it: what an overload
   * leaves behind (channels still up, phones busy) cannot spoil the next system's run.
   */
  private async runOnFreshPbx(system: BenchSystem, files: RunFiles): Promise<{ report: SystemReport; asteriskVersion: string }> {
    const settings = this.settings();
    const runtime = await this.startPbx(files);
    this.pids.asterisk = [runtime.pid];
    const place: SippPlace = { rootDir: runtime.rootDir, dir: `${pbxLayout(settings).instanceDirInRoot}/load-sipp` };
    const observer = new AriObserver(runtime.ari);
    const sampler = new ProcessSampler(() => ({ ...this.pids, sipp: this.sippPids(place) }));
    let agents: ReturnType<typeof startAgents> | undefined;
    try {
      ensureSipp(runtime.rootDir, this.log);
      const scenarios = this.prepareScenarios(place);
      agents = startAgents(place, { scenario: scenarios.agent, name: `${system}-agents`, sipPort: this.ports.agentSip, mediaPort: this.ports.agentMedia });
      await observer.start();
      sampler.start();
      const report = await this.runSystem(system, runtime, observer, sampler, files, place, scenarios);
      return { report, asteriskVersion: runtime.asteriskVersion };
    } finally {
      sampler.stop();
      await agents?.stop(5000);
      await observer.stop();
      if (this.o.keep) fs.writeFileSync(path.join(this.work, `${system}-observed.jsonl`), observer.events.map((e) => JSON.stringify(e)).join('\n'));
      await pbxDown(settings);
      // Recordings of a benchmark are many and large: none is kept, nor the SIPp files unless asked.
      const spool = path.join(pbxLayout(settings).instanceDir, 'spool');
      for (const dir of ['recording', 'monitor']) fs.rmSync(path.join(spool, dir), { recursive: true, force: true });
      if (this.o.keep) fs.cpSync(hostPath(place, ''), path.join(this.work, `${system}-sipp`), { recursive: true });
      fs.rmSync(hostPath(place, ''), { recursive: true, force: true });
    }
  }

  async run(): Promise<LoadBenchResult> {
    const files = this.prepareFiles();
    const startedAt = new Date();
    const systems: Partial<Record<BenchSystem, SystemReport>> = {};
    let asterisk = '';
    for (const system of this.o.systems) {
      const done = await this.runOnFreshPbx(system, files);
      systems[system] = done.report;
      asterisk = done.asteriskVersion;
    }
    const report: LoadReport = {
      bench: 'sipp-load',
      startedAt: startedAt.toISOString(),
      machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model ?? '', memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, asterisk },
      parameters: { rates: this.o.rates, stepSeconds: this.o.stepSeconds, talkSeconds: this.o.talkSeconds, agents: this.ids.length, wrapUpSeconds: this.o.wrapUpSeconds, concurrencyLimit: this.o.concurrencyLimit, cpuLimit: this.o.cpuLimit, warmUpCalls: this.o.warmUpCalls, keys: PATH_KEYS.join(''), ringMs: RING_MS },
      systems,
    };
    const written = await writeLoadReport(report, this.o.resultsDir, PATH_KEYS.length - 1);
    if (!this.o.keep) fs.rmSync(this.work, { recursive: true, force: true });
    return { report, files: written, workDir: this.o.keep ? this.work : null };
  }
}

export function runLoadBench(options: LoadBenchOptions): Promise<LoadBenchResult> {
  return new LoadBench(options).run();
}
