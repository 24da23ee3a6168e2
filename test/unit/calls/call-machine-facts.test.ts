// The ticket facts the call machine hands on at the end (CloseCall): who ended the call, the times
// the ticket's durations come from, the elderly and enterprise flags, and that each call's facts
// are its own (calls at once, a flow change between calls, failed prompts and steps on the path).
import { describe, expect, it } from 'vitest';
import { CALL, CallMachineDriver, ENTERPRISE, T0 } from '../../helpers/call-machine-driver.js';

describe('call machine: who ended the call', () => {
  it.each([
    ['the caller, in the menu', (d: CallMachineDriver) => d.call({ from: '13800001111', to: '12345' }), 'caller'],
    ['the caller, talking', (d: CallMachineDriver) => d.queueInGeneral().connectAgent('8003'), 'caller'],
    ['the agent, then the caller in the survey', (d: CallMachineDriver) => d.queueInGeneral().connectAgent('8003').agentHangsUp(), 'agent'],
  ] as const)('%s → endedBy %s', (_name, before, endedBy) => {
    const d = new CallMachineDriver();
    before(d);
    d.advance(1000).callerHangsUp(16);
    expect(d.facts.endedBy).toBe(endedBy);
  });

  it('the system, when we hung up first (a callback confirmed); a caller sent to a human who hangs up there is the caller', () => {
    const confirmed = new CallMachineDriver().queueInGeneral({ from: '13800007777' });
    confirmed.acd({ type: 'AnnouncePosition', queueId: 'general', position: 1, estimatedWaitSeconds: 30, callbackOffered: true });
    confirmed.key('1');
    confirmed.acd({ type: 'ConfirmCallback', queueId: 'general', position: 1 });
    confirmed.playbackFinished();
    confirmed.callerHangsUp();
    expect(confirmed.facts.endedBy).toBe('system');

    const fallback = new CallMachineDriver().queueInGeneral().connectAgent('8003');
    fallback.stepFailed();
    fallback.callerHangsUp();
    expect(fallback.facts.endedBy).toBe('caller');
  });

  it('the agent, with no survey configured, though we hung the caller up', () => {
    const d = new CallMachineDriver({ afterCallFlow: null }).queueInGeneral().connectAgent('8003');
    d.agentHangsUp();
    d.callerHangsUp();
    expect(d.facts.endedBy).toBe('agent');
  });

  it('nobody known, when the line was lost while the PBX link was down', () => {
    const d = new CallMachineDriver().queueInGeneral().connectAgent('8003');
    d.lineLost();
    expect(d.facts).toMatchObject({ endedBy: 'unknown', hangupCause: null });
  });
});

describe('call machine: the times on the ticket', () => {
  it('start, answer, queue, agent answer, conversation end and call end are the events’ times', () => {
    const d = new CallMachineDriver();
    d.arrive({ from: '13800001111', to: '12345' });
    d.advance(80).answerCommandDone();
    d.advance(3000).playbackFinished();
    d.advance(1000).timerFires();
    d.advance(12_000).offer('8003');
    d.advance(4000).agentAnswers();
    d.advance(95_000).agentHangsUp();
    d.advance(4000).key('1');
    d.advance(2000).playbackFinished();
    // Hung up by the system after the survey: the call ends when it decides to, not when the
    // hang-up comes back from Asterisk.
    expect(d.advance(30).callerHangsUp(16)).toEqual([]);
    expect(d.facts).toMatchObject({
      startedAt: T0,
      answeredAt: T0 + 80,
      queuedAt: T0 + 4080,
      agentAnsweredAt: T0 + 20_080,
      conversationEndedAt: T0 + 115_080,
      endedAt: T0 + 121_080,
      satisfaction: 'satisfied',
      endedBy: 'agent',
      hangupCause: 16,
    });
  });

  it('a conversation still going at the end ends with the call', () => {
    const d = new CallMachineDriver().queueInGeneral().connectAgent('8003');
    d.advance(42_000).callerHangsUp();
    expect(d.facts).toMatchObject({ agentAnsweredAt: T0 + 6000, conversationEndedAt: T0 + 48_000, endedAt: T0 + 48_000 });
  });
});

