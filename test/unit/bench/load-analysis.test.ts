import { describe, expect, it } from 'vitest';
import type { CitizenCall, JourneyStep } from '../../../bench/load/call-timelines.js';
import { analyseSystem, checkTickets, type AnalysisInput, type StepWindow } from '../../../bench/load/load-analysis.js';
import type { ProcessSample } from '../../../bench/load/process-sampler.js';
import { latencyTargetsHold } from '../../../bench/load/load-report.js';
import type { SippCallLog } from '../../../bench/load/sipp-log.js';

const T = Date.parse('2026-12-01T08:00:00.000Z');
const JOURNEY: JourneyStep[] = [
  { prompt: 'main_menu', key: '1', leadsTo: 'prompt' },
  { prompt: 'consult_menu', key: '3', leadsTo: 'prompt' },
  { prompt: 'help_menu', key: '1', leadsTo: 'queue' },
  { prompt: 'survey_question', key: '1', leadsTo: 'prompt' },
];
const qos = (lost: number, received: number): string => `ssrc=1;themssrc=2;lp=${lost};rxjitter=0.000100;rxcount=${received};txjitter=0;txcount=${received};rlp=0`;

interface CallOptions {
  readonly firstPromptMs?: number | null;
  readonly agent?: boolean;
  readonly lost?: number;
  readonly keyBeforePrompt?: boolean;
}

/** A call that went the whole way: three menu keys 1.5 s after their prompts, 10 s in line, 30 s of talk, the survey. */
function call(id: string, invitedAt: number, opts: CallOptions = {}): CitizenCall {
  const first = opts.firstPromptMs === undefined ? 5 : opts.firstPromptMs;
  const promptAt = (i: number): number => (i < 3 ? invitedAt + (first ?? 0) + 1503 * i : invitedAt + 46_000);
  const agent = opts.agent !== false;
  return {
    channelId: id,
    number: `131010${id.padStart(5, '0')}`,
    invitedAt,
    answeringAt: invitedAt,
    upAt: invitedAt + 1,
    dialplanAnswer: null,
    firstPromptAt: first === null ? null : invitedAt + first,
    prompts: agent ? [{ name: 'survey_question', at: promptAt(3) }] : [],
    keys: JOURNEY.map((step, i) => ({ digit: step.key, at: promptAt(i) + 1500, promptAt: i === 2 && opts.keyBeforePrompt ? null : promptAt(i), nextPromptAt: step.leadsTo === 'prompt' ? promptAt(i) + 1503 : null })),
    agentChannelId: agent ? `${id}-agent` : null,
    offeredAt: agent ? promptAt(2) + 1500 + 10_008 : null,
    answeredAt: agent ? promptAt(2) + 1500 + 10_500 : null,
    agentHangupAt: agent ? promptAt(2) + 1500 + 40_500 : null,
    hangupAt: invitedAt + 50_000,
    destroyedAt: invitedAt + 50_001,
    qos: qos(0, 2500),
    agentQos: agent ? qos(opts.lost ?? 0, 1500 - (opts.lost ?? 0)) : null,
  };
}

const samples = (from: number, seconds: number, cpu: (i: number) => number): ProcessSample[] =>
  Array.from({ length: seconds }, (_u, i) => ({ at: from + (i + 1) * 1000, cpu: { server: cpu(i) / 2, asterisk: cpu(i) / 2, sipp: 5 }, rssMb: { server: 150, asterisk: 90, sipp: 10 }, machineCpu: cpu(i) + 5 }));

/** SIPp sent each INVITE 20 ms before Asterisk made the channel, and had its 200 OK 10 ms after. */
function sippLog(calls: readonly CitizenCall[]): Map<string, SippCallLog> {
  return new Map(calls.map((c) => [c.number, { number: c.number, inviteAt: c.invitedAt - 20, answeredAt: c.invitedAt - 10, marks: [], keys: [], endedAt: null, gaveUp: false }]));
}

