import { describe, expect, it } from 'vitest';
import type { CitizenCall } from '../../../bench/load/call-timelines.js';
import { analyseSystem, checkTickets, type AnalysisInput, type StepWindow } from '../../../bench/load/load-analysis.js';
import type { ProcessSample } from '../../../bench/load/process-sampler.js';
import { latencyTargetsHold } from '../../../bench/load/load-report.js';

const T = Date.parse('2026-12-01T08:00:00.000Z');

function call(id: string, invitedAt: number, opts: { firstPromptMs?: number | null; agent?: boolean } = {}): CitizenCall {
  const first = opts.firstPromptMs === undefined ? 5 : opts.firstPromptMs;
  const keyAt = (i: number): number => invitedAt + 1500 * (i + 1);
  return {
    channelId: id,
    number: `131010${id.padStart(5, '0')}`,
    invitedAt,
    firstPromptAt: first === null ? null : invitedAt + first,
    keys: ['1', '3', '1'].map((digit, i) => ({ digit, at: keyAt(i), nextPromptAt: i < 2 ? keyAt(i) + 3 : null })),
    agentChannelId: opts.agent === false ? null : `${id}-agent`,
    offeredAt: opts.agent === false ? null : keyAt(2) + 8,
    bridgedAt: opts.agent === false ? null : keyAt(2) + 500,
    hangupAt: invitedAt + 30_000,
    destroyedAt: invitedAt + 30_001,
  };
}

const samples = (from: number, seconds: number, cpu: (i: number) => number): ProcessSample[] =>
  Array.from({ length: seconds }, (_u, i) => ({ at: from + (i + 1) * 1000, cpu: { server: cpu(i) / 2, asterisk: cpu(i) / 2, sipp: 5 }, rssMb: { server: 150, asterisk: 90, sipp: 10 }, machineCpu: cpu(i) + 5 }));

function input(overrides: Partial<AnalysisInput> = {}): AnalysisInput {
  const windows: StepWindow[] = [
    { index: 1, rate: 2, startedAt: T, endedAt: T + 30_000, sipp: { created: 3, successful: 3, failed: 0 } },
    { index: 2, rate: 4, startedAt: T + 30_000, endedAt: T + 60_000, sipp: { created: 3, successful: 2, failed: 1 } },
  ];
  const callsByStep = new Map([
    [1, [call('1', T + 1000), call('2', T + 2000), call('3', T + 3000)]],
    [2, [call('4', T + 31_000), call('5', T + 32_000), call('6', T + 33_000, { agent: false })]],
  ]);
  return {
    windows,
    callsByStep,
    concurrency: Array.from({ length: 70 }, (_u, i) => (i < 30 ? 10 + i : 100 + i)),
    seriesFrom: T,
    samples: samples(T, 70, (i) => (i < 30 ? 40 : 90)),
    sut: ['server', 'asterisk'],
    keys: ['1', '3', '1'],
    cpuLimit: 80,
    ...overrides,
  };
}

