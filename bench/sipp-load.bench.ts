// Load benchmark on a real Asterisk 22 with SIPp: citizens call over SIP with RTP audio, pass the
// main IVR with RFC 4733 keys, wait in the queue, are answered by agents' SIP phones (one SIPp
// answering for every agent), talk with the conversation recorded, hang up, and get a ticket.
// In the same run, the same journey done by Asterisk's dialplan + app_queue alone is the baseline.
//
//   npm run bench:load -- [--rates 2,4,6,8,10,12,14] [--step-seconds 45] [--talk 30] [--agents auto]
//                         [--wrapup 5] [--concurrency 2000] [--systems hotline,baseline] [--cpu-limit 80]
//
// Each system climbs the same ramp of call rates; a step is "sustained" when every call of it went
// the whole way and callers heard the greeting within a second (load-analysis.ts). Results go to
// bench/results/<time>.json (and latest.json), with a markdown table and a PNG chart beside them.
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { openDatabase } from '../src/adapters/db/open-database.js';
import { TokenStore } from '../src/adapters/db/token-store.js';
import { loadConfig } from '../src/config.js';
import { pbxDown, pbxUp, type PbxRuntime } from '../src/local-pbx/index.js';
import { pbxLayout } from '../src/local-pbx/pbx-layout.js';
import { AriObserver } from './load/ari-observer.js';
import type { DesktopMessage, PopArrival } from './load/agent-desktops.js';
import { baselineDialplan, baselineQueue } from './load/baseline-config.js';
import { agentIds, agentsYaml, benchNumber, parseBenchNumber, queuesYaml, usersYaml, type BenchSystem } from './load/bench-files.js';
import { callLatencies, citizenCalls, concurrency, type CitizenCall } from './load/call-timelines.js';
import { startHotline, ticketsOpened, type HotlineProcess } from './load/hotline-process.js';
import { analyseSystem, checkTickets, type SystemAnalysis, type TicketCheck } from './load/load-analysis.js';
import { writeLoadReport, type LoadReport, type SystemReport } from './load/load-report.js';
import { ProcessSampler } from './load/process-sampler.js';
import { callMedia, pcapFile } from './load/rtp-pcap.js';
import { runRamp, warmUp } from './load/run-ramp.js';
import { agentScenario, citizenScenario } from './load/sipp-scenarios.js';
import { startAgents } from './load/sipp-run.js';
import { seedHistory } from './seed-history.js';
import { summarize } from './stats.js';

const { values } = parseArgs({
  options: {
    rates: { type: 'string', default: '2,4,6,8,10,12,14' },
    'step-seconds': { type: 'string', default: '45' },
    talk: { type: 'string', default: '30' },
    agents: { type: 'string', default: 'auto' },
    wrapup: { type: 'string', default: '5' },
    concurrency: { type: 'string', default: '2000' },
    systems: { type: 'string', default: 'hotline,baseline' },
    'cpu-limit': { type: 'string', default: '80' },
    'warm-up': { type: 'string', default: '10' },
    keep: { type: 'boolean', default: false },
  },
});

const PATH_KEYS = ['1', '3', '1'] as const;
const FIRST_KEY_AFTER_MS = 1500;
const KEY_GAP_MS = 1500;
const RING_MS = 500;
const BASELINE_NUMBER = '99012345';
const PORTS = { ari: 18988, ami: 15938, sip: 15960, rtpStart: 22000, rtpPorts: 8000, agentSip: 16970, agentMedia: 16980, citizenSip: 17000, citizenMedia: 17100, http: 3990 } as const;

const rates = values.rates.split(',').map(Number);
const stepSeconds = Number(values['step-seconds']);
const talkSeconds = Number(values.talk);
const wrapUpSeconds = Number(values.wrapup);
const cpuLimit = Number(values['cpu-limit']);
const warmUpCalls = Number(values['warm-up']);
const systems = values.systems.split(',') as BenchSystem[];
const callSeconds = (FIRST_KEY_AFTER_MS + KEY_GAP_MS * PATH_KEYS.length) / 1000 + talkSeconds + 1;
// Each agent is busy for the call, its ring and its wrap-up; a fifth more for the calls of two steps overlapping.
const agentCount = values.agents === 'auto' ? Math.ceil(Math.max(...rates) * (talkSeconds + wrapUpSeconds + 2) * 1.2) : Number(values.agents);
const limit = Number(values.concurrency);
if (rates.some((r) => !(r > 0)) || !(stepSeconds >= 10) || !(talkSeconds >= 1) || !(agentCount >= 1) || !(wrapUpSeconds >= 0) || systems.some((s) => s !== 'hotline' && s !== 'baseline')) {
  console.error('usage: npm run bench:load -- [--rates 2,4,6] [--step-seconds ≥10] [--talk s] [--agents n|auto] [--wrapup s] [--concurrency n] [--systems hotline,baseline]');
  process.exit(2);
}

