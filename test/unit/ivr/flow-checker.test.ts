import { describe, expect, it } from 'vitest';
import { checkFlows, type FlowCheckInput } from '../../../src/domain/ivr/flow-checker.js';
import type { FlowProblem } from '../../../src/domain/ivr/flow-problems.js';
import type { FlowNode, FlowSource, Target } from '../../../src/domain/ivr/flow-types.js';

const PROMPTS = ['main_menu', 'no_input', 'invalid_key', 'greeting', 'enter_id', 'bye'];

function menu(options: Record<string, Target>, noInput = 'queue', extra: object = {}): FlowNode {
  const entries = Object.entries(options).map(([key, next]) => [key, { next, label: `选项${key}` }]);
  return { type: 'menu', prompt: 'main_menu', options: Object.fromEntries(entries), timeoutSeconds: 3, retries: 1, noInput, ...extra } as FlowNode;
}

const queue = (name = 'general'): FlowNode => ({ type: 'queue', queue: name });

function flow(nodes: Record<string, FlowNode>, extra: Partial<FlowSource> = {}): FlowSource {
  return { name: '测试', start: Object.keys(nodes)[0] ?? 'start', nodes, ...extra };
}

const MAIN = flow({ menu: menu({ '1': 'queue' }), queue: queue() });

function check(flows: Record<string, FlowSource>, input: Partial<FlowCheckInput> = {}) {
  return checkFlows({
    version: 7,
    flows: new Map(Object.entries(flows)),
    routes: { entries: { '*': 'main' } },
    knownQueues: new Set(['general', 'elderly', 'enterprise']),
    knownPrompts: new Map([['zh-CN', new Set(PROMPTS)]]),
    knownSchedules: new Set(['enterprise-desk']),
    ...input,
  });
}

const codes = (problems: readonly FlowProblem[]) => problems.map((p) => p.code);
const brief = (problems: readonly FlowProblem[]) => problems.map((p) => `${p.file}:${p.path} ${p.code}`);

describe('a valid flow set', () => {
  it('is built with its version, ids and entries, and no problems', () => {
    const elderly = flow({ greet: { type: 'play', prompts: ['greeting'], next: 'queue' }, queue: queue('elderly') });
    const result = check({ main: MAIN, elderly }, { routes: { entries: { '*': 'main', '12349': 'elderly' }, afterCall: 'elderly' } });
    expect(result.problems).toEqual([]);
    expect(result.flowSet?.version).toBe(7);
    expect([...(result.flowSet?.flows.keys() ?? [])]).toEqual(['elderly', 'main']);
    expect(result.flowSet?.flows.get('main')).toMatchObject({ id: 'main', start: 'menu', name: '测试' });
    expect(result.flowSet?.entries).toEqual({ '*': 'main', '12349': 'elderly' });
  });

  it('gives the same problems in the same order every time', () => {
    const bad = { main: flow({ menu: menu({ '1': 'nowhere', '2': { flow: 'gone' } }), queue: queue('none'), lost: { type: 'hangup', prompt: 'unknown' } }) };
    expect(check(bad).problems).toEqual(check(bad).problems);
    expect(brief(check(bad).problems)).toEqual([
      'main.yaml:nodes.menu.options.1.next FLOW_UNKNOWN_TARGET',
      'main.yaml:nodes.menu.options.2.next FLOW_UNKNOWN_FLOW',
      'main.yaml:nodes.queue.queue FLOW_UNKNOWN_QUEUE',
      'main.yaml:nodes.lost.prompt FLOW_UNKNOWN_PROMPT',
      'main.yaml:nodes.lost FLOW_UNREACHABLE_NODE',
    ]);
  });
});

describe('flow ids, size and start', () => {
  it('rejects a flow id that is not lower-case words joined by -', () => {
    const result = check({ main: MAIN, Main_2: MAIN });
    expect(brief(result.problems)).toEqual(['Main_2.yaml: FLOW_ID_INVALID']);
    expect(result.flowSet).toBeUndefined();
  });

  it('rejects a flow with more nodes than the limit', () => {
    expect(brief(check({ main: MAIN }, { limits: { maxNodes: 1 } }).problems)).toEqual(['main.yaml:nodes FLOW_TOO_LARGE']);
    expect(check({ main: MAIN }, { limits: { maxNodes: 2 } }).problems).toEqual([]);
  });

  it('reports a missing start once, without calling every node unreachable', () => {
    expect(brief(check({ main: { ...MAIN, start: 'welcome' } }).problems)).toEqual(['main.yaml:start FLOW_START_MISSING']);
  });
});