describe('call machine: who the caller is', () => {
  it('a registered elderly number is elderly on the ticket, whatever queue it ends in', () => {
    const d = new CallMachineDriver({ caller: { elderly: true } });
    d.call({ from: '13900000065', to: '12345' });
    d.advance(2000).playbackFinished();
    d.acd({ type: 'CallOverflowed', fromQueueId: 'elderly', toQueueId: 'general', reason: 'max_wait' });
    d.callerHangsUp();
    expect(d.facts).toMatchObject({ elderly: true, queue: 'general' });
  });

  it('a caller who never reached the elderly lane is not elderly', () => {
    const d = new CallMachineDriver().queueInGeneral();
    d.callerHangsUp();
    expect(d.facts.elderly).toBe(false);
  });

  it('a registered enterprise is on the ticket of any call it makes, with the caller’s name', () => {
    const d = new CallMachineDriver({ caller: { enterprise: ENTERPRISE } });
    d.call({ from: '13800002001', to: '12345', name: '王五' });
    d.callerHangsUp();
    expect(d.facts).toMatchObject({ enterprise: ENTERPRISE, callerName: '王五', dialedNumber: '12345' });
  });
});

describe('call machine: each call is its own', () => {
  it('simultaneous calls keep their own ids, legs and facts', () => {
    const a = new CallMachineDriver();
    const b = new CallMachineDriver();
    a.queueInGeneral({ from: '13700000001', callId: 'c-a' });
    b.queueInGeneral({ from: '13700000002', callId: 'c-b' });
    a.offer('8001');
    b.offer('8003');
    expect([a.last('DialAgent').legId, b.last('DialAgent').legId]).toEqual(['agentleg-1-c-a', 'agentleg-1-c-b']);
    a.advance(1000).agentAnswers();
    b.advance(1000).callerHangsUp();
    a.advance(1000).callerHangsUp();
    expect([a.facts.callId, a.facts.callerNumber, a.facts.agentId]).toEqual(['c-a', '13700000001', '8001']);
    expect([b.facts.callId, b.facts.callerNumber, b.facts.agentId]).toEqual(['c-b', '13700000002', null]);
  });

  it('the flows a call runs with are the ones it was set up with (the enterprise desk open for one, closed for another)', () => {
    const open = new CallMachineDriver({ open: true });
    const closed = new CallMachineDriver({ open: false });
    for (const d of [open, closed]) {
      d.call({ from: '13811110007', to: '12345' });
      d.advance(500).key('2');
    }
    expect(open.last('PlayPrompts').prompts).toEqual(['enterprise_menu']);
    expect(closed.last('PlayPrompts').prompts).toEqual(['after_hours_offer']);
  });

  it('a prompt that failed to play is on the path as failed, and the menu goes on as if it had been heard', () => {
    const d = new CallMachineDriver();
    d.call({ from: '13800001111', to: '12345' });
    expect(d.advance(100).playbackFinished('failed')).toEqual([{ type: 'StartTimer', timerId: 'ivr:t2', ms: 1000 }]);
    expect(d.path.at(-1)).toEqual({ at: T0 + 100, kind: 'prompt', prompt: 'main_menu', outcome: 'failed' });
  });

  it('a failed step during the survey sends the caller to a human; the survey prompt is neither failed nor cut off on the path', () => {
    const d = new CallMachineDriver().queueInGeneral().connectAgent('8003');
    d.advance(1000).agentHangsUp();
    expect(d.advance(100).stepFailed('PlayPrompts')).toEqual([{ type: 'SendToHumanFallback' }]);
    d.advance(100).callerHangsUp();
    expect(d.facts.ivrPath.filter((s) => s.kind === 'prompt' && s.prompt === 'survey_question')).toEqual([]);
    expect(d.facts).toMatchObject({ endedBy: 'agent', satisfaction: null });
    expect(d.outcomes.at(-1)).toBe('human-fallback');
    expect(d.told.map((e) => e.type)).toEqual(['CallQueued', 'AgentAnswered', 'CallEnded']);
    expect(d.facts.callId).toBe(CALL);
  });
});
