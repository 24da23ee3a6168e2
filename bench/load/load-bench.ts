// The load benchmark, run by bench/sipp-load.bench.ts and, at a small scale, by the pbx tests:
// the server's files for the run, then each system's ramp on a fresh Asterisk of its own
// (system-run.ts), as many runs as asked, alternating the systems, and the report of them all.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config.js';
import { pbxLayout } from '../../src/local-pbx/pbx-layout.js';
import { agentIds, agentsYaml, HOLD_AGENT_ID, queuesYaml, usersYaml, type BenchSystem } from './bench-files.js';
import type { JourneyStep } from './call-timelines.js';
import { writeLoadReport } from './load-report.js';
import type { CallTiming, LoadBenchOptions, LoadPorts, LoadReport, RunContext, RunFiles, RunReport } from './load-types.js';
import { SystemRun } from './system-run.js';

export type { LoadBenchOptions, LoadPorts } from './load-types.js';

/**
 * The caller's journey, the same for both systems: main menu 1 → consult menu 3 → help menu 1
 * (which queues the call), then, after the agent hangs up, the survey's rating 1.
 */
export const JOURNEY: readonly JourneyStep[] = [
  { prompt: 'main_menu', key: '1', leadsTo: 'prompt' },
  { prompt: 'consult_menu', key: '3', leadsTo: 'prompt' },
  { prompt: 'help_menu', key: '1', leadsTo: 'queue' },
  { prompt: 'survey_question', key: '1', leadsTo: 'prompt' },
];
const RING_MS = 500;
// Never a real password: benchmark agents get their tokens from the run, not by signing in.
const NO_PASSWORD = `scrypt$16384$8$1$${'A'.repeat(22)}==$${'A'.repeat(43)}=`;

export const DEFAULT_PORTS: LoadPorts = { ari: 18988, ami: 15938, sip: 15960, rtpStart: 22000, rtpPorts: 8000, agentSip: 16970, agentMedia: 16980, citizenSip: 17000, citizenMedia: 17100, http: 3990 };

export interface LoadBenchResult {
  readonly report: LoadReport;
  readonly files: { readonly json: string; readonly markdown: string; readonly png: string | null };
  readonly workDir: string | null;
}

/** Agents for the highest rate: each is busy for the call, its ring and its wrap-up; a fifth more for steps overlapping. */
export function agentsNeeded(options: Pick<LoadBenchOptions, 'rates' | 'talkSeconds' | 'wrapUpSeconds'>): number {
  return Math.ceil(Math.max(...options.rates) * (options.talkSeconds + options.wrapUpSeconds + 2) * 1.2);
}

/** A call's length when nothing waits: four reactions, the line, the ring, the talk, the survey's thanks and some slack. */
export function callTiming(o: Pick<LoadBenchOptions, 'keyAfterMs' | 'holdSeconds' | 'talkSeconds'>): CallTiming {
  return { keyAfterMs: o.keyAfterMs, holdSeconds: o.holdSeconds, ringMs: RING_MS, callSeconds: Math.ceil((JOURNEY.length * o.keyAfterMs + RING_MS) / 1000 + o.holdSeconds + o.talkSeconds + 6) };
}

function writeFile(dir: string, name: string, content: string): string {
  const full = path.join(dir, name);
  fs.writeFileSync(full, content);
  return full;
}

/** The server's files of this run: its agents (the line's paused one among them), their sign-in, its queues. */
function prepareFiles(work: string, ids: readonly string[], o: LoadBenchOptions): RunFiles {
  const queues = queuesYaml(fs.readFileSync('fixtures/queues.yaml', 'utf8'), o.wrapUpSeconds, 100_000, o.holdSeconds);
  return {
    agentsFile: writeFile(work, 'agents.yaml', agentsYaml(ids)),
    usersFile: writeFile(work, 'users.yaml', usersYaml(ids, NO_PASSWORD)),
    queuesFile: writeFile(work, 'queues.yaml', queues.yaml),
    ringTimeoutSeconds: queues.ringTimeoutSeconds,
    announceEverySeconds: queues.announceEverySeconds,
  };
}

