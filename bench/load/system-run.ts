// One system's ramp on an Asterisk of its own, started for it and stopped after it (what an overload
// leaves behind, channels still up or phones busy, cannot spoil the next run): the agents' SIPp,
// the ARI observer and the prompt marks, the run's AMI session (marks and task-processor readings,
// the same for both systems) and, for the baseline, an AMI session reading the events the hotline
// server's own session reads, the process sampler, then the ramp and what it left to measure.
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig, type LocalPbxSettings } from '../../src/config.js';
import { pbxDown, pbxUp, type PbxRuntime } from '../../src/local-pbx/index.js';
import { pbxLayout } from '../../src/local-pbx/pbx-layout.js';
import { summarize } from '../stats.js';
import { AriObserver } from './ari-observer.js';
import { BenchAmi } from './bench-ami.js';
import { baselineDialplan, baselineQueue } from './baseline-config.js';
import { HOLD_AGENT_ID, parseBenchNumber, type BenchSystem } from './bench-files.js';
import { citizenCalls, concurrency, FALLBACK_PROMPT, type CitizenCall } from './call-timelines.js';
import { ticketsOpened } from './hotline-process.js';
import { awaitShed, awaitShedTickets, startHotlineServer, stopHotlineServer, type HotlineServer } from './hotline-server.js';
import { baselineRecordings, hotlineRecords, type HotlineRecords } from './hotline-setup.js';
import { analyseSystem } from './load-analysis.js';
import type { RunContext, SystemReport } from './load-types.js';
import { ProcessSampler } from './process-sampler.js';
import { PromptMarks } from './prompt-marks.js';
import { callMedia, pcapFile } from './rtp-pcap.js';
import { runRamp, warmUp, type RampPlan } from './run-ramp.js';
import { parseSippLog, type SippCallLog } from './sipp-log.js';
import { agentScenario, citizenScenario } from './sipp-scenarios.js';
import { ensureSipp, hostPath, innerPath, sippLogFile, startAgents, type SippPlace } from './sipp-run.js';
import { TaskprocessorSampler, taskprocessorAlerts } from './taskprocessors.js';

export const BASELINE_NUMBER = '99012345';
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Scenario files in the SIPp place, by name. */
interface Scenarios {
  readonly citizen: Record<BenchSystem, string>;
  readonly agent: string;
}

/** What a run watches the system with, started after its Asterisk and stopped before it. */
interface Watchers {
  readonly observer: AriObserver;
  readonly ami: BenchAmi;
  /** The baseline's stand-in for the hotline server's AMI session: reads the same events. */
  readonly eventReader: BenchAmi | null;
  readonly marks: PromptMarks;
  readonly sampler: ProcessSampler;
  readonly taskprocessors: TaskprocessorSampler;
}

export class SystemRun {
  private readonly pids: Record<string, number[]> = { asterisk: [], server: [], sipp: [], harness: [process.pid], desktops: [] };
  private readonly work: string;

  constructor(
    private readonly c: RunContext,
    private readonly system: BenchSystem,
    private readonly run: number,
  ) {
    this.work = path.join(c.work, `run${run}-${system}`);
    fs.mkdirSync(this.work, { recursive: true });
  }

  private settings(): LocalPbxSettings {
    return loadConfig({ ...process.env, ...this.c.env }).localPbx;
  }

  private startPbx(): Promise<PbxRuntime> {
    const t = this.c.timing;
    const baseline = { number: BASELINE_NUMBER, agentIds: this.c.ids.filter((id) => id !== HOLD_AGENT_ID), wrapUpSeconds: this.c.o.wrapUpSeconds, ringTimeoutSeconds: this.c.files.ringTimeoutSeconds, promptLanguage: 'zh-CN', holdSeconds: t.holdSeconds };
    this.c.log(`run ${this.run}, ${this.system}: Asterisk (${this.c.env.HOTLINE_PBX_INSTANCE} instance) with ${this.c.ids.length} agent phones at 127.0.0.1:${this.c.ports.agentSip}`);
    return pbxUp(this.settings(), {
      repoDir: path.resolve('.'),
      promptLanguage: 'zh-CN',
      agentsFile: this.c.files.agentsFile,
      agentContact: `sip:agent-{id}@127.0.0.1:${this.c.ports.agentSip}`,
      rtpPorts: this.c.ports.rtpPorts,
      extraConfig: { 'dialplan/bench-baseline.conf': baselineDialplan(baseline), 'queues.conf': baselineQueue({ ...baseline }) },
      log: this.c.log,
    });
  }

