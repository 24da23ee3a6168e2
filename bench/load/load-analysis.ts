// What a load run measured, step by step and in all: which rate each system sustained (every call
// the whole way, the greeting in time, the media intact), how many calls it carried at once with
// CPU under the limit, what each step cost in CPU, how deep Asterisk's task queues grew, and the
// latencies of the calls of its sustained steps; for the hotline, whether each step was protected
// (load-protection.ts: calls shed to the dialplan still greeted in time, none silent, one ticket
// each). Pure: the run hands in what it observed.
import { summarize, type Summary } from '../stats.js';
import type { PopArrival } from './agent-desktops.js';
import { callLatencies, FALLBACK_PROMPT, pathFault, type CitizenCall, type JourneyStep } from './call-timelines.js';
import type { TicketLogLine } from './hotline-process.js';
import { inviteHops, type InviteHops } from './invite-hops.js';
import { parseRtpQos, summarizeMedia, type CallMedia, type MediaSummary } from './media-check.js';
import { protectedCallsPerSecond, routeOf, stepProtection, type StepProtection } from './load-protection.js';
import type { ProcessSample } from './process-sampler.js';
import type { SippCallLog } from './sipp-log.js';
import { stepTaskprocessors, type DepthSample, type StepTaskprocessors, type TaskprocessorAlert } from './taskprocessors.js';
import type { TicketRow } from './ticket-check.js';

export { checkTickets, type TicketCheck } from './ticket-check.js';

/** A step is sustained when every call of it went the whole way, callers heard the greeting in time and the media came through. */
export const SUSTAINED = { maxFailedCalls: 0, greetingP99Ms: 1000 } as const;

/**
 * A fault of the hotline this benchmark found (2026-12-02; docs/benchmarks/sipp-load-2026-12-02.md):
 * after the agent hangs up, the survey's first prompt is sometimes never played, at any load (the
 * play request reaches the caller's channel while it is still in the conversation's bridge, which
 * is being destroyed, and Asterisk queues the playback on that bridge). Such steps are not
 * sustained; the report also says which would have been, were those calls set aside, so the
 * fault does not hide what the load alone does.
 */
export const SET_ASIDE_FAULT = 'the survey never played';

export interface StepWindow {
  readonly index: number;
  readonly rate: number;
  readonly startedAt: number;
  /** When the step stopped placing calls. */
  readonly endedAt: number;
  /** When its last call had ended (its SIPp process exited), or was given up. */
  readonly drainedAt: number;
  /** SIPp's own count for the step's process. */
  readonly sipp: { readonly created: number; readonly successful: number; readonly failed: number };
}

export interface StepCpu {
  /** Means over the step's last third, % of the machine: the system under test, the machine, and processes not of the run. */
  readonly sut: number;
  readonly machine: number;
  readonly others: number;
  /** CPU time per call, ms: everything from the step's start until its last call ended, over its calls. */
  readonly sutPerCallMs: number;
  readonly machinePerCallMs: number;
}

export type StepMedia = Omit<MediaSummary, 'recordingOffsetsMs'> & {
  readonly recordingOffsetMaxMs: number;
  /** The lowest and highest recording length minus talk time, ms, signed: short recordings began late or ended early, long ones ended late. */
  readonly recordingOffsetRangeMs: readonly [number, number];
};

