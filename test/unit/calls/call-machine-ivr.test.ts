// The call machine from arrival to the queue on the shipped flows: the answer, the main menu and
// its keys, the elderly lane, the enterprise line, after-hours messages, transfers out of the IVR,
// hang-ups in the menus, the error boundary, a line lost while the PBX link was down, and events
// that come after the end.
import { describe, expect, it } from 'vitest';
import { CALL, CallMachineDriver, ENTERPRISE, T0, flowsWithTransfer } from '../../helpers/call-machine-driver.js';

const FLOW = { flow: 'main', flowName: '主菜单' } as const;
const node = (at: number, name: string, flow: { flow: string; flowName: string } = FLOW) => ({ at, kind: 'node', node: name, ...flow }) as const;

describe('call machine: arrival and the main menu', () => {
  it('records the call and answers it; the answer going through starts the main menu', () => {
    const d = new CallMachineDriver();
    expect(d.arrive({ from: '13800001111', to: '12345' })).toEqual([{ type: 'RecordCallStart' }, { type: 'Answer' }]);
    expect(d.phase).toBe('arriving');
    d.advance(40);
    expect(d.answerCommandDone()).toEqual([
      { type: 'RecordAnswered', at: T0 + 40 },
      { type: 'PlayPrompts', playbackId: `${CALL}-p1`, prompts: ['main_menu'], language: 'zh-CN', wait: false },
    ]);
    expect(d.phase).toBe('ivr');
    expect(d.logs.map((log) => [log.level, log.fields])).toEqual([['info', { callerNumber: '13800001111', dialed: '12345', elderly: false, enterprise: undefined, alreadyAnswered: false }]]);
  });

  it('a call the entry context answered before Stasis is not answered again: the main menu starts at its arrival', () => {
    const d = new CallMachineDriver();
    expect(d.arrive({ from: '13800001111', to: '12345', answered: true })).toEqual([
      { type: 'RecordCallStart' },
      { type: 'RecordAnswered', at: T0 },
      { type: 'PlayPrompts', playbackId: `${CALL}-p1`, prompts: ['main_menu'], language: 'zh-CN', wait: false },
    ]);
    expect(d.phase).toBe('ivr');
    expect(d.state.record.answeredAt).toBe(T0);
    d.advance(500).key('1');
    expect(d.last('PlayPrompts')).toMatchObject({ prompts: ['consult_menu'] });
  });

  // The old session handled events one after another in a chain: a key pressed while the answer
  // was under way was handled once the menu had started, and counted there.
  it('a key pressed while the answer is under way counts in the menu once it starts', () => {
    const d = new CallMachineDriver();
    d.arrive({ from: '13800001111', to: '12345' });
    d.key('1');
    expect(d.answerCommandDone().slice(-2)).toEqual([
      { type: 'StopPrompts', playbackId: `${CALL}-p1`, wait: false },
      { type: 'PlayPrompts', playbackId: `${CALL}-p2`, prompts: ['consult_menu'], language: 'zh-CN', wait: false },
    ]);
  });

  it('keys typed ahead of the answer are taken in order, at the times they were pressed', () => {
    const d = new CallMachineDriver();
    d.arrive({ from: '13800001111', to: '12345' });
    d.advance(100).key('1');
    d.advance(100).key('2');
    const answered = d.advance(100).answerCommandDone();
    expect(answered.slice(-2)).toEqual([
      { type: 'MarkCall', name: 'HOTLINE_QUEUE', value: 'general' },
      { type: 'TellAcd', event: { type: 'CallQueued', callId: CALL, queueId: 'general', priorityClass: null, skills: [], at: T0 + 300 } },
    ]);
    expect(d.path.filter((s) => s.kind === 'key')).toEqual([
      { at: T0 + 100, kind: 'key', key: '1', label: '咨询投诉' },
      { at: T0 + 200, kind: 'key', key: '2', label: '投诉举报' },
    ]);
  });

  it('without a key the caller is queued in general after the prompt and the 1 s timeout (HOTLINE_QUEUE, CallQueued), and a hang-up there is an abandon', () => {
    const d = new CallMachineDriver();
    d.call({ from: '13800001111', to: '12345' });
    expect(d.advance(3000).playbackFinished()).toEqual([{ type: 'StartTimer', timerId: 'ivr:t2', ms: 1000 }]);
    expect(d.advance(1000).timerFires()).toEqual([
      { type: 'MarkCall', name: 'HOTLINE_QUEUE', value: 'general' },
      { type: 'TellAcd', event: { type: 'CallQueued', callId: CALL, queueId: 'general', priorityClass: null, skills: [], at: T0 + 4000 } },
    ]);
    expect(d.phase).toBe('queued');
    expect(d.logs.at(-1)).toMatchObject({ level: 'info', fields: { outcome: 'queued', node: 'main:general-queue' } });

    d.advance(5000);
    expect(d.callerHangupRequested(16)).toEqual([]);
    const end = d.callerLeft();
    expect(end).toEqual([{ type: 'TellAcd', event: { type: 'CallAbandoned', callId: CALL, at: T0 + 9000 } }, { type: 'CloseCall', facts: d.facts }]);
    expect(d.phase).toBe('ended');
    expect(d.facts).toEqual({
      callId: CALL,
      callerNumber: '13800001111',
      callerName: null,
      dialedNumber: '12345',
      startedAt: T0,
      answeredAt: T0,
      endedAt: T0 + 9000,
      hangupCause: 16,
      endedBy: 'caller',
      ivrPath: [
        node(T0, 'route'),
        node(T0, 'menu'),
        { at: T0 + 3000, kind: 'prompt', prompt: 'main_menu', outcome: 'played' },
        { at: T0 + 4000, kind: 'timeout', node: 'menu' },
        node(T0 + 4000, 'general-queue'),
        { at: T0 + 4000, kind: 'outcome', outcome: 'queued', detail: 'general' },
      ],
      queue: 'general',
      queuedAt: T0 + 4000,
      agentId: null,
      agentAnsweredAt: null,
      conversationEndedAt: null,
      satisfaction: null,
      holdMs: 0,
      recordings: [],
      elderly: false,
      enterprise: null,
    });
  });

  it('key 1 cuts the menu off and opens the consult menu; 2 there queues the call with the choices in words', () => {
    const d = new CallMachineDriver();
    d.call({ from: '13811110001', to: '12345' });
    expect(d.advance(1000).key('1')).toEqual([
      { type: 'StopPrompts', playbackId: `${CALL}-p1`, wait: false },
      { type: 'PlayPrompts', playbackId: `${CALL}-p2`, prompts: ['consult_menu'], language: 'zh-CN', wait: false },
    ]);
    // Asterisk reports the stopped playback as finished: the menu has moved on already.
    expect(d.playbackFinished('played', `${CALL}-p1`)).toEqual([]);
    expect(d.advance(1000).key('2')).toEqual([
      { type: 'StopPrompts', playbackId: `${CALL}-p2`, wait: false },
      { type: 'MarkCall', name: 'HOTLINE_QUEUE', value: 'general' },
      { type: 'TellAcd', event: { type: 'CallQueued', callId: CALL, queueId: 'general', priorityClass: null, skills: [], at: T0 + 2000 } },
    ]);
    expect(d.path.filter((s) => s.kind === 'key')).toEqual([
      { at: T0 + 1000, kind: 'key', key: '1', label: '咨询投诉' },
      { at: T0 + 2000, kind: 'key', key: '2', label: '投诉举报' },
    ]);
    expect(d.path).toContainEqual({ at: T0 + 1000, kind: 'prompt', prompt: 'main_menu', outcome: 'interrupted' });
  });

  it('key 2 leads to the enterprise desk (open): its menu, then the enterprise queue', () => {
    const d = new CallMachineDriver();
    d.call({ from: '13811110002', to: '12345' });
    expect(d.advance(500).key('2')).toEqual([
      { type: 'StopPrompts', playbackId: `${CALL}-p1`, wait: false },
      { type: 'PlayPrompts', playbackId: `${CALL}-p2`, prompts: ['enterprise_menu'], language: 'zh-CN', wait: false },
    ]);
    expect(d.advance(2000).playbackFinished()).toEqual([{ type: 'StartTimer', timerId: 'ivr:t3', ms: 2000 }]);
    expect(d.advance(2000).timerFires()).toEqual([
      { type: 'MarkCall', name: 'HOTLINE_QUEUE', value: 'enterprise' },
      { type: 'TellAcd', event: { type: 'CallQueued', callId: CALL, queueId: 'enterprise', priorityClass: null, skills: [], at: T0 + 4500 } },
    ]);
  });

  it('the elderly key 0 three menus deep goes straight to the elderly lane; the ticket counts the caller as elderly', () => {
    const d = new CallMachineDriver();
    d.call({ from: '13811110003', to: '12345' });
    d.advance(500).key('1');
    d.advance(500).key('3');
    expect(d.last('PlayPrompts').prompts).toEqual(['help_menu']);
    expect(d.advance(500).key('0')).toEqual([
      { type: 'StopPrompts', playbackId: `${CALL}-p3`, wait: false },
      { type: 'PlayPrompts', playbackId: `${CALL}-p4`, prompts: ['elderly_greeting'], language: 'zh-CN', wait: false },
    ]);
    expect(d.path.filter((s) => s.kind === 'key').at(-1)).toEqual({ at: T0 + 1500, kind: 'key', key: '0', label: '老年人一键转人工', global: true });
    // Not a registered number: the elderly queue's own class applies (no override).
    expect(d.advance(2000).playbackFinished()).toEqual([
      { type: 'MarkCall', name: 'HOTLINE_QUEUE', value: 'elderly' },
      { type: 'TellAcd', event: { type: 'CallQueued', callId: CALL, queueId: 'elderly', priorityClass: null, skills: [], at: T0 + 3500 } },
    ]);
    d.advance(1000).callerHangsUp();
    expect(d.facts).toMatchObject({ queue: 'elderly', elderly: true, endedBy: 'caller' });
  });

  it('a registered elderly number skips every menu and is queued with the elderly priority class', () => {
    const d = new CallMachineDriver({ caller: { elderly: true } });
    expect(d.call({ from: '13900000065', to: '12345' })).toEqual([
      { type: 'RecordCallStart' },
      { type: 'Answer' },
      { type: 'RecordAnswered', at: T0 },
      { type: 'PlayPrompts', playbackId: `${CALL}-p1`, prompts: ['elderly_greeting'], language: 'zh-CN', wait: false },
    ]);
    expect(d.advance(2000).playbackFinished()).toEqual([
      { type: 'MarkCall', name: 'HOTLINE_QUEUE', value: 'elderly' },
      { type: 'TellAcd', event: { type: 'CallQueued', callId: CALL, queueId: 'elderly', priorityClass: 'elderly', skills: [], at: T0 + 2000 } },
    ]);
    d.advance(1000).callerHangsUp();
    expect(d.facts).toMatchObject({ elderly: true, queue: 'elderly' });
  });

  it('the enterprise number goes to the desk and the registered enterprise is on the ticket', () => {
    const d = new CallMachineDriver({ caller: { enterprise: ENTERPRISE } });
    d.call({ from: '13800002001', to: '123452' });
    expect(d.last('PlayPrompts').prompts).toEqual(['enterprise_menu']);
    expect(d.logs[0]?.fields).toMatchObject({ enterprise: ENTERPRISE.name });
    d.advance(500).key('1');
    expect(d.told).toEqual([{ type: 'CallQueued', callId: CALL, queueId: 'enterprise', priorityClass: null, skills: [], at: T0 + 500 }]);
    d.advance(1000).callerHangsUp();
    expect(d.facts).toMatchObject({ dialedNumber: '123452', queue: 'enterprise', enterprise: ENTERPRISE, elderly: false });
  });

  it('no key twice in a menu: the no-input prompt and a retry, then the general queue', () => {
    const d = new CallMachineDriver();
    d.call({ from: '13811110004', to: '12345' });
    d.advance(500).key('1');
    expect(d.advance(3000).playbackFinished()).toEqual([{ type: 'StartTimer', timerId: 'ivr:t3', ms: 3000 }]);
    expect(d.advance(3000).timerFires()).toEqual([{ type: 'PlayPrompts', playbackId: `${CALL}-p3`, prompts: ['no_input', 'consult_menu'], language: 'zh-CN', wait: false }]);
    expect(d.advance(4000).playbackFinished()).toEqual([{ type: 'StartTimer', timerId: 'ivr:t5', ms: 3000 }]);
    expect(d.advance(3000).timerFires().map((c) => c.type)).toEqual(['MarkCall', 'TellAcd']);
    expect(d.path.filter((s) => s.kind === 'timeout')).toHaveLength(2);
    expect(d.path.filter((s) => s.kind === 'prompt' && s.prompt === 'consult_menu' && s.outcome === 'played')).toHaveLength(2);
  });

  it('an invalid key is told so and the menu repeats; a valid key then counts', () => {
    const d = new CallMachineDriver();
    d.call({ from: '13811110005', to: '12345' });
    d.advance(500).key('1');
    expect(d.advance(500).key('9')).toEqual([
      { type: 'StopPrompts', playbackId: `${CALL}-p2`, wait: false },
      { type: 'PlayPrompts', playbackId: `${CALL}-p3`, prompts: ['invalid_key', 'consult_menu'], language: 'zh-CN', wait: false },
    ]);
    d.advance(500).key('3');
    expect(d.path).toContainEqual({ at: T0 + 1000, kind: 'invalid', node: 'consult-menu', key: '9' });
    expect(d.path.filter((s) => s.kind === 'key').map((s) => s.key)).toEqual(['1', '3']);
    expect(d.last('PlayPrompts').prompts).toEqual(['help_menu']);
  });

  it('a stale timer of a menu the caller already left does nothing', () => {
    const d = new CallMachineDriver();
    d.call({ from: '13811110010', to: '12345' });
    d.advance(3000).playbackFinished();
    const timer = d.last('StartTimer').timerId;
    expect(d.advance(200).key('1')).toEqual([
      { type: 'CancelTimer', timerId: timer },
      { type: 'PlayPrompts', playbackId: `${CALL}-p2`, prompts: ['consult_menu'], language: 'zh-CN', wait: false },
    ]);
    expect(d.advance(800).timerFires(timer)).toEqual([]);
    expect(d.timerFires('nonsense')).toEqual([]);
  });
});