const log = (line: string): void => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const repoDir = path.resolve('.');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-load-'));
const env = {
  HOTLINE_PBX: 'local',
  HOTLINE_PBX_INSTANCE: 'load',
  HOTLINE_PBX_ARI_PORT: String(PORTS.ari),
  HOTLINE_PBX_AMI_PORT: String(PORTS.ami),
  HOTLINE_PBX_SIP_PORT: String(PORTS.sip),
  HOTLINE_PBX_RTP_START: String(PORTS.rtpStart),
};

/** Files, captures and scenarios of this run, in its work folder. */
function prepareFiles(ids: readonly string[]): { agentsFile: string; usersFile: string; queuesFile: string; ringTimeoutSeconds: number; citizen: Record<BenchSystem, string>; agent: string } {
  const file = (name: string, content: string | Buffer): string => {
    const full = path.join(work, name);
    fs.writeFileSync(full, content);
    return full;
  };
  const queues = queuesYaml(fs.readFileSync('fixtures/queues.yaml', 'utf8'), wrapUpSeconds, 100_000);
  const keys = PATH_KEYS.map((key, i) => ({ key, atMs: FIRST_KEY_AFTER_MS + i * KEY_GAP_MS }));
  const voiceFromMs = FIRST_KEY_AFTER_MS + PATH_KEYS.length * KEY_GAP_MS;
  const durationMs = voiceFromMs + talkSeconds * 1000;
  const citizenMedia = file('citizen.pcap', pcapFile(callMedia({ durationMs, keys, voiceFromMs }, { seq: 1000, timestamp: 80_000, ssrc: 0x51a7e })));
  const agentMedia = file('agent.pcap', pcapFile(callMedia({ durationMs: durationMs + 10_000, keys: [], voiceFromMs: 0 }, { seq: 30_000, timestamp: 9_000_000, ssrc: 0xa9e7 })));
  const plan = { mediaPcap: citizenMedia, durationMs };
  return {
    agentsFile: file('agents.yaml', agentsYaml(ids)),
    usersFile: file('users.yaml', usersYaml(ids, 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=')),
    queuesFile: file('queues.yaml', queues.yaml),
    ringTimeoutSeconds: queues.ringTimeoutSeconds,
    citizen: {
      hotline: file('citizen-hotline.xml', citizenScenario({ ...plan, service: '12345' })),
      baseline: file('citizen-baseline.xml', citizenScenario({ ...plan, service: BASELINE_NUMBER })),
    },
    agent: file('agent.xml', agentScenario({ ringMs: RING_MS, voicePcap: agentMedia })),
  };
}

/** The server's database before it starts: agents' tokens, and a caller history for every pop to read. */
function prepareDatabase(dbFile: string, ids: readonly string[]): string[] {
  const database = openDatabase(dbFile);
  const tokens = new TokenStore(database.db);
  const issued = ids.map((id) => tokens.issue(id, 'agent', Date.now(), 24 * 3_600_000).token);
  // 50,000 orders of other callers, and two past orders for every caller of the run.
  seedHistory(database.sqlite, Array.from({ length: 20_000 }, (_u, i) => `139${String(i).padStart(8, '0')}`), 50_000, 'past');
  const callers = rates.flatMap((rate, i) => Array.from({ length: Math.round(rate * stepSeconds) }, (_u, seq) => benchNumber('hotline', i + 1, seq)));
  seedHistory(database.sqlite, callers, callers.length * 2, 'mine');
  database.close();
  return issued;
}

function startDesktops(url: string, tokens: readonly string[], pops: PopArrival[]): Promise<ChildProcess> {
  const tokensFile = path.join(work, 'tokens.json');
  fs.writeFileSync(tokensFile, JSON.stringify(tokens));
  const child = fork(path.resolve('bench/load/agent-desktops.ts'), [url, tokensFile], { execArgv: ['--import', 'tsx'] });
  return new Promise((resolve, reject) => {
    child.on('message', (message: DesktopMessage) => {
      if (message.type === 'ready') resolve(child);
      if (message.type === 'error') reject(new Error(`agent desktops: ${message.message}`));
      if (message.type === 'pops') pops.push(...message.pops);
    });
  });
}

async function stopDesktops(child: ChildProcess): Promise<void> {
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.send({ type: 'stop' });
  await Promise.race([exited, sleep(5000)]);
  child.kill('SIGKILL');
}

interface SystemRun {
  readonly analysis: SystemAnalysis;
  readonly calls: CitizenCall[];
  readonly report: SystemReport;
}

const pids: Record<string, number[]> = { asterisk: [], server: [], sipp: [], harness: [process.pid], desktops: [] };

async function waitNoCitizens(observer: AriObserver, seconds: number): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    const calls = citizenCalls(observer.events);
    if (calls.every((call) => call.destroyedAt !== null)) return;
    await sleep(1000);
  }
}

