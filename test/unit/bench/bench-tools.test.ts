import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { baselineDialplan, baselineQueue } from '../../../bench/load/baseline-config.js';
import { AGENTS_QUEUE, agentIds, agentsYaml, benchNumber, HOLD_AGENT_ID, parseBenchNumber, queuesYaml, usersYaml } from '../../../bench/load/bench-files.js';
import { hasShed, ticketsOpened } from '../../../bench/load/hotline-process.js';
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
    const ids = [...agentIds(3), HOLD_AGENT_ID];
    const queues = queuesYaml(shipped, 5, 10_000, 8);
    const parsedQueues = parseQueues(parse(queues.yaml));
    expect(parsedQueues.ok).toBe(true);
    if (!parsedQueues.ok) return;
    const agentsQueue = parsedQueues.value.queues.find((q) => q.id === AGENTS_QUEUE);
    expect(agentsQueue).toMatchObject({ skills: ['general'], wrapUpSeconds: 5, wrapUpEndsOnTicket: false, maxLength: 10_000, overflow: null });
    expect(queues.ringTimeoutSeconds).toBe(agentsQueue?.ringTimeoutSeconds);
    const agents = parseAgents(parse(agentsYaml(ids)), parsedQueues.value.queues.map((q) => q.id));
    expect(agents.ok).toBe(true);
    const users = parseUsers(parse(usersYaml(ids, 'scrypt$16384$8$1$AAAA$BBBB')));
    expect(users.ok).toBe(true);
  });

  it('make the general queue a line every caller waits in: staffed by the paused hold agent only, overflowing to the agents after the hold', () => {
    const queues = parseQueues(parse(queuesYaml(shipped, 5, 10_000, 8).yaml));
    if (!queues.ok) throw new Error('queues refused');
    const general = queues.value.queues.find((q) => q.id === 'general');
    expect(general).toMatchObject({ skills: ['bench-hold'], overflow: { afterSeconds: 8, to: AGENTS_QUEUE }, announceEverySeconds: 60 });
    const agents = parse(agentsYaml([...agentIds(2), HOLD_AGENT_ID])) as { agents: { id: string; skills: Record<string, number> }[] };
    expect(agents.agents.map((a) => [a.id, Object.keys(a.skills)])).toEqual([['70000', ['general']], ['70001', ['general']], [HOLD_AGENT_ID, ['bench-hold']]]);
  });
});

