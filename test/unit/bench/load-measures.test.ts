import { describe, expect, it } from 'vitest';
import type { Observed } from '../../../bench/load/ari-observer.js';
import { parseAmiMessage, type AmiMessage } from '../../../bench/load/bench-ami.js';
import { lossShare, parseRtpQos, summarizeMedia, wavHeaderDurationMs } from '../../../bench/load/media-check.js';
import { PromptMarks } from '../../../bench/load/prompt-marks.js';
import { spread, systemSpread } from '../../../bench/load/run-summary.js';
import { parseSippLog } from '../../../bench/load/sipp-log.js';
import { depthSample, parseTaskprocessors, taskprocessorAlerts, taskprocessorGroup } from '../../../bench/load/taskprocessors.js';
import type { BenchAmi } from '../../../bench/load/bench-ami.js';
import type { SystemReport } from '../../../bench/load/load-types.js';

describe("Asterisk's RTP figures", () => {
  it('reads loss, packets received and jitter from RTPAUDIOQOS', () => {
    const qos = parseRtpQos('ssrc=450733432;themssrc=43495;lp=15;rxjitter=0.000250;rxcount=1485;txjitter=0.000000;txcount=251;rlp=0;rtt=0.000000;rxmes=0.000000;txmes=0.000000');
    expect(qos).toEqual({ lost: 15, received: 1485, jitter: 0.00025 });
    expect(lossShare(qos!)).toBeCloseTo(0.01, 6);
    expect(parseRtpQos(null)).toBeNull();
    expect(parseRtpQos('ssrc=1;themssrc=2')).toBeNull();
  });

  it('sums loss over both sides of every call, and holds media intact only within the limits', () => {
    const side = (lost: number, received: number): { lost: number; received: number; jitter: number } => ({ lost, received, jitter: 0 });
    const ok = summarizeMedia([{ citizen: side(0, 2000), agent: side(10, 990), talkMs: 30_000, recordingMs: 30_020 }]);
    expect(ok).toMatchObject({ calls: 1, lossShare: 10 / 3000, worstLossShare: 0.01, recordings: 1, recordingsOff: 0, recordingOffsetsMs: [20], intact: true });
    expect(summarizeMedia([{ citizen: side(0, 2000), agent: side(40, 960), talkMs: 30_000, recordingMs: 30_000 }]).intact).toBe(false);
    expect(summarizeMedia([{ citizen: side(0, 2000), agent: side(0, 1000), talkMs: 30_000, recordingMs: null }])).toMatchObject({ recordingsOff: 1, intact: false });
    expect(summarizeMedia([]).intact).toBe(false);
  });

  it('measures a WAV by its format\'s byte rate and the file\'s size, whatever its data chunk claims', () => {
    const header = Buffer.alloc(44);
    header.write('RIFF', 0, 'ascii');
    header.write('WAVE', 8, 'ascii');
    header.write('fmt ', 12, 'ascii');
    header.writeUInt32LE(16, 16);
    header.writeUInt16LE(1, 20);
    header.writeUInt16LE(1, 22);
    header.writeUInt32LE(8000, 24);
    header.writeUInt32LE(16_000, 28);
    header.write('data', 36, 'ascii');
    header.writeUInt32LE(0, 40);
    expect(wavHeaderDurationMs(header, 44 + 80_000)).toBe(5000);
    expect(wavHeaderDurationMs(Buffer.from('not a wave file at all'), 100)).toBeNull();
  });
});

describe("Asterisk's task processors", () => {
  const output = [
    '',
    'Processor                                                               Processed   In Queue  Max Depth  Low water High water',
    'app_voicemail                                                                   0          0          0        450        500',
    'pjsip/default-00000012                                                       1200          7         31        450        500',
    'pjsip/default-00000013                                                        900         12         40        450        500',
    'stasis/p:channel:all-0000002a                                               88000        600       2400       2700       3000',
    '',
    '4 taskprocessors',
    '',
  ].join('\n');

  it('reads each queue\'s depth and groups queues of one kind', () => {
    const rows = parseTaskprocessors(output);
    expect(rows).toHaveLength(4);
    expect(rows[1]).toEqual({ name: 'pjsip/default-00000012', inQueue: 7, maxDepth: 31 });
    expect(taskprocessorGroup('stasis/p:channel:all-0000002a')).toBe('stasis/p:channel:all');
    expect(taskprocessorGroup('app_voicemail')).toBe('app_voicemail');
    expect(depthSample(5, rows)).toEqual({ at: 5, depths: { 'pjsip/default': 12, 'stasis/p:channel:all': 600 } });
  });

  it('finds the high-water alerts in Asterisk\'s log, in either wording, at the log\'s (UTC) time', () => {
    const log = [
      "[2026-12-02 21:08:05.557] WARNING[28882] taskprocessor.c: Taskprocessor 'stasis/p:channel:all-0000002a' queue reached 3000 scheduled tasks (high water mark: 3000).",
      "[2026-12-02 21:08:06.000] WARNING[28882] taskprocessor.c: The 'pjsip/default-00000012' task processor queue reached 500 scheduled tasks.",
      '[2026-12-02 21:08:07.000] NOTICE[1] res_stasis_playback.c: Playback stopped',
    ].join('\n');
    expect(taskprocessorAlerts(log)).toEqual([
      { at: Date.parse('2026-12-02T21:08:05.557Z'), processor: 'stasis/p:channel:all-0000002a', depth: 3000 },
      { at: Date.parse('2026-12-02T21:08:06.000Z'), processor: 'pjsip/default-00000012', depth: 500 },
    ]);
  });
});

