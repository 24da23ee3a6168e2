// Supervisors on live calls, many at once: how long a mode change (监听 → 密语 → 强插 → 监听) takes to
// reach the new audio path, and whether 20 sessions at once leave every call and recording whole
// (issue: mode change p99 ≤ 300 ms; 20 sessions at once without a dropped call or an audio gap).
//
//   npx tsx bench/monitoring.bench.ts [--sessions 20] [--cycles 10]
//
// An Asterisk of the benchmark's own, the server in-process, `sessions` agents on demo handsets
// (answering at once, playing music on hold) and as many supervisors, each with the dialplan's demo
// supervisor phone (answers after 1 s). As many simulated citizens go through the menus (1, then 1)
// to the general queue, speak a 440 Hz tone once answered and hold on. Then every supervisor starts
// listening to one call, all in the same moment, and each session goes listen → whisper → barge →
// listen `cycles` times, the sessions' changes interleaved (each waits 300–800 ms before its next).
// Measured on the server's clock: from the request (POST or PATCH, made in-process) to the moment
// the session's mode heard becomes the one asked: the new spy is in the session's bridge, so the
// supervisor's voice goes where the mode says from the next 20 ms frame (the server's own
// `monitorHeard` observer). The old spy ends after that and is not timed.
// Checked: no citizen's call dropped while the sessions changed (each still on, in conversation, at
// the end), every session still on; after the hang-ups each call has one ticket with one
// conversation recording whose length is within 1 s of the ticket's talk time and which never
// falls silent for more than 100 ms between its first and last second (the citizen's tone runs
// throughout).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { MonitorHeard } from '../src/app/monitoring/monitor-service.js';
import type { MonitorMode } from '../src/domain/monitoring/monitor-session.js';
import { loadConfig } from '../src/config.js';
import { pbxDown, pbxUp } from '../src/local-pbx/index.js';
import { createLogger } from '../src/logging/logger.js';
import { startServer, type RunningServer } from '../src/main.js';
import { CitizenCaller, type CallerEvent } from '../src/tools/citizen-caller.js';
import { testQueuesFile } from '../test/helpers/test-config-files.js';
import { wavSamples } from '../test/helpers/tone-shares.js';
import { agentsYaml, demoPasswordHash } from './load/bench-files.js';
import { startedClient } from './started-client.js';
import { percentile } from './stats.js';

const { values } = parseArgs({ options: { sessions: { type: 'string', default: '20' }, cycles: { type: 'string', default: '10' } } });
const SESSIONS = Number(values.sessions);
const CYCLES = Number(values.cycles);
const CHANGES: readonly MonitorMode[] = ['whisper', 'barge', 'listen'];
const SIM_APP = 'monitor-bench-sim';
/** Silence in a recording longer than this is an audio gap. */
const GAP_MS = 100;
const FRAME_MS = 20;
/** A 20 ms frame quieter than this (16-bit RMS) is silent: the citizen's tone is far above it. */
const SILENT_RMS = 50;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const log = (line: string): void => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);

const benchEnv = {
  HOTLINE_PBX: 'local',
  HOTLINE_PBX_INSTANCE: 'monitor-bench',
  HOTLINE_PBX_ARI_PORT: '18788',
  HOTLINE_PBX_AMI_PORT: '15738',
  HOTLINE_PBX_SIP_PORT: '15760',
  HOTLINE_PBX_RTP_START: '38000',
};

function usersYaml(agents: readonly string[], supervisors: readonly string[]): string {
  const hash = demoPasswordHash();
  const lines = [
    ...agents.map((id) => `  - { id: "${id}", name: 坐席${id}, role: agent, agentId: "${id}", passwordHash: "${hash}" }`),
    ...supervisors.map((id) => `  - { id: "${id}", name: 班长${id}, role: supervisor, passwordHash: "${hash}" }`),
    `  - { id: "admin", name: 系统管理员, role: admin, passwordHash: "${hash}" }`,
  ];
  return `users:\n${lines.join('\n')}\n`;
}

/** The server's reports of modes heard, with a wait for the next one of a session. */
class HeardLog {
  private readonly waiters = new Map<string, { mode: MonitorMode; resolve: (at: number) => void }>();
  private readonly last = new Map<string, MonitorHeard>();

  readonly observe = (change: MonitorHeard): void => {
    this.last.set(change.monitorId, change);
    const waiter = this.waiters.get(change.monitorId);
    if (waiter?.mode !== change.heard) return;
    this.waiters.delete(change.monitorId);
    waiter.resolve(change.at);
  };