describe('load analysis', () => {
  it('calls a step sustained only when every call of it went the whole way', () => {
    const result = analyseSystem(input());
    expect(result.steps.map((s) => [s.index, s.sustained, s.sipFailed, s.pathFailed])).toEqual([
      [1, true, 0, 0],
      [2, false, 1, 1],
    ]);
    expect(result.sustainedCallsPerSecond).toBe(2);
  });

  it('refuses a step whose callers waited over a second for the greeting, or that lost a call before Asterisk', () => {
    const slow = input({ callsByStep: new Map([[1, [call('1', T + 1000, { firstPromptMs: 1500 }), call('2', T + 2000), call('3', T + 3000)]]]) });
    expect(analyseSystem(slow).steps[0]?.sustained).toBe(false);
    const missing = input({ callsByStep: new Map([[1, [call('1', T + 1000), call('2', T + 2000)]]]) });
    expect(analyseSystem(missing).steps[0]?.sustained).toBe(false);
  });

  it('takes the most calls at once of a sustained step whose steady-state CPU stayed under the limit', () => {
    const result = analyseSystem(input());
    expect(result.maxConcurrentCalls).toEqual({ calls: 39, sutCpu: 40, step: 1 });
    // A moment under the limit does not count when the step's steady state was over it.
    const hot = analyseSystem(input({ samples: samples(T, 70, (i) => (i % 3 === 0 ? 60 : 95)) }));
    expect(hot.maxConcurrentCalls).toEqual({ calls: 0, sutCpu: 0, step: null });
  });

  it('averages CPU over the last third of each step and summarises each process', () => {
    const result = analyseSystem(input());
    expect(result.steps[0]).toMatchObject({ sutCpu: 40, machineCpu: 45, concurrentCalls: 39 });
    expect(result.resources.sipp).toEqual({ cpuMean: 5, cpuMax: 5, rssMaxMb: 10 });
  });

  it('times the calls of sustained steps only, with pops and tickets matched to them', () => {
    const result = analyseSystem(
      input({
        pops: [{ callId: '1', number: '13101000001', offeredAt: T + 5508, receivedAt: T + 5511 }, { callId: '4', number: '13101000004', offeredAt: T, receivedAt: T + 900 }],
        tickets: [{ callId: '2', at: T + 2000 + 30_007 }],
      }),
    );
    expect(result.latencies.inviteToFirstPrompt.count).toBe(3);
    expect(result.latencies.keyToNextPrompt).toMatchObject({ count: 6, p99: 3 });
    expect(result.latencies.enqueueToOffer).toMatchObject({ count: 3, p50: 8 });
    expect(result.latencies.offerToPop).toMatchObject({ count: 1, p99: 3 });
    expect(result.latencies.hangupToTicket).toMatchObject({ count: 1, p99: 7 });
  });

  it('gives each step the p99 of its own calls, and finds the busiest step up to which every latency target held', () => {
    const slowTicket = input({
      windows: [
        { index: 1, rate: 2, startedAt: T, endedAt: T + 30_000, sipp: { created: 3, successful: 3, failed: 0 } },
        { index: 2, rate: 4, startedAt: T + 30_000, endedAt: T + 60_000, sipp: { created: 3, successful: 3, failed: 0 } },
      ],
      callsByStep: new Map([
        [1, [call('1', T + 1000), call('2', T + 2000), call('3', T + 3000)]],
        [2, [call('4', T + 31_000), call('5', T + 32_000), call('6', T + 33_000)]],
      ]),
      pops: [{ callId: '1', number: '13101000001', offeredAt: T, receivedAt: T + 4 }, { callId: '4', number: '13101000004', offeredAt: T, receivedAt: T + 12 }],
      tickets: [{ callId: '1', at: T + 1000 + 30_009 }, { callId: '4', at: T + 31_000 + 30_040 }],
    });
    const steps = analyseSystem(slowTicket).steps;
    expect(steps.map((s) => s.p99)).toEqual([
      { keyToNextPrompt: 3, enqueueToOffer: 8, offerToPop: 4, hangupToTicket: 9 },
      { keyToNextPrompt: 3, enqueueToOffer: 8, offerToPop: 12, hangupToTicket: 40 },
    ]);
    expect(latencyTargetsHold(steps)?.rate).toBe(2);
    expect(latencyTargetsHold(steps.slice(1))).toBeNull();
  });
});

describe('one ticket per call', () => {
  const calls = [call('1', T), call('2', T), call('3', T)];
  it('finds a call without its ticket, and a second ticket for a call or a caller', () => {
    const tickets = [
      { callId: '1', callerNumber: calls[0]!.number },
      { callId: '2', callerNumber: calls[1]!.number },
      { callId: '2-again', callerNumber: calls[1]!.number },
      { callId: 'other', callerNumber: '13900000001' },
    ];
    expect(checkTickets(calls, tickets)).toEqual({ calls: 3, tickets: 3, lost: 1, duplicated: 1, stillUp: 0 });
    expect(checkTickets(calls, tickets.slice(0, 2).concat({ callId: '3', callerNumber: calls[2]!.number }))).toEqual({ calls: 3, tickets: 3, lost: 0, duplicated: 0, stillUp: 0 });
  });

  it('counts a call still up at the end apart, not as lost', () => {
    const up = { ...call('4', T), destroyedAt: null };
    expect(checkTickets([...calls, up], [{ callId: '1', callerNumber: calls[0]!.number }, { callId: '2', callerNumber: calls[1]!.number }, { callId: '3', callerNumber: calls[2]!.number }])).toEqual({ calls: 4, tickets: 3, lost: 0, duplicated: 0, stillUp: 1 });
  });
});
