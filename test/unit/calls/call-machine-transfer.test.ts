// The call machine when an agent hands the caller on: blind transfers to a queue or a named agent
// (the priority class kept, the next conversation recorded anew), and attended transfers (the new
// agent joins before the first leaves; refused, rung out, abandoned by either agent or the caller).
import { describe, expect, it } from 'vitest';
import { CALL, CallMachineDriver, T0 } from '../../helpers/call-machine-driver.js';

const LEG1 = `agentleg-1-${CALL}`;
const LEG2 = `agentleg-2-${CALL}`;
const CONSULT = `${CALL}~transfer1`;

/** Queued at T0+4000, offered to 8003 at once, answered at T0+6000. */
const talking = (options: ConstructorParameters<typeof CallMachineDriver>[0] = {}): CallMachineDriver => new CallMachineDriver(options).queueInGeneral().connectAgent('8003');

describe('call machine: blind transfers', () => {
  it('to the elderly desk: the agent is released, the caller waits there, and the next agent’s conversation is recorded anew', () => {
    const d = talking();
    expect(d.advance(1500).transfer({ queue: 'elderly' })).toEqual([
      { type: 'TellAcd', event: { type: 'CallEnded', callId: CALL, at: T0 + 7500 } },
      { type: 'HangUpChannel', channelId: LEG1, wait: true },
      { type: 'Disconnect', wait: true },
      { type: 'MarkCall', name: 'HOTLINE_QUEUE', value: 'elderly' },
      { type: 'TellAcd', event: { type: 'CallQueued', callId: CALL, queueId: 'elderly', priorityClass: null, skills: [], at: T0 + 7500 } },
    ]);
    expect(d.logs.at(-1)).toMatchObject({ level: 'info', fields: { from: '8003', to: 'elderly' } });
    expect(d.phase).toBe('queued');
    // The released agent's leg ending is no news for the call.
    expect(d.agentHangsUp(LEG1)).toEqual([]);
    expect(d.advance(1000).offer('8001').at(-1)).toEqual({ type: 'DialAgent', legId: LEG2, agentId: '8001', acdId: CALL, ringTimeoutSeconds: 15, recording: `call-${CALL}-2` });
    expect(d.advance(2000).agentAnswers(LEG2)).toContainEqual({ type: 'RecordConversation', name: `call-${CALL}-2`, legId: LEG2 });
    d.advance(5000).callerHangsUp();
    expect(d.facts).toMatchObject({
      agentId: '8001',
      agentAnsweredAt: T0 + 10_500,
      conversationEndedAt: T0 + 15_500,
      queue: 'elderly',
      queuedAt: T0 + 4000,
      elderly: true,
      recordings: [
        { name: `call-${CALL}`, kind: 'conversation', format: 'wav', startedAt: T0 + 6000 },
        { name: `call-${CALL}-2`, kind: 'conversation', format: 'wav', startedAt: T0 + 10_500 },
      ],
    });
    expect(d.outcomes).toEqual(['queued:general', 'offered:8003', 'answered:8003', 'transferred:8003→elderly', 'offered:8001', 'answered:8001']);
  });

  it('a caller transferred away whom nobody answers: the ticket keeps the agent who talked, and the call is abandoned', () => {
    const d = talking();
    d.advance(1500).transfer({ queue: 'elderly' });
    expect(d.advance(10_000).callerHangsUp()).toEqual([{ type: 'TellAcd', event: { type: 'CallAbandoned', callId: CALL, at: T0 + 17_500 } }, { type: 'CloseCall', facts: d.facts }]);
    expect(d.facts).toMatchObject({ agentId: '8003', agentAnsweredAt: T0 + 6000, conversationEndedAt: T0 + 7500, queue: 'elderly' });
  });

  it('to a named agent: the call waits in its queue for that agent only (personal skill)', () => {
    const d = talking();
    expect(d.advance(1000).transfer({ agent: '8002' })).toContainEqual({
      type: 'TellAcd',
      event: { type: 'CallQueued', callId: CALL, queueId: 'general', priorityClass: null, skills: ['agent:8002'], at: T0 + 7000 },
    });
    expect(d.all('MarkCall').at(-1)).toEqual({ type: 'MarkCall', name: 'HOTLINE_QUEUE', value: 'general' });
    d.offer('8002');
    d.advance(1000).agentAnswers();
    expect(d.outcomes).toEqual(expect.arrayContaining(['transferred:8003→agent:8002', 'answered:8002']));
  });

  it('keeps the priority class the caller was queued with', () => {
    const d = new CallMachineDriver({ caller: { elderly: true } });
    d.call({ from: '13900000065', to: '12345' });
    d.advance(2000).playbackFinished();
    d.connectAgent('8001');
    expect(d.transfer({ queue: 'general' }).at(-1)).toEqual({
      type: 'TellAcd',
      event: { type: 'CallQueued', callId: CALL, queueId: 'general', priorityClass: 'elderly', skills: [], at: T0 + 4000 },
    });
  });

  it('hangs up a unit that was in the conversation', () => {
    const d = talking();
    d.addParty('12319');
    d.partyAnswers();
    expect(d.transfer({ queue: 'elderly' }).slice(0, 3)).toEqual([
      { type: 'TellAcd', event: { type: 'CallEnded', callId: CALL, at: T0 + 6000 } },
      { type: 'HangUpChannel', channelId: `party-1-${CALL}`, wait: false },
      { type: 'HangUpChannel', channelId: LEG1, wait: true },
    ]);
  });

  it('is refused unless an agent is talking with a caller still on the line', () => {
    const queued = new CallMachineDriver().queueInGeneral();
    expect(queued.transfer({ queue: 'elderly' })).toEqual([]);
    const down = talking();
    down.callerHangupRequested();
    expect(down.transfer({ queue: 'elderly' })).toEqual([]);
    expect(down.transfer({ queue: 'elderly' }, 'attended')).toEqual([]);
  });
  // Old session: the queue's waiting state (QueueWaiting) lived as long as the call, so a caller
  // who had been offered the callback in the first queue could press 1 at once in the queue a blind
  // transfer put them in. The machine starts every wait afresh (call-transfer.ts: FRESH_WAIT), so
  // the key means nothing until the new queue offers the callback again.
  it('a blind transfer starts the wait afresh: a callback offered in the first queue is not taken in the new one until it offers it', () => {
    const d = new CallMachineDriver().queueInGeneral({ from: '13800007777' });
    d.acd({ type: 'AnnouncePosition', queueId: 'general', position: 1, estimatedWaitSeconds: 30, callbackOffered: true });
    d.advance(4000).playbackFinished();
    d.connectAgent('8003');
    d.transfer({ queue: 'elderly' });
    expect(d.advance(1000).key('1')).toEqual([]);
  });
});

