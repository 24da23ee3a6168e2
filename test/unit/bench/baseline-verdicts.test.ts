import { describe, expect, it } from 'vitest';
import { baselineVerdicts } from '../../../bench/load/baseline-verdicts.js';
import { spread, type StepSpread, type SystemSpread } from '../../../bench/load/run-summary.js';

interface StepFigures {
  readonly rate: number;
  readonly sustained: readonly boolean[];
  readonly key: readonly number[];
  readonly greeting: readonly number[];
  readonly cpu: readonly number[];
}

function step(f: StepFigures): StepSpread {
  const none = spread([]);
  return {
    rate: f.rate,
    runs: f.sustained.length,
    sustainedRuns: f.sustained.filter(Boolean).length,
    sustainedSetAsideRuns: f.sustained.filter(Boolean).length,
    placed: none,
    failed: none,
    shed: none,
    protectedRuns: 0,
    p99: { inviteToAnswer: none, inviteToGreeting: spread(f.greeting), keyToNextPrompt: spread(f.key), enqueueToOffer: none, offerToPop: none, hangupToTicket: none },
    lossPercent: none,
    recordingsOff: none,
    concurrentCalls: none,
    cpu: { sut: none, machine: none, others: none, sutPerCallMs: spread(f.cpu), machinePerCallMs: none },
    taskprocessorAlerts: none,
    deepestQueue: none,
  };
}

function system(name: 'hotline' | 'baseline', steps: readonly StepFigures[]): SystemSpread {
  const none = spread([]);
  return {
    system: name,
    runs: 3,
    sustainedCallsPerSecond: none,
    sustainedSetAsideCallsPerSecond: none,
    protectedCallsPerSecond: none,
    maxConcurrentCalls: none,
    latencyP99: { inviteToAnswer: none, inviteToGreeting: none, keyToNextPrompt: none, enqueueToOffer: none, promptToKey: none, offerToPop: none, hangupToTicket: none },
    steps: steps.map(step),
  };
}

const yes = [true, true, true];

describe('the targets against the baseline, rate by rate', () => {
  const base = system('baseline', [
    { rate: 3, sustained: yes, key: [3, 5, 8], greeting: [20, 30, 40], cpu: [210, 220, 230] },
    { rate: 5, sustained: yes, key: [10, 25, 30], greeting: [30, 40, 50], cpu: [200, 210, 215] },
    { rate: 7, sustained: [false, false, true], key: [12, 14, 16], greeting: [900, 1000, 3000], cpu: [190, 200, 210] },
  ]);

  it('passes when the hotline is within the key target where the baseline is, and inside the baseline\'s spread elsewhere', () => {
    const ours = system('hotline', [
      { rate: 3, sustained: yes, key: [5, 6, 9], greeting: [10, 12, 50], cpu: [220, 225, 240] },
      // The baseline's key → prompt is over 20 ms here: the hotline's is not judged at this rate.
      { rate: 5, sustained: yes, key: [22, 40, 50], greeting: [35, 45, 60], cpu: [205, 212, 300] },
      { rate: 7, sustained: [true, false, true], key: [15, 18, 19], greeting: [100, 200, 300], cpu: [500, 500, 500] },
    ]);
    const [key, greeting, cpu, paused] = baselineVerdicts(ours, base, 20, []);
    expect(key).toEqual({ target: expect.stringContaining('≤ 20 ms') as string, value: '3/s: 6.0 (baseline 5.0) ms; 7/s: 18.0 (baseline 14.0) ms', met: true });
    // Rate 7 is not compared: the baseline sustained it in one run of three.
    expect(greeting?.value).toBe('3/s: 12 vs 30 (≤ 40) ms; 5/s: 45 vs 40 (≤ 50) ms');
    expect(greeting?.met).toBe(true);
    expect(cpu?.value).toBe('3/s: 225 vs 220 (≤ 230) ms; 5/s: 212 vs 210 (≤ 215) ms');
    expect(cpu?.met).toBe(true);
    expect(paused).toEqual({ target: 'no agent paused by the system (all runs)', value: '0', met: true });
  });

  it('fails on a key over the target where the baseline is within it, a greeting or CPU over the baseline\'s highest run, and any pause', () => {
    const ours = system('hotline', [
      { rate: 3, sustained: yes, key: [15, 21, 30], greeting: [41, 45, 50], cpu: [231, 240, 250] },
      { rate: 5, sustained: yes, key: [5, 5, 5], greeting: [10, 10, 10], cpu: [100, 100, 100] },
    ]);
    const [key, greeting, cpu, paused] = baselineVerdicts(ours, base, 20, [
      { agentId: '7001', reason: 'no_answer', at: 1 },
      { agentId: '7002', reason: 'no_answer', at: 2 },
    ]);
    expect(key?.met).toBe(false);
    expect(greeting?.met).toBe(false);
    expect(cpu?.met).toBe(false);
    expect(paused).toEqual({ target: 'no agent paused by the system (all runs)', value: '2 (no_answer)', met: false });
  });

  it('a rate the hotline served no key at (every call shed) is not a pass', () => {
    const ours = system('hotline', [{ rate: 3, sustained: [false, false, false], key: [], greeting: [100, 100, 100], cpu: [1, 1, 1] }]);
    const [key, greeting] = baselineVerdicts(ours, base, 20, undefined);
    expect(key?.met).toBe(false);
    expect(greeting).toEqual({ target: expect.any(String) as string, value: 'not measured (no rate sustained by both)', met: null });
  });

  it('says so when nothing was measured', () => {
    const verdicts = baselineVerdicts(undefined, base, 20, undefined);
    expect(verdicts.map((v) => v.met)).toEqual([null, null, null, null]);
    expect(verdicts[3]?.value).toBe('not measured');
  });
});
