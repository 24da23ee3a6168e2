// The checker on say nodes: their prompts and the recorded words their values need, variables no
// flow gives, empty parts, literal days that do not exist, and flows needing start variables as entries.
import { describe, expect, it } from 'vitest';
import { checkFlows, type FlowCheckInput } from '../../../src/domain/ivr/flow-checker.js';
import type { FlowProblem } from '../../../src/domain/ivr/flow-problems.js';
import type { FlowNode, FlowSource, SayNode } from '../../../src/domain/ivr/flow-types.js';
import { DATE_PROMPTS, DIGIT_PROMPTS } from '../../../src/domain/ivr/spoken-numbers.js';

const BASE_PROMPTS = ['main_menu', 'greeting', 'bye'];
const queue: FlowNode = { type: 'queue', queue: 'general' };
const MAIN: FlowSource = { name: '主', start: 'queue', nodes: { queue } };

function outbound(say: Partial<SayNode>, extra: Partial<FlowSource> = {}): FlowSource {
  const node: SayNode = { type: 'say', parts: [{ prompt: 'greeting' }, { digits: 'ticketNumber' }], next: 'ask', ...say };
  const ask: FlowNode = { type: 'menu', prompt: 'main_menu', options: { '1': { next: 'done', label: '确认' } }, timeoutSeconds: 3, retries: 0, noInput: 'done' };
  return { name: '外呼', start: 'say', variables: ['ticketNumber', 'ticketDate', 'summary'], nodes: { say: node, ask, done: { type: 'hangup', prompt: 'bye' } }, ...extra };
}

function check(flows: Record<string, FlowSource>, input: Partial<FlowCheckInput> = {}) {
  return checkFlows({
    version: 1,
    flows: new Map(Object.entries(flows)),
    routes: { entries: { '*': 'main' } },
    knownQueues: new Set(['general']),
    knownPrompts: new Map([['zh-CN', new Set([...BASE_PROMPTS, ...DIGIT_PROMPTS, ...DATE_PROMPTS])]]),
    knownSchedules: new Set(),
    ...input,
  });
}

const brief = (problems: readonly FlowProblem[]) => problems.map((p) => `${p.file}:${p.path} ${p.code}`);

describe('say nodes in the checker', () => {
  it('accepts a say node whose prompts exist and whose variables the flow declares', () => {
    const result = check({ main: MAIN, remind: outbound({ parts: [{ prompt: 'greeting' }, { digits: 'ticketNumber' }, { date: 'ticketDate' }, { number: '3' }, { text: 'summary' }] }) });
    expect(result.problems).toEqual([]);
    expect(result.flowSet?.flows.get('remind')?.variables).toEqual(['ticketNumber', 'ticketDate', 'summary']);
  });

  it('reports an unknown prompt part, and digits whose recorded words are missing (once per missing word)', () => {
    const prompts = new Map([['zh-CN', new Set([...BASE_PROMPTS, ...DIGIT_PROMPTS.filter((p) => p !== 'digit_7')])]]);
    const result = check({ main: MAIN, remind: outbound({ parts: [{ prompt: 'nope' }, { digits: 'ticketNumber' }] }) }, { knownPrompts: prompts });
    expect(brief(result.problems)).toEqual(['remind.yaml:nodes.say.parts.0.prompt FLOW_UNKNOWN_PROMPT', 'remind.yaml:nodes.say.parts.1.digits FLOW_UNKNOWN_PROMPT']);
    expect(result.flowSet).toBeUndefined();
  });

  it('reports a recorded word without audio', () => {
    const audio = new Map([['zh-CN', new Set([...BASE_PROMPTS, ...DIGIT_PROMPTS, ...DATE_PROMPTS.filter((p) => p !== 'date_day')])]]);
    const result = check({ main: MAIN, remind: outbound({ parts: [{ date: 'ticketDate' }] }) }, { promptAudio: audio });
    expect(brief(result.problems)).toEqual(['remind.yaml:nodes.say.parts.0.date FLOW_PROMPT_AUDIO_MISSING']);
  });

  it('reports a variable no flow declares and no set or collect node sets; literals need none', () => {
    const result = check({ main: MAIN, remind: outbound({ parts: [{ text: 'sumary' }, { digits: 'orderNo' }, { digits: '12345' }, { date: '2026-12-03' }] }) });
    expect(brief(result.problems)).toEqual(['remind.yaml:nodes.say.parts.0.text FLOW_UNKNOWN_VARIABLE', 'remind.yaml:nodes.say.parts.1.digits FLOW_UNKNOWN_VARIABLE']);
  });

  it('takes a variable set by a set node of another flow as known', () => {
    const setter: FlowSource = { name: '设', start: 'set', nodes: { set: { type: 'set', variables: { orderNo: '1' }, next: { flow: 'remind' } } } };
    const remind = outbound({ parts: [{ digits: 'orderNo' }] }, { variables: [] });
    expect(check({ main: MAIN, setter, remind }).problems).toEqual([]);
  });

  it('reports a say node with no parts, and a literal day that is not in the calendar', () => {
    expect(brief(check({ main: MAIN, remind: outbound({ parts: [] }) }).problems)).toEqual(['remind.yaml:nodes.say.parts FLOW_SAY_EMPTY']);
    expect(brief(check({ main: MAIN, remind: outbound({ parts: [{ date: '2026-02-30' }] }) }).problems)).toEqual(['remind.yaml:nodes.say.parts.0.date FLOW_SCHEMA_VIOLATION']);
  });

  it('still checks the menu after the say node (an unknown target)', () => {
    const remind = outbound({ next: 'nowhere' });
    expect(brief(check({ main: MAIN, remind }).problems)).toContain('remind.yaml:nodes.say.next FLOW_UNKNOWN_TARGET');
  });

  it('refuses a flow that needs start variables as a route entry or the after-call flow', () => {
    const result = check({ main: MAIN, remind: outbound({}) }, { routes: { entries: { '*': 'main', '12346': 'remind' }, afterCall: 'remind' } });
    expect(brief(result.problems)).toEqual(['routes.yaml:entries.12346 FLOW_ENTRY_NEEDS_VARIABLES', 'routes.yaml:afterCall FLOW_ENTRY_NEEDS_VARIABLES']);
  });
});
