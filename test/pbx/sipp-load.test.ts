// The load benchmark's machinery on the real Asterisk, at a small scale: SIPp citizens with RTP and
// RFC 4733 keys through the hotline (its server as a process of its own, agents' desktops connected)
// and through the dialplan + app_queue baseline, SIPp answering as the agents' phones. Every call
// must go the whole way with its ticket and recording, and every figure of the report be measured,
// so `npm run bench` reports what it claims to.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runLoadBench, type LoadBenchResult } from '../../bench/load/load-bench.js';
import { TEST_PORT_SHIFT } from '../helpers/test-pbx-settings.js';

const s = TEST_PORT_SHIFT;
const ports = { ari: 18388 + s, ami: 15338 + s, sip: 15360 + s, rtpStart: 34000 + s * 10, rtpPorts: 2000, agentSip: 16370 + s, agentMedia: 16380 + s, citizenSip: 16400 + s, citizenMedia: 16500 + s, http: 3391 + s };
const resultsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-load-test-'));
const CALLS = 8;

describe('SIPp load benchmark on the real Asterisk', () => {
  let result: LoadBenchResult;
  afterAll(() => fs.rmSync(resultsDir, { recursive: true, force: true }));

  it(
    'runs a step through the hotline and the app_queue baseline, every call the whole way',
    async () => {
      result = await runLoadBench({
        rates: [1],
        stepSeconds: CALLS,
        talkSeconds: 2,
        agents: 4,
        wrapUpSeconds: 1,
        concurrencyLimit: 20,
        systems: ['hotline', 'baseline'],
        cpuLimit: 80,
        warmUpCalls: 0,
        resultsDir,
        instance: 'loadtest',
        ports,
        log: () => undefined,
      });
      for (const name of ['hotline', 'baseline'] as const) {
        const step = result.report.systems[name]?.analysis.steps[0];
        expect(step, name).toMatchObject({ rate: 1, callsPlaced: CALLS, sipFailed: 0, pathFailed: 0, sustained: true });
        expect(result.report.systems[name]?.analysis.sustainedCallsPerSecond).toBe(1);
      }
    },
    240_000,
  );

  it('gives every hotline call one ticket and a measured recording', () => {
    const hotline = result.report.systems.hotline;
    expect(hotline?.tickets).toEqual({ calls: CALLS, tickets: CALLS, lost: 0, duplicated: 0, stillUp: 0 });
    expect(hotline?.recordings).toEqual({ ready: CALLS, other: 0 });
    expect(result.report.systems.baseline?.recordings?.ready).toBe(CALLS);
  });

  it('times every key, greeting, offer, pop and ticket of the hotline, and the baseline the same way', () => {
    const ours = result.report.systems.hotline?.analysis.latencies;
    expect(ours?.inviteToFirstPrompt.count).toBe(CALLS);
    expect(ours?.keyToNextPrompt.count).toBe(2 * CALLS);
    expect(ours?.enqueueToOffer.count).toBe(CALLS);
    expect(ours?.offerToPop?.count).toBe(CALLS);
    expect(ours?.hangupToTicket?.count).toBe(CALLS);
    for (const summary of [ours?.keyToNextPrompt, ours?.offerToPop, ours?.hangupToTicket]) expect(summary?.p99).toBeGreaterThanOrEqual(0);
    const base = result.report.systems.baseline?.analysis.latencies;
    expect(base?.keyToNextPrompt.count).toBe(2 * CALLS);
    expect(base?.enqueueToOffer.count).toBe(CALLS);
    expect(base?.offerToPop).toBeUndefined();
  });

  it('writes the JSON (and latest.json), the markdown table and the chart', () => {
    const json = JSON.parse(fs.readFileSync(result.files.json, 'utf8')) as { bench: string; verdicts: { target: string; met: boolean | null }[]; systems: Record<string, { series: unknown[] }> };
    expect(json.bench).toBe('sipp-load');
    expect(json.verdicts.find((v) => v.target.startsWith('0 tickets lost'))?.met).toBe(true);
    expect(json.systems.hotline?.series.length).toBeGreaterThan(CALLS);
    expect(fs.readFileSync(path.join(resultsDir, 'latest.json'), 'utf8')).toBe(fs.readFileSync(result.files.json, 'utf8'));
    expect(fs.readFileSync(result.files.markdown, 'utf8')).toContain('| hotline | 1 | 1 | 8 | 0 | 0 |');
    expect(result.files.png).not.toBeNull();
    expect(fs.readFileSync(result.files.png as string).subarray(1, 4).toString()).toBe('PNG');
  });
});