  /** SIPp's captures and scenarios, in a folder of the root SIPp runs in. */
  private prepareScenarios(place: SippPlace): Scenarios {
    fs.rmSync(hostPath(place, ''), { recursive: true, force: true });
    fs.mkdirSync(hostPath(place, ''), { recursive: true });
    const write = (name: string, content: string | Buffer): string => {
      fs.writeFileSync(hostPath(place, name), content);
      return name;
    };
    const t = this.c.timing;
    // Media for as long as the slowest call may last, its give-up timeouts included.
    const mediaMs = (t.callSeconds + 240) * 1000;
    write('citizen.pcap', pcapFile(callMedia({ durationMs: mediaMs, keys: [], voiceFromMs: 0 }, { seq: 1000, timestamp: 80_000, ssrc: 0x51a7e })));
    write('agent.pcap', pcapFile(callMedia({ durationMs: this.c.o.talkSeconds * 1000 + 10_000, keys: [], voiceFromMs: 0 }, { seq: 30_000, timestamp: 9_000_000, ssrc: 0xa9e7 })));
    // The survey's mark comes after the line, the ring and the talk; 30 s more and the caller gives up.
    const survey = (t.holdSeconds + t.ringMs / 1000 + this.c.o.talkSeconds + 30) * 1000;
    const citizen = (service: string): string =>
      citizenScenario({
        service,
        mediaPcap: innerPath(place, 'citizen.pcap'),
        keys: this.c.journey.map((step) => step.key),
        keyAfterMs: t.keyAfterMs,
        markTimeoutMs: this.c.journey.map((step, i) => (i === this.c.journey.length - 1 ? survey : 30_000)),
        byeTimeoutMs: 30_000,
        // Sent to the fallback queue (shed, or given up by the server): a free agent, the talk, and slack.
        fallbackPrompt: FALLBACK_PROMPT,
        fallbackByeTimeoutMs: (t.ringMs / 1000 + this.c.o.talkSeconds + 90) * 1000,
      });
    return {
      citizen: { hotline: write('citizen-hotline.xml', citizen('12345')), baseline: write('citizen-baseline.xml', citizen(BASELINE_NUMBER)) },
      agent: write('agent.xml', agentScenario({ ringMs: t.ringMs, talkMs: this.c.o.talkSeconds * 1000, voicePcap: innerPath(place, 'agent.pcap') })),
    };
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
  private overloadedBy(observer: AriObserver): RampPlan['overloaded'] {
    return ({ index, startedAt }) => {
      const calls = citizenCalls(observer.events).filter((call) => {
        const parsed = parseBenchNumber(call.number);
        return call.invitedAt >= startedAt && parsed?.step === index && parsed.system === this.system;
      });
      const waited = calls.filter((call) => call.invitedAt < Date.now() - 5000);
      const unanswered = waited.filter((call) => call.firstPromptAt === null).length;
      const p95 = summarize(waited.flatMap((call) => (call.firstPromptAt === null ? [] : [call.firstPromptAt - call.invitedAt]))).p95;
      return waited.length > 0 && (unanswered > waited.length * 0.05 || p95 > 3000);
    };
  }

  private rampPlan(runtime: PbxRuntime, place: SippPlace, scenarios: Scenarios, observer: AriObserver): RampPlan {
    return {
      system: this.system,
      rates: this.c.o.rates,
      stepSeconds: this.c.o.stepSeconds,
      place,
      scenario: scenarios.citizen[this.system],
      service: this.system === 'hotline' ? '12345' : BASELINE_NUMBER,
      target: `127.0.0.1:${runtime.sip.port}`,
      limit: this.c.o.concurrencyLimit,
      basePort: this.c.ports.citizenSip,
      baseMediaPort: this.c.ports.citizenMedia,
      drainSeconds: this.c.timing.callSeconds + 60,
      overloaded: this.overloadedBy(observer),
      log: (line) => this.c.log(`run ${this.run}, ${line}`),
    };
  }

  /** SIPp's log of every step's calls, read before the place is cleared. */
  private sippLog(place: SippPlace, steps: number): Map<string, SippCallLog> {
    const log = new Map<string, SippCallLog>();
    for (let index = 1; index <= steps; index += 1) {
      const file = hostPath(place, sippLogFile(`${this.system}-step${index}`));
      if (fs.existsSync(file)) parseSippLog(fs.readFileSync(file, 'utf8'), log);
    }
    return log;
  }

  private async runRampAndMeasure(runtime: PbxRuntime, w: Watchers, place: SippPlace, scenarios: Scenarios): Promise<SystemReport> {
    const server = this.system === 'hotline' ? await startHotlineServer(this.c, this.work, this.pids) : undefined;
    if (server && this.c.o.awaitShedSeconds !== undefined) await awaitShed(server, this.c.o.awaitShedSeconds);
    const plan = this.rampPlan(runtime, place, scenarios, w.observer);
    if (this.c.o.warmUpCalls > 0) await warmUp(plan, this.c.o.warmUpCalls);
    await this.waitNoCitizens(w.observer, 60);
    const seriesFrom = Date.now();
    const ramp = await runRamp(plan);
    await this.waitNoCitizens(w.observer, 60);
    const seriesTo = Date.now();
    const calls = citizenCalls(w.observer.events, this.c.journey).filter((call) => {
      const parsed = parseBenchNumber(call.number);
      return parsed?.system === this.system && parsed.step > 0;
    });
    if (server) {
      // The server reads Asterisk's records every 5 s: shed calls' tickets come a little after they end.
      await awaitShedTickets(server, calls, 20);
      await stopHotlineServer(server, this.pids);
    }
    const records = server ? hotlineRecords(server.dbFile, runtime.recordingsDir, calls, seriesFrom) : undefined;
    return this.measure({ runtime, w, place, ramp, calls, seriesFrom, seriesTo, server, records });
  }

  private measure(r: {
    runtime: PbxRuntime; w: Watchers; place: SippPlace; ramp: Awaited<ReturnType<typeof runRamp>>; calls: CitizenCall[]; seriesFrom: number; seriesTo: number; server: HotlineServer | undefined; records: HotlineRecords | undefined;
  }): SystemReport {
    const callsByStep = new Map<number, CitizenCall[]>();
    for (const call of r.calls) {
      const step = parseBenchNumber(call.number)?.step ?? 0;
      callsByStep.set(step, [...(callsByStep.get(step) ?? []), call]);
    }
    const monitorDir = path.join(path.dirname(r.runtime.recordingsDir), 'monitor', 'bench-baseline');
    const recordingMs = r.records?.recordingMs ?? baselineRecordings(monitorDir);
    const logFile = path.join(pbxLayout(this.settings()).logDir, 'messages.log');
    const analysis = analyseSystem({
      windows: r.ramp.windows,
      callsByStep,
      concurrency: concurrency(r.calls, r.seriesFrom, r.seriesTo),
      seriesFrom: r.seriesFrom,
      samples: r.w.sampler.samples,
      cores: this.c.cores,
      sut: this.system === 'hotline' ? ['server', 'asterisk'] : ['asterisk'],
      journey: this.c.journey,
      cpuLimit: this.c.o.cpuLimit,
      sippLog: this.sippLog(r.place, r.ramp.windows.length),
      recordingMs,
      taskprocessorSamples: r.w.taskprocessors.samples,
      taskprocessorAlerts: fs.existsSync(logFile) ? taskprocessorAlerts(fs.readFileSync(logFile, 'utf8')) : [],
      observerDrops: r.w.observer.drops,
      ...(r.server ? { pops: r.server.pops, tickets: ticketsOpened(fs.readFileSync(r.server.logFile, 'utf8')) } : {}),
      ...(r.records ? { ticketRows: r.records.ticketRows } : {}),
    });
    for (const step of analysis.steps) {
      this.c.log(`run ${this.run}, ${this.system}: ${step.rate} calls/s ${step.sustained ? 'sustained' : `not sustained: ${step.shortOf.join('; ')}`}`);
      const p = step.protection;
      if (p) this.c.log(`run ${this.run}, ${this.system}: ${step.rate} calls/s, ${p.served} served, ${p.shed} shed: ${p.protected ? 'protected' : `not protected: ${p.shortOf.join('; ')}`}`);
    }
    this.c.log(`run ${this.run}, ${this.system}: sustained ${analysis.sustainedCallsPerSecond} calls/s, ${analysis.maxConcurrentCalls.calls} calls at once under ${this.c.o.cpuLimit}% CPU`);
    const samples = r.w.sampler.samples.filter((s) => s.at >= r.seriesFrom && s.at <= r.seriesTo);
    return {
      analysis,
      stoppedEarly: r.ramp.stoppedEarly,
      seriesFrom: r.seriesFrom,
      seriesTo: r.seriesTo,
      calls: r.calls,
      samples,
      recordings: r.records?.recordings ?? { ready: recordingMs.size, other: 0 },
      watchers: { observerMessages: r.w.observer.messages, observerDrops: r.w.observer.drops.length, marksSent: r.w.marks.sent.length, marksFailed: r.w.marks.sent.filter((m) => !m.ok).length, amiEventsRead: r.w.eventReader?.eventsReceived ?? null, taskprocessorSamples: r.w.taskprocessors.samples.length, taskprocessorReadsFailed: r.w.taskprocessors.failed },
      ...(r.records ? { tickets: r.records.tickets } : {}),
    };
  }

  private async startWatchers(runtime: PbxRuntime, place: SippPlace): Promise<Watchers> {
    const login = { host: runtime.ami.host, port: runtime.ami.port, user: runtime.ami.user, password: runtime.ami.password };
    const observer = new AriObserver(runtime.ari);
    const ami = await BenchAmi.connect({ ...login, events: 'off' });
    const eventReader = this.system === 'baseline' ? await BenchAmi.connect({ ...login, events: 'on' }) : null;
    // The fallback prompt is marked too: it tells a caller sent to the fallback queue that no menu follows.
    const marks = new PromptMarks(ami, new Set([...this.c.journey.map((step) => step.prompt), FALLBACK_PROMPT]));
    observer.onObserved((observed) => marks.take(observed));
    await observer.start();
    const sampler = new ProcessSampler(() => ({ ...this.pids, sipp: this.sippPids(place) }));
    const taskprocessors = new TaskprocessorSampler(ami);
    sampler.start();
    taskprocessors.start();
    return { observer, ami, eventReader, marks, sampler, taskprocessors };
  }

  private async stopWatchers(w: Watchers | undefined): Promise<void> {
    w?.sampler.stop();
    w?.taskprocessors.stop();
    await w?.observer.stop();
    await w?.ami.close();
    await w?.eventReader?.close();
    if (this.c.o.keep && w) fs.writeFileSync(path.join(this.work, 'observed.jsonl'), w.observer.events.map((e) => JSON.stringify(e)).join('\n'));
  }

  async execute(): Promise<{ report: SystemReport; asteriskVersion: string }> {
    const settings = this.settings();
    const runtime = await this.startPbx();
    this.pids.asterisk = [runtime.pid];
    const place: SippPlace = { rootDir: runtime.rootDir, dir: `${pbxLayout(settings).instanceDirInRoot}/load-sipp` };
    let agents: ReturnType<typeof startAgents> | undefined;
    let watchers: Watchers | undefined;
    try {
      ensureSipp(runtime.rootDir, this.c.log);
      const scenarios = this.prepareScenarios(place);
      agents = startAgents(place, { scenario: scenarios.agent, name: `${this.system}-agents`, sipPort: this.c.ports.agentSip, mediaPort: this.c.ports.agentMedia });
      watchers = await this.startWatchers(runtime, place);
      const report = await this.runRampAndMeasure(runtime, watchers, place, scenarios);
      return { report, asteriskVersion: runtime.asteriskVersion };
    } finally {
      await agents?.stop(5000);
      await this.stopWatchers(watchers);
      await pbxDown(settings);
      this.cleanUp(settings, place);
    }
  }

  /** Recordings of a benchmark are many and large: none is kept, nor the SIPp files unless asked. */
  private cleanUp(settings: LocalPbxSettings, place: SippPlace): void {
    const spool = path.join(pbxLayout(settings).instanceDir, 'spool');
    for (const dir of ['recording', 'monitor']) fs.rmSync(path.join(spool, dir), { recursive: true, force: true });
    if (this.c.o.keep) fs.cpSync(hostPath(place, ''), path.join(this.work, 'sipp'), { recursive: true });
    fs.rmSync(hostPath(place, ''), { recursive: true, force: true });
  }
}