export interface StepResult {
  readonly index: number;
  readonly rate: number;
  readonly callsPlaced: number;
  readonly sipFailed: number;
  /** Calls that reached Asterisk but not an agent and the survey, or pressed a key before its prompt (shed calls apart). */
  readonly pathFailed: number;
  /** Calls the dialplan answered without the server (overload protection): not broken paths, but not served either. */
  readonly shed: number;
  /** The failed paths by where they broke (call-timelines.ts pathFault). */
  readonly pathFaults: Readonly<Record<string, number>>;
  readonly sustained: boolean;
  /** Sustained, or short only by calls whose one fault is SET_ASIDE_FAULT (and SIPp's count of those same calls). */
  readonly sustainedSetAside: boolean;
  /** What kept the step from being sustained (empty when it was). */
  readonly shortOf: readonly string[];
  /** p99 of the step's calls, ms, to tell at which load each target still holds. */
  readonly p99: StepLatencies;
  /** p50 of the same, to compare systems at one rate (docs/benchmarks/cluster-load-*). */
  readonly p50: StepLatencies;
  /** The caller's reaction as it happened: keys pressed before their prompt began (should be 0), and the prompt → key gap. */
  readonly keys: { readonly beforePrompt: number; readonly promptToKeyP50: number; readonly promptToKeyMin: number };
  readonly media: StepMedia;
  /** Citizen calls up at once at the end of the step. */
  readonly concurrentCalls: number;
  readonly cpu: StepCpu;
  readonly taskprocessors: StepTaskprocessors;
  /** Where the step's INVITE → 200 OK went (invite-hops.ts). */
  readonly inviteHops: InviteHops;
  /** The hotline's: whether its callers were looked after, served or shed (absent for the baseline). */
  readonly protection?: StepProtection;
}

/** One percentile of a step's latencies, ms. */
export interface StepLatencies {
  readonly inviteToAnswer: number;
  readonly inviteToGreeting: number;
  readonly keyToNextPrompt: number;
  readonly enqueueToOffer: number;
  readonly offerToPop?: number;
  readonly hangupToTicket?: number;
}

export interface LatencySummaries {
  /** SIPp's INVITE → its 200 OK (SIP only), and → the greeting's start (Asterisk's clock). */
  readonly inviteToAnswer: Summary;
  readonly inviteToGreeting: Summary;
  readonly keyToNextPrompt: Summary;
  readonly enqueueToOffer: Summary;
  readonly promptToKey: Summary;
  readonly offerToPop?: Summary;
  readonly hangupToTicket?: Summary;
}

export interface SystemAnalysis {
  readonly steps: readonly StepResult[];
  /** The highest rate of a sustained step (calls/s), 0 when none was. */
  readonly sustainedCallsPerSecond: number;
  /** The same with the calls whose one fault is SET_ASIDE_FAULT set aside. */
  readonly sustainedSetAsideCallsPerSecond: number;
  /** The hotline's highest protected rate (load-protection.ts), 0 when none was; absent for the baseline. */
  readonly protectedCallsPerSecond?: number;
  /** Calls up at once in the busiest sustained step whose steady-state CPU stayed under the limit. */
  readonly maxConcurrentCalls: { readonly calls: number; readonly sutCpu: number; readonly step: number | null };
  readonly latencies: LatencySummaries;
  readonly resources: Readonly<Record<string, { readonly cpuMean: number; readonly cpuMax: number; readonly rssMaxMb: number }>>;
}

export interface AnalysisInput {
  readonly windows: readonly StepWindow[];
  /** The citizen calls of each step, by step index. */
  readonly callsByStep: ReadonlyMap<number, readonly CitizenCall[]>;
  /** Citizen calls alive per second, from `seriesFrom`. */
  readonly concurrency: readonly number[];
  readonly seriesFrom: number;
  readonly samples: readonly ProcessSample[];
  readonly cores: number;
  /** Roles whose CPU is the system under test. */
  readonly sut: readonly string[];
  readonly journey: readonly JourneyStep[];
  readonly cpuLimit: number;
  /** SIPp's log of each call, by caller number. */
  readonly sippLog: ReadonlyMap<string, SippCallLog>;
  /** The conversation recording's length, ms, by the citizen channel's id. */
  readonly recordingMs: ReadonlyMap<string, number>;
  readonly taskprocessorSamples: readonly DepthSample[];
  readonly taskprocessorAlerts: readonly TaskprocessorAlert[];
  /** When the observer's socket went down: a step with such a moment was not observed whole. */
  readonly observerDrops?: readonly number[];
  readonly pops?: readonly PopArrival[];
  readonly tickets?: readonly TicketLogLine[];
  /** The tickets the hotline wrote (its database): each call's one ticket, served or shed. */
  readonly ticketRows?: readonly TicketRow[];
}

