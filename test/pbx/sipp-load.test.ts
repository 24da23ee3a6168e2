// The load benchmark's machinery on the real Asterisk, at a small scale: SIPp citizens with RTP,
// each key sent after its prompt's mark, through the hotline (its server as a process of its own,
// agents' desktops connected) and through the dialplan + app_queue baseline, SIPp answering as the
// agents' phones and hanging up for the survey. Every call must go the whole way with its ticket
// and recording, and every figure of the report be measured (SIPp's INVITE → 200, the media's RTP
// loss and recording lengths, CPU per call, task-processor depths), so `npm run bench` reports
// what it claims to. The hotline runs with overload protection off there, so every call goes
// through the server whatever the machine's load; a second, tiny hotline run forces shedding
// through the admission settings and checks that its calls are seen as shed, greeted by the
// dialplan, answered by an agent through the fallback queue, and given one ticket each. Like every
// pbx test, it runs under `flock /tmp/hotline-pbx.lock` on shared machines.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SET_ASIDE_FAULT } from '../../bench/load/load-analysis.js';
import { runLoadBench, type LoadBenchResult } from '../../bench/load/load-bench.js';
import { TEST_PORT_SHIFT } from '../helpers/test-pbx-settings.js';

const s = TEST_PORT_SHIFT;
const ports = { ari: 18388 + s, ami: 15338 + s, sip: 15360 + s, rtpStart: 34000 + s * 10, rtpPorts: 2000, agentSip: 16370 + s, agentMedia: 16380 + s, citizenSip: 16400 + s, citizenMedia: 16500 + s, http: 3391 + s };
const resultsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-load-test-'));
const CALLS = 8;
const TALK_SECONDS = 3;
const SYSTEMS = ['hotline', 'baseline'] as const;
/** What both runs of this file share: a small journey, a few agents, no warm-up. */
const SMALL_RUN = { talkSeconds: TALK_SECONDS, holdSeconds: 6, keyAfterMs: 1000, runs: 1, agents: 4, wrapUpSeconds: 1, concurrencyLimit: 20, cpuLimit: 80, warmUpCalls: 0 } as const;

