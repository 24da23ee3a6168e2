// The shapes the load benchmark's modules share: its options and ports, what every system run is
// given (RunContext) and what it hands back (SystemReport), and the whole report of a benchmark
// (every run of every system, the machine, the command, and the figures over runs).
import type { SystemPause } from './agent-desktops.js';
import type { BenchSystem } from './bench-files.js';
import type { CitizenCall, JourneyStep } from './call-timelines.js';
import type { SystemAnalysis } from './load-analysis.js';
import type { ProcessSample } from './process-sampler.js';
import type { MachinePace } from './machine-pace.js';
import type { ServerHops } from './server-hops.js';
import type { TicketCheck } from './ticket-check.js';

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

export interface LoadBenchOptions {
  readonly rates: readonly number[];
  readonly stepSeconds: number;
  readonly talkSeconds: number;
  /** Agents with a phone; 'auto': enough for the highest rate with its talk and wrap-up. */
  readonly agents: number | 'auto';
  readonly wrapUpSeconds: number;
  /** Seconds every caller waits in line (hearing the place-in-line announcement) before agents may take it. */
  readonly holdSeconds: number;
  /** A caller's reaction: the key goes this long after its prompt's mark arrived. */
  readonly keyAfterMs: number;
  /** SIPp's limit of simultaneous calls per step. */
  readonly concurrencyLimit: number;
  readonly systems: readonly BenchSystem[];
  /** Each system's ramp this many times (hotline, baseline, hotline, …), each on a fresh Asterisk. */
  readonly runs: number;
  readonly cpuLimit: number;
  readonly warmUpCalls: number;
  readonly resultsDir: string;
  /** The command that started the benchmark, for the report. */
  readonly command?: string;
  readonly instance?: string;
  readonly ports?: LoadPorts;
  /** Where the hotline server writes a V8 CPU profile of its run (node --cpu-prof), if anywhere. */
  readonly profileDir?: string;
  /**
   * Settings the hotline server gets on top of the run's (HOTLINE_ADMISSION… to turn overload
   * protection off or force it, for a test). Default: none, the product's own defaults.
   */
  readonly serverEnv?: Readonly<Record<string, string>>;
  /** Before the ramp, wait at most this long for the server to shed new callers (a test that forces it); the run fails if it does not. */
  readonly awaitShedSeconds?: number;
  /** Keep the work folders (server files and log, observed events, scenarios and SIPp's files). */
  readonly keep?: boolean;
  readonly log?: (line: string) => void;
}

export interface CallTiming {
  readonly keyAfterMs: number;
  readonly holdSeconds: number;
  readonly ringMs: number;
  /** About how long a call lasts when nothing waits: its steps' calls have all ended this long after the last started. */
  readonly callSeconds: number;
}

export interface RunFiles {
  readonly agentsFile: string;
  readonly usersFile: string;
  readonly queuesFile: string;
  readonly ringTimeoutSeconds: number;
  readonly announceEverySeconds: number;
}

export interface RunContext {
  readonly o: LoadBenchOptions;
  readonly ports: LoadPorts;
  readonly env: Readonly<Record<string, string>>;
  /** Every agent with a phone, the line's paused agent among them. */
  readonly ids: readonly string[];
  readonly files: RunFiles;
  readonly work: string;
  readonly log: (line: string) => void;
  readonly journey: readonly JourneyStep[];
  readonly timing: CallTiming;
  readonly cores: number;
}

/** What watched the system, and what it cost: the same for both systems but the event reader. */
export interface WatcherCounts {
  readonly observerMessages: number;
  /**
   * The observer's messages by kind: the event's type, a ChannelVarset's variable
   * (`ChannelVarset HOTLINE_PATH`), a ChannelDialplan's application (`ChannelDialplan Playback`).
   * Each is a channel snapshot Asterisk turned into JSON: what a system's calls make it send.
   */
  readonly observerMessagesByKind?: Readonly<Record<string, number>>;
  /** Times Asterisk dropped the observer's socket (its events of those moments are lost). */
  readonly observerDrops: number;
  /** The observer's read lag (arrival minus Asterisk's stamp), p99 and max, ms; null when nothing came. */
  readonly observerReadLag: { readonly p99: number; readonly max: number } | null;
  /** The most bytes seen waiting on an ARI socket: unread by a client, unsent by Asterisk (null: not sampled). */
  readonly ariSocketBytes: { readonly unread: number; readonly unsent: number } | null;
  readonly marksSent: number;
  readonly marksFailed: number;
  /** The baseline's AMI session reading the hotline server's events (null on the hotline's run: the server reads them). */
  readonly amiEventsRead: number | null;
  readonly taskprocessorSamples: number;
  readonly taskprocessorReadsFailed: number;
}

export interface SystemReport {
  readonly analysis: SystemAnalysis;
  readonly stoppedEarly: boolean;
  readonly seriesFrom: number;
  readonly seriesTo: number;
  readonly calls: readonly CitizenCall[];
  readonly samples: readonly ProcessSample[];
  readonly tickets?: TicketCheck;
  /** The hotline's: every agent the system paused while the desktops were connected, warm-up included (none should be). */
  readonly systemPauses?: readonly SystemPause[];
  /** The hotline's: the hops inside its server over the whole ramp (GET /metrics at the end); null when it did not answer. */
  readonly serverHops?: ServerHops | null;
  /** Conversation recordings the system wrote: measured ('ready') and otherwise. */
  readonly recordings: { readonly ready: number; readonly other: number };
  readonly watchers: WatcherCounts;
  /** The machine's own pace right before the run and right after it (bench/load/machine-pace.ts); absent in reports made before it. */
  readonly pace?: { readonly before: MachinePace; readonly after: MachinePace };
}

export interface RunReport {
  readonly run: number;
  readonly systems: Partial<Record<BenchSystem, SystemReport>>;
}

/** What every load benchmark's report says of its run: when, how it was asked for, on what, with what journey. */
export interface LoadReportHeader {
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly command: string;
  readonly machine: Readonly<Record<string, string | number>>;
  readonly parameters: Readonly<Record<string, unknown>>;
  /** The caller's journey: each prompt waited for, the key pressed after it, and when. */
  readonly journey: readonly JourneyStep[];
}

export interface LoadReport extends LoadReportHeader {
  readonly bench: 'sipp-load';
  readonly runs: readonly RunReport[];
}