describe('call machine: hang-ups before the queue', () => {
  it('a caller who hangs up before the answer went through gets a ticket with no answer and no path', () => {
    const d = new CallMachineDriver();
    d.arrive({ from: '13800001111', to: '12345', name: '张三' });
    d.advance(300);
    expect(d.callerHangupRequested(16)).toEqual([]);
    expect(d.callerLeft()).toEqual([{ type: 'CloseCall', facts: d.facts }]);
    expect(d.facts).toMatchObject({ callerName: '张三', answeredAt: null, endedAt: T0 + 300, endedBy: 'caller', hangupCause: 16, ivrPath: [], queue: null, queuedAt: null });
    // Our answer's result comes in after the end: nothing more happens.
    expect(d.answerCommandDone()).toEqual([]);
  });

  it('a caller who hangs up during the menu leaves the prompt cut off on the path, and nothing goes to the ACD', () => {
    const d = new CallMachineDriver();
    d.call({ from: '13900002222', to: '12345' });
    d.advance(1000);
    expect(d.callerHangupRequested(16)).toEqual([]);
    // Asterisk ends the playback because the channel hangs up: that prompt was not heard.
    expect(d.playbackFinished('played')).toEqual([]);
    expect(d.callerLeft()).toEqual([{ type: 'CloseCall', facts: d.facts }]);
    expect(d.facts.ivrPath.at(-1)).toEqual({ at: T0 + 1000, kind: 'prompt', prompt: 'main_menu', outcome: 'interrupted' });
    expect(d.facts).toMatchObject({ endedBy: 'caller', hangupCause: 16, queue: null, agentId: null });
    expect(d.told).toEqual([]);
  });

  it('a caller who hangs up while the menu waits for a key has no prompt cut off, and the pending timer does nothing', () => {
    const d = new CallMachineDriver();
    d.call({ from: '13900002223', to: '12345' });
    d.advance(3000).playbackFinished();
    d.advance(500).callerHangsUp();
    expect(d.facts.ivrPath.filter((s) => s.kind === 'prompt')).toEqual([{ at: T0 + 3000, kind: 'prompt', prompt: 'main_menu', outcome: 'played' }]);
    expect(d.advance(500).timerFires()).toEqual([]);
  });
});

