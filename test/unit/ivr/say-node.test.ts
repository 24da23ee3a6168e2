// The say node in the engine: values of the call spoken from recorded digits, numbers and dates, text
// handed on for the speech synthesizer, over the shipped sign-reminder and return-visit flows.
import { describe, expect, it } from 'vitest';
import { startIvr, stepIvr, type IvrContext } from '../../../src/domain/ivr/ivr-engine.js';
import type { FlowSet, SayNode } from '../../../src/domain/ivr/flow-types.js';
import type { CallerProfile, IvrCommand, IvrState, Sound, StepResult } from '../../../src/domain/ivr/ivr-protocol.js';
import { saySounds } from '../../../src/domain/ivr/say-node.js';
import { shippedFlowSet } from '../../helpers/shipped-flows.js';

const flows = shippedFlowSet();
const ctx: IvrContext = { flows, isOpen: () => true };
const T0 = Date.UTC(2026, 11, 5, 2, 0, 0);
const unit: CallerProfile = { number: '02088886666', dialed: '02088886666', elderly: false, enterprise: null, anonymous: false };
const ORDER = { ticketNumber: '202612050001', summary: '小区电梯故障' };

class Call {
  state: IvrState;
  commands: IvrCommand[] = [];
  at = T0;

  constructor(flowId: string, variables: Record<string, string>, set: IvrContext = ctx) {
    const result = startIvr(set, unit, flowId, this.at, 'zh-CN', variables);
    this.state = result.state;
    this.commands.push(...result.commands);
  }

  private apply(result: StepResult): this {
    this.state = result.state;
    this.commands.push(...result.commands);
    return this;
  }

  private lastToken(type: 'PlayPrompts' | 'StartTimer'): string {
    const found = [...this.commands].reverse().find((c) => c.type === type);
    if (!found || !('token' in found)) throw new Error(`no ${type}`);
    return found.token;
  }

  heard(): this {
    this.at += 3000;
    return this.apply(stepIvr(ctx, this.state, { type: 'PromptsFinished', token: this.lastToken('PlayPrompts'), at: this.at, outcome: 'played' }));
  }

  press(key: string): this {
    this.at += 500;
    return this.apply(stepIvr(ctx, this.state, { type: 'KeyPressed', key, at: this.at }));
  }

  silence(): this {
    this.at += 5000;
    return this.apply(stepIvr(ctx, this.state, { type: 'TimerFired', token: this.lastToken('StartTimer'), at: this.at }));
  }

  plays(): Sound[][] {
    return this.commands.flatMap((c) => (c.type === 'PlayPrompts' ? [[...c.prompts]] : []));
  }
}

const digits = (value: string) => [...value].map((d) => `digit_${d}`);

describe('sign reminder (签收提醒)', () => {
  it('reads the order number digit by digit and hands the summary to the synthesizer', () => {
    const call = new Call('sign-reminder', ORDER);
    expect(call.plays()[0]).toEqual(['sign_new_order', ...digits('202612050001'), 'sign_order_content', { text: '小区电梯故障' }]);
  });

  it('1 signs the order (signed: yes), thanks and hangs up', () => {
    const call = new Call('sign-reminder', ORDER).heard().heard().press('1').heard();
    expect(call.state.variables).toMatchObject({ ...ORDER, signed: 'yes' });
    expect(call.plays().at(-1)).toEqual(['sign_thanks']);
    expect(call.commands.at(-1)).toEqual({ type: 'HangUp' });
    expect(call.state.path.filter((s) => s.kind === 'key')).toEqual([{ at: call.at - 3000, kind: 'key', key: '1', label: '确认签收' }]);
  });

  it('a key during the reading skips it and answers the question at once', () => {
    const call = new Call('sign-reminder', ORDER).press('1');
    expect(call.state.variables.signed).toBe('yes');
    const reading = call.commands.find((c) => c.type === 'PlayPrompts');
    expect(call.commands.find((c) => c.type === 'StopPrompts')).toEqual({ type: 'StopPrompts', token: reading && 'token' in reading ? reading.token : '' });
  });

  it('9 or silence reads the order again, twice at most, then says goodbye without signing', () => {
    const call = new Call('sign-reminder', ORDER).heard().heard().press('9').heard().heard().silence().heard().heard().silence().heard();
    const readings = call.plays().filter((p) => p.some((sound) => typeof sound === 'object'));
    expect(readings).toHaveLength(3);
    expect(readings[1]).toEqual(['sign_order_number', ...digits('202612050001'), 'sign_order_content', { text: '小区电梯故障' }]);
    expect(call.plays().at(-1)).toEqual(['sign_no_answer']);
    expect(call.state.status).toBe('done');
    expect(call.state.variables.signed).toBeUndefined();
  });

  it('on the last question 9 no longer repeats: the call ends politely', () => {
    const call = new Call('sign-reminder', ORDER).heard().heard().silence().heard().heard().silence().heard().heard().press('9').heard();
    expect(call.plays().at(-1)).toEqual(['sign_no_answer']);
    expect(call.state.outcome).toEqual({ kind: 'hangup' });
  });

  it('records the prompts of a reading on the path, never the order number or the summary', () => {
    const call = new Call('sign-reminder', ORDER).heard();
    const text = JSON.stringify(call.state.path);
    expect(call.state.path.filter((s) => s.kind === 'prompt').map((s) => (s.kind === 'prompt' ? s.prompt : ''))).toEqual(['sign_new_order', 'sign_order_content']);
    expect(text).not.toContain('电梯');
    expect(text).not.toContain('202612050001');
  });

  it('missing values are left out; the rest is still said', () => {
    const call = new Call('sign-reminder', { summary: '   ' });
    expect(call.plays()[0]).toEqual(['sign_new_order', 'sign_order_content']);
  });
});

