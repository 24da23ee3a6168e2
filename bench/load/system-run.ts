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
import { readLag, type AriObserver } from './ari-observer.js';
import { BASELINE_NUMBER, baselineDialplan, baselineQueue } from './baseline-config.js';
import { HOLD_AGENT_ID, type BenchSystem } from './bench-files.js';
import { concurrency, type CitizenCall } from './call-timelines.js';
import { ticketsOpened } from './hotline-process.js';
import { awaitShed, awaitShedTickets, startHotlineServer, stopHotlineServer, type HotlineServer } from './hotline-server.js';
import { baselineRecordings, hotlineRecords, type HotlineRecords } from './hotline-setup.js';
import { analyseSystem } from './load-analysis.js';
import type { RunContext, SystemReport } from './load-types.js';
import { ProcessSampler } from './process-sampler.js';
import { startPbxWatchers, stopPbxWatchers, type PbxWatchers } from './pbx-watchers.js';
import { callsByStep, overloadedBy, rampCalls, waitNoCitizens } from './ramp-calls.js';
import { runRamp, warmUp, type RampPlan } from './run-ramp.js';
import { prepareScenarios, type Scenarios } from './run-scenarios.js';
import { clearRunFiles, ensureSipp, sippPidsIn, startAgents, stepSippLogs, type SippPlace } from './sipp-run.js';
import { readServerHops, type ServerHops } from './server-hops.js';
import { taskprocessorAlerts } from './taskprocessors.js';
import { measurePace } from './machine-pace.js';


/** What a run watches the system with, started after its Asterisk and stopped before it. */
interface Watchers extends PbxWatchers {
  readonly sampler: ProcessSampler;
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
      overloaded: overloadedBy(() => observer.events, this.system),
      log: (line) => this.c.log(`run ${this.run}, ${line}`),
    };
  }

  private async runRampAndMeasure(runtime: PbxRuntime, w: Watchers, place: SippPlace, scenarios: Scenarios): Promise<SystemReport> {
    const server = this.system === 'hotline' ? await startHotlineServer(this.c, this.work, this.pids) : undefined;
    if (server && this.c.o.awaitShedSeconds !== undefined) await awaitShed(server, this.c.o.awaitShedSeconds);
    const plan = this.rampPlan(runtime, place, scenarios, w.observer);
    if (this.c.o.warmUpCalls > 0) await warmUp(plan, this.c.o.warmUpCalls);
    await waitNoCitizens(() => w.observer.events, 60);
    const seriesFrom = Date.now();
    const ramp = await runRamp(plan);
    await waitNoCitizens(() => w.observer.events, 60);
    const seriesTo = Date.now();
    const calls = rampCalls(w.observer.events, this.c.journey, this.system);
    let hops: ServerHops | null = null;
    if (server) {
      // The server reads Asterisk's records every 5 s: shed calls' tickets come a little after they end.
      await awaitShedTickets(server, calls, 20);
      hops = await readServerHops(server.hotline.url);
      await stopHotlineServer(server, this.pids);
    }
    const records = server ? hotlineRecords(server.dbFile, runtime.recordingsDir, calls, seriesFrom) : undefined;
    return this.measure({ runtime, w, place, ramp, calls, seriesFrom, seriesTo, server, records, hops });
  }

  private measure(r: {
    runtime: PbxRuntime; w: Watchers; place: SippPlace; ramp: Awaited<ReturnType<typeof runRamp>>; calls: CitizenCall[]; seriesFrom: number; seriesTo: number; server: HotlineServer | undefined; records: HotlineRecords | undefined; hops: ServerHops | null;
  }): SystemReport {
    const monitorDir = path.join(path.dirname(r.runtime.recordingsDir), 'monitor', 'bench-baseline');
    const recordingMs = r.records?.recordingMs ?? baselineRecordings(monitorDir);
    const logFile = path.join(pbxLayout(this.settings()).logDir, 'messages.log');
    const analysis = analyseSystem({
      windows: r.ramp.windows,
      callsByStep: callsByStep(r.calls),
      concurrency: concurrency(r.calls, r.seriesFrom, r.seriesTo),
      seriesFrom: r.seriesFrom,
      samples: r.w.sampler.samples,
      cores: this.c.cores,
      sut: this.system === 'hotline' ? ['server', 'asterisk'] : ['asterisk'],
      journey: this.c.journey,
      cpuLimit: this.c.o.cpuLimit,
      sippLog: stepSippLogs([r.place], this.system, r.ramp.windows.length),
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
      watchers: { observerMessages: r.w.observer.messages, observerMessagesByKind: Object.fromEntries(r.w.observer.messagesByKind), observerDrops: r.w.observer.drops.length, observerReadLag: readLag(r.w.observer.readLagsMs), ariSocketBytes: r.w.ariSockets.result(), marksSent: r.w.marks.sent.length, marksFailed: r.w.marks.sent.filter((m) => !m.ok).length, amiEventsRead: r.w.eventReader?.eventsReceived ?? null, taskprocessorSamples: r.w.taskprocessors.samples.length, taskprocessorReadsFailed: r.w.taskprocessors.failed },
      ...(r.records ? { tickets: r.records.tickets } : {}),
      ...(r.server ? { systemPauses: r.server.pauses, serverHops: r.hops } : {}),
    };
  }

  private async startWatchers(runtime: PbxRuntime, place: SippPlace): Promise<Watchers> {
    const pbx = await startPbxWatchers(runtime, this.c.journey, this.system === 'baseline');
    const sampler = new ProcessSampler(() => ({ ...this.pids, sipp: sippPidsIn(place) }));
    sampler.start();
    return { ...pbx, sampler };
  }

  private async stopWatchers(w: Watchers | undefined): Promise<void> {
    w?.sampler.stop();
    await stopPbxWatchers(w, this.c.o.keep ? path.join(this.work, 'observed.jsonl') : undefined);
  }

  async execute(): Promise<{ report: SystemReport; asteriskVersion: string }> {
    // Timed with nothing of this run up, before its Asterisk starts and after it stopped.
    const before = measurePace(this.work);
    const done = await this.runOnPbx();
    const after = measurePace(this.work);
    this.c.log(`run ${this.run}, ${this.system}: the machine's pace before and after: CPU ${before.cpuMs} / ${after.cpuMs} ms, disk ${before.diskMs} / ${after.diskMs} ms`);
    return { ...done, report: { ...done.report, pace: { before, after } } };
  }

  private async runOnPbx(): Promise<{ report: SystemReport; asteriskVersion: string }> {
    const settings = this.settings();
    const runtime = await this.startPbx();
    this.pids.asterisk = [runtime.pid];
    const place: SippPlace = { rootDir: runtime.rootDir, dir: `${pbxLayout(settings).instanceDirInRoot}/load-sipp` };
    let agents: ReturnType<typeof startAgents> | undefined;
    let watchers: Watchers | undefined;
    try {
      ensureSipp(runtime.rootDir, this.c.log);
      const scenarios = prepareScenarios(this.c, place);
      agents = startAgents(place, { scenario: scenarios.agent, name: `${this.system}-agents`, sipPort: this.c.ports.agentSip, mediaPort: this.c.ports.agentMedia });
      watchers = await this.startWatchers(runtime, place);
      const report = await this.runRampAndMeasure(runtime, watchers, place, scenarios);
      return { report, asteriskVersion: runtime.asteriskVersion };
    } finally {
      await agents?.stop(5000);
      await this.stopWatchers(watchers);
      await pbxDown(settings);
      clearRunFiles(pbxLayout(settings).instanceDir, place, this.c.o.keep ? path.join(this.work, 'sipp') : null);
    }
  }
}