/** The step overloaded its system: callers waited over 3 s for the greeting, or its calls did not get one. */
function overloadedBy(observer: AriObserver, system: BenchSystem): (window: { index: number; startedAt: number }) => boolean {
  return ({ index, startedAt }) => {
    const calls = citizenCalls(observer.events).filter((call) => call.invitedAt >= startedAt && parseBenchNumber(call.number)?.step === index && parseBenchNumber(call.number)?.system === system);
    const waited = calls.filter((call) => call.invitedAt < Date.now() - 5000);
    const unanswered = waited.filter((call) => call.firstPromptAt === null).length;
    const p95 = summarize(callLatencies(waited, PATH_KEYS.length - 1).inviteToFirstPrompt).p95;
    return waited.length > 0 && (unanswered > waited.length * 0.05 || p95 > 3000);
  };
}

async function runSystem(system: BenchSystem, runtime: PbxRuntime, observer: AriObserver, sampler: ProcessSampler, files: ReturnType<typeof prepareFiles>, ids: readonly string[]): Promise<SystemRun> {
  let hotline: HotlineProcess | undefined;
  let desktops: ChildProcess | undefined;
  const pops: PopArrival[] = [];
  const dbFile = path.join(work, 'hotline.db');
  const logFile = path.join(work, 'hotline-server.log');
  if (system === 'hotline') {
    const tokens = prepareDatabase(dbFile, ids);
    hotline = await startHotline(
      { ...env, HOTLINE_DB_FILE: dbFile, HOTLINE_AGENTS_FILE: files.agentsFile, HOTLINE_USERS_FILE: files.usersFile, HOTLINE_QUEUES_FILE: files.queuesFile, HOTLINE_AGENT_PHONES: 'pjsip', HOTLINE_AUTO_LOGIN: 'all', HOTLINE_LOG_LEVEL: 'info' },
      logFile,
      PORTS.http,
    );
    pids.server = [hotline.pid];
    desktops = await startDesktops(hotline.url, tokens, pops);
    pids.desktops = desktops.pid ? [desktops.pid] : [];
    log(`hotline server up (pid ${hotline.pid}), ${tokens.length} agent desktops connected`);
    await sleep(3000); // the agents' phones are found reachable through AMI
  }
  const plan = {
    system,
    rates,
    stepSeconds,
    scenarioFile: files.citizen[system],
    service: system === 'hotline' ? '12345' : BASELINE_NUMBER,
    target: `127.0.0.1:${runtime.sip.port}`,
    limit,
    workDir: work,
    basePort: PORTS.citizenSip,
    baseMediaPort: PORTS.citizenMedia,
    drainSeconds: callSeconds + 60,
    overloaded: overloadedBy(observer, system),
    log,
  };
  await warmUp(plan, warmUpCalls);
  await waitNoCitizens(observer, 60);
  const seriesFrom = Date.now();
  const ramp = await runRamp(plan);
  await waitNoCitizens(observer, 60);
  const seriesTo = Date.now();
  let tickets: TicketCheck | undefined;
  let recordings: { ready: number; other: number } | undefined;
  if (hotline && desktops) {
    await sleep(3000); // the last recordings are measured once Asterisk closed them
    await stopDesktops(desktops);
    await hotline.stop();
    pids.server = [];
    pids.desktops = [];
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
  const ticketLines = system === 'hotline' ? ticketsOpened(fs.readFileSync(logFile, 'utf8')) : undefined;
  if (system === 'hotline') {
    const db = new Database(dbFile, { readonly: true });
    const rows = db.prepare(`select call_id as callId, caller_number as callerNumber from tickets where caller_number like '131%' and created_at >= ?`).all(seriesFrom) as { callId: string; callerNumber: string }[];
    tickets = checkTickets(calls, rows);
    const recs = db.prepare(`select state, count(*) as n from recordings group by state`).all() as { state: string; n: number }[];
    recordings = { ready: recs.find((r) => r.state === 'ready')?.n ?? 0, other: recs.filter((r) => r.state !== 'ready').reduce((sum, r) => sum + r.n, 0) };
    db.close();
  } else {
    const dir = path.join(path.dirname(runtime.recordingsDir), 'monitor', 'bench-baseline');
    recordings = { ready: fs.existsSync(dir) ? fs.readdirSync(dir).length : 0, other: 0 };
  }
  const analysis = analyseSystem({
    windows: ramp.windows,
    callsByStep,
    concurrency: concurrency(calls, seriesFrom, seriesTo),
    seriesFrom,
    samples: sampler.samples,
    sut: system === 'hotline' ? ['server', 'asterisk'] : ['asterisk'],
    keys: PATH_KEYS,
    cpuLimit,
    ...(system === 'hotline' ? { pops, tickets: ticketLines ?? [] } : {}),
  });
  log(`${system}: sustained ${analysis.sustainedCallsPerSecond} calls/s, ${analysis.maxConcurrentCalls.calls} calls at once under ${cpuLimit}% CPU`);
  return {
    analysis,
    calls,
    report: { analysis, stoppedEarly: ramp.stoppedEarly, seriesFrom, seriesTo, calls, samples: sampler.samples.filter((s) => s.at >= seriesFrom && s.at <= seriesTo), ...(tickets ? { tickets } : {}), ...(recordings ? { recordings } : {}) },
  };
}

async function main(): Promise<void> {
  const ids = agentIds(agentCount);
  const files = prepareFiles(ids);
  const settings = loadConfig({ ...process.env, ...env }).localPbx;
  const baseline = { number: BASELINE_NUMBER, agentIds: ids, wrapUpSeconds, ringTimeoutSeconds: files.ringTimeoutSeconds, promptLanguage: 'zh-CN' };
  log(`Asterisk (load instance) with ${ids.length} agent phones at 127.0.0.1:${PORTS.agentSip}`);
  const runtime = await pbxUp(settings, {
    repoDir,
    promptLanguage: 'zh-CN',
    agentsFile: files.agentsFile,
    agentContact: `sip:agent-{id}@127.0.0.1:${PORTS.agentSip}`,
    rtpPorts: PORTS.rtpPorts,
    extraConfig: { 'dialplan/bench-baseline.conf': baselineDialplan(baseline), 'queues.conf': baselineQueue(baseline) },
    log,
  });
  pids.asterisk = [runtime.pid];
  const observer = new AriObserver(runtime.ari);
  const agents = startAgents({ scenarioFile: files.agent, sipPort: PORTS.agentSip, mediaPort: PORTS.agentMedia, statFile: path.join(work, 'agents-stats.csv'), errorFile: path.join(work, 'agents-errors.log') });
  const sampler = new ProcessSampler(() => ({ ...pids, sipp: sippPids() }));
  const startedAt = new Date();
  const results: Partial<Record<BenchSystem, SystemReport>> = {};
  try {
    await observer.start();
    sampler.start();
    for (const system of systems) results[system] = (await runSystem(system, runtime, observer, sampler, files, ids)).report;
  } finally {
    sampler.stop();
    await agents.stop(5000);
    await observer.stop();
    if (values.keep) fs.writeFileSync(path.join(work, 'observed.jsonl'), observer.events.map((e) => JSON.stringify(e)).join('\n'));
    await pbxDown(settings);
    cleanRecordings(settings);
  }
  const report: LoadReport = {
    bench: 'sipp-load',
    startedAt: startedAt.toISOString(),
    machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model ?? '', memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, asterisk: runtime.asteriskVersion },
    parameters: { rates, stepSeconds, talkSeconds, agents: agentCount, wrapUpSeconds, concurrencyLimit: limit, cpuLimit, warmUpCalls, keys: PATH_KEYS.join(''), ringMs: RING_MS },
    systems: results,
  };
  const written = await writeLoadReport(report, path.resolve('bench/results'), PATH_KEYS.length - 1);
  log(`report: ${written.json}, ${written.markdown}, ${written.png ?? 'no chart (Chromium missing)'}`);
  if (values.keep) log(`work folder kept: ${work}`);
  else fs.rmSync(work, { recursive: true, force: true });
}

/** SIPp citizen processes of this run still alive (each step has its own). */
function sippPids(): number[] {
  return fs
    .readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => {
      try {
        const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        return cmd.startsWith('sipp\0') && cmd.includes(work);
      } catch {
        return false;
      }
    });
}

function cleanRecordings(settings: ReturnType<typeof loadConfig>['localPbx']): void {
  const spool = path.join(pbxLayout(settings).instanceDir, 'spool');
  fs.rmSync(path.join(spool, 'recording'), { recursive: true, force: true });
  fs.rmSync(path.join(spool, 'monitor'), { recursive: true, force: true });
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
