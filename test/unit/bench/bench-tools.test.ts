import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { baselineDialplan, baselineQueue } from '../../../bench/load/baseline-config.js';
import { agentIds, agentsYaml, benchNumber, parseBenchNumber, queuesYaml, usersYaml } from '../../../bench/load/bench-files.js';
import { ticketsOpened } from '../../../bench/load/hotline-process.js';
import { chartSvg, ticks } from '../../../bench/load/line-chart.js';
import { agentScenario, citizenScenario, numbersFile } from '../../../bench/load/sipp-scenarios.js';
import { lastStatRow } from '../../../bench/load/sipp-run.js';
import { parseAgents } from '../../../src/domain/acd/parse-agents.js';
import { parseQueues } from '../../../src/domain/acd/parse-queues.js';
import { parseUsers } from '../../../src/domain/auth/parse-users.js';
import fs from 'node:fs';

describe('benchmark callers', () => {
  it('gives each call of each step of each system a number of its own, and reads it back', () => {
    expect(benchNumber('hotline', 3, 42)).toBe('13103000042');
    expect(benchNumber('baseline', 12, 999_999)).toBe('13212999999');
    expect(parseBenchNumber('13103000042')).toEqual({ system: 'hotline', step: 3, seq: 42 });
    expect(parseBenchNumber('13900000065')).toBeNull();
    expect(() => benchNumber('hotline', 100, 0)).toThrow(RangeError);
  });

  it('writes an injection file SIPp reads in order', () => {
    expect(numbersFile(['13101000000', '13101000001'])).toBe('SEQUENTIAL\n13101000000\n13101000001\n');
  });
});

describe('the server files of a run', () => {
  const shipped = fs.readFileSync('fixtures/queues.yaml', 'utf8');
  it('are valid for the server: agents, their sign-in, the shipped queues with the run\'s wrap-up', () => {
    const ids = agentIds(3);
    const queues = queuesYaml(shipped, 5, 10_000);
    const parsedQueues = parseQueues(parse(queues.yaml));
    expect(parsedQueues.ok).toBe(true);
    if (!parsedQueues.ok) return;
    const general = parsedQueues.value.queues.find((q) => q.id === 'general');
    expect(general).toMatchObject({ wrapUpSeconds: 5, wrapUpEndsOnTicket: false, maxLength: 10_000 });
    expect(queues.ringTimeoutSeconds).toBe(general?.ringTimeoutSeconds);
    expect(parseAgents(parse(agentsYaml(ids)), parsedQueues.value.queues.map((q) => q.id)).ok).toBe(true);
    const users = parseUsers(parse(usersYaml(ids, 'scrypt$16384$8$1$AAAA$BBBB')));
    expect(users.ok).toBe(true);
  });
});

describe('the app_queue baseline', () => {
  const settings = { number: '99012345', agentIds: ['70000', '70001'], wrapUpSeconds: 5, ringTimeoutSeconds: 20, promptLanguage: 'zh-CN' };
  it('walks the main flow\'s menus with the same prompts and keys, records while bridged, then queues', () => {
    const dialplan = baselineDialplan(settings);
    expect(dialplan).toContain('exten => 99012345,1,Goto(bench-base-main,s,1)');
    for (const prompt of ['main_menu', 'consult_menu', 'help_menu']) expect(dialplan).toContain(`Background(hotline/zh-CN/${prompt})`);
    expect(dialplan).toContain('exten => 3,1,Goto(bench-base-help,s,1)');
    expect(dialplan).toContain('MixMonitor(bench-baseline/${UNIQUEID}.wav,b)');
    expect(dialplan).toContain('Queue(bench-baseline,,,,3600)');
  });

  it('serves every caller at once from every agent phone, longest idle first, with the hotline\'s ring timeout and wrap-up', () => {
    const queue = baselineQueue(settings);
    for (const line of ['strategy = leastrecent', 'autofill = yes', 'ringinuse = no', 'timeout = 20', 'wrapuptime = 5', 'member => PJSIP/agent-70000,0,70000', 'member => PJSIP/agent-70001,0,70001']) expect(queue).toContain(line);
  });
});

describe('SIPp scenarios', () => {
  it('has the citizen offer PCMU and telephone events, send its whole media, and hang up after the call', () => {
    const xml = citizenScenario({ service: '12345', mediaPcap: '/tmp/run/citizen.pcap', durationMs: 36_000 });
    expect(xml).toMatch(/^<\?xml/);
    expect(xml).toContain('INVITE sip:[service]@[remote_ip]:[remote_port] SIP/2.0');
    expect(xml).toContain('From: "citizen" <sip:[field0]@');
    expect(xml).toContain('m=audio [media_port] RTP/AVP 0 101');
    expect(xml).toContain('a=rtpmap:101 telephone-event/8000');
    expect(xml).toContain('<exec play_pcap_audio="/tmp/run/citizen.pcap"/>');
    expect(xml).toContain('<pause milliseconds="36000"/>');
    expect(xml.indexOf('play_pcap_audio')).toBeLessThan(xml.indexOf('BYE sip:'));
    expect(xml).toContain('Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, UPDATE, INFO');
  });

  it('has the agent phone ring, answer with media, talk and wait for the hotline to hang up', () => {
    const xml = agentScenario({ ringMs: 500, voicePcap: '/tmp/run/agent & co.pcap' });
    const order = ['<recv request="INVITE"', '180 Ringing', '<pause milliseconds="500"/>', '200 OK', '<recv request="ACK"', 'play_pcap_audio="/tmp/run/agent &amp; co.pcap"', '<recv request="BYE"/>'];
    const at = order.map((part) => xml.indexOf(part));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it('reads the last row of a SIPp statistics file by column', () => {
    const text = 'StartTime;TotalCallCreated;SuccessfulCall(C);FailedCall(C);\n2026;1;1;0;\n2026;40;38;2;\n';
    expect(lastStatRow(text)).toMatchObject({ TotalCallCreated: '40', 'SuccessfulCall(C)': '38', 'FailedCall(C)': '2' });
    expect(lastStatRow('')).toEqual({});
  });
});

describe('the server log', () => {
  it('gives the moment each ticket committed, skipping other lines and a line cut short', () => {
    const log = [
      '{"level":30,"time":"2026-12-01T08:00:00.123Z","callId":"c1","ticket":"20261201-000001","msg":"ticket opened"}',
      '{"level":30,"time":"2026-12-01T08:00:01.000Z","callId":"c2","msg":"screen pop sent"}',
      '{"level":30,"time":"2026-12-01T08:00:02.5',
      '',
    ].join('\n');
    expect(ticketsOpened(log)).toEqual([{ callId: 'c1', at: Date.parse('2026-12-01T08:00:00.123Z') }]);
  });
});

describe('charts', () => {
  it('picks round ticks that cover the largest value', () => {
    expect(ticks(0)).toEqual([0, 1]);
    expect(ticks(14)).toEqual([0, 5, 10, 15]);
    expect(ticks(80)).toEqual([0, 20, 40, 60, 80]);
    expect(ticks(0.35)).toEqual([0, 0.1, 0.2, 0.3, 0.4]);
  });

  it('draws one path per line with its legend, and escapes the text', () => {
    const svg = chartSvg('a < b', 's', [{ title: 'calls', yLabel: 'n', lines: [{ name: 'hotline', color: '#123456', points: [[0, 1], [10, 3]] }], reference: { value: 2, label: 'target' } }]);
    expect(svg).toContain('a &lt; b');
    expect(svg.match(/<path /g)).toHaveLength(1);
    expect(svg).toContain('stroke="#123456"');
    expect(svg).toContain('target');
  });
});