  /** Resolves with the server's time the session hears `mode` (heard at or after `since`, or next). */
  next(monitorId: string, mode: MonitorMode, since: number, timeoutMs = 15_000): Promise<number> {
    const known = this.last.get(monitorId);
    if (known?.heard === mode && known.at >= since) return Promise.resolve(known.at);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${monitorId} never heard ${mode}`)), timeoutMs);
      this.waiters.set(monitorId, { mode, resolve: (at) => (clearTimeout(timer), resolve(at)) });
    });
  }
}

interface Citizen {
  readonly number: string;
  callId: string;
  failed: string | null;
  answeredAt: number | null;
  hungUp: boolean;
  done: Promise<unknown>;
}

/** Citizens through the menus to the general queue, 200 ms apart; each speaks a tone once answered and holds on until hung up. */
function placeCalls(caller: CitizenCaller, sim: Awaited<ReturnType<typeof startedClient>>): Citizen[] {
  return Array.from({ length: SESSIONS }, (_unused, i) => {
    const citizen: Citizen = { number: `1392${String(i).padStart(7, '0')}`, callId: '', failed: null, answeredAt: null, hungUp: false, done: Promise.resolve() };
    const onEvent = (event: CallerEvent): void => {
      if (event.event === 'dialing') citizen.callId = event.callId;
      if (event.event === 'hangup') citizen.hungUp = true;
      if (event.event !== 'answered') return;
      citizen.answeredAt = event.at;
      void sim.http.request('POST', `/channels/${encodeURIComponent(citizen.callId)}/play`, { query: { media: 'tone:440' } }).catch(() => undefined);
    };
    citizen.done = sleep(i * 200)
      .then(() => caller.call({ from: citizen.number, to: '12345', dtmf: 'w1,1,w1,1', holdSeconds: 1800 }, onEvent))
      .catch((error: unknown) => void (citizen.failed = (error as Error).message));
    return citizen;
  });
}

/** Seconds of CPU a process has used so far (user and system, from /proc). */
function cpuSeconds(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  // utime and stime are the stat file's 14th and 15th fields, in clock ticks (100 a second).
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Asterisk's and this process's CPU over a stretch of the run, in % of one core. */
async function cpuOver<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; asteriskCpu: number; serverCpu: number }> {
  const [asterisk, server, at] = [cpuSeconds(pid), process.cpuUsage(), Date.now()];
  const result = await work();
  const seconds = (Date.now() - at) / 1000;
  const used = process.cpuUsage(server);
  return { result, asteriskCpu: Math.round(((cpuSeconds(pid) - asterisk) / seconds) * 100), serverCpu: Math.round(((used.user + used.system) / 1e6 / seconds) * 100) };
}

async function until(what: string, ok: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

type Request = (method: 'POST' | 'PATCH' | 'GET', url: string, payload?: object) => Promise<{ status: number; body: unknown }>;

/** Requests as one user, in-process (the server's clock is the bench's). */
async function asUser(server: RunningServer, userId: string, role: 'supervisor' | 'admin'): Promise<Request> {
  const { token } = await server.storage.tokens.issue(userId, role, Date.now(), 3_600_000);
  return async (method, url, payload) => {
    const reply = await server.app.inject({ method, url, ...(payload ? { payload } : {}), headers: { authorization: `Bearer ${token}` } });
    return { status: reply.statusCode, body: reply.json() };
  };
}

interface SessionRun {
  readonly startMs: number;
  readonly changeMs: Record<MonitorMode, number[]>;
  /** Changes refused, or whose mode was not heard within 15 s. */
  readonly failedChanges: string[];
}

/** One supervisor on one call: start listening, then the cycles of changes; each timed to the mode heard. */
async function monitorCall(server: RunningServer, heard: HeardLog, supervisor: string, callId: string): Promise<SessionRun> {
  const request = await asUser(server, supervisor, 'supervisor');
  const asked = Date.now();
  const started = await request('POST', `/api/calls/${encodeURIComponent(callId)}/monitor`, { mode: 'listen' });
  if (started.status !== 202) throw new Error(`${supervisor} could not monitor ${callId}: ${started.status} ${JSON.stringify(started.body)}`);
  const { monitorId } = started.body as { monitorId: string };
  const startMs = (await heard.next(monitorId, 'listen', asked, 30_000)) - asked;
  const changeMs: Record<MonitorMode, number[]> = { listen: [], whisper: [], barge: [] };
  const failedChanges: string[] = [];
  for (let cycle = 0; cycle < CYCLES; cycle++) {
    for (const mode of CHANGES) {
      // Sessions' changes interleaved, as supervisors' clicks would be.
      await sleep(300 + Math.random() * 500);
      const at = Date.now();
      // The time it took, or why it was not heard (never a rejection left unhandled).
      const took = heard.next(monitorId, mode, at).then((heardAt) => heardAt - at, (error: unknown) => error as Error);
      const changed = await request('PATCH', `/api/monitors/${encodeURIComponent(monitorId)}`, { mode });
      if (changed.status !== 202) failedChanges.push(`${monitorId} → ${mode} refused: ${changed.status} ${JSON.stringify(changed.body)}`);
      else {
        const outcome = await took;
        if (typeof outcome === 'number') changeMs[mode].push(outcome);
        else failedChanges.push(outcome.message);
      }
    }
  }
  return { startMs, changeMs, failedChanges };
}

interface RecordingCheck {
  readonly callId: string;
  readonly tickets: number;
  readonly recordings: number;
  readonly talkMs: number;
  readonly recordingMs: number;
  readonly longestSilenceMs: number;
}

/** The longest run of silent 20 ms frames between the recording's first and last second. */
function longestSilenceMs(file: string): number {
  const { samples, rate } = wavSamples(fs.readFileSync(file));
  const frame = Math.round((rate * FRAME_MS) / 1000);
  let run = 0;
  let longest = 0;
  for (let start = rate; start + frame <= samples.length - rate; start += frame) {
    let energy = 0;
    for (let i = start; i < start + frame; i++) energy += (samples[i] as number) ** 2;
    run = Math.sqrt(energy / frame) < SILENT_RMS ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return longest * FRAME_MS;
}

async function checkRecording(server: RunningServer, recordingsDir: string, callId: string): Promise<RecordingCheck> {
  const rows = () => server.database.sqlite.prepare('select talk_ms as talkMs, recordings from tickets where call_id = ?').all(callId) as { talkMs: number; recordings: string }[];
  await until(`the ticket of ${callId}`, () => rows().length > 0, 20_000);
  const tickets = rows();
  const recordings = JSON.parse(tickets[0]?.recordings ?? '[]') as { name: string; kind: string }[];
  const conversation = recordings.find((recording) => recording.kind === 'conversation');
  let recordingMs = Number.NaN;
  let silence = Number.NaN;
  if (conversation) {
    const deadline = Date.now() + 10_000;
    while ((await server.office.recordings.get(conversation.name))?.state !== 'ready' && Date.now() < deadline) await sleep(100);
    const file = path.join(recordingsDir, `${conversation.name}.wav`);
    const { samples, rate } = wavSamples(fs.readFileSync(file));
    recordingMs = Math.round((samples.length / rate) * 1000);
    silence = longestSilenceMs(file);
  }
  return { callId, tickets: tickets.length, recordings: recordings.length, talkMs: tickets[0]?.talkMs ?? Number.NaN, recordingMs, longestSilenceMs: silence };
}

interface Figures {
  readonly count: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
}

function figures(samples: readonly number[]): Figures {
  const sorted = [...samples].sort((a, b) => a - b);
  return { count: sorted.length, p50: percentile(sorted, 50), p90: percentile(sorted, 90), p99: percentile(sorted, 99), max: sorted.at(-1) ?? Number.NaN };
}

function table(rows: Readonly<Record<string, Figures>>): string {
  const lines = ['| ms (request → mode heard) | count | p50 | p90 | p99 | max |', '|---|---|---|---|---|---|'];
  for (const [name, f] of Object.entries(rows)) lines.push(`| ${name} | ${f.count} | ${f.p50} | ${f.p90} | ${f.p99} | ${f.max} |`);
  return lines.join('\n');
}

interface Result {
  readonly asterisk: string;
  readonly start: Figures;
  readonly changes: Readonly<Record<string, Figures>>;
  /** Sessions not started and changes not made (refused, or not heard within 15 s). */
  readonly failures: readonly string[];
  readonly callsOnAtEnd: number;
  readonly sessionsOnAtEnd: number;
  readonly recordings: readonly RecordingCheck[];
  /** % of one core: the calls alone for 5 s before any session, then while the sessions start and change. */
  readonly cpu: { readonly callsAlone: CpuFigures; readonly monitored: CpuFigures };
}

interface CpuFigures {
  readonly asterisk: number;
  readonly server: number;
}

async function run(dir: string): Promise<Result> {
  const agents = Array.from({ length: SESSIONS }, (_unused, i) => String(73000 + i));
  const supervisors = agents.map((id) => `sup${id}`);
  const agentsFile = path.join(dir, 'agents.yaml');
  fs.writeFileSync(agentsFile, agentsYaml(agents));
  const usersFile = path.join(dir, 'users.yaml');
  fs.writeFileSync(usersFile, usersYaml(agents, supervisors));
  const settings = loadConfig({ ...process.env, ...benchEnv }).localPbx;
  const stopPbx = (): void => void pbxDown(settings).finally(() => process.exit(130));
  process.once('SIGINT', stopPbx).once('SIGTERM', stopPbx);
  let server: RunningServer | null = null;
  let sim: Awaited<ReturnType<typeof startedClient>> | null = null;
  try {
    const runtime = await pbxUp(settings, { repoDir: path.resolve('.'), promptLanguage: 'zh-CN', agentsFile });
    sim = await startedClient(runtime, SIM_APP);
    sim.setMaxListeners(0);
    const config = loadConfig({
      ...process.env,
      ...benchEnv,
      HOTLINE_HTTP_PORT: '0',
      HOTLINE_DB_FILE: path.join(dir, 'bench.db'),
      HOTLINE_AGENTS_FILE: agentsFile,
      HOTLINE_USERS_FILE: usersFile,
      HOTLINE_AUTO_LOGIN: 'all',
      HOTLINE_DEMO_ANSWER_AFTER: '0',
      HOTLINE_QUEUES_FILE: testQueuesFile({ wrapUpSeconds: 1, ringTimeoutSeconds: 10 }),
      HOTLINE_ADMISSION: 'off',
    });
    const heard = new HeardLog();
    server = await startServer(config, {
      logger: createLogger('warn'),
      pbx: { ari: { ...runtime.ari, app: config.ari.app }, ami: runtime.ami, recordingsDir: runtime.recordingsDir, sip: { webSocketUrl: runtime.sip.wsUrl, agentSecret: runtime.sip.agentSecret } },
      monitorHeard: heard.observe,
    });
    const live = server;
    log(`Asterisk ${runtime.asteriskVersion}, ${os.availableParallelism()} cores; ${SESSIONS} citizens calling`);
    const citizens = placeCalls(new CitizenCaller(sim, SIM_APP), sim);
    await until('every citizen answered by an agent', () => citizens.every((c) => c.answeredAt !== null || c.failed !== null), 120_000);
    const failed = citizens.filter((c) => c.failed !== null);
    if (failed.length > 0) throw new Error(`${failed.length} citizens' calls failed: ${failed[0]?.failed ?? ''}`);
    const inConversation = (): Set<string> => new Set(live.callService.activeCalls().filter((call) => call.phase === 'talking').map((call) => call.callId));
    await until('every call in conversation', () => citizens.every((c) => inConversation().has(c.callId)), 10_000);
    const quiet = await cpuOver(runtime.pid, () => sleep(5000));
    log(`${SESSIONS} calls in conversation (Asterisk ${quiet.asteriskCpu}% CPU); ${SESSIONS} supervisors start listening at once, then ${CYCLES} cycles of listen → whisper → barge → listen each`);
    const monitored = await cpuOver(runtime.pid, () => Promise.allSettled(citizens.map((citizen, i) => monitorCall(live, heard, supervisors[i] as string, citizen.callId))));
    const settled = monitored.result;
    log(`sessions done: Asterisk ${monitored.asteriskCpu}% CPU, this process ${monitored.serverCpu}%`);
    const runs = settled.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
    const failures = [
      ...settled.flatMap((outcome) => (outcome.status === 'rejected' ? [`session not started: ${(outcome.reason as Error).message}`] : [])),
      ...runs.flatMap((r) => r.failedChanges),
    ];
    for (const failure of failures) log(failure);
    const admin = await asUser(live, 'admin', 'admin');
    const monitors = ((await admin('GET', '/api/monitors')).body as { monitors: { phase: string; heard: string | null }[] }).monitors;
    const sessionsOnAtEnd = monitors.filter((m) => m.phase === 'on' && m.heard === 'listen').length;
    const talking = inConversation();
    const callsOnAtEnd = citizens.filter((c) => !c.hungUp && talking.has(c.callId)).length;
    log(`${callsOnAtEnd} of ${SESSIONS} calls still in conversation, ${sessionsOnAtEnd} sessions on; hanging up`);
    await Promise.all(citizens.map((c) => sim?.hangup(c.callId).catch(() => undefined)));
    await Promise.all(citizens.map((c) => c.done));
    const recordings = await Promise.all(citizens.map((c) => checkRecording(live, runtime.recordingsDir, c.callId)));
    const changes: Record<string, Figures> = { 'mode change, all': figures(runs.flatMap((r) => [...r.changeMs.listen, ...r.changeMs.whisper, ...r.changeMs.barge])) };
    for (const mode of CHANGES) changes[`→ ${mode}`] = figures(runs.flatMap((r) => r.changeMs[mode]));
    const cpu = { callsAlone: { asterisk: quiet.asteriskCpu, server: quiet.serverCpu }, monitored: { asterisk: monitored.asteriskCpu, server: monitored.serverCpu } };
    return { asterisk: runtime.asteriskVersion, start: figures(runs.map((r) => r.startMs)), changes, failures, callsOnAtEnd, sessionsOnAtEnd, recordings, cpu };
  } finally {
    await sim?.stop().catch(() => undefined);
    await server?.close().catch(() => undefined);
    await pbxDown(settings);
  }
}

