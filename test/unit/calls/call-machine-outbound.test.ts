// The call machine for a call the hotline placed (an outbound task): it arrives answered and runs the
// task's flow at once with the task's variables; the flow's result stays on the call's IVR state for
// the task's owner, and a flow that ends in a queue puts the person in line like any caller.
import { describe, expect, it } from 'vitest';
import type { Flow, FlowSet } from '../../../src/domain/ivr/flow-types.js';
import { CallMachineDriver, T0 } from '../../helpers/call-machine-driver.js';
import { shippedFlowSet } from '../../helpers/shipped-flows.js';

const OUTBOUND = 'outbound-visit-7-1';
const START = { flow: 'survey', variables: { ticketNumber: 'T20261205-0007' } } as const;

describe('call machine: an outbound task call', () => {
  it('starts the task flow at once, without answering again, with the task variables', () => {
    const d = new CallMachineDriver();
    const commands = d.arrive({ from: '13800001234', to: 'outbound', callId: OUTBOUND, answered: true, flowStart: START });
    expect(commands.map((c) => c.type)).toEqual(['RecordCallStart', 'RecordAnswered', 'PlayPrompts']);
    expect(commands.find((c) => c.type === 'PlayPrompts')).toMatchObject({ prompts: ['survey_question'] });
    expect(commands.some((c) => c.type === 'Answer')).toBe(false);
    expect(d.state.ivr?.state.variables).toEqual({ ticketNumber: 'T20261205-0007' });
  });

  it('keeps the answer the person keyed beside the task variables', () => {
    const d = new CallMachineDriver();
    d.arrive({ from: '13800001234', to: 'outbound', callId: OUTBOUND, answered: true, flowStart: START });
    d.playbackFinished();
    d.key('3');
    expect(d.state.ivr?.state.variables).toEqual({ ticketNumber: 'T20261205-0007', satisfaction: 'dissatisfied' });
  });

  it('hung up by us at the flow’s end, it closes only when Asterisk has let the channel go: its outbound line is not free before', () => {
    const d = new CallMachineDriver();
    d.arrive({ from: '13800001234', to: 'outbound', callId: OUTBOUND, answered: true, flowStart: START });
    d.advance(3000).playbackFinished();
    d.advance(1000).key('1');
    expect(d.advance(2000).playbackFinished()).toEqual([{ type: 'HangUpCaller' }]);
    expect(d.phase).toBe('ending');
    expect(d.advance(30).callerHangsUp(16)).toEqual([{ type: 'CloseCall', facts: d.facts }]);
    expect(d.facts).toMatchObject({ endedBy: 'system', hangupCause: 16, endedAt: T0 + 6030, flowResult: { flow: 'survey', variables: { ticketNumber: 'T20261205-0007', satisfaction: 'satisfied' } } });
  });

  it('puts the person in line like any caller when the flow ends in a queue (0 for an agent)', () => {
    const toAgent: Flow = { id: 'reminder', name: '催办', start: 'ask', nodes: { ask: { type: 'queue', queue: 'general' } } };
    const shipped = shippedFlowSet();
    const flows: FlowSet = { ...shipped, flows: new Map([...shipped.flows, ['reminder', toAgent]]) };
    const d = new CallMachineDriver({ flows });
    d.arrive({ from: '13800001234', to: 'outbound', callId: OUTBOUND, answered: true, flowStart: { ...START, flow: 'reminder' } });
    expect(d.phase).toBe('queued');
    expect(d.told.map((e) => e.type)).toEqual(['CallQueued']);
    expect(d.state.record.answeredAt).toBe(T0);
  });
});