describe('the app_queue baseline', () => {
  const settings = { number: '99012345', agentIds: ['70000', '70001'], wrapUpSeconds: 5, ringTimeoutSeconds: 20, promptLanguage: 'zh-CN', holdSeconds: 8 };
  it('walks the main flow\'s menus with the same prompts and keys, records while bridged, waits in line, queues, then plays the survey', () => {
    const dialplan = baselineDialplan(settings);
    expect(dialplan).toContain('exten => 99012345,1,Goto(bench-base-main,s,1)');
    for (const prompt of ['main_menu', 'consult_menu', 'help_menu', 'survey_question']) expect(dialplan).toContain(`Background(hotline/zh-CN/${prompt})`);
    expect(dialplan).toContain('exten => 3,1,Goto(bench-base-help,s,1)');
    const order = ['MixMonitor(bench-baseline/${UNIQUEID}.wav,b)', 'Queue(bench-baseline-hold,,,,8)', 'Queue(bench-baseline,c,,,3600)', 'Goto(bench-base-survey,s,1)', 'Playback(hotline/zh-CN/survey_thanks)'];
    const at = order.map((part) => dialplan.indexOf(part));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it('announces the place in line with the hotline\'s phrases, and serves every caller at once from every agent phone, longest idle first, with the hotline\'s ring timeout and wrap-up', () => {
    const queue = baselineQueue(settings);
    const [hold, agents] = queue.split('[bench-baseline]');
    for (const line of ['[bench-baseline-hold]', 'joinempty = yes', 'announce-position = yes', 'announce-to-first-user = yes', 'announce-frequency = 60', 'queue-thereare = hotline/zh-CN/queue_position_is']) expect(hold).toContain(line);
    expect(hold).not.toContain('member =>');
    for (const line of ['strategy = leastrecent', 'autofill = yes', 'ringinuse = no', 'timeout = 20', 'wrapuptime = 5', 'member => PJSIP/agent-70000,0,70000', 'member => PJSIP/agent-70001,0,70001']) expect(agents).toContain(line);
  });
});

describe('SIPp scenarios', () => {
  const inOrder = (xml: string, parts: readonly string[]): void => {
    const at = parts.map((part) => xml.indexOf(part));
    expect(at.every((i) => i >= 0), String(parts[at.indexOf(-1)])).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  };

  it('has the citizen offer PCMU, send its media from the answer on, press each key after its prompt\'s mark, and answer the system\'s hang-up', () => {
    const xml = citizenScenario({ service: '12345', mediaPcap: '/tmp/run/citizen.pcap', keys: ['1', '3'], keyAfterMs: 1500, markTimeoutMs: [30_000, 90_000], byeTimeoutMs: 30_000, fallbackPrompts: ['fallback_transfer', 'lines_busy'], fallbackByeTimeoutMs: 120_000 });
    expect(xml).toMatch(/^<\?xml/);
    expect(xml).toContain('From: "citizen" <sip:[field0]@');
    expect(xml).toContain('m=audio [media_port] RTP/AVP 0 101');
    expect(xml).toContain('Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, UPDATE, INFO, MESSAGE');
    inOrder(xml, [
      'log message="invite [field0]',
      '<send retrans="500" start_rtd="invite">',
      'INVITE sip:[service]@[remote_ip]:[remote_port] SIP/2.0',
      '<recv response="200" rtd="invite">',
      '<exec play_pcap_audio="/tmp/run/citizen.pcap"/>',
      '<recv request="MESSAGE" timeout="30000" ontimeout="give_up">',
      '<pause milliseconds="1500"/>',
      'Signal=1',
      '<recv request="MESSAGE" timeout="90000" ontimeout="give_up">',
      'Signal=3',
      '<recv request="BYE" timeout="30000" ontimeout="give_up"/>',
      'log message="ended [field0]',
      '<label id="give_up"/>',
      'BYE sip:',
      'int_cmd="stop_call"',
      '<label id="done"/>',
    ]);
    expect(xml).toContain('Content-Type: application/dtmf-relay');
  });

  it('sends a citizen whose mark names the fallback or the busy prompt to the fallback branch: no more keys, the agent if any, then the hang-up', () => {
    const xml = citizenScenario({ service: '12345', mediaPcap: '/tmp/run/citizen.pcap', keys: ['1', '3'], keyAfterMs: 1500, markTimeoutMs: [30_000, 90_000], byeTimeoutMs: 30_000, fallbackPrompts: ['fallback_transfer', 'lines_busy'], fallbackByeTimeoutMs: 120_000 });
    // Every mark is checked for either prompt (one pattern, no group), and the branch is taken right after the MESSAGE is answered.
    expect(xml.match(/<ereg regexp="prompt fallback_transfer\|prompt lines_busy" search_in="msg" check_it="false" assign_to="to_fallback"\/>/g)).toHaveLength(2);
    expect(xml.match(/<nop test="to_fallback" next="fallback"\/>/g)).toHaveLength(2);
    inOrder(xml, ['<recv request="MESSAGE" timeout="30000" ontimeout="give_up">', '<nop test="to_fallback" next="fallback"/>', '<pause milliseconds="1500"/>', 'Signal=1', '<recv request="BYE" timeout="30000" ontimeout="give_up"/>', '<nop next="done"/>', '<label id="fallback"/>', '<label id="give_up"/>', '<label id="done"/>']);
    const branch = xml.slice(xml.indexOf('<label id="fallback"/>'), xml.indexOf('<label id="give_up"/>'));
    inOrder(branch, ['log message="fallback [field0]', '<recv request="BYE" timeout="120000" ontimeout="give_up"/>', 'SIP/2.0 200 OK', 'log message="ended [field0]', '<nop next="done"/>']);
    expect(branch).not.toContain('Signal=');
  });

  it('has the agent phone ring, answer with media, talk, and hang up unless the call ends first', () => {
    const xml = agentScenario({ ringMs: 500, talkMs: 30_000, voicePcap: '/tmp/run/agent & co.pcap' });
    inOrder(xml, ['<recv request="INVITE"', '180 Ringing', '<pause milliseconds="500"/>', '200 OK', '<recv request="ACK"', 'play_pcap_audio="/tmp/run/agent &amp; co.pcap"', '<recv request="BYE" timeout="30000" ontimeout="hang_up"/>', '<label id="hang_up"/>', 'BYE [$target] SIP/2.0', '<recv response="200"/>', '<label id="done"/>']);
  });

  it('reads the last row of a SIPp statistics file by column', () => {
    const text = 'StartTime;TotalCallCreated;SuccessfulCall(C);FailedCall(C);\n2026;1;1;0;\n2026;40;38;2;\n';
    expect(lastStatRow(text)).toMatchObject({ TotalCallCreated: '40', 'SuccessfulCall(C)': '38', 'FailedCall(C)': '2' });
    expect(lastStatRow('')).toEqual({});
  });
});

describe('the server log', () => {
  it("tells when admission control shed new callers, by its own line and not another's", () => {
    expect(hasShed('{"level":40,"component":"admission","reason":"request-time","msg":"falling behind: new callers are answered by the dialplan"}\n')).toBe(true);
    expect(hasShed('{"level":30,"component":"admission","msg":"caught up: new callers go to the server again"}\n{"level":30,"msg":"falling behind"}')).toBe(false);
  });

  it('gives the moment each ticket committed, skipping other lines and a line cut short', () => {
    const log = [
      '{"level":30,"time":"2026-12-01T08:00:00.123Z","callId":"c1","ticket":"20261201-000001","msg":"ticket opened"}',
      '{"level":30,"time":"2026-12-01T08:00:01.000Z","callId":"c2","msg":"screen pop sent"}',
      '{"level":30,"time":"2026-12-01T08:00:01.500Z","component":"dialplan-calls","callId":"c3","reason":"shed","msg":"ticket opened"}',
      '{"level":30,"time":"2026-12-01T08:00:02.5',
      '',
    ].join('\n');
    expect(ticketsOpened(log)).toEqual([{ callId: 'c1', at: Date.parse('2026-12-01T08:00:00.123Z') }, { callId: 'c3', at: Date.parse('2026-12-01T08:00:01.500Z'), reason: 'shed' }]);
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
