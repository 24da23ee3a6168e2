import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { formatProblem, loadFlowDir, type FlowLoadOptions } from '../../../src/adapters/flows/flow-loader.js';
import { FLOW_PROBLEM_CODES, type FlowProblem } from '../../../src/domain/ivr/flow-problems.js';
import { shippedFlowSet } from '../../helpers/shipped-flows.js';

const INVALID = 'fixtures/flows/invalid';
const KNOWN_QUEUES: FlowLoadOptions['queues'] = { ids: ['general', 'elderly', 'enterprise'] };
/** The ACD's queue file when it is there (it is written by another part of the project), else the known ids. */
const SHIPPED_QUEUES: FlowLoadOptions['queues'] = fs.existsSync('fixtures/queues.yaml') ? { file: 'fixtures/queues.yaml' } : KNOWN_QUEUES;

const codes = (problems: readonly FlowProblem[]) => problems.map((p) => p.code).sort();
const brief = (problems: readonly FlowProblem[]) => problems.map((p) => `${p.file}:${p.path} ${p.code}`);

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flows-'));
  temps.push(dir);
  return dir;
}

/** A copy of a fixture directory to change in one place. */
function copyOf(source: string): string {
  const dir = tempDir();
  fs.cpSync(source, dir, { recursive: true });
  return dir;
}

/** A valid little flow directory (one of the invalid cases without its mistake). */
function validDir(): string {
  const dir = copyOf(`${INVALID}/routes-unknown-flow`);
  fs.writeFileSync(path.join(dir, 'routes.yaml'), 'entries:\n  "*": main\n');
  return dir;
}

describe('the shipped flows', () => {
  it('load with no problems into the flow set the engine tests use', () => {
    const result = loadFlowDir('ivr-flows', { queues: SHIPPED_QUEUES, version: 3 });
    expect(result.problems.map(formatProblem)).toEqual([]);
    const expected = shippedFlowSet();
    expect(result.flowSet?.version).toBe(3);
    expect([...(result.flowSet?.flows.keys() ?? [])]).toEqual(['after-hours', 'elderly', 'enterprise', 'main', 'reply-reminder', 'return-visit', 'sign-reminder', 'survey']);
    expect(result.flowSet?.entries).toEqual(expected.entries);
    for (const [id, flow] of expected.flows) expect(result.flowSet?.flows.get(id)).toEqual(flow);
    expect(result.routes?.afterCall).toBe('survey');
  });

  it('need audio for every prompt when a sounds directory is given', () => {
    const sounds = tempDir();
    fs.mkdirSync(path.join(sounds, 'zh-CN'));
    const texts = parse(fs.readFileSync('ivr-flows/prompts/zh-CN.yaml', 'utf8')) as Record<string, string>;
    for (const id of Object.keys(texts)) fs.writeFileSync(path.join(sounds, 'zh-CN', `${id}.wav`), 'RIFF');
    expect(loadFlowDir('ivr-flows', { queues: KNOWN_QUEUES, soundsDir: sounds }).problems).toEqual([]);
    fs.rmSync(path.join(sounds, 'zh-CN', 'main_menu.wav'));
    fs.writeFileSync(path.join(sounds, 'zh-CN', 'no_input.wav'), '');
    const problems = loadFlowDir('ivr-flows', { queues: KNOWN_QUEUES, soundsDir: sounds }).problems;
    expect(new Set(problems.map((p) => p.code))).toEqual(new Set(['FLOW_PROMPT_AUDIO_MISSING']));
    expect(problems.map((p) => p.message)).toContain(`prompt 'main_menu' has no audio for zh-CN (run npm run prompts)`);
    // An empty file is no audio: every reference to no_input is reported.
    expect(brief(problems.filter((p) => p.message.includes(`'no_input'`)))).toEqual([
      'main.yaml:nodes.consult-menu.noInputPrompt FLOW_PROMPT_AUDIO_MISSING',
      'main.yaml:nodes.help-menu.noInputPrompt FLOW_PROMPT_AUDIO_MISSING',
      'return-visit.yaml:nodes.rate.noInputPrompt FLOW_PROMPT_AUDIO_MISSING',
      'survey.yaml:nodes.ask.noInputPrompt FLOW_PROMPT_AUDIO_MISSING',
    ]);
  });
});