describe('targets', () => {
  it('reports an unknown node with the path of the reference', () => {
    const main = flow({ menu: menu({ '1': 'queue', '3': 'complaint' }), queue: queue() });
    const [problem] = check({ main }).problems;
    expect(problem).toMatchObject({ file: 'main.yaml', path: 'nodes.menu.options.3.next', code: 'FLOW_UNKNOWN_TARGET' });
    expect(problem?.message).toContain('complaint');
  });

  it('reports an unknown node of another flow, and an unknown flow', () => {
    const main = flow({ menu: menu({ '1': { flow: 'elderly', node: 'nope' }, '2': { flow: 'enterprise' } }), queue: queue() });
    const elderly = flow({ queue: queue('elderly') });
    expect(brief(check({ main, elderly }).problems)).toEqual(['main.yaml:nodes.menu.options.1.next FLOW_UNKNOWN_TARGET', 'main.yaml:nodes.menu.options.2.next FLOW_UNKNOWN_FLOW']);
  });

  it('checks global key targets too', () => {
    const main = { ...MAIN, globalKeys: { '0': { next: { flow: 'elderly' }, label: '老人' } } };
    expect(brief(check({ main }).problems)).toEqual(['main.yaml:globalKeys.0.next FLOW_UNKNOWN_FLOW']);
  });

  it('does not report references to a flow that failed to load, and builds no set then', () => {
    const main = flow({ menu: menu({ '1': 'queue', '2': { flow: 'enterprise' } }), queue: queue() });
    const result = check({ main }, { brokenFlows: new Set(['enterprise']), routes: { entries: { '*': 'main', '123452': 'enterprise' } } });
    expect(result.problems).toEqual([]);
    expect(result.flowSet).toBeUndefined();
  });

  it('builds no set when routes could not be loaded', () => {
    const result = check({ main: MAIN }, { routes: null });
    expect(result.problems).toEqual([]);
    expect(result.flowSet).toBeUndefined();
  });
});

describe('reachability', () => {
  it('reports a node nothing leads to', () => {
    const main = flow({ menu: menu({ '1': 'queue' }), queue: queue(), old: { type: 'hangup' } });
    expect(brief(check({ main }).problems)).toEqual(['main.yaml:nodes.old FLOW_UNREACHABLE_NODE']);
  });

  it('counts nodes reached from another flow, through a global key, and down a chain', () => {
    const main = flow({ menu: menu({ '1': { flow: 'other', node: 'side' } }), queue: queue() }, { globalKeys: { '9': { next: 'bye', label: '再见' } } });
    const mainWithBye = { ...main, nodes: { ...main.nodes, bye: { type: 'hangup', prompt: 'bye' } as FlowNode } };
    const other = flow({ start: { type: 'goto', target: { flow: 'main' } }, side: { type: 'play', prompts: ['greeting'], next: 'end' }, end: queue() });
    expect(check({ main: mainWithBye, other }).problems).toEqual([]);
  });

  it('does not count a node reached only from an unreachable node as reachable', () => {
    const main = flow({ menu: menu({ '1': 'queue' }), queue: queue(), a: { type: 'goto', target: 'b' }, b: { type: 'hangup' } });
    expect(brief(check({ main }).problems)).toEqual(['main.yaml:nodes.a FLOW_UNREACHABLE_NODE', 'main.yaml:nodes.b FLOW_UNREACHABLE_NODE']);
  });
});