describe('call machine: after hours, transfers out and the IVR fallback', () => {
  it('after hours a caller leaves a voice message: it is recorded, thanked, hung up by us, and on the ticket', () => {
    const d = new CallMachineDriver({ open: false });
    d.call({ from: '13811110006', to: '123452' });
    expect(d.last('PlayPrompts').prompts).toEqual(['after_hours_offer']);
    expect(d.advance(1000).key('1')).toEqual([
      { type: 'StopPrompts', playbackId: `${CALL}-p1`, wait: false },
      { type: 'PlayPrompts', playbackId: `${CALL}-p2`, prompts: ['message_instructions'], language: 'zh-CN', wait: false },
    ]);
    expect(d.advance(3000).playbackFinished()).toEqual([{ type: 'RecordMessage', name: `message-${CALL}`, maxSeconds: 120, beep: true }]);
    d.advance(3500);
    expect(d.messageRecorded(3200)).toEqual([{ type: 'PlayPrompts', playbackId: `${CALL}-p3`, prompts: ['message_thanks'], language: 'zh-CN', wait: false }]);
    expect(d.advance(1500).playbackFinished()).toEqual([{ type: 'HangUpCaller' }, { type: 'CloseCall', facts: d.facts }]);
    expect(d.phase).toBe('ended');
    expect(d.advance(50).callerHangsUp(16)).toEqual([]);
    // The message started its duration before the thanks ended (the old session counted the same way).
    expect(d.facts).toMatchObject({ endedBy: 'system', queue: null, recordings: [{ name: `message-${CALL}`, kind: 'message', format: 'wav', startedAt: T0 + 9000 - 3200 }] });
    expect(d.told).toEqual([]);
  });

  it('a caller who hangs up instead of pressing # still has the message Asterisk finished on the ticket', () => {
    const d = new CallMachineDriver({ open: false });
    d.call({ from: '13811110007', to: '123452' });
    d.advance(1000).key('1');
    d.advance(3000).playbackFinished();
    d.advance(5000).callerHangupRequested();
    // Asterisk ends the recording with the line: its file is there, the thanks cannot play any more.
    d.advance(20).messageRecorded(4800);
    d.advance(20).callerLeft();
    expect(d.facts).toMatchObject({ endedBy: 'caller', recordings: [{ name: `message-${CALL}`, kind: 'message', format: 'wav', startedAt: T0 + 9020 - 4800 }] });
  });

  it('a caller who hangs up before Asterisk finished the message has no recording on the ticket (none was kept)', () => {
    const d = new CallMachineDriver({ open: false });
    d.call({ from: '13811110008', to: '123452' });
    d.advance(1000).key('1');
    d.advance(3000).playbackFinished();
    d.advance(5000).callerHangsUp();
    expect(d.facts.recordings).toEqual([]);
  });

  it('after hours, pressing nothing at the offer still reaches the general queue', () => {
    const d = new CallMachineDriver({ open: false });
    d.call({ from: '13811110016', to: '12345' });
    d.advance(500).key('2');
    expect(d.last('PlayPrompts').prompts).toEqual(['after_hours_offer']);
    d.advance(3000).playbackFinished();
    expect(d.advance(3000).timerFires()).toEqual([
      { type: 'MarkCall', name: 'HOTLINE_QUEUE', value: 'general' },
      { type: 'TellAcd', event: { type: 'CallQueued', callId: CALL, queueId: 'general', priorityClass: null, skills: [], at: T0 + 6500 } },
    ]);
  });

  it('a transfer node hands the caller out of the IVR after its prompt; the ticket has no queue', () => {
    const d = new CallMachineDriver({ flows: flowsWithTransfer() });
    d.call({ from: '13811110020', to: '123453' });
    expect(d.last('PlayPrompts').prompts).toEqual(['transfer_notice']);
    expect(d.advance(2000).playbackFinished()).toEqual([{ type: 'TransferOut', destination: '12315' }]);
    expect(d.phase).toBe('transferred');
    // The channel leaves the application without a hang-up of ours or the caller's.
    expect(d.advance(100).callerLeft()).toEqual([{ type: 'CloseCall', facts: d.facts }]);
    expect(d.facts).toMatchObject({ endedBy: 'unknown', queue: null, queuedAt: null });
    expect(d.outcomes).toEqual(['transferred:12315']);
  });

  it('a transfer out that fails sends the caller to a human', () => {
    const d = new CallMachineDriver({ flows: flowsWithTransfer() });
    d.call({ from: '13811110022', to: '123453' });
    d.advance(2000).playbackFinished();
    expect(d.advance(10).stepFailed('TransferOut')).toEqual([{ type: 'SendToHumanFallback' }]);
    expect(d.outcomes).toEqual(['transferred:12315', 'human-fallback']);
  });

  it('an IVR that cannot go on sends the caller to the human fallback', () => {
    const d = new CallMachineDriver({ flows: flowsWithTransfer() });
    d.arrive({ from: '13811110021', to: '123454' });
    expect(d.answerCommandDone()).toEqual([{ type: 'RecordAnswered', at: T0 }, { type: 'SendToHumanFallback' }]);
    expect(d.phase).toBe('fallback');
    expect(d.outcomes).toEqual(['fallback:unknown flow nowhere', 'human-fallback']);
    d.advance(5000).callerHangsUp();
    expect(d.told).toEqual([]);
    expect(d.facts).toMatchObject({ endedBy: 'caller', queue: null });
  });
});