describe('SIPp load benchmark on the real Asterisk', () => {
  let result: LoadBenchResult;
  afterAll(() => fs.rmSync(resultsDir, { recursive: true, force: true }));
  const system = (name: (typeof SYSTEMS)[number]) => result.report.runs[0]?.systems[name];

  it(
    'runs a step through the hotline and the app_queue baseline, every call the whole way with its media intact',
    async () => {
      result = await runLoadBench({
        rates: [1],
        stepSeconds: CALLS,
        ...SMALL_RUN,
        systems: [...SYSTEMS],
        resultsDir,
        command: 'test/pbx/sipp-load.test.ts',
        instance: 'loadtest',
        ports,
        serverEnv: { HOTLINE_ADMISSION: 'off' },
        log: () => undefined,
      });
      const base = system('baseline')?.analysis;
      expect(base?.steps[0]?.pathFaults).toEqual({});
      expect(base?.steps[0]).toMatchObject({ rate: 1, callsPlaced: CALLS, sipFailed: 0, pathFailed: 0, sustained: true, shortOf: [] });
      expect(base?.sustainedCallsPerSecond).toBe(1);
      // The hotline sometimes loses the survey's first prompt after the agent hangs up (a race the
      // benchmark found, see SET_ASIDE_FAULT); any other fault fails this test.
      const ours = system('hotline')?.analysis;
      expect(Object.keys(ours?.steps[0]?.pathFaults ?? {}).filter((fault) => fault !== SET_ASIDE_FAULT)).toEqual([]);
      expect(ours?.steps[0]).toMatchObject({ rate: 1, callsPlaced: CALLS, sustainedSetAside: true });
      expect(ours?.sustainedSetAsideCallsPerSecond).toBe(1);
      // Served by the server, every one: greeted in time, none silent, one ticket each.
      expect(ours?.steps[0]).toMatchObject({ shed: 0, protection: { served: CALLS, shed: 0, silent: 0, protected: true } });
      expect(ours?.steps[0]?.protection?.tickets.served).toEqual({ calls: CALLS, tickets: CALLS, lost: 0, duplicated: 0, stillUp: 0 });
      expect(ours?.protectedCallsPerSecond).toBe(1);
      expect(base?.steps[0]?.protection).toBeUndefined();
    },
    360_000,
  );

  it('gives every hotline call one ticket and a measured recording', () => {
    expect(system('hotline')?.tickets).toEqual({ calls: CALLS, tickets: CALLS, lost: 0, duplicated: 0, stillUp: 0 });
    expect(system('hotline')?.recordings).toEqual({ ready: CALLS, other: 0 });
    expect(system('baseline')?.recordings.ready).toBe(CALLS);
  });

  it('presses every key after its prompt began, and plays the place in line and the survey', () => {
    for (const name of SYSTEMS) {
      const step = system(name)?.analysis.steps[0];
      expect(step?.keys.beforePrompt, name).toBe(0);
      expect(step?.keys.promptToKeyMin, name).toBeGreaterThanOrEqual(1000);
    }
    const surveyed = (name: (typeof SYSTEMS)[number]): number => (system(name)?.calls ?? []).filter((call) => call.prompts.some((p) => p.name === 'survey_thanks')).length;
    expect(surveyed('baseline')).toBe(CALLS);
    expect(surveyed('hotline')).toBe(CALLS - (system('hotline')?.analysis.steps[0]?.pathFaults[SET_ASIDE_FAULT] ?? 0));
    // app_queue's own announcements are not dialplan applications the observer sees; the hotline's are playbacks.
    expect(system('hotline')?.calls.every((call) => call.prompts.some((p) => p.name === 'queue_position_is'))).toBe(true);
    expect(system('hotline')?.watchers).toMatchObject({ marksFailed: 0, amiEventsRead: null });
    expect(system('baseline')?.watchers).toMatchObject({ marksSent: 4 * CALLS, marksFailed: 0 });
    expect(system('baseline')?.watchers.amiEventsRead).toBeGreaterThan(0);
  });

  it('measures the media: both sides\' RTP figures from Asterisk, and every recording within 0.5 s of its talk time', () => {
    for (const name of SYSTEMS) {
      const media = system(name)?.analysis.steps[0]?.media;
      expect(media, name).toMatchObject({ calls: CALLS, sidesWithoutQos: 0, recordings: CALLS, recordingsOff: 0, intact: true });
      expect(media?.lossShare, name).toBeLessThanOrEqual(0.01);
      expect(media?.recordingOffsetMaxMs, name).toBeLessThanOrEqual(500);
    }
  });

  it('times the greeting and the 200 OK from SIPp\'s INVITE, and every key, offer, pop and ticket of the hotline, the baseline the same way', () => {
    const ours = system('hotline')?.analysis.latencies;
    expect(ours?.inviteToAnswer.count).toBe(CALLS);
    expect(ours?.inviteToGreeting.count).toBe(CALLS);
    expect(ours?.inviteToGreeting.p99).toBeGreaterThanOrEqual(ours?.inviteToAnswer.p50 ?? 0);
    expect(ours?.keyToNextPrompt.count).toBeGreaterThanOrEqual(2 * CALLS);
    expect(ours?.enqueueToOffer.count).toBe(CALLS);
    expect(ours?.enqueueToOffer.p50).toBeGreaterThanOrEqual(6000);
    expect(ours?.offerToPop?.count).toBe(CALLS);
    expect(ours?.hangupToTicket?.count).toBe(CALLS);
    const base = system('baseline')?.analysis.latencies;
    expect(base?.inviteToGreeting.count).toBe(CALLS);
    expect(base?.keyToNextPrompt.count).toBe(3 * CALLS);
    expect(base?.enqueueToOffer.count).toBe(CALLS);
    expect(base?.offerToPop).toBeUndefined();
  });

  it('counts CPU per call and samples Asterisk\'s task processors through the step', () => {
    for (const name of SYSTEMS) {
      const step = system(name)?.analysis.steps[0];
      expect(step?.cpu.sutPerCallMs, name).toBeGreaterThan(0);
      expect(step?.cpu.machinePerCallMs, name).toBeGreaterThanOrEqual(step?.cpu.sutPerCallMs ?? 0);
      expect(step?.taskprocessors.samples, name).toBeGreaterThanOrEqual(CALLS - 2);
      expect(system(name)?.watchers.taskprocessorReadsFailed, name).toBe(0);
    }
  });

  it('writes the JSON (and latest.json) with the machine and the command, the markdown summary and the chart', () => {
    const json = JSON.parse(fs.readFileSync(result.files.json, 'utf8')) as { bench: string; command: string; machine: Record<string, unknown>; verdicts: { target: string; met: boolean | null }[]; spreads: unknown[]; runs: { systems: Record<string, { series: unknown[] }> }[] };
    expect(json.bench).toBe('sipp-load');
    expect(json.command).toBe('test/pbx/sipp-load.test.ts');
    expect(json.machine).toMatchObject({ cores: os.cpus().length });
    expect(String(json.machine.asterisk)).toMatch(/^1?:?22\./);
    expect(json.verdicts.find((v) => v.target.startsWith('0 tickets lost'))?.met).toBe(true);
    expect(json.spreads).toHaveLength(2);
    expect(json.runs[0]?.systems.hotline?.series.length).toBeGreaterThan(CALLS);
    expect(fs.readFileSync(path.join(resultsDir, 'latest.json'), 'utf8')).toBe(fs.readFileSync(result.files.json, 'utf8'));
    const markdown = fs.readFileSync(result.files.markdown, 'utf8');
    expect(markdown).toContain('| baseline | 1 | 1/1 (1) | 8 | 0 |');
    expect(markdown).toContain("## Asterisk's task processors");
    expect(markdown).toContain('| survey_question | 1 |');
    expect(markdown).toContain('- run 1: the highest rate protected: 1 calls/s (sustained by the server: ');
    expect(result.files.png).not.toBeNull();
    expect(fs.readFileSync(result.files.png as string).subarray(1, 4).toString()).toBe('PNG');
  });
});

