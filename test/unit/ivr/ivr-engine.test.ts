import { describe, expect, it } from 'vitest';
import type { IvrStep } from '../../../src/domain/calls/call-facts.js';
import { startIvr, stepIvr, type IvrContext } from '../../../src/domain/ivr/ivr-engine.js';
import type { CallerProfile, IvrCommand, IvrState, Sound, StepResult } from '../../../src/domain/ivr/ivr-protocol.js';
import { shippedFlowSet } from '../../helpers/shipped-flows.js';

const flows = shippedFlowSet();
const T0 = Date.UTC(2026, 10, 24, 2, 0, 0); // Tuesday 10:00 in China
const caller: CallerProfile = { number: '13800001111', dialed: '12345', elderly: false, enterprise: null, anonymous: false };

function context(open = true): IvrContext {
  return { flows, isOpen: () => open };
}

/** Drives one call through the engine like a session would, recording every command. */
class Driver {
  state: IvrState;
  commands: IvrCommand[] = [];
  at = T0;

  constructor(
    private readonly ctx: IvrContext,
    profile: Partial<CallerProfile> = {},
    flowId = 'main',
  ) {
    const result = startIvr(ctx, { ...caller, ...profile }, flowId, this.at, 'zh-CN');
    this.state = result.state;
    this.commands.push(...result.commands);
  }

  private apply(result: StepResult): this {
    this.state = result.state;
    this.commands.push(...result.commands);
    return this;
  }

  private last<T extends IvrCommand['type']>(type: T): Extract<IvrCommand, { type: T }> {
    const found = [...this.commands].reverse().find((c) => c.type === type);
    if (!found) throw new Error(`no ${type} command yet`);
    return found as Extract<IvrCommand, { type: T }>;
  }

  promptsDone(): this {
    this.at += 3000;
    return this.apply(stepIvr(this.ctx, this.state, { type: 'PromptsFinished', token: this.last('PlayPrompts').token, at: this.at, outcome: 'played' }));
  }

  press(key: string): this {
    this.at += 500;
    return this.apply(stepIvr(this.ctx, this.state, { type: 'KeyPressed', key, at: this.at }));
  }

  timeout(): this {
    this.at += 5000;
    return this.apply(stepIvr(this.ctx, this.state, { type: 'TimerFired', token: this.last('StartTimer').token, at: this.at }));
  }

  recorded(durationMs: number): this {
    this.at += durationMs;
    return this.apply(stepIvr(this.ctx, this.state, { type: 'RecordingFinished', token: this.last('RecordMessage').token, at: this.at, durationMs }));
  }

  played(): Sound[] {
    return this.commands.filter((c): c is Extract<IvrCommand, { type: 'PlayPrompts' }> => c.type === 'PlayPrompts').flatMap((c) => [...c.prompts]);
  }

  keysInPath(): IvrStep[] {
    return this.state.path.filter((step) => step.kind === 'key');
  }
}