describe('return visit (回访)', () => {
  const VISIT = { ticketDate: '2026-12-03', summary: '小区电梯故障' };
  const DEC_3 = ['num_10', 'num_2', 'date_month', 'num_3', 'date_day'];

  it('says the day as 12月3日 from recorded words, the subject by synthesis, then asks', () => {
    const call = new Call('return-visit', VISIT).heard();
    expect(call.plays()).toEqual([['visit_intro', ...DEC_3, 'visit_subject', { text: '小区电梯故障' }, 'visit_replied'], ['visit_question']]);
  });

  it('reads an instant (epoch ms) as its day in China: 16:30 UTC on 2 December is 3 December there', () => {
    const call = new Call('return-visit', { ...VISIT, ticketDate: String(Date.UTC(2026, 11, 2, 16, 30)) });
    expect(call.plays()[0]?.slice(1, 6)).toEqual(DEC_3);
  });

  it.each([
    ['1', 'satisfied'],
    ['2', 'basically-satisfied'],
    ['3', 'dissatisfied'],
  ])('%s sets satisfaction to %s like the survey, thanks and hangs up', (key, satisfaction) => {
    const call = new Call('return-visit', VISIT).heard().heard().press(key).heard();
    expect(call.state.variables.satisfaction).toBe(satisfaction);
    expect(call.state.outcome).toEqual({ kind: 'hangup' });
  });

  it('0 reaches an agent in the general queue, the path naming the return visit', () => {
    const call = new Call('return-visit', VISIT).heard().heard().press('0').heard();
    expect(call.state.outcome).toEqual({ kind: 'queued', queue: 'general', priority: null, skills: [] });
    expect(call.state.path.find((s) => s.kind === 'node' && s.node === 'to-agent')).toMatchObject({ flowName: '回访' });
  });

  it('a day that does not exist is left out, not guessed', () => {
    const call = new Call('return-visit', { ...VISIT, ticketDate: '2026-02-30' });
    expect(call.plays()[0]).toEqual(['visit_intro', 'visit_subject', { text: '小区电梯故障' }, 'visit_replied']);
  });
});

describe('say parts', () => {
  const node = (parts: SayNode['parts']): SayNode => ({ type: 'say', parts, next: 'x' });

  it('reads literal values and quantities the way Mandarin counts (两天, 十五, over 999 digit by digit)', () => {
    expect(saySounds(node([{ digits: '110' }, { number: '2' }, { number: '15' }, { number: 'days' }, { number: '1234' }, { date: '2026-01-31' }]), { days: '3' })).toEqual([
      'digit_1', 'digit_1', 'digit_0',
      'num_2_liang',
      'num_10', 'num_5',
      'num_3',
      'digit_1', 'digit_2', 'digit_3', 'digit_4',
      'num_1', 'date_month', 'num_3', 'num_10', 'num_1', 'date_day',
    ]);
  });

  it('skips what is not a value of its kind (letters as a number, a word as a date)', () => {
    expect(saySounds(node([{ number: 'n' }, { date: 'd' }, { digits: 'x' }]), { n: 'three', d: 'yesterday', x: 'no digits' })).toEqual([]);
  });

  it('a say node with nothing to say goes straight on, with no silent prompt request', () => {
    const set: FlowSet = {
      version: 1,
      entries: { '*': 'f' },
      flows: new Map([['f', { id: 'f', name: 'f', start: 's', nodes: { s: { type: 'say', parts: [{ text: 'summary' }], next: 'q' }, q: { type: 'queue', queue: 'general' } } }]]),
    };
    const result = startIvr({ flows: set, isOpen: () => true }, unit, 'f', T0, 'zh-CN');
    expect(result.commands.map((c) => c.type)).toEqual(['EnqueueCall']);
  });
});
