// What a load run measured, step by step and in all: which rate each system sustained, how many
// calls it carried at once with CPU under the limit, and the latencies of the calls of its
// sustained steps. Pure: the run hands in what it observed.
import { summarize, type Summary } from '../stats.js';
import { callLatencies, completedPath, type CitizenCall } from './call-timelines.js';
import type { ProcessSample } from './process-sampler.js';
import type { PopArrival } from './agent-desktops.js';
import type { TicketLogLine } from './hotline-process.js';

/** A step is sustained when every call of it went the whole way and callers heard the greeting in time. */
export const SUSTAINED = { maxFailedCalls: 0, firstPromptP99Ms: 1000 } as const;

export interface StepWindow {
  readonly index: number;
  readonly rate: number;
  readonly startedAt: number;
  readonly endedAt: number;
  /** SIPp's own count for the step's process. */
  readonly sipp: { readonly created: number; readonly successful: number; readonly failed: number };
}

export interface StepResult {
  readonly index: number;
  readonly rate: number;
  readonly callsPlaced: number;
  readonly sipFailed: number;
  /** Calls that reached Asterisk but not an agent, or lost a key or a prompt on the way. */
  readonly pathFailed: number;
  readonly sustained: boolean;
  readonly inviteToFirstPromptP99: number;
  /** p99 of the step's calls, to tell at which load each latency target still holds. */
  readonly p99: { readonly keyToNextPrompt: number; readonly enqueueToOffer: number; readonly offerToPop?: number; readonly hangupToTicket?: number };
  /** Citizen calls up at once at the end of the step (its last third: the steady state). */
  readonly concurrentCalls: number;
  /** Mean over the step's last third: the system under test (server + Asterisk), the machine. */
  readonly sutCpu: number;
  readonly machineCpu: number;
}

export interface LatencySummaries {
  readonly inviteToFirstPrompt: Summary;
  readonly keyToNextPrompt: Summary;
  readonly enqueueToOffer: Summary;
  readonly offerToPop?: Summary;
  readonly hangupToTicket?: Summary;
}

export interface TicketCheck {
  readonly calls: number;
  readonly tickets: number;
  /** Calls that ended without a ticket. */
  readonly lost: number;
  readonly duplicated: number;
  /** Calls whose channel was still up when the run ended: their ticket is due when they end. */
  readonly stillUp: number;
}

export interface SystemAnalysis {
  readonly steps: readonly StepResult[];
  /** The highest rate of a sustained step (calls/s), 0 when none was. */
  readonly sustainedCallsPerSecond: number;
  /** Calls up at once in the busiest sustained step whose steady-state CPU stayed under the limit. */
  readonly maxConcurrentCalls: { readonly calls: number; readonly sutCpu: number; readonly step: number | null };
  readonly latencies: LatencySummaries;
  readonly resources: Readonly<Record<string, { readonly cpuMean: number; readonly cpuMax: number; readonly rssMaxMb: number }>>;
}

const mean = (values: readonly number[]): number => (values.length === 0 ? 0 : Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10);

function sutCpu(sample: ProcessSample, sut: readonly string[]): number {
  return sut.reduce((sum, role) => sum + (sample.cpu[role] ?? 0), 0);
}

function inWindow<T extends { at: number }>(items: readonly T[], from: number, to: number): T[] {
  return items.filter((item) => item.at >= from && item.at < to);
}

export interface AnalysisInput {
  readonly windows: readonly StepWindow[];
  /** The citizen calls of each step, by step index. */
  readonly callsByStep: ReadonlyMap<number, readonly CitizenCall[]>;
  /** Citizen calls alive per second, from `seriesFrom`. */
  readonly concurrency: readonly number[];
  readonly seriesFrom: number;
  readonly samples: readonly ProcessSample[];
  /** Roles whose CPU is the system under test. */
  readonly sut: readonly string[];
  readonly keys: readonly string[];
  readonly cpuLimit: number;
  readonly pops?: readonly PopArrival[];
  readonly tickets?: readonly TicketLogLine[];
}

function stepResult(input: AnalysisInput, window: StepWindow): StepResult {
  const calls = input.callsByStep.get(window.index) ?? [];
  const pathFailed = calls.filter((call) => !completedPath(call, input.keys)).length;
  const measured = latenciesOf(input, calls);
  const firstPrompt = measured.inviteToFirstPrompt;
  const steadyFrom = window.endedAt - (window.endedAt - window.startedAt) / 3;
  const steady = inWindow(input.samples, steadyFrom, window.endedAt);
  const alive = input.concurrency.slice(Math.max(0, Math.floor((steadyFrom - input.seriesFrom) / 1000)), Math.ceil((window.endedAt - input.seriesFrom) / 1000));
  const failed = window.sipp.failed + pathFailed;
  return {
    index: window.index,
    rate: window.rate,
    callsPlaced: window.sipp.created,
    sipFailed: window.sipp.failed,
    pathFailed,
    sustained: window.sipp.created > 0 && failed <= SUSTAINED.maxFailedCalls && calls.length >= window.sipp.created && firstPrompt.p99 <= SUSTAINED.firstPromptP99Ms,
    inviteToFirstPromptP99: firstPrompt.p99,
    p99: {
      keyToNextPrompt: measured.keyToNextPrompt.p99,
      enqueueToOffer: measured.enqueueToOffer.p99,
      ...(measured.offerToPop ? { offerToPop: measured.offerToPop.p99 } : {}),
      ...(measured.hangupToTicket ? { hangupToTicket: measured.hangupToTicket.p99 } : {}),
    },
    concurrentCalls: alive.length === 0 ? 0 : Math.max(...alive),
    sutCpu: mean(steady.map((sample) => sutCpu(sample, input.sut))),
    machineCpu: mean(steady.map((sample) => sample.machineCpu)),
  };
}