describe('IVR engine on the shipped flows', () => {
  it('main: pressing nothing reaches the general queue after one prompt and a short wait', () => {
    const call = new Driver(context()).promptsDone().timeout();
    expect(call.played()).toEqual(['main_menu']);
    expect(call.commands.at(-1)).toEqual({ type: 'EnqueueCall', queue: 'general', priority: null, skills: [] });
    expect(call.state).toMatchObject({ status: 'done', outcome: expect.objectContaining({ kind: 'queued', queue: 'general' }) });
    const timer = call.commands.find((c) => c.type === 'StartTimer');
    expect(timer).toMatchObject({ ms: 1000 });
  });

  it('main: 1 then 2 reaches the general queue with the choices in words', () => {
    const call = new Driver(context()).promptsDone().press('1').promptsDone().press('2');
    expect(call.state.outcome).toEqual(expect.objectContaining({ kind: 'queued', queue: 'general' }));
    expect(call.keysInPath()).toEqual([
      expect.objectContaining({ key: '1', label: '咨询投诉' }),
      expect.objectContaining({ key: '2', label: '投诉举报' }),
    ]);
  });

  it('main: a key during the menu prompt barges in and is taken at once', () => {
    const call = new Driver(context()).press('1');
    expect(call.commands.some((c) => c.type === 'StopPrompts')).toBe(true);
    expect(call.state.nodeId).toBe('consult-menu');
    expect(call.state.path).toContainEqual(expect.objectContaining({ kind: 'prompt', prompt: 'main_menu', outcome: 'interrupted' }));
  });

  it('main: the elderly key 0 works three menus deep and goes straight to the elderly lane', () => {
    const call = new Driver(context()).promptsDone().press('1').promptsDone().press('3').promptsDone().press('0');
    expect(call.state.flowId).toBe('elderly');
    call.promptsDone();
    expect(call.state.outcome).toEqual(expect.objectContaining({ kind: 'queued', queue: 'elderly' }));
    expect(call.keysInPath().at(-1)).toMatchObject({ key: '0', global: true, label: '老年人一键转人工' });
  });

  it('main: the elderly key interrupts a prompt too', () => {
    const call = new Driver(context()).promptsDone().press('1').press('0');
    expect(call.state.flowId).toBe('elderly');
    expect(call.played().at(-1)).toBe('elderly_greeting');
  });

  it('main: a registered elderly number skips every menu', () => {
    const call = new Driver(context(), { elderly: true });
    expect(call.played()).toEqual(['elderly_greeting']);
    call.promptsDone();
    expect(call.state.outcome).toEqual(expect.objectContaining({ kind: 'queued', queue: 'elderly' }));
  });

  it('main: an invalid key in the first menu goes to a human (no retries there)', () => {
    const call = new Driver(context()).promptsDone().press('7');
    expect(call.state.outcome).toEqual(expect.objectContaining({ kind: 'queued', queue: 'general' }));
    expect(call.state.path).toContainEqual(expect.objectContaining({ kind: 'invalid', key: '7' }));
  });

  it('consult menu: timeout → retry with the no-input prompt → timeout → general queue', () => {
    const call = new Driver(context()).promptsDone().press('1').promptsDone().timeout();
    expect(call.played().slice(-2)).toEqual(['no_input', 'consult_menu']);
    expect(call.state.status).toBe('running');
    call.promptsDone().timeout();
    expect(call.state.outcome).toEqual(expect.objectContaining({ kind: 'queued', queue: 'general' }));
    expect(call.state.path.filter((step) => step.kind === 'timeout')).toHaveLength(2);
  });

  it('consult menu: an invalid key replays the menu with the invalid prompt, then a valid key counts', () => {
    const call = new Driver(context()).promptsDone().press('1').promptsDone().press('9');
    expect(call.played().slice(-2)).toEqual(['invalid_key', 'consult_menu']);
    call.promptsDone().press('2');
    expect(call.state.outcome).toEqual(expect.objectContaining({ kind: 'queued', queue: 'general' }));
  });

  it('the enterprise number leads to the enterprise desk when it is open', () => {
    const call = new Driver(context(true), { dialed: '123452' });
    expect(call.state.flowId).toBe('enterprise');
    call.promptsDone().press('1');
    expect(call.state.outcome).toEqual(expect.objectContaining({ kind: 'queued', queue: 'enterprise' }));
  });

  it('main menu key 2 leads to the enterprise desk too', () => {
    const call = new Driver(context(true)).promptsDone().press('2').promptsDone().timeout();
    expect(call.state.outcome).toEqual(expect.objectContaining({ kind: 'queued', queue: 'enterprise' }));
  });

  it('outside the desk hours a caller can leave a message, which ends the call politely', () => {
    const call = new Driver(context(false), { dialed: '123452' });
    expect(call.state.flowId).toBe('after-hours');
    call.promptsDone().press('1').promptsDone();
    expect(call.commands.at(-1)).toMatchObject({ type: 'RecordMessage', maxSeconds: 120, beep: true });
    call.recorded(15_000);
    expect(call.played().at(-1)).toBe('message_thanks');
    call.promptsDone();
    expect(call.commands.at(-1)).toEqual({ type: 'HangUp' });
    expect(call.state.outcome).toEqual({ kind: 'message', durationMs: 15_000 });
  });

  it('outside the desk hours, pressing nothing still reaches a human', () => {
    const call = new Driver(context(false), { dialed: '123452' }).promptsDone().timeout();
    expect(call.state.outcome).toEqual(expect.objectContaining({ kind: 'queued', queue: 'general' }));
  });

  it.each([
    ['1', 'satisfied'],
    ['2', 'basically-satisfied'],
    ['3', 'dissatisfied'],
  ])('survey: key %s stores %s and thanks the caller', (key, rating) => {
    const call = new Driver(context(), {}, 'survey').promptsDone().press(key);
    expect(call.state.variables.satisfaction).toBe(rating);
    expect(call.played().at(-1)).toBe('survey_thanks');
    call.promptsDone();
    expect(call.commands.at(-1)).toEqual({ type: 'HangUp' });
  });

  it('survey: no answer twice says goodbye without a rating', () => {
    const call = new Driver(context(), {}, 'survey').promptsDone().timeout().promptsDone().timeout();
    expect(call.state.variables.satisfaction).toBeUndefined();
    expect(call.played().at(-1)).toBe('goodbye');
  });

  it('ignores events that are not for the current wait (stale tokens, after the end)', () => {
    const call = new Driver(context());
    const before = call.state;
    const stale = stepIvr(context(), before, { type: 'TimerFired', token: 't999', at: T0 + 1 });
    expect(stale.commands).toEqual([]);
    expect(stale.state).toEqual(before);
    call.promptsDone().timeout();
    const after = stepIvr(context(), call.state, { type: 'KeyPressed', key: '1', at: T0 + 99_999 });
    expect(after.commands).toEqual([]);
  });

  it('is deterministic: the same events give the same state and commands', () => {
    const a = new Driver(context()).promptsDone().press('1').promptsDone().press('3');
    const b = new Driver(context()).promptsDone().press('1').promptsDone().press('3');
    expect(a.state).toEqual(b.state);
    expect(a.commands).toEqual(b.commands);
  });
});