describe('SIPp load benchmark on the real Asterisk, with the hotline shedding every caller', () => {
  const shedResults = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-load-shed-'));
  const SHED_CALLS = 4;
  let result: LoadBenchResult;
  afterAll(() => fs.rmSync(shedResults, { recursive: true, force: true }));
  const hotline = () => result.report.runs[0]?.systems.hotline;

  it(
    'sees each shed call greeted by the dialplan, answered through the fallback queue, and given one ticket: not sustained, but protected',
    async () => {
      result = await runLoadBench({
        rates: [2],
        stepSeconds: SHED_CALLS / 2,
        ...SMALL_RUN,
        systems: ['hotline'],
        resultsDir: shedResults,
        command: 'test/pbx/sipp-load.test.ts (shed)',
        instance: 'loadtest',
        ports,
        // Lines so low that the server's own start-up requests cross them, and it never admits again.
        serverEnv: {
          HOTLINE_ADMISSION: 'auto',
          HOTLINE_ADMISSION_SHED_ABOVE_MS: '2',
          HOTLINE_ADMISSION_ADMIT_BELOW_MS: '1',
          HOTLINE_ADMISSION_SHED_AFTER_SECONDS: '1',
          HOTLINE_ADMISSION_ADMIT_AFTER_SECONDS: '3600',
        },
        awaitShedSeconds: 20,
        log: () => undefined,
      });
      const step = hotline()?.analysis.steps[0];
      expect(step).toMatchObject({ rate: 2, callsPlaced: SHED_CALLS, sipFailed: 0, pathFailed: 0, pathFaults: {}, shed: SHED_CALLS, sustained: false });
      expect(step?.shortOf).toContain(`${SHED_CALLS} calls shed to the dialplan (overload protection)`);
      expect(step?.protection).toMatchObject({ served: 0, shed: SHED_CALLS, shedBy: { shed: SHED_CALLS }, shedToAgent: SHED_CALLS, silent: 0, mediaIntact: true, protected: true, shortOf: [] });
      expect(step?.protection?.tickets.shed).toEqual({ calls: SHED_CALLS, tickets: SHED_CALLS, lost: 0, duplicated: 0, stillUp: 0 });
      expect(hotline()?.analysis.protectedCallsPerSecond).toBe(2);
    },
    240_000,
  );

  it('hears the welcome from the dialplan, then the fallback prompt, whose mark sends the citizen to the fallback queue; the agent talks, no survey', () => {
    const calls = hotline()?.calls ?? [];
    expect(calls).toHaveLength(SHED_CALLS);
    for (const call of calls) {
      expect(call.dialplanAnswer).toBe('shed');
      expect(call.prompts.map((p) => p.name)).toEqual(['welcome', 'fallback_transfer']);
      expect(call.keys).toEqual([]);
      expect(call.answeredAt).not.toBeNull();
      expect(call.agentHangupAt).not.toBeNull();
    }
    expect(hotline()?.watchers).toMatchObject({ marksSent: SHED_CALLS, marksFailed: 0 });
    expect(hotline()?.analysis.latencies.inviteToGreeting.count).toBe(0); // no sustained step: nothing timed over the run
    // The fallback queue recorded each conversation, listed on the ticket and within 0.5 s of the talk.
    expect(hotline()?.analysis.steps[0]?.media).toMatchObject({ calls: SHED_CALLS, sidesWithoutQos: 0, recordings: SHED_CALLS, recordingsOff: 0, intact: true });
    expect(hotline()?.tickets).toEqual({ calls: SHED_CALLS, tickets: SHED_CALLS, lost: 0, duplicated: 0, stillUp: 0 });
    const markdown = fs.readFileSync(result.files.markdown, 'utf8');
    expect(markdown).toContain('## Overload protection (the hotline)');
    expect(markdown).toContain(`| 1 | 2 | ${SHED_CALLS} | 0 | ${SHED_CALLS} (${SHED_CALLS}; 0) | 0 |`);
    expect(markdown).toContain('- run 1: the highest rate protected: 2 calls/s (sustained by the server: 0 calls/s; 4 calls shed over the ramp).');
  });
});