const window = (index: number, rate: number, startedAt: number, created: number, failed = 0): StepWindow => ({
  index, rate, startedAt, endedAt: startedAt + 30_000, drainedAt: startedAt + 60_000, sipp: { created, successful: created - failed, failed },
});

function input(overrides: Partial<AnalysisInput> = {}): AnalysisInput {
  const callsByStep = overrides.callsByStep ?? new Map([
    [1, [call('1', T + 1000), call('2', T + 2000), call('3', T + 3000)]],
    [2, [call('4', T + 61_000), call('5', T + 62_000), call('6', T + 63_000, { agent: false })]],
  ]);
  const all = [...callsByStep.values()].flat();
  return {
    windows: [window(1, 2, T, 3), window(2, 4, T + 60_000, 3, 1)],
    callsByStep,
    concurrency: Array.from({ length: 130 }, (_u, i) => (i < 60 ? 10 + i : 100 + i)),
    seriesFrom: T,
    samples: samples(T, 130, (i) => (i < 60 ? 40 : 90)),
    cores: 2,
    sut: ['server', 'asterisk'],
    journey: JOURNEY,
    cpuLimit: 80,
    sippLog: sippLog(all),
    recordingMs: new Map(all.map((c) => [c.channelId, 30_000])),
    taskprocessorSamples: [
      { at: T + 1000, depths: { 'pjsip/default': 3, 'stasis/m:manager:core': 1 } },
      { at: T + 2000, depths: { 'pjsip/default': 40 } },
      { at: T + 61_000, depths: { 'stasis/p:channel:all': 500 } },
    ],
    taskprocessorAlerts: [{ at: T + 61_500, processor: 'stasis/p:channel:all-00000012', depth: 500 }],
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
    expect(result.steps[1]?.pathFaults).toEqual({ 'no agent answered': 1 });
    expect(result.steps[1]?.shortOf).toContain('2 calls failed (no agent answered: 1)');
    expect(result.sustainedCallsPerSecond).toBe(2);
  });

  it('refuses a step whose callers waited over a second from their INVITE for the greeting, or that lost a call before Asterisk', () => {
    const slow = input({ callsByStep: new Map([[1, [call('1', T + 1000, { firstPromptMs: 985 }), call('2', T + 2000), call('3', T + 3000)]]]) });
    const step = analyseSystem(slow).steps[0];
    expect(step?.p99.inviteToGreeting).toBe(1005);
    expect(step?.sustained).toBe(false);
    const missing = input({ callsByStep: new Map([[1, [call('1', T + 1000), call('2', T + 2000)]]]) });
    expect(analyseSystem(missing).steps[0]?.shortOf).toContain('1 calls never reached Asterisk');
  });

  it('refuses a step whose media was not intact: RTP loss over 1%, a recording off its talk time, a side unmeasured', () => {
    const lossy = analyseSystem(input({ callsByStep: new Map([[1, [call('1', T + 1000, { lost: 200 }), call('2', T + 2000), call('3', T + 3000)]]]) })).steps[0];
    expect(lossy?.media).toMatchObject({ intact: false, sidesWithoutQos: 0 });
    expect(lossy?.media.lossShare).toBeCloseTo(200 / 12_000, 6);
    expect(lossy?.media.worstLossShare).toBeCloseTo(200 / 1500, 6);
    const calls = [call('1', T + 1000), call('2', T + 2000), call('3', T + 3000)];
    const shortRecording = analyseSystem(input({ callsByStep: new Map([[1, calls]]), recordingMs: new Map([['1', 30_000], ['2', 29_400], ['3', 30_000]]) })).steps[0];
    expect(shortRecording?.media).toMatchObject({ intact: false, recordingsOff: 1, recordingOffsetMaxMs: 600 });
    const unmeasured = analyseSystem(input({ callsByStep: new Map([[1, [{ ...calls[0]!, qos: null }, calls[1]!, calls[2]!]]]) })).steps[0];
    expect(unmeasured?.media).toMatchObject({ intact: false, sidesWithoutQos: 1 });
    expect(analyseSystem(input()).steps[0]?.media).toMatchObject({ intact: true, lossShare: 0, recordings: 3, recordingsOff: 0 });
  });

  it('tells which steps were short only by calls whose survey never played, the fault set aside', () => {
    const noSurvey = (id: string, at: number): CitizenCall => ({ ...call(id, at), prompts: [] });
    const windows = [window(1, 2, T, 3, 1), window(2, 4, T + 60_000, 3, 1)];
    const result = analyseSystem(input({ windows, callsByStep: new Map([[1, [noSurvey('1', T + 1000), call('2', T + 2000), call('3', T + 3000)]], [2, [noSurvey('4', T + 61_000), call('5', T + 62_000), call('6', T + 63_000, { agent: false })]]]) }));
    expect(result.steps.map((s) => [s.sustained, s.sustainedSetAside, s.pathFaults])).toEqual([
      [false, true, { 'the survey never played': 1 }],
      [false, false, { 'the survey never played': 1, 'no agent answered': 1 }],
    ]);
    expect(result.sustainedCallsPerSecond).toBe(0);
    expect(result.sustainedSetAsideCallsPerSecond).toBe(2);
  });

  it('counts keys pressed before their prompt began, and such a call is a failed path', () => {
    const step = analyseSystem(input({ callsByStep: new Map([[1, [call('1', T + 1000, { keyBeforePrompt: true }), call('2', T + 2000), call('3', T + 3000)]]]) })).steps[0];
    expect(step).toMatchObject({ pathFailed: 1, pathFaults: { 'a key before its prompt': 1 }, sustained: false, keys: { beforePrompt: 1, promptToKeyP50: 1500, promptToKeyMin: 1500 } });
  });

  it('takes the most calls at once of a sustained step whose steady-state CPU stayed under the limit', () => {
    expect(analyseSystem(input()).maxConcurrentCalls).toEqual({ calls: 39, sutCpu: 40, step: 1 });
    // A moment under the limit does not count when the step's steady state was over it.
    const hot = analyseSystem(input({ samples: samples(T, 130, (i) => (i % 3 === 0 ? 60 : 95)) }));
    expect(hot.maxConcurrentCalls).toEqual({ calls: 0, sutCpu: 0, step: null });
  });

  it('averages CPU over the last third of each step, spreads the step\'s whole CPU over its calls, and summarises each process', () => {
    const result = analyseSystem(input());
    // 40% of 2 cores for the 59 samples up to the step's drain (one more lands on its end), over 3 calls.
    expect(result.steps[0]?.cpu).toEqual({ sut: 40, machine: 45, others: 0, sutPerCallMs: Math.round((59 * 0.4 * 2 * 1000) / 3), machinePerCallMs: Math.round((59 * 0.45 * 2 * 1000) / 3) });
    expect(result.steps[0]?.concurrentCalls).toBe(39);
    expect(result.resources.sipp).toEqual({ cpuMean: 5, cpuMax: 5, rssMaxMb: 10 });
  });

  it('reports the deepest task-processor queues of each step and the alerts Asterisk logged in it', () => {
    const [first, second] = analyseSystem(input()).steps;
    expect(first?.taskprocessors).toEqual({ samples: 2, top: [{ group: 'pjsip/default', max: 40, p99: 40 }, { group: 'stasis/m:manager:core', max: 1, p99: 1 }], alerts: 0 });
    expect(second?.taskprocessors).toMatchObject({ samples: 1, top: [{ group: 'stasis/p:channel:all', max: 500 }], alerts: 1 });
  });

  it('sets shed calls apart from broken paths: the step is not sustained, and with the tickets given, each step says whether it was protected', () => {
    const shed = { ...call('7', T + 1500, { agent: true }), dialplanAnswer: 'shed', keys: [], prompts: [{ name: 'welcome', at: T + 1505 }, { name: 'fallback_transfer', at: T + 5975 }] };
    const step1 = [call('1', T + 1000), call('2', T + 2000), call('3', T + 3000), shed];
    const all = [...step1, call('4', T + 61_000), call('5', T + 62_000), call('6', T + 63_000, { agent: false })];
    const base = input({ callsByStep: new Map([[1, step1], [2, all.slice(4)]]), windows: [window(1, 2, T, 4), window(2, 4, T + 60_000, 3, 1)], sippLog: sippLog(all) });
    const result = analyseSystem(base);
    expect(result.steps[0]).toMatchObject({ shed: 1, pathFailed: 0, pathFaults: {}, sustained: false, shortOf: ['1 calls shed to the dialplan (overload protection)'] });
    // The fallback queue records the shed caller's conversation too: four recordings to check.
    expect(result.steps[0]?.media).toMatchObject({ calls: 4, recordings: 4, recordingsOff: 0 });
    expect(result.steps[0]?.protection).toBeUndefined();
    expect(result.protectedCallsPerSecond).toBeUndefined();
    // The shed call's ticket comes from Asterisk's records: it is not a hang-up → commit time.
    const rows = all.map((c) => ({ callId: c.channelId, callerNumber: c.number }));
    const ours = analyseSystem({ ...base, ticketRows: rows, tickets: [{ callId: '7', at: T + 70_000, reason: 'shed' }] });
    expect(ours.steps[0]?.protection).toMatchObject({ served: 3, shed: 1, shedToAgent: 1, silent: 0, protected: true });
    expect(ours.steps[1]?.protection).toMatchObject({ served: 3, shed: 0, protected: true });
    expect(ours.protectedCallsPerSecond).toBe(4);
    expect(ours.latencies.hangupToTicket?.count).toBe(0);
  });

  it('times the calls of sustained steps only, from SIPp\'s INVITE, with pops and tickets matched to them', () => {
    const result = analyseSystem(
      input({
        pops: [{ callId: '1', number: '13101000001', offeredAt: T + 5508, receivedAt: T + 5511 }, { callId: '4', number: '13101000004', offeredAt: T, receivedAt: T + 900 }],
        tickets: [{ callId: '2', at: T + 2000 + 50_007 }],
      }),
    );
    expect(result.latencies.inviteToAnswer).toMatchObject({ count: 3, p99: 10 });
    expect(result.latencies.inviteToGreeting).toMatchObject({ count: 3, p99: 25 });
    expect(result.latencies.keyToNextPrompt).toMatchObject({ count: 9, p99: 3 });
    expect(result.latencies.enqueueToOffer).toMatchObject({ count: 3, p50: 10_008 });
    expect(result.latencies.promptToKey).toMatchObject({ count: 12, p50: 1500 });
    expect(result.latencies.offerToPop).toMatchObject({ count: 1, p99: 3 });
    expect(result.latencies.hangupToTicket).toMatchObject({ count: 1, p99: 7 });
  });

  it('gives each step the p99 of its own calls, and finds the busiest step up to which every latency target held', () => {
    const slowTicket = input({
      windows: [window(1, 2, T, 3), window(2, 4, T + 60_000, 3)],
      callsByStep: new Map([
        [1, [call('1', T + 1000), call('2', T + 2000), call('3', T + 3000)]],
        [2, [call('4', T + 61_000), call('5', T + 62_000), call('6', T + 63_000)]],
      ]),
      pops: [{ callId: '1', number: '13101000001', offeredAt: T, receivedAt: T + 4 }, { callId: '4', number: '13101000004', offeredAt: T, receivedAt: T + 12 }],
      tickets: [{ callId: '1', at: T + 1000 + 50_009 }, { callId: '4', at: T + 61_000 + 50_040 }],
    });
    const steps = analyseSystem(slowTicket).steps;
    expect(steps.map((s) => s.p99)).toEqual([
      { inviteToAnswer: 10, inviteToGreeting: 25, keyToNextPrompt: 3, enqueueToOffer: 10_008, offerToPop: 4, hangupToTicket: 9 },
      { inviteToAnswer: 10, inviteToGreeting: 25, keyToNextPrompt: 3, enqueueToOffer: 10_008, offerToPop: 12, hangupToTicket: 40 },
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
