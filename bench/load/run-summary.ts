// The figures of several runs of the same system as one: each as its median and its spread (the
// lowest and highest run), so one lucky or unlucky run neither makes nor breaks a result. Steps are
// matched by rate; a rate some runs never reached (their ramp ended before it) counts only the
// runs that did. Pure.
import type { BenchSystem } from './bench-files.js';
import type { StepResult, SystemAnalysis } from './load-analysis.js';
import type { RunReport, SystemReport } from './load-types.js';

export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  /** Runs the figure was measured in. */
  readonly n: number;
}

/** Median (the mean of the middle two for an even count) and range of the finite values. */
export function spread(values: readonly number[]): Spread {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return { median: Number.NaN, min: Number.NaN, max: Number.NaN, n: 0 };
  const mid = Math.floor(n / 2);
  const median = n % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  return { median, min: sorted[0] as number, max: sorted[n - 1] as number, n };
}

export interface StepSpread {
  readonly rate: number;
  readonly runs: number;
  readonly sustainedRuns: number;
  /** Runs in which the step was sustained once the calls with the set-aside fault (load-analysis.ts) are set aside. */
  readonly sustainedSetAsideRuns: number;
  readonly placed: Spread;
  readonly failed: Spread;
  /** Calls the dialplan answered without the server (overload protection). */
  readonly shed: Spread;
  /** Runs in which the step was protected (load-protection.ts; the hotline's only). */
  readonly protectedRuns: number;
  readonly p99: Readonly<Record<'inviteToAnswer' | 'inviteToGreeting' | 'keyToNextPrompt' | 'enqueueToOffer' | 'offerToPop' | 'hangupToTicket', Spread>>;
  readonly lossPercent: Spread;
  readonly recordingsOff: Spread;
  readonly concurrentCalls: Spread;
  readonly cpu: Readonly<Record<'sut' | 'machine' | 'others' | 'sutPerCallMs' | 'machinePerCallMs', Spread>>;
  readonly taskprocessorAlerts: Spread;
  /** The deepest queue of the step, run by run (max over the step's samples). */
  readonly deepestQueue: Spread;
}

export interface SystemSpread {
  readonly system: BenchSystem;
  readonly runs: number;
  readonly sustainedCallsPerSecond: Spread;
  readonly sustainedSetAsideCallsPerSecond: Spread;
  /** The highest protected rate (not measured for the baseline). */
  readonly protectedCallsPerSecond: Spread;
  readonly maxConcurrentCalls: Spread;
  readonly latencyP99: Readonly<Record<keyof SystemAnalysis['latencies'], Spread>>;
  readonly steps: readonly StepSpread[];
}

function stepSpread(rate: number, steps: readonly StepResult[]): StepSpread {
  const of = (f: (s: StepResult) => number | undefined): Spread => spread(steps.map((s) => f(s) ?? Number.NaN));
  return {
    rate,
    runs: steps.length,
    sustainedRuns: steps.filter((s) => s.sustained).length,
    sustainedSetAsideRuns: steps.filter((s) => s.sustainedSetAside).length,
    placed: of((s) => s.callsPlaced),
    failed: of((s) => s.sipFailed + s.pathFailed),
    shed: of((s) => s.shed),
    protectedRuns: steps.filter((s) => s.protection?.protected === true).length,
    p99: {
      inviteToAnswer: of((s) => s.p99.inviteToAnswer),
      inviteToGreeting: of((s) => s.p99.inviteToGreeting),
      keyToNextPrompt: of((s) => s.p99.keyToNextPrompt),
      enqueueToOffer: of((s) => s.p99.enqueueToOffer),
      offerToPop: of((s) => s.p99.offerToPop),
      hangupToTicket: of((s) => s.p99.hangupToTicket),
    },
    lossPercent: of((s) => s.media.lossShare * 100),
    recordingsOff: of((s) => s.media.recordingsOff),
    concurrentCalls: of((s) => s.concurrentCalls),
    cpu: { sut: of((s) => s.cpu.sut), machine: of((s) => s.cpu.machine), others: of((s) => s.cpu.others), sutPerCallMs: of((s) => s.cpu.sutPerCallMs), machinePerCallMs: of((s) => s.cpu.machinePerCallMs) },
    taskprocessorAlerts: of((s) => s.taskprocessors.alerts),
    deepestQueue: of((s) => s.taskprocessors.top[0]?.max ?? 0),
  };
}

const LATENCIES: readonly (keyof SystemAnalysis['latencies'])[] = ['inviteToAnswer', 'inviteToGreeting', 'keyToNextPrompt', 'enqueueToOffer', 'promptToKey', 'offerToPop', 'hangupToTicket'];

export function systemSpread(system: BenchSystem, reports: readonly SystemReport[]): SystemSpread {
  const analyses = reports.map((r) => r.analysis);
  const rates = [...new Set(analyses.flatMap((a) => a.steps.map((s) => s.rate)))].sort((a, b) => a - b);
  const latencyP99 = Object.fromEntries(LATENCIES.map((name) => [name, spread(analyses.map((a) => (a.latencies[name] && a.latencies[name].count > 0 ? a.latencies[name].p99 : Number.NaN)))])) as SystemSpread['latencyP99'];
  return {
    system,
    runs: reports.length,
    sustainedCallsPerSecond: spread(analyses.map((a) => a.sustainedCallsPerSecond)),
    sustainedSetAsideCallsPerSecond: spread(analyses.map((a) => a.sustainedSetAsideCallsPerSecond)),
    protectedCallsPerSecond: spread(analyses.map((a) => a.protectedCallsPerSecond ?? Number.NaN)),
    maxConcurrentCalls: spread(analyses.map((a) => a.maxConcurrentCalls.calls)),
    latencyP99,
    steps: rates.map((rate) => stepSpread(rate, analyses.flatMap((a) => a.steps.filter((s) => s.rate === rate)))),
  };
}

/** Every system's spread over the runs, in the order the systems ran. */
export function runSpreads(runs: readonly RunReport[]): SystemSpread[] {
  const systems = [...new Set(runs.flatMap((r) => Object.keys(r.systems) as BenchSystem[]))];
  return systems.map((system) => systemSpread(system, runs.flatMap((r) => (r.systems[system] ? [r.systems[system]] : []))));
}