describe("SIPp's log of each call", () => {
  it('reads when each caller sent its INVITE, was answered, got its marks and pressed its keys', () => {
    const text = [
      'invite 13101000000 1796245351.000000 543322.000000',
      'answered 13101000000 1796245351.000000 546993.000000',
      'mark0 13101000000 1796245351.000000 561350.000000',
      'key0 13101000000 1796245353.000000 64663.000000',
      'gave_up 13101000001 1796245400.000000 1.000000',
      'something else',
    ].join('\n');
    const log = parseSippLog(text);
    expect(log.get('13101000000')).toEqual({ number: '13101000000', inviteAt: 1796245351543.322, answeredAt: 1796245351546.993, marks: [1796245351561.35], keys: [1796245353064.663], endedAt: null, gaveUp: false });
    expect(log.get('13101000001')?.gaveUp).toBe(true);
  });
});

describe('the AMI session', () => {
  it('reads a response and a command\'s output lines', () => {
    expect(parseAmiMessage('Response: Success\r\nActionID: b1\r\nMessage: Command output follows\r\nOutput: line one\r\nOutput: line two')).toEqual({ Response: 'Success', ActionID: 'b1', Message: 'Command output follows', Output: 'line one\nline two' });
    expect(parseAmiMessage('Asterisk Call Manager/9.0.0\r\nResponse: Success')).toEqual({ Response: 'Success' });
  });

  it('marks each answered prompt of a citizen\'s channel once, by the channel\'s name', async () => {
    const actions: Record<string, string>[] = [];
    const ami = { action: (fields: Record<string, string>): Promise<AmiMessage> => (actions.push(fields), Promise.resolve({ Response: 'Success' })) } as unknown as BenchAmi;
    const marks = new PromptMarks(ami, new Set(['main_menu', 'survey_question']));
    const seen: Observed[] = [
      { kind: 'created', at: 1, channelId: 'c1', name: 'PJSIP/citizen-trunk-00000001', number: '13101000000' },
      { kind: 'created', at: 1, channelId: 'a1', name: 'PJSIP/agent-70000-00000002', number: '70000' },
      { kind: 'prompt', at: 2, channelId: 'c1', detail: 'main_menu' },
      { kind: 'prompt', at: 3, channelId: 'c1', detail: 'main_menu' },
      { kind: 'prompt', at: 4, channelId: 'c1', detail: 'queue_position_is' },
      { kind: 'prompt', at: 5, channelId: 'a1', detail: 'main_menu' },
      { kind: 'prompt', at: 6, channelId: 'c1', detail: 'survey_question' },
    ];
    for (const observed of seen) marks.take(observed);
    await new Promise((resolve) => setImmediate(resolve));
    expect(actions).toEqual([
      { Action: 'SendText', Channel: 'PJSIP/citizen-trunk-00000001', Message: 'prompt main_menu' },
      { Action: 'SendText', Channel: 'PJSIP/citizen-trunk-00000001', Message: 'prompt survey_question' },
    ]);
    expect(marks.sent.map((m) => [m.prompt, m.promptAt, m.ok])).toEqual([['main_menu', 2, true], ['survey_question', 6, true]]);
  });
});

describe('figures over runs', () => {
  it('gives the median and the range, the middle two averaged for an even count, ignoring what was not measured', () => {
    expect(spread([8, 6, 7])).toEqual({ median: 7, min: 6, max: 8, n: 3 });
    expect(spread([8, 6, 7, 10])).toEqual({ median: 7.5, min: 6, max: 10, n: 4 });
    expect(spread([Number.NaN, 5])).toEqual({ median: 5, min: 5, max: 5, n: 1 });
    expect(spread([]).n).toBe(0);
  });

  it('matches steps by rate, counting only the runs that reached a rate', () => {
    const step = (rate: number, sustained: boolean, p99: number): unknown => ({
      index: rate, rate, callsPlaced: rate * 10, sipFailed: 0, pathFailed: sustained ? 0 : 2, sustained, shortOf: [],
      p99: { inviteToAnswer: 5, inviteToGreeting: p99, keyToNextPrompt: 3, enqueueToOffer: 9 }, keys: { beforePrompt: 0, promptToKeyP50: 1500, promptToKeyMin: 1500 },
      media: { lossShare: 0, recordingsOff: 0 }, concurrentCalls: rate * 40, cpu: { sut: rate * 5, machine: rate * 6, sutPerCallMs: 400, machinePerCallMs: 500 },
      taskprocessors: { samples: 60, top: [{ group: 'pjsip/default', max: rate, p99: 1 }], alerts: 0 },
    });
    const report = (steps: unknown[], sustainedRate: number): SystemReport => ({ analysis: { steps, sustainedCallsPerSecond: sustainedRate, maxConcurrentCalls: { calls: sustainedRate * 40 }, latencies: {} } } as unknown as SystemReport);
    const s = systemSpread('hotline', [report([step(5, true, 10), step(8, true, 30)], 8), report([step(5, true, 20), step(8, false, 900)], 5), report([step(5, true, 40)], 5)]);
    expect(s.sustainedCallsPerSecond).toEqual({ median: 5, min: 5, max: 8, n: 3 });
    expect(s.steps.map((st) => [st.rate, st.runs, st.sustainedRuns, st.p99.inviteToGreeting.median])).toEqual([[5, 3, 3, 20], [8, 2, 1, 465]]);
    expect(s.latencyP99.keyToNextPrompt.n).toBe(0);
  });
});