function report(result: Result): string {
  const changeP99 = result.changes['mode change, all']?.p99 ?? Number.NaN;
  const whole = result.recordings.filter((r) => r.tickets === 1 && r.recordings === 1 && Math.abs(r.recordingMs - r.talkMs) <= 1000);
  const gaps = result.recordings.filter((r) => !(r.longestSilenceMs <= GAP_MS));
  const worstSilence = Math.max(...result.recordings.map((r) => r.longestSilenceMs));
  const worstLength = Math.max(...result.recordings.map((r) => Math.abs(r.recordingMs - r.talkMs)));
  return [
    `# Monitoring benchmark, ${new Date().toISOString()}`,
    '',
    `Asterisk ${result.asterisk}, ${os.availableParallelism()} cores (${os.cpus()[0]?.model ?? '?'}), Node ${process.version}; ${SESSIONS} sessions at once, ${CYCLES} cycles of listen → whisper → barge → listen each.`,
    '',
    table({ 'start (POST → listening)': result.start, ...result.changes }),
    '',
    `CPU (% of one core): the ${SESSIONS} calls alone, 5 s: Asterisk ${result.cpu.callsAlone.asterisk}%, the bench process (server and simulated parties' client) ${result.cpu.callsAlone.server}%; while the sessions started and changed: Asterisk ${result.cpu.monitored.asterisk}%, the bench process ${result.cpu.monitored.server}%.`,
    '',
    '| check | result | target met |',
    '|---|---|---|',
    `| mode change p99 ≤ 300 ms | ${changeP99} ms | ${changeP99 <= 300 ? 'yes' : `no, by ${changeP99 - 300} ms`} |`,
    `| sessions started, changes made | ${result.start.count} of ${SESSIONS} sessions, ${result.changes['mode change, all']?.count ?? 0} of ${SESSIONS * CYCLES * CHANGES.length} changes (${result.failures.length} failures) | ${result.failures.length === 0 ? 'yes' : 'no'} |`,
    `| calls still in conversation at the end | ${result.callsOnAtEnd} of ${SESSIONS} | ${result.callsOnAtEnd === SESSIONS ? 'yes' : 'no'} |`,
    `| sessions still on (listening) at the end | ${result.sessionsOnAtEnd} of ${SESSIONS} | ${result.sessionsOnAtEnd === SESSIONS ? 'yes' : 'no'} |`,
    `| one ticket, one recording within 1 s of the talk time | ${whole.length} of ${SESSIONS} (worst difference ${worstLength} ms) | ${whole.length === SESSIONS ? 'yes' : 'no'} |`,
    `| no silence over ${GAP_MS} ms in a recording | ${SESSIONS - gaps.length} of ${SESSIONS} (longest ${worstSilence} ms) | ${gaps.length === 0 ? 'yes' : 'no'} |`,
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'monitor-bench-'));
  try {
    const result = await run(dir);
    console.log(JSON.stringify({ bench: 'monitoring', sessions: SESSIONS, cycles: CYCLES, ...result }));
    const markdown = report(result);
    fs.mkdirSync('bench/results', { recursive: true });
    const file = path.join('bench/results', `monitoring-${new Date().toISOString().replace(/[:.]/g, '-')}.md`);
    fs.writeFileSync(file, markdown);
    console.log(markdown);
    log(`report: ${file}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// The citizens' hold timers would keep the process up after the report.
void main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