const round1 = (value: number): number => Math.round(value * 10) / 10;
const mean = (values: readonly number[]): number => (values.length === 0 ? 0 : round1(values.reduce((a, b) => a + b, 0) / values.length));

function sutCpu(sample: ProcessSample, sut: readonly string[]): number {
  return sut.reduce((sum, role) => sum + (sample.cpu[role] ?? 0), 0);
}

function inWindow<T extends { at: number }>(items: readonly T[], from: number, to: number): T[] {
  return items.filter((item) => item.at >= from && item.at < to);
}

/** CPU of the step: steady means over its last third, and its whole cost spread over its calls. */
function stepCpu(input: AnalysisInput, window: StepWindow, calls: number): StepCpu {
  const steady = inWindow(input.samples, window.endedAt - (window.endedAt - window.startedAt) / 3, window.endedAt);
  const whole = inWindow(input.samples, window.startedAt, window.drainedAt);
  // Each sample is a share of the machine over about a second; core-ms = share × cores × 1000 ms.
  const coreMs = (share: (s: ProcessSample) => number): number => whole.reduce((sum, s) => sum + (share(s) / 100) * input.cores * 1000, 0);
  const perCall = (ms: number): number => (calls === 0 ? 0 : Math.round(ms / calls));
  const ours = (s: ProcessSample): number => Object.values(s.cpu).reduce((a, b) => a + b, 0);
  return {
    sut: mean(steady.map((s) => sutCpu(s, input.sut))),
    machine: mean(steady.map((s) => s.machineCpu)),
    others: mean(steady.map((s) => Math.max(0, s.machineCpu - ours(s)))),
    sutPerCallMs: perCall(coreMs((s) => sutCpu(s, input.sut))),
    machinePerCallMs: perCall(coreMs((s) => s.machineCpu)),
  };
}

function callMedia(input: AnalysisInput, calls: readonly CitizenCall[]): CallMedia[] {
  return calls
    .filter((call) => call.answeredAt !== null)
    .map((call) => ({
      citizen: parseRtpQos(call.qos),
      agent: parseRtpQos(call.agentQos),
      talkMs: call.answeredAt !== null && call.agentHangupAt !== null ? call.agentHangupAt - call.answeredAt : null,
      recordingMs: input.recordingMs.get(call.channelId) ?? null,
      // A shed call's conversation is recorded by the fallback queue and listed on its ticket; a
      // call the server gave up to that queue keeps the server's ticket, which does not list it.
      expectsRecording: call.dialplanAnswer !== null || !call.prompts.some((p) => p.name === FALLBACK_PROMPT),
    }));
}

function stepMedia(input: AnalysisInput, calls: readonly CitizenCall[]): StepMedia {
  const { recordingOffsetsMs, ...media } = summarizeMedia(callMedia(input, calls));
  const range: [number, number] = recordingOffsetsMs.length === 0 ? [0, 0] : [Math.min(...recordingOffsetsMs), Math.max(...recordingOffsetsMs)];
  return { ...media, recordingOffsetMaxMs: Math.max(0, ...recordingOffsetsMs.map(Math.abs)), recordingOffsetRangeMs: range };
}

function percentileOf(measured: LatencySummaries, which: 'p50' | 'p99'): StepLatencies {
  return {
    inviteToAnswer: measured.inviteToAnswer[which],
    inviteToGreeting: measured.inviteToGreeting[which],
    keyToNextPrompt: measured.keyToNextPrompt[which],
    enqueueToOffer: measured.enqueueToOffer[which],
    ...(measured.offerToPop ? { offerToPop: measured.offerToPop[which] } : {}),
    ...(measured.hangupToTicket ? { hangupToTicket: measured.hangupToTicket[which] } : {}),
  };
}