describe('the invalid fixtures', () => {
  const expected = parse(fs.readFileSync(`${INVALID}/expected.yaml`, 'utf8')) as Record<string, string[]>;
  const cases = fs.readdirSync(INVALID).filter((name) => fs.statSync(path.join(INVALID, name)).isDirectory()).sort();

  it('are all listed in expected.yaml, and every problem code has a case', () => {
    expect(Object.keys(expected).sort()).toEqual(cases);
    const covered = new Set(Object.values(expected).flat());
    expect(FLOW_PROBLEM_CODES.filter((code) => !covered.has(code))).toEqual([]);
  });

  it.each(cases)('%s reports exactly its expected codes', (name) => {
    const dir = path.join(INVALID, name);
    const sounds = path.join(dir, 'sounds');
    const result = loadFlowDir(dir, { queues: KNOWN_QUEUES, ...(fs.existsSync(sounds) ? { soundsDir: sounds } : {}) });
    expect(codes(result.problems)).toEqual([...(expected[name] ?? ['(not listed)'])].sort());
    expect(result.flowSet).toBeUndefined();
  });
});

describe('loading a flow directory', () => {
  it('builds the set from a valid directory', () => {
    const result = loadFlowDir(validDir(), { queues: KNOWN_QUEUES });
    expect(result.problems).toEqual([]);
    expect([...(result.flowSet?.flows.keys() ?? [])]).toEqual(['main']);
  });

  it('reports a file over the byte limit without parsing it', () => {
    const dir = validDir();
    const main = path.join(dir, 'main.yaml');
    fs.appendFileSync(main, `# ${'填充'.repeat(50_000)}\n`);
    expect(fs.statSync(main).size).toBeGreaterThan(256 * 1024);
    expect(brief(loadFlowDir(dir, { queues: KNOWN_QUEUES }).problems)).toEqual(['main.yaml: FLOW_TOO_LARGE']);
    expect(brief(loadFlowDir(validDir(), { queues: KNOWN_QUEUES, limits: { maxFileBytes: 100 } }).problems)).toEqual(['main.yaml: FLOW_TOO_LARGE']);
  });

  it('reports one schema problem per mistake, by path, in a stable order', () => {
    const dir = validDir();
    fs.writeFileSync(
      path.join(dir, 'main.yaml'),
      [
        'name: 测试',
        'start: menu',
        'colour: blue',
        'nodes:',
        '  menu:',
        '    type: menu',
        '    prompt: main_menu',
        '    options:',
        '      "1": { next: { flow: Other, nod: x }, label: 一 }',
        '      "12": { next: queue, label: 十二 }',
        '    timeoutSeconds: 0.1',
        '    retries: 1.5',
        '    noInput: queue',
        '  queue: { type: queue, queue: general, skill: [a] }',
        '  speak: { type: speak, text: 你好 }',
        '',
      ].join('\n'),
    );
    const problems = loadFlowDir(dir, { queues: KNOWN_QUEUES }).problems;
    expect(new Set(problems.map((p) => p.code))).toEqual(new Set(['FLOW_SCHEMA_VIOLATION']));
    expect(problems.map((p) => p.path)).toEqual([
      'colour',
      'nodes.menu.options.1.next.flow',
      'nodes.menu.options.1.next.nod',
      'nodes.menu.options.12',
      'nodes.menu.retries',
      'nodes.menu.timeoutSeconds',
      'nodes.queue.skill',
      'nodes.speak.type',
    ]);
    expect(problems.find((p) => p.path === 'nodes.speak.type')?.message).toContain(`unknown node type 'speak'`);
    expect(problems.find((p) => p.path === 'colour')?.message).toBe(`unknown field 'colour' (not allowed here)`);
    expect(loadFlowDir(dir, { queues: KNOWN_QUEUES }).problems).toEqual(problems);
  });

  it('gives a missing noInput of a collect node its own code too', () => {
    const dir = validDir();
    const collect = '  id: { type: collect, prompt: main_menu, variable: id, minLength: 1, maxLength: 4, interDigitTimeoutSeconds: 3, retries: 0, next: queue }\n';
    fs.appendFileSync(path.join(dir, 'main.yaml'), collect);
    expect(brief(loadFlowDir(dir, { queues: KNOWN_QUEUES }).problems)).toEqual(['main.yaml:nodes.id.noInput FLOW_MENU_NO_INPUT_ROUTE']);
  });

  it('does not report references to a flow whose file is broken, only the broken file', () => {
    const dir = validDir();
    fs.writeFileSync(path.join(dir, 'routes.yaml'), 'entries:\n  "*": main\n  "123452": enterprise\n');
    fs.writeFileSync(path.join(dir, 'enterprise.yaml'), 'name: 企业\nstart: q\nnodes:\n  q: { type: queue }\n');
    expect(brief(loadFlowDir(dir, { queues: KNOWN_QUEUES }).problems)).toEqual(['enterprise.yaml:nodes.q.queue FLOW_SCHEMA_VIOLATION']);
  });

  it('accepts a UTF-8 byte order mark', () => {
    const dir = validDir();
    const main = path.join(dir, 'main.yaml');
    fs.writeFileSync(main, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), fs.readFileSync(main)]));
    expect(loadFlowDir(dir, { queues: KNOWN_QUEUES }).problems).toEqual([]);
  });

  it('turns missing files into problems, never throws', () => {
    expect(brief(loadFlowDir('/nonexistent/flows', { queues: KNOWN_QUEUES }).problems)).toEqual(['/nonexistent/flows: FLOW_FILE_UNREADABLE']);
    const dir = validDir();
    fs.rmSync(path.join(dir, 'routes.yaml'));
    fs.rmSync(path.join(dir, 'prompts'), { recursive: true });
    const problems = loadFlowDir(dir, { queues: { file: path.join(dir, 'queues.yaml') } }).problems;
    expect(brief(problems)).toEqual([
      'routes.yaml: FLOW_ROUTES_INVALID',
      'prompts/: FLOW_UNKNOWN_PROMPT',
      `${path.join(dir, 'queues.yaml')}: FLOW_FILE_UNREADABLE`,
      'main.yaml:nodes.queue.queue FLOW_UNKNOWN_QUEUE',
    ]);
  });

  it('reads queue ids from a queue file', () => {
    const dir = validDir();
    const queues = path.join(tempDir(), 'queues.yaml');
    fs.writeFileSync(queues, 'queues:\n  - { id: general, name: 普通 }\n');
    expect(loadFlowDir(dir, { queues: { file: queues } }).problems).toEqual([]);
    fs.writeFileSync(queues, 'queues:\n  - { id: elderly, name: 爱心 }\n');
    expect(brief(loadFlowDir(dir, { queues: { file: queues } }).problems)).toEqual(['main.yaml:nodes.queue.queue FLOW_UNKNOWN_QUEUE']);
  });

  it('reports invalid routes.yaml content under its own code', () => {
    const dir = validDir();
    fs.writeFileSync(path.join(dir, 'routes.yaml'), 'entries:\n  "*": main\n  "12a": main\n');
    expect(brief(loadFlowDir(dir, { queues: KNOWN_QUEUES }).problems)).toEqual(['routes.yaml:entries.12a FLOW_ROUTES_INVALID']);
  });

  it('passes each schedule to the calendar check and reports its findings as bad calendar data', () => {
    const dir = copyOf(`${INVALID}/bad-calendar-unknown-schedule`);
    fs.writeFileSync(path.join(dir, 'schedules.yaml'), 'schedules:\n  weekend-desk: { days: weekends }\n');
    const seen: string[] = [];
    const result = loadFlowDir(dir, {
      queues: KNOWN_QUEUES,
      checkSchedule: (id, definition) => (seen.push(id), (definition as { days: string }).days === 'weekends' ? [{ path: 'days', message: 'unknown day set' }] : []),
    });
    expect(seen).toEqual(['weekend-desk']);
    expect(brief(result.problems)).toEqual(['schedules.yaml:schedules.weekend-desk.days FLOW_BAD_CALENDAR']);
  });

  it('reports a duplicate key inside a list with its full path', () => {
    const dir = copyOf(`${INVALID}/bad-calendar-unknown-schedule`);
    fs.writeFileSync(path.join(dir, 'schedules.yaml'), 'schedules:\n  weekend-desk: { description: a }\n');
    const main = path.join(dir, 'main.yaml');
    fs.appendFileSync(main, '  route:\n    type: branch\n    cases:\n      - when: { caller: elderly }\n        next: queue\n        next: menu\n    otherwise: queue\n');
    expect(brief(loadFlowDir(dir, { queues: KNOWN_QUEUES }).problems)).toEqual(['main.yaml:nodes.route.cases.0.next FLOW_DUPLICATE_KEY']);
  });

  it('formats a problem as file:path CODE message', () => {
    expect(formatProblem({ file: 'main.yaml', path: 'nodes.menu.options.3.next', code: 'FLOW_UNKNOWN_TARGET', message: "no node 'x' in this flow" })).toBe(
      "main.yaml:nodes.menu.options.3.next FLOW_UNKNOWN_TARGET no node 'x' in this flow",
    );
  });
});