/** The busiest sustained step whose steady-state CPU (its last third, on average) stayed under the limit. */
function maxConcurrent(input: AnalysisInput, steps: readonly StepResult[]): SystemAnalysis['maxConcurrentCalls'] {
  let best: SystemAnalysis['maxConcurrentCalls'] = { calls: 0, sutCpu: 0, step: null };
  for (const step of steps) {
    if (step.sustained && step.sutCpu < input.cpuLimit && step.concurrentCalls > best.calls) best = { calls: step.concurrentCalls, sutCpu: step.sutCpu, step: step.index };
  }
  return best;
}

function latencies(input: AnalysisInput, sustainedSteps: ReadonlySet<number>): LatencySummaries {
  return latenciesOf(input, [...input.callsByStep.entries()].filter(([step]) => sustainedSteps.has(step)).flatMap(([, list]) => list));
}

function latenciesOf(input: AnalysisInput, calls: readonly CitizenCall[]): LatencySummaries {
  const measured = callLatencies(calls, input.keys.length - 1);
  const result: LatencySummaries = {
    inviteToFirstPrompt: summarize(measured.inviteToFirstPrompt),
    keyToNextPrompt: summarize(measured.keyToNextPrompt),
    enqueueToOffer: summarize(measured.enqueueToOffer),
  };
  const numbers = new Set(calls.map((call) => call.number));
  const ids = new Map(calls.map((call) => [call.channelId, call]));
  const pops = input.pops?.filter((pop) => numbers.has(pop.number)).map((pop) => pop.receivedAt - pop.offeredAt);
  const tickets = input.tickets?.flatMap((ticket) => {
    const hangupAt = ids.get(ticket.callId)?.hangupAt;
    return hangupAt === null || hangupAt === undefined ? [] : [ticket.at - hangupAt];
  });
  return { ...result, ...(pops ? { offerToPop: summarize(pops) } : {}), ...(tickets ? { hangupToTicket: summarize(tickets) } : {}) };
}

function resources(samples: readonly ProcessSample[]): SystemAnalysis['resources'] {
  const roles = new Set(samples.flatMap((sample) => Object.keys(sample.cpu)));
  return Object.fromEntries(
    [...roles].map((role) => {
      const cpu = samples.map((sample) => sample.cpu[role] ?? 0);
      const rss = samples.map((sample) => sample.rssMb[role] ?? 0);
      return [role, { cpuMean: mean(cpu), cpuMax: Math.max(0, ...cpu), rssMaxMb: Math.max(0, ...rss) }];
    }),
  );
}

export function analyseSystem(input: AnalysisInput): SystemAnalysis {
  const steps = input.windows.map((window) => stepResult(input, window));
  const sustained = steps.filter((step) => step.sustained);
  const from = input.windows[0]?.startedAt ?? 0;
  const to = input.windows.at(-1)?.endedAt ?? 0;
  return {
    steps,
    sustainedCallsPerSecond: Math.max(0, ...sustained.map((step) => step.rate)),
    maxConcurrentCalls: maxConcurrent(input, steps),
    latencies: latencies(input, new Set(sustained.map((step) => step.index))),
    resources: resources(inWindow(input.samples, from, to)),
  };
}

/**
 * One ticket per call that reached Asterisk and ended: none missing (by the call's id, its first
 * channel's), none twice (two tickets for one call, or for one caller: every benchmark caller calls
 * once). A call still up when the run ends is counted apart: its ticket comes when it ends.
 */
export function checkTickets(calls: readonly CitizenCall[], tickets: readonly { readonly callId: string; readonly callerNumber: string }[]): TicketCheck {
  const numbers = new Set(calls.map((call) => call.number));
  const mine = tickets.filter((ticket) => numbers.has(ticket.callerNumber));
  const byCall = new Set(mine.map((ticket) => ticket.callId));
  const byNumber = new Set(mine.map((ticket) => ticket.callerNumber));
  const ended = calls.filter((call) => call.destroyedAt !== null);
  const lost = ended.filter((call) => !byCall.has(call.channelId)).length;
  return { calls: calls.length, tickets: mine.length, lost, duplicated: mine.length - byNumber.size, stillUp: calls.length - ended.length };
}