describe('no-input routes and loops without a key', () => {
  it('reports a menu or collect without a no-input route (when the schema was bypassed)', () => {
    const noRoute = { type: 'menu', prompt: 'main_menu', options: { '1': { next: 'queue', label: '一' } }, timeoutSeconds: 3, retries: 0 } as unknown as FlowNode;
    expect(brief(check({ main: flow({ menu: noRoute, queue: queue() }) }).problems)).toEqual(['main.yaml:nodes.menu FLOW_MENU_NO_INPUT_ROUTE']);
  });

  it('reports a menu whose no-input route leads back to it', () => {
    const main = flow({ menu: menu({ '1': 'queue' }, 'again'), queue: queue(), again: { type: 'play', prompts: ['no_input'], next: 'menu' } });
    const problems = check({ main }).problems;
    expect(brief(problems)).toEqual(['main.yaml:nodes.menu FLOW_NO_KEY_LOOP']);
    expect(problems[0]?.message).toContain('menu → again → menu');
  });

  it('reports a node that leads to itself, and a loop across flows and through hours and branch', () => {
    const self = flow({ menu: menu({ '1': 'queue' }, 'menu'), queue: queue() });
    expect(codes(check({ main: self }).problems)).toEqual(['FLOW_NO_KEY_LOOP']);
    const main = flow({ route: { type: 'branch', cases: [{ when: { caller: 'elderly' }, next: 'queue' }], otherwise: { flow: 'other' } }, queue: queue() });
    const other = flow({ hours: { type: 'hours', schedule: 'enterprise-desk', open: 'set', closed: 'set' }, set: { type: 'set', variables: { a: '1' }, next: { flow: 'main' } } });
    const problems = check({ main, other }).problems;
    expect(brief(problems)).toEqual(['main.yaml:nodes.route FLOW_NO_KEY_LOOP']);
    expect(problems[0]?.message).toContain('route → other:hours → other:set → route');
  });

  it('counts an invalid-key route as key-free, as the checker rules say', () => {
    const main = flow({ menu: menu({ '1': 'queue' }, 'queue', { invalid: 'back' }), queue: queue(), back: { type: 'goto', target: 'menu' } });
    expect(codes(check({ main }).problems)).toEqual(['FLOW_NO_KEY_LOOP']);
  });

  it('accepts loops that need a key: menu options and collected digits', () => {
    const main = flow({
      menu: menu({ '1': 'id', '2': 'menu' }),
      id: { type: 'collect', prompt: 'enter_id', variable: 'id', minLength: 4, maxLength: 18, interDigitTimeoutSeconds: 3, retries: 1, next: 'menu', noInput: 'queue' },
      queue: queue(),
    });
    expect(check({ main }).problems).toEqual([]);
  });
});

describe('keys', () => {
  const elderly = flow({ greet: { type: 'play', prompts: ['greeting'], next: 'queue' }, queue: queue('elderly') });
  const globalZero = { '0': { next: { flow: 'elderly' }, label: '老年人一键转人工' } };

  it('reports a menu key that a global key of this flow takes first', () => {
    const main = flow({ menu: menu({ '0': 'queue', '1': 'queue' }), queue: queue() }, { globalKeys: globalZero });
    expect(brief(check({ main, elderly }).problems)).toEqual(['main.yaml:nodes.menu.options.0 FLOW_DUPLICATE_KEY']);
  });

  it('reports a menu key shadowed by a global key inherited from a flow that leads here', () => {
    const main = flow({ menu: menu({ '1': { flow: 'sub' } }), queue: queue() }, { globalKeys: globalZero });
    const sub = flow({ menu: menu({ '0': 'queue' }), queue: queue() });
    expect(brief(check({ main, sub, elderly }).problems)).toEqual(['sub.yaml:nodes.menu.options.0 FLOW_DUPLICATE_KEY']);
    // Not inherited when nothing with the key leads to the flow.
    const lone = flow({ menu: menu({ '1': 'queue' }), queue: queue() }, { globalKeys: globalZero });
    expect(check({ main: lone, sub, elderly }).problems.filter((p) => p.code === 'FLOW_DUPLICATE_KEY')).toEqual([]);
  });

  it('accepts the key in the flow the global key leads to (the engine ignores it there) and in collect nodes', () => {
    const main = flow({ menu: menu({ '1': { flow: 'elderly' }, '2': 'id' }), id: { type: 'collect', prompt: 'enter_id', variable: 'id', minLength: 1, maxLength: 4, interDigitTimeoutSeconds: 3, retries: 0, next: 'queue', noInput: 'queue' }, queue: queue() }, { globalKeys: globalZero });
    const elderlyMenu = flow({ greet: menu({ '0': 'queue', '1': 'queue' }), queue: queue('elderly') });
    expect(check({ main, elderly: elderlyMenu }).problems).toEqual([]);
  });

  it("lets a flow's own global key override an inherited one", () => {
    const main = flow({ menu: menu({ '1': { flow: 'sub' } }), queue: queue() }, { globalKeys: globalZero });
    const sub = flow({ menu: menu({ '1': 'queue' }), queue: queue() }, { globalKeys: { '0': { next: 'queue', label: '人工' } } });
    expect(check({ main, sub, elderly }).problems).toEqual([]);
  });
});