/** A run's context: its work folder and files, ports, agents and the callers' timing. */
export function loadContext(o: LoadBenchOptions): RunContext {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-load-'));
  const ports = o.ports ?? DEFAULT_PORTS;
  const ids = [...agentIds(o.agents === 'auto' ? agentsNeeded(o) : o.agents), HOLD_AGENT_ID];
  const env = {
    HOTLINE_PBX: 'local',
    HOTLINE_PBX_INSTANCE: o.instance ?? 'load',
    HOTLINE_PBX_ARI_PORT: String(ports.ari),
    HOTLINE_PBX_AMI_PORT: String(ports.ami),
    HOTLINE_PBX_SIP_PORT: String(ports.sip),
    HOTLINE_PBX_RTP_START: String(ports.rtpStart),
  };
  const log = o.log ?? ((line: string): void => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`));
  return { o, ports, env, ids, files: prepareFiles(work, ids, o), work, log, journey: JOURNEY, timing: callTiming(o), cores: os.cpus().length };
}

/** SIPp's version in the root (the load generator's, for the report). */
function sippVersion(c: RunContext): string {
  const root = pbxLayout(loadConfig({ ...process.env, ...c.env }).localPbx).rootDir;
  const out = spawnSync('chroot', [root, 'sipp', '-v'], { encoding: 'utf8', timeout: 5000 });
  return /SIPp v([\w.-]+)/.exec(`${out.stdout}${out.stderr}`)?.[1] ?? 'unknown';
}

export function machine(c: RunContext, asterisk: string): Record<string, string | number> {
  return { cpu: os.cpus()[0]?.model ?? '', cores: c.cores, memoryGb: Math.round(os.totalmem() / 2 ** 30), kernel: os.release(), node: process.version, asterisk, sipp: sippVersion(c) };
}

export function parameters(c: RunContext): Record<string, unknown> {
  const o = c.o;
  return {
    rates: o.rates, stepSeconds: o.stepSeconds, talkSeconds: o.talkSeconds, holdSeconds: o.holdSeconds, keyAfterMs: o.keyAfterMs, runs: o.runs,
    agents: c.ids.length - 1, wrapUpSeconds: o.wrapUpSeconds, ringMs: RING_MS, concurrencyLimit: o.concurrencyLimit, cpuLimit: o.cpuLimit, warmUpCalls: o.warmUpCalls,
    announceEverySeconds: c.files.announceEverySeconds, ringTimeoutSeconds: c.files.ringTimeoutSeconds,
    // The server's settings on top of the product's defaults (overload protection is on by default).
    serverSettings: Object.entries(o.serverEnv ?? {}).map(([k, v]) => `${k}=${v}`).join(' ') || 'defaults',
    // Both systems' Asterisk: the runner's scheduling of its SIP thread (src/local-pbx/sip-thread-priority.ts).
    sipThreadNice: loadConfig({ ...process.env, ...c.env }).localPbx.sipThreadNice,
  };
}

export async function runLoadBench(o: LoadBenchOptions): Promise<LoadBenchResult> {
  const c = loadContext(o);
  const startedAt = new Date();
  const runs: RunReport[] = [];
  let asterisk = '';
  for (let run = 1; run <= o.runs; run += 1) {
    const systems: RunReport['systems'] = {};
    for (const system of o.systems as BenchSystem[]) {
      const done = await new SystemRun(c, system, run).execute();
      systems[system] = done.report;
      asterisk = done.asteriskVersion;
    }
    runs.push({ run, systems });
  }
  const report: LoadReport = {
    bench: 'sipp-load',
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    command: o.command ?? '',
    machine: machine(c, asterisk),
    parameters: parameters(c),
    journey: JOURNEY,
    runs,
  };
  const written = await writeLoadReport(report, o.resultsDir);
  if (!o.keep) fs.rmSync(c.work, { recursive: true, force: true });
  return { report, files: written, workDir: o.keep ? c.work : null };
}
