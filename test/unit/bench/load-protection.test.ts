import { describe, expect, it } from 'vitest';
import type { CitizenCall } from '../../../bench/load/call-timelines.js';
import type { StepResult } from '../../../bench/load/load-analysis.js';
import { protectedCallsPerSecond, routeOf, silentCall, stepProtection, type ProtectionInput } from '../../../bench/load/load-protection.js';
import type { LoadReport, SystemReport } from '../../../bench/load/load-types.js';
import { protectionLines, protectionVerdict } from '../../../bench/load/protection-report.js';

const T = Date.parse('2026-12-03T08:00:00.000Z');

/** A call answered at `invitedAt + 2`; shed ones carry the dialplan's mark and hear the welcome, then the fallback prompt. */
function call(id: string, opts: { shed?: boolean; greetingMs?: number | null; ended?: boolean } = {}): CitizenCall {
  const greeting = opts.greetingMs === undefined ? 5 : opts.greetingMs;
  const first = greeting === null ? null : T + 2 + greeting;
  return {
    channelId: id, number: `131020${id.padStart(5, '0')}`, invitedAt: T, answeringAt: T + 1, upAt: T + 2, dialplanAnswer: opts.shed ? 'shed' : null, firstPromptAt: first,
    prompts: first === null ? [] : opts.shed ? [{ name: 'welcome', at: first }, { name: 'fallback_transfer', at: first + 4470 }] : [{ name: 'main_menu', at: first }],
    keys: [], agentChannelId: `${id}-agent`, offeredAt: T + 8000, answeredAt: T + 8500, agentHangupAt: T + 38_500, hangupAt: T + 38_600, destroyedAt: opts.ended === false ? null : T + 38_601, qos: null, agentQos: null,
  };
}

const ticket = (c: CitizenCall) => ({ callId: c.channelId, callerNumber: c.number });

function input(calls: CitizenCall[], overrides: Partial<ProtectionInput> = {}): ProtectionInput {
  return { calls, placed: calls.length, greetingP99Ms: 40, mediaIntact: true, observerDrops: 0, tickets: calls.map(ticket), ...overrides };
}

describe('overload protection in the load benchmark', () => {
  const served = [call('1'), call('2')];
  const shed = [call('3', { shed: true }), call('4', { shed: true })];

  it("calls a call shed when the dialplan marked it, and silent when nothing played within a second of Asterisk's answer", () => {
    expect([...served, ...shed].map(routeOf)).toEqual(['served', 'served', 'shed', 'shed']);
    expect(silentCall(call('5', { greetingMs: 1000 }))).toBe(false);
    expect(silentCall(call('6', { greetingMs: 1001 }))).toBe(true);
    expect(silentCall(call('7', { greetingMs: null }))).toBe(true);
  });

  it('protects a step whose callers, served or shed, were all greeted in time, none silent, each with one ticket', () => {
    const p = stepProtection(input([...served, ...shed]));
    expect(p).toMatchObject({ served: 2, shed: 2, shedBy: { shed: 2 }, shedToAgent: 2, silent: 0, protected: true, shortOf: [] });
    expect(p.tickets).toEqual({ served: { calls: 2, tickets: 2, lost: 0, duplicated: 0, stillUp: 0 }, shed: { calls: 2, tickets: 2, lost: 0, duplicated: 0, stillUp: 0 } });
  });

  it('does not protect a step with a silent call, a late greeting, a shed ticket lost or doubled, a call still up, lost media or lost events', () => {
    const all = [...served, ...shed];
    const reasons = (overrides: Partial<ProtectionInput>, calls = all): readonly string[] => stepProtection(input(calls, overrides)).shortOf;
    expect(reasons({}, [...all, call('8', { greetingMs: null })])).toEqual(['1 calls silent']);
    expect(reasons({ greetingP99Ms: 1200 })).toEqual(['greeting p99 1200 ms']);
    expect(reasons({ tickets: all.slice(0, 3).map(ticket) })).toEqual(['shed tickets: 1 lost']);
    expect(reasons({ tickets: [...all.map(ticket), { callId: 'other', callerNumber: shed[0]!.number }] })).toEqual(['shed tickets: 1 duplicated']);
    expect(reasons({ tickets: all.slice(1).map(ticket) }, [...all.slice(1), call('1', { ended: false })])).toEqual(['served tickets: 1 calls still up']);
    expect(reasons({ mediaIntact: false, observerDrops: 1, placed: 5 })).toEqual(['1 calls never reached Asterisk', 'media not intact', "the observer's socket dropped (events lost)"]);
    expect(reasons({ placed: 0 }, [])).toContain('no call placed');
  });

  it('gives the highest protected rate, and judges the target on the steps past the sustained rate', () => {
    const step = (rate: number, p: boolean, sustained: boolean, shedCalls: number, busy = 0): StepResult =>
      ({ rate, callsPlaced: 10, shed: shedCalls, sustained, protection: { ...stepProtection(input(served)), shed: shedCalls, shedBy: busy > 0 ? { shed: shedCalls - busy, busy } : {}, protected: p, shortOf: p ? [] : ['1 calls silent'] } }) as unknown as StepResult;
    const steps = [step(2, true, true, 0), step(4, true, false, 3), step(6, false, false, 8, 5)];
    expect(protectedCallsPerSecond(steps)).toBe(4);
    expect(protectedCallsPerSecond([{ rate: 2 }])).toBe(0);
    // Only what the verdict and the lines read of a report.
    const system = { analysis: { steps, sustainedCallsPerSecond: 2, protectedCallsPerSecond: 4 } } as unknown as SystemReport;
    const report = { runs: [{ run: 1, systems: { hotline: system } }] } as unknown as LoadReport;
    expect(protectionVerdict(report)).toMatchObject({ value: '1 of 2 steps past the sustained rate protected (11 of 20 calls shed)', met: false });
    const lines = protectionLines(report);
    expect(lines).toContain('| 1 | 4 | 10 | 2 | 3 (0; 0) | 0 | 40 | 2/2 | 0/0 | yes | yes |');
    expect(lines).toContain('| 1 | 6 | 10 | 2 | 8 (0; 5) | 0 | 40 | 2/2 | 0/0 | yes | **no**: 1 calls silent |');
    expect(lines).toContain('- run 1: the highest rate protected: 4 calls/s (sustained by the server: 2 calls/s; 11 calls shed over the ramp).');
    expect(protectionVerdict({ runs: [{ run: 1, systems: { hotline: { analysis: { steps: steps.slice(0, 1), sustainedCallsPerSecond: 2 } } } }] } as unknown as LoadReport).met).toBeNull();
    expect(protectionLines({ runs: [{ run: 1, systems: {} }] } as unknown as LoadReport)).toEqual([]);
  });
});