/** What keeps a step from being sustained, in words for the report. */
function shortOf(window: StepWindow, calls: readonly CitizenCall[], faults: Readonly<Record<string, number>>, greetingP99: number, media: StepMedia): string[] {
  const reasons: string[] = [];
  const shed = calls.filter((call) => routeOf(call) === 'shed').length;
  if (shed > 0) reasons.push(`${shed} calls shed to the dialplan (overload protection)`);
  const pathFailed = Object.values(faults).reduce((a, b) => a + b, 0);
  const where = Object.entries(faults).map(([fault, n]) => `${fault}: ${n}`).join(', ');
  if (window.sipp.created === 0) reasons.push('no call placed');
  if (window.sipp.failed + pathFailed > SUSTAINED.maxFailedCalls) reasons.push(`${window.sipp.failed + pathFailed} calls failed${where ? ` (${where})` : ''}`);
  if (calls.length < window.sipp.created) reasons.push(`${window.sipp.created - calls.length} calls never reached Asterisk`);
  if (!(greetingP99 <= SUSTAINED.greetingP99Ms)) reasons.push(`greeting p99 ${Math.round(greetingP99)} ms`);
  if (!media.intact) reasons.push(`media (loss ${(media.lossShare * 100).toFixed(2)}%, ${media.recordingsOff} recordings off (length − talk ${media.recordingOffsetRangeMs[0]}…${media.recordingOffsetRangeMs[1]} ms), ${media.sidesWithoutQos} sides unmeasured)`);
  return reasons;
}

function faultsOf(calls: readonly CitizenCall[], journey: readonly JourneyStep[]): Record<string, number> {
  const faults: Record<string, number> = {};
  for (const call of calls) {
    if (routeOf(call) === 'shed') continue;
    const fault = pathFault(call, journey);
    if (fault !== null) faults[fault] = (faults[fault] ?? 0) + 1;
  }
  return faults;
}

function stepResult(input: AnalysisInput, window: StepWindow): StepResult {
  const calls = input.callsByStep.get(window.index) ?? [];
  const pathFaults = faultsOf(calls, input.journey);
  const pathFailed = Object.values(pathFaults).reduce((a, b) => a + b, 0);
  const measured = latenciesOf(input, calls);
  const media = stepMedia(input, calls);
  const alive = input.concurrency.slice(Math.max(0, Math.floor((window.endedAt - (window.endedAt - window.startedAt) / 3 - input.seriesFrom) / 1000)), Math.ceil((window.endedAt - input.seriesFrom) / 1000));
  const drops = (input.observerDrops ?? []).filter((at) => at >= window.startedAt && at < window.drainedAt).length;
  const reasons = [...shortOf(window, calls, pathFaults, measured.inviteToGreeting.p99, media), ...(drops > 0 ? [`the observer's socket dropped ${drops} times (events lost)`] : [])];
  const gaps = callLatencies(calls, input.journey).promptToKey;
  // The same test without the set-aside calls (SIPp counts each of them failed too: it gave up waiting for the survey).
  const setAside = pathFaults[SET_ASIDE_FAULT] ?? 0;
  const otherFaults = Object.fromEntries(Object.entries(pathFaults).filter(([fault]) => fault !== SET_ASIDE_FAULT));
  const withoutSetAside = { ...window, sipp: { ...window.sipp, failed: Math.max(0, window.sipp.failed - setAside) } };
  const onlySetAside = drops === 0 && shortOf(withoutSetAside, calls, otherFaults, measured.inviteToGreeting.p99, media).length === 0;
  return {
    index: window.index,
    rate: window.rate,
    callsPlaced: window.sipp.created,
    sipFailed: window.sipp.failed,
    pathFailed,
    pathFaults,
    shed: calls.filter((call) => routeOf(call) === 'shed').length,
    sustained: reasons.length === 0,
    sustainedSetAside: onlySetAside,
    shortOf: reasons,
    p99: percentileOf(measured, 'p99'),
    p50: percentileOf(measured, 'p50'),
    keys: { beforePrompt: calls.reduce((n, call) => n + call.keys.filter((key) => key.promptAt === null).length, 0), promptToKeyP50: summarize(gaps).p50, promptToKeyMin: gaps.length === 0 ? Number.NaN : Math.min(...gaps) },
    media,
    concurrentCalls: alive.length === 0 ? 0 : Math.max(...alive),
    cpu: stepCpu(input, window, window.sipp.created),
    taskprocessors: stepTaskprocessors(input.taskprocessorSamples, input.taskprocessorAlerts, window.startedAt, window.endedAt),
    inviteHops: inviteHops(calls, input.sippLog),
    ...(input.ticketRows
      ? { protection: stepProtection({ calls, placed: window.sipp.created, greetingP99Ms: measured.inviteToGreeting.p99, mediaIntact: media.intact, observerDrops: drops, tickets: input.ticketRows }) }
      : {}),
  };
}