describe('every path of every shipped flow ends with the caller served', () => {
  // Explores all event sequences: at each wait, every possible event (prompt end, each valid key,
  // a global key, an invalid key, a timeout, a recording end), to a bounded depth.
  const KEYS = ['0', '1', '2', '3', '9'];
  type Outcome = NonNullable<IvrState['outcome']>['kind'];

  function explore(ctx: IvrContext, start: StepResult, maxDepth: number): { outcomes: Set<Outcome>; visited: Set<string>; paths: number } {
    const outcomes = new Set<Outcome>();
    const visited = new Set<string>();
    let paths = 0;
    const walk = (result: StepResult, depth: number, lastCommands: readonly IvrCommand[]): void => {
      const { state } = result;
      visited.add(`${state.flowId}:${state.nodeId}`);
      for (const step of state.path) if (step.kind === 'node') visited.add(`${step.flow}:${step.node}`);
      if (state.status === 'done') {
        outcomes.add(state.outcome?.kind ?? 'hangup');
        paths += 1;
        return;
      }
      if (depth >= maxDepth) throw new Error(`no end after ${maxDepth} events at ${state.flowId}:${state.nodeId}`);
      const at = T0 + depth * 1000;
      const wait = state.wait;
      // An event that changed nothing but the path (an ignored key) leads nowhere new.
      const next = (r: StepResult): void => {
        const moved = r.state.status !== state.status || r.state.nodeId !== state.nodeId || r.state.flowId !== state.flowId || JSON.stringify(r.state.wait) !== JSON.stringify(wait);
        if (moved) walk(r, depth + 1, r.commands);
      };
      if (wait.kind === 'prompts') next(stepIvr(ctx, state, { type: 'PromptsFinished', token: wait.token, at, outcome: 'played' }));
      if (wait.kind === 'keys') next(stepIvr(ctx, state, { type: 'TimerFired', token: wait.token, at }));
      if (wait.kind === 'recording') next(stepIvr(ctx, state, { type: 'RecordingFinished', token: wait.token, at, durationMs: 1000 }));
      if (wait.kind === 'prompts' || wait.kind === 'keys') for (const key of KEYS) next(stepIvr(ctx, state, { type: 'KeyPressed', key, at }));
      if (wait.kind === 'none') throw new Error(`stuck with nothing to wait for at ${state.flowId}:${state.nodeId} (${lastCommands.length} commands)`);
    };
    walk(start, 0, start.commands);
    return { outcomes, visited, paths };
  }

  const OUTBOUND_STARTS: readonly (readonly [string, Record<string, string>])[] = [
    ['sign-reminder', { ticketNumber: '202612050001', summary: '小区电梯故障' }],
    ['sign-reminder', {}],
    ['reply-reminder', { ticketNumber: '202612050001', summary: '小区电梯故障' }],
    ['return-visit', { ticketDate: '2026-12-03', summary: '小区电梯故障' }],
    ['return-visit', { ticketDate: String(Date.UTC(2026, 11, 2, 16, 30)) }],
  ];
  const allNodes = [...flows.flows.values()].flatMap((flow) => Object.keys(flow.nodes).map((node) => `${flow.id}:${node}`));

  it('visits every node, and every path ends queued, with a message, or hung up after the survey', () => {
    const visited = new Set<string>();
    const outcomes = new Set<string>();
    let paths = 0;
    for (const open of [true, false]) {
      for (const profile of [{}, { elderly: true }, { dialed: '123452' }]) {
        const result = explore(context(open), startIvr(context(open), { ...caller, ...profile }, 'main', T0, 'zh-CN'), 14);
        result.visited.forEach((node) => visited.add(node));
        result.outcomes.forEach((outcome) => outcomes.add(outcome));
        paths += result.paths;
      }
      const survey = explore(context(open), startIvr(context(open), caller, 'survey', T0, 'zh-CN'), 14);
      survey.visited.forEach((node) => visited.add(node));
      survey.outcomes.forEach((outcome) => outcomes.add(outcome));
      paths += survey.paths;
      // The flows outbound calls start, with the values they are given (and without: parts left out).
      for (const [flowId, variables] of OUTBOUND_STARTS) {
        const run = explore(context(open), startIvr(context(open), caller, flowId, T0, 'zh-CN', variables), 14);
        run.visited.forEach((node) => visited.add(node));
        run.outcomes.forEach((outcome) => outcomes.add(outcome));
        paths += run.paths;
      }
    }
    expect([...allNodes].filter((node) => !visited.has(node))).toEqual([]);
    expect([...outcomes].sort()).toEqual(['hangup', 'message', 'queued']);
    expect(paths).toBeGreaterThan(100);
  });
});

describe('engine rules beyond the shipped flows', () => {
  it('keeps keys away from a voice message being recorded, global keys included', () => {
    const call = new Driver(context(false), { dialed: '123452' }).promptsDone().press('1').promptsDone();
    expect(call.state.wait.kind).toBe('recording');
    call.press('0');
    expect(call.state.flowId).toBe('after-hours');
    expect(call.state.wait.kind).toBe('recording');
  });
});