describe('call machine: attended transfers', () => {
  it('the first agent stays until the new one has joined, then leaves; the ticket names the new agent', () => {
    const d = talking();
    expect(d.advance(1000).transfer({ queue: 'elderly' }, 'attended')).toEqual([
      { type: 'RouteAcdId', acdId: CONSULT },
      { type: 'TellAcd', event: { type: 'CallQueued', callId: CONSULT, queueId: 'elderly', priorityClass: null, skills: [], at: T0 + 7000 } },
    ]);
    expect(d.phase).toBe('consulting');
    expect(d.logs.at(-1)).toMatchObject({ level: 'info', fields: { from: '8003', to: 'elderly' } });
    // A second transfer while this one is under way is refused, blind or attended.
    expect(d.transfer({ queue: 'general' }, 'attended')).toEqual([]);
    expect(d.transfer({ queue: 'general' })).toEqual([]);

    const offer = d.advance(1000).offer('8001', { callId: CONSULT, queueId: 'elderly' });
    expect(offer).toEqual([
      { type: 'RouteChannel', channelId: LEG2 },
      { type: 'NotifyAgent', event: { kind: 'offered', agentId: '8001', at: T0 + 8000, call: expect.objectContaining({ callId: CALL, queue: 'general' }) } },
      { type: 'DialAgent', legId: LEG2, agentId: '8001', acdId: CONSULT, ringTimeoutSeconds: 15, recording: `call-${CALL}-2` },
    ]);
    // The new agent answers and joins: caller, first agent and new agent talk together, and the new
    // agent's leg records its own part (the first agent's recording ends when the first agent leaves).
    expect(d.advance(2000).agentAnswers(LEG2)).toEqual([
      { type: 'TellAcd', event: { type: 'AgentAnswered', callId: CONSULT, agentId: '8001', at: T0 + 10_000 } },
      { type: 'RecordConversation', name: `call-${CALL}-2`, legId: LEG2 },
      { type: 'Join', channelId: LEG2 },
    ]);
    expect(d.state.phase).toMatchObject({ kind: 'consulting', agent: { agentId: '8003' }, consult: { acdId: CONSULT, offer: null, incoming: { agentId: '8001', legId: LEG2 } } });
    // The first agent leaves: the call is now the new agent's.
    expect(d.advance(2000).agentHangsUp(LEG1)).toEqual([{ type: 'TellAcd', event: { type: 'CallEnded', callId: CALL, at: T0 + 12_000 } }]);
    expect(d.state.phase).toMatchObject({ kind: 'talking', agent: { agentId: '8001', legId: LEG2, acdId: CONSULT } });
    expect(d.advance(8000).callerHangsUp()).toEqual([
      { type: 'TellAcd', event: { type: 'CallEnded', callId: CONSULT, at: T0 + 20_000 } },
      { type: 'HangUpChannel', channelId: LEG2, wait: false },
      { type: 'Disconnect', wait: false },
      { type: 'CloseCall', facts: d.facts },
    ]);
    expect(d.facts).toMatchObject({ agentId: '8001', agentAnsweredAt: T0 + 10_000, conversationEndedAt: T0 + 20_000, queue: 'general', recordings: [{ name: `call-${CALL}`, startedAt: T0 + 6000 }, { name: `call-${CALL}-2`, startedAt: T0 + 10_000 }] });
    expect(d.outcomes).toEqual(['queued:general', 'offered:8003', 'answered:8003', 'transfer-attended:8003→elderly', 'offered:8001', 'answered:8001', 'agent-left:8003']);
  });

  it('after the hand-over the new agent’s hang-up ends the conversation under the transfer’s id, and the survey follows', () => {
    const d = talking();
    d.transfer({ queue: 'elderly' }, 'attended');
    d.offer('8001', { callId: CONSULT });
    d.advance(1000).agentAnswers(LEG2);
    d.advance(1000).agentHangsUp(LEG1);
    expect(d.advance(1000).agentHangsUp(LEG2)).toEqual([
      { type: 'TellAcd', event: { type: 'CallEnded', callId: CONSULT, at: T0 + 9000 } },
      { type: 'Disconnect', wait: true },
      { type: 'PlayPrompts', playbackId: `${CALL}-s1`, prompts: ['survey_question'], language: 'zh-CN', wait: false },
    ]);
    d.callerHangsUp();
    expect(d.facts).toMatchObject({ agentId: '8001', endedBy: 'agent', conversationEndedAt: T0 + 9000 });
  });

  it('the new agent hangs up before the first one left: the transfer is off and the first agent stays on the ticket', () => {
    const d = talking();
    d.transfer({ queue: 'elderly' }, 'attended');
    d.offer('8001', { callId: CONSULT });
    d.advance(1000).agentAnswers(LEG2);
    expect(d.advance(3000).agentHangsUp(LEG2)).toEqual([{ type: 'TellAcd', event: { type: 'CallEnded', callId: CONSULT, at: T0 + 10_000 } }]);
    expect(d.state.phase).toMatchObject({ kind: 'talking', agent: { agentId: '8003', legId: LEG1 } });
    expect(d.outcomes.at(-1)).toBe('transfer-abandoned:8001');
    // Another transfer may start, under a new id.
    expect(d.transfer({ agent: '8002' }, 'attended')[0]).toEqual({ type: 'RouteAcdId', acdId: `${CALL}~transfer2` });
    expect(d.told.at(-1)).toMatchObject({ type: 'CallQueued', callId: `${CALL}~transfer2`, queueId: 'general', skills: ['agent:8002'] });
    expect(d.outcomes.at(-1)).toBe('transfer-attended:8003→agent:8002');
  });

  it('the ACD refuses the transfer’s call: the conversation simply goes on', () => {
    const d = talking();
    d.transfer({ queue: 'elderly' }, 'attended');
    expect(d.advance(10).acd({ type: 'RejectCall', callId: CONSULT, queueId: 'elderly', reason: 'queue_full' })).toEqual([]);
    expect(d.state.phase).toMatchObject({ kind: 'talking', agent: { agentId: '8003' } });
    expect(d.path.at(-1)).toEqual({ at: T0 + 6010, kind: 'outcome', outcome: 'transfer-refused' });
    expect(d.logs.filter((log) => log.level === 'warn')).toEqual([]);
  });

  it('the new agent’s phone rings out: the ACD hears it under the transfer’s id and the conversation goes on', () => {
    const d = talking();
    d.transfer({ queue: 'elderly' }, 'attended');
    d.offer('8001', { callId: CONSULT });
    expect(d.advance(15_000).legGone(LEG2)).toEqual([{ type: 'TellAcd', event: { type: 'OfferTimedOut', callId: CONSULT, agentId: '8001', at: T0 + 21_000 } }]);
    expect(d.outcomes.at(-1)).toBe('offer-failed:8001');
    expect(d.state.phase).toMatchObject({ kind: 'consulting', consult: { offer: null, incoming: null } });
    // A phone the phone system cannot ring is a failed offer (no RONA); a second offer while one rings goes back at once.
    d.offer('8004', { callId: CONSULT });
    const leg = d.last('DialAgent').legId;
    expect(d.agentDialFailed()).toEqual([
      { type: 'HangUpChannel', channelId: leg, wait: false },
      { type: 'TellAcd', event: { type: 'OfferFailed', callId: CONSULT, agentId: '8004', at: T0 + 21_000 } },
    ]);
    d.offer('8005', { callId: CONSULT });
    expect(d.offer('8006', { callId: CONSULT })).toEqual([{ type: 'TellAcd', event: { type: 'OfferFailed', callId: CONSULT, agentId: '8006', at: T0 + 21_000 } }]);
    // The ACD withdraws the ringing one.
    expect(d.acd({ type: 'CancelOffer', callId: CONSULT, agentId: '8005', reason: 'no_answer' })).toEqual([
      { type: 'NotifyAgent', event: { kind: 'withdrawn', agentId: '8005', callId: CALL, at: T0 + 21_000 } },
      { type: 'HangUpChannel', channelId: `agentleg-4-${CALL}`, wait: true },
    ]);
  });

  it('the first agent hangs up while the transfer still waits: the ACD forgets the transfer and the caller hears the survey', () => {
    const d = talking();
    d.advance(1000).transfer({ queue: 'elderly' }, 'attended');
    expect(d.advance(2000).agentHangsUp(LEG1)).toEqual([
      { type: 'TellAcd', event: { type: 'CallEnded', callId: CALL, at: T0 + 9000 } },
      { type: 'TellAcd', event: { type: 'CallAbandoned', callId: CONSULT, at: T0 + 9000 } },
      { type: 'Disconnect', wait: true },
      { type: 'PlayPrompts', playbackId: `${CALL}-s1`, prompts: ['survey_question'], language: 'zh-CN', wait: false },
    ]);
    expect(d.phase).toBe('survey');
    // The ACD's offer for the forgotten transfer comes too late.
    expect(d.offer('8001', { callId: CONSULT })).toEqual([{ type: 'TellAcd', event: { type: 'OfferFailed', callId: CONSULT, agentId: '8001', at: T0 + 9000 } }]);
  });

  it('the first agent hangs up while the new agent’s phone rings: that phone stops ringing and the ACD forgets the transfer', () => {
    const d = talking();
    d.transfer({ queue: 'elderly' }, 'attended');
    d.advance(1000).offer('8001', { callId: CONSULT });
    const left = d.advance(1000).agentHangsUp(LEG1);
    // The ACD withdraws its offer when told of the abandon.
    const withdrawn = d.acd({ type: 'CancelOffer', callId: CONSULT, agentId: '8001', reason: 'abandoned' });
    const both = [...left, ...withdrawn];
    expect(both).toContainEqual({ type: 'TellAcd', event: { type: 'CallEnded', callId: CALL, at: T0 + 8000 } });
    expect(both).toContainEqual({ type: 'TellAcd', event: { type: 'CallAbandoned', callId: CONSULT, at: T0 + 8000 } });
    expect(both).toContainEqual({ type: 'NotifyAgent', event: { kind: 'withdrawn', agentId: '8001', callId: CALL, at: T0 + 8000 } });
    expect(both).toContainEqual(expect.objectContaining({ type: 'HangUpChannel', channelId: LEG2 }));
    expect(both.filter((c) => c.type === 'NotifyAgent')).toHaveLength(1);
    expect(d.phase).toBe('survey');
    // Its answer, had it come, is hung up.
    expect(d.agentAnswers(LEG2)).toEqual([{ type: 'HangUpChannel', channelId: LEG2, wait: true }]);
  });

  // Old session: endConsult only told the ACD CallAbandoned and left the ringing offer in place;
  // the phone stopped (withdrawn + awaited hang-up) when the ACD's CancelOffer came back. The machine
  // withdraws and hangs up the leg itself first (call-conversation.ts endConsult), so the order and
  // the wait differ and the later CancelOffer does nothing.
  it('the first agent hangs up while the new agent’s phone rings: that phone stops at once, the ACD forgets the transfer, and its CancelOffer then changes nothing', () => {
    const d = talking();
    d.transfer({ queue: 'elderly' }, 'attended');
    d.advance(1000).offer('8001', { callId: CONSULT });
    expect(d.advance(1000).agentHangsUp(LEG1)).toEqual([
      { type: 'TellAcd', event: { type: 'CallEnded', callId: CALL, at: T0 + 8000 } },
      { type: 'NotifyAgent', event: { kind: 'withdrawn', agentId: '8001', callId: CALL, at: T0 + 8000 } },
      { type: 'HangUpChannel', channelId: LEG2, wait: false },
      { type: 'TellAcd', event: { type: 'CallAbandoned', callId: CONSULT, at: T0 + 8000 } },
      { type: 'Disconnect', wait: true },
      { type: 'PlayPrompts', playbackId: `${CALL}-s1`, prompts: ['survey_question'], language: 'zh-CN', wait: false },
    ]);
    expect(d.acd({ type: 'CancelOffer', callId: CONSULT, agentId: '8001', reason: 'abandoned' })).toEqual([]);
  });

  it('the caller hangs up with both agents on the line: both are released under their own ids', () => {
    const d = talking();
    d.transfer({ queue: 'elderly' }, 'attended');
    d.offer('8001', { callId: CONSULT });
    d.advance(1000).agentAnswers(LEG2);
    expect(d.advance(1000).callerHangsUp()).toEqual([
      { type: 'TellAcd', event: { type: 'CallEnded', callId: CONSULT, at: T0 + 8000 } },
      { type: 'HangUpChannel', channelId: LEG2, wait: false },
      { type: 'TellAcd', event: { type: 'CallEnded', callId: CALL, at: T0 + 8000 } },
      { type: 'HangUpChannel', channelId: LEG1, wait: false },
      { type: 'Disconnect', wait: false },
      { type: 'CloseCall', facts: d.facts },
    ]);
    expect(d.facts).toMatchObject({ agentId: '8003', conversationEndedAt: T0 + 8000, endedBy: 'caller' });
  });

  it('the caller hangs up while the new agent’s phone rings: it stops, the transfer is forgotten and the first agent released', () => {
    const d = talking();
    d.transfer({ queue: 'elderly' }, 'attended');
    d.offer('8001', { callId: CONSULT });
    expect(d.advance(1000).callerHangsUp()).toEqual([
      { type: 'HangUpChannel', channelId: LEG2, wait: false },
      { type: 'TellAcd', event: { type: 'CallAbandoned', callId: CONSULT, at: T0 + 7000 } },
      { type: 'TellAcd', event: { type: 'CallEnded', callId: CALL, at: T0 + 7000 } },
      { type: 'HangUpChannel', channelId: LEG1, wait: false },
      { type: 'Disconnect', wait: false },
      { type: 'CloseCall', facts: d.facts },
    ]);
  });

  it('a unit may be rung in while the transfer is under way', () => {
    const d = talking();
    d.transfer({ queue: 'elderly' }, 'attended');
    expect(d.addParty('12319')).toEqual([
      { type: 'RouteChannel', channelId: `party-1-${CALL}` },
      { type: 'DialParty', channelId: `party-1-${CALL}`, number: '12319', ringTimeoutSeconds: 30 },
    ]);
  });
});