/** The busiest sustained step whose steady-state CPU (its last third, on average) stayed under the limit. */
function maxConcurrent(input: AnalysisInput, steps: readonly StepResult[]): SystemAnalysis['maxConcurrentCalls'] {
  let best: SystemAnalysis['maxConcurrentCalls'] = { calls: 0, sutCpu: 0, step: null };
  for (const step of steps) {
    if (step.sustained && step.cpu.sut < input.cpuLimit && step.concurrentCalls > best.calls) best = { calls: step.concurrentCalls, sutCpu: step.cpu.sut, step: step.index };
  }
  return best;
}

/** SIPp's INVITE → 200 OK and INVITE → greeting of the calls whose log it wrote. */
function sipTimes(input: AnalysisInput, calls: readonly CitizenCall[]): { inviteToAnswer: number[]; inviteToGreeting: number[] } {
  const out = { inviteToAnswer: [] as number[], inviteToGreeting: [] as number[] };
  for (const call of calls) {
    const log = input.sippLog.get(call.number);
    if (log?.inviteAt === null || log?.inviteAt === undefined) continue;
    if (log.answeredAt !== null) out.inviteToAnswer.push(log.answeredAt - log.inviteAt);
    if (call.firstPromptAt !== null) out.inviteToGreeting.push(call.firstPromptAt - log.inviteAt);
  }
  return out;
}

function latenciesOf(input: AnalysisInput, calls: readonly CitizenCall[]): LatencySummaries {
  const measured = callLatencies(calls, input.journey);
  const sip = sipTimes(input, calls);
  const result: LatencySummaries = {
    inviteToAnswer: summarize(sip.inviteToAnswer),
    inviteToGreeting: summarize(sip.inviteToGreeting),
    keyToNextPrompt: summarize(measured.keyToNextPrompt),
    enqueueToOffer: summarize(measured.enqueueToOffer),
    promptToKey: summarize(measured.promptToKey),
  };
  const numbers = new Set(calls.map((call) => call.number));
  const ids = new Map(calls.map((call) => [call.channelId, call]));
  const pops = input.pops?.filter((pop) => numbers.has(pop.number)).map((pop) => pop.receivedAt - pop.offeredAt);
  // A shed call's ticket is written from Asterisk's records, read every few seconds: not the hang-up → commit path timed here.
  const tickets = input.tickets?.filter((ticket) => ticket.reason === undefined).flatMap((ticket) => {
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
  // Latencies come from the steps sustained once the set-aside fault's calls are set aside: that
  // fault does not slow anything, and without it a system that has it would have no latencies at all.
  const timed = new Set(steps.filter((step) => step.sustainedSetAside).map((step) => step.index));
  const from = input.windows[0]?.startedAt ?? 0;
  const to = input.windows.at(-1)?.drainedAt ?? 0;
  return {
    steps,
    sustainedCallsPerSecond: Math.max(0, ...steps.filter((step) => step.sustained).map((step) => step.rate)),
    sustainedSetAsideCallsPerSecond: Math.max(0, ...steps.filter((step) => step.sustainedSetAside).map((step) => step.rate)),
    ...(input.ticketRows ? { protectedCallsPerSecond: protectedCallsPerSecond(steps) } : {}),
    maxConcurrentCalls: maxConcurrent(input, steps),
    latencies: latenciesOf(input, [...input.callsByStep.entries()].filter(([step]) => timed.has(step)).flatMap(([, list]) => list)),
    resources: resources(inWindow(input.samples, from, to)),
  };
}