describe('queues, prompts, schedules', () => {
  it('reports an unknown queue', () => {
    expect(brief(check({ main: flow({ menu: menu({ '1': 'queue' }), queue: queue('vip') }) }).problems)).toEqual(['main.yaml:nodes.queue.queue FLOW_UNKNOWN_QUEUE']);
  });

  it('reports a prompt without a text in any language that has prompts, at each reference', () => {
    const main = flow({ menu: menu({ '1': 'queue' }, 'queue', { invalidPrompt: 'oops' }), queue: queue(), bye: { type: 'play', prompts: ['greeting', 'hello'], next: 'menu' } });
    const knownPrompts = new Map([['zh-CN', new Set(PROMPTS)], ['en', new Set(['main_menu', 'greeting', 'hello'])]]);
    const problems = check({ main }, { knownPrompts }).problems.filter((p) => p.code === 'FLOW_UNKNOWN_PROMPT');
    expect(problems.map((p) => p.path)).toEqual(['nodes.menu.invalidPrompt', 'nodes.bye.prompts.1']);
    expect(problems[0]?.message).toContain('prompts/zh-CN.yaml, prompts/en.yaml');
    expect(problems[1]?.message).toContain('prompts/zh-CN.yaml');
  });

  it('reports a language set by a flow that has no prompts', () => {
    const main = flow({ set: { type: 'set', language: 'en', next: 'queue' }, queue: queue() });
    expect(brief(check({ main }).problems)).toEqual(['main.yaml:nodes.set.language FLOW_UNKNOWN_PROMPT']);
  });

  it('reports missing audio only when audio is given, and only for prompts that have a text', () => {
    const main = flow({ menu: menu({ '1': 'queue' }, 'queue', { invalidPrompt: 'invalid_key', noInputPrompt: 'nope' }), queue: queue() });
    const promptAudio = new Map([['zh-CN', new Set(['main_menu'])]]);
    expect(brief(check({ main }, { promptAudio }).problems)).toEqual(['main.yaml:nodes.menu.invalidPrompt FLOW_PROMPT_AUDIO_MISSING', 'main.yaml:nodes.menu.noInputPrompt FLOW_UNKNOWN_PROMPT']);
    expect(codes(check({ main }).problems)).toEqual(['FLOW_UNKNOWN_PROMPT']);
  });

  it('reports an hours node with an unknown schedule', () => {
    const main = flow({ hours: { type: 'hours', schedule: 'night-desk', open: 'queue', closed: 'queue' }, queue: queue() });
    expect(brief(check({ main }).problems)).toEqual(['main.yaml:nodes.hours.schedule FLOW_BAD_CALENDAR']);
  });

  it('reports what the schema cannot: min above max, regular expressions that do not compile', () => {
    const main = flow({
      id: { type: 'collect', prompt: 'enter_id', variable: 'id', minLength: 6, maxLength: 4, pattern: '[0-9', interDigitTimeoutSeconds: 3, retries: 0, next: 'route', noInput: 'queue' },
      route: { type: 'branch', cases: [{ when: { variable: 'id', matches: '(' }, next: 'queue' }], otherwise: 'queue' },
      queue: queue(),
    });
    expect(brief(check({ main }).problems)).toEqual([
      'main.yaml:nodes.id.minLength FLOW_SCHEMA_VIOLATION',
      'main.yaml:nodes.id.pattern FLOW_SCHEMA_VIOLATION',
      'main.yaml:nodes.route.cases.0.when.matches FLOW_SCHEMA_VIOLATION',
    ]);
  });
});

describe('routes', () => {
  it("reports a missing '*' entry and entries or afterCall naming unknown flows", () => {
    const result = check({ main: MAIN }, { routes: { entries: { '12345': 'main', '123452': 'enterprise' }, afterCall: 'survey' } });
    expect(brief(result.problems)).toEqual(['routes.yaml:entries FLOW_ROUTES_INVALID', 'routes.yaml:entries.123452 FLOW_ROUTES_INVALID', 'routes.yaml:afterCall FLOW_ROUTES_INVALID']);
    expect(result.flowSet).toBeUndefined();
  });
});