describe('call machine: the error boundary', () => {
  it('a failed step during the menu marks the prompt failed and sends the caller to a human; the ticket is still written', () => {
    const d = new CallMachineDriver();
    d.call({ from: '13800006666', to: '12345' });
    d.advance(20);
    expect(d.stepFailed('PlayPrompts')).toEqual([{ type: 'SendToHumanFallback' }]);
    expect(d.phase).toBe('fallback');
    expect(d.path.slice(-2)).toEqual([
      { at: T0 + 20, kind: 'prompt', prompt: 'main_menu', outcome: 'failed' },
      { at: T0 + 20, kind: 'outcome', outcome: 'human-fallback' },
    ]);
    // A second failure (the fallback's own, say) changes nothing; the menu's timer is dead.
    expect(d.stepFailed('SendToHumanFallback')).toEqual([]);
    expect(d.timerFires('ivr:t2')).toEqual([]);
    d.advance(9000).callerHangsUp();
    expect(d.facts.ivrPath.at(-1)).toEqual({ at: T0 + 20, kind: 'outcome', outcome: 'human-fallback' });
    expect(d.facts).toMatchObject({ endedBy: 'caller', queue: null });
    expect(d.told).toEqual([]);
  });

  it('a failed step while the answer is under way sends the caller to a human too', () => {
    const d = new CallMachineDriver();
    d.arrive({ from: '13800006667', to: '12345' });
    expect(d.stepFailed('Answer')).toEqual([{ type: 'SendToHumanFallback' }]);
    expect(d.outcomes).toEqual(['human-fallback']);
  });

  it('a failed step once the caller has hung up, or after we hung up, does nothing', () => {
    const down = new CallMachineDriver();
    down.call({ from: '13800006668', to: '12345' });
    down.callerHangupRequested();
    expect(down.stepFailed()).toEqual([]);
    expect(down.phase).toBe('ivr');

    const ending = new CallMachineDriver({ open: false });
    ending.call({ from: '13800006669', to: '123452' });
    ending.key('1');
    ending.playbackFinished();
    ending.messageRecorded(1000);
    ending.playbackFinished();
    expect(ending.phase).toBe('ended');
    expect(ending.stepFailed('HangUpCaller')).toEqual([]);
  });

  it('a line lost while the PBX link was down closes the call with nobody known to have ended it', () => {
    const d = new CallMachineDriver();
    d.call({ from: '13800001112', to: '12345' });
    d.advance(3000).playbackFinished();
    d.advance(1000).timerFires();
    d.advance(60_000);
    expect(d.lineLost()).toEqual([{ type: 'TellAcd', event: { type: 'CallAbandoned', callId: CALL, at: T0 + 64_000 } }, { type: 'CloseCall', facts: d.facts }]);
    expect(d.facts).toMatchObject({ endedBy: 'unknown', endedAt: T0 + 64_000, hangupCause: null, queue: 'general' });
  });

  it('a line lost after the caller was heard hanging up is still ended by nobody known', () => {
    const d = new CallMachineDriver();
    d.call({ from: '13800001113', to: '12345' });
    d.callerHangupRequested(16);
    d.lineLost();
    expect(d.facts).toMatchObject({ endedBy: 'unknown', hangupCause: 16 });
  });

  it('nothing that comes after the end produces a command', () => {
    const d = new CallMachineDriver();
    d.call({ from: '13800001114', to: '12345' });
    d.advance(3000).playbackFinished();
    d.advance(1000).timerFires();
    d.offer('8003');
    d.callerHangsUp();
    const ended = d.state;
    const leg = d.last('DialAgent').legId;
    const late = [
      ...d.callerHangsUp(),
      ...d.feed({ type: 'ChannelGone', channelId: CALL, cause: 16, at: d.now }),
      ...d.lineLost(),
      ...d.stepFailed(),
      ...d.key('1'),
      ...d.playbackFinished(),
      ...d.timerFires(),
      ...d.acd({ type: 'CancelOffer', agentId: '8003', reason: 'abandoned' }),
      ...d.offer('8001'),
      ...d.acd({ type: 'RejectCall', queueId: 'general', reason: 'queue_full' }),
      ...d.acd({ type: 'AnnouncePosition', queueId: 'general', position: 1, estimatedWaitSeconds: 10, callbackOffered: true }),
      ...d.agentAnswers(leg),
      ...d.agentHangsUp(leg),
      ...d.transfer({ queue: 'elderly' }),
      ...d.addParty('12319'),
      ...d.recordingFailed('disk full', 'call-x'),
      ...d.answerCommandDone(),
    ];
    expect(late).toEqual([]);
    expect(d.state).toBe(ended);
    expect(d.all('CloseCall')).toHaveLength(1);
  });
});
