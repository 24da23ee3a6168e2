// The call machine when a supervisor acts on a conversation: 强拆 (the agent side released, the
// caller hears a goodbye and is hung up, the ticket says the supervisor ended it) and 拦截 (the
// supervisor's leg takes the agent's place, the agent goes to wrap-up, the ticket names the
// supervisor and keeps the agent's answer time). Both refused quietly on a call past its conversation.
import { describe, expect, it } from 'vitest';
import { CALL, CallMachineDriver, T0 } from '../../helpers/call-machine-driver.js';
import { CLOSING_GUARD_MS, FORCE_RELEASE_PROMPT } from '../../../src/domain/calls/call-supervisor.js';

const LEG1 = `agentleg-1-${CALL}`;
const SUP = `sup-mon-1-${CALL}`;

/** Queued at T0+4000, offered to 8003 at once, answered at T0+6000. */
const talking = (): CallMachineDriver => new CallMachineDriver().queueInGeneral().connectAgent('8003');

describe('call machine: a supervisor ends the conversation (强拆)', () => {
  it('releases the agent, plays the goodbye, hangs the caller up when it ends; the ticket says the supervisor', () => {
    const d = talking();
    expect(d.advance(2000).feed({ type: 'ForceReleaseRequested', supervisorId: 'banzhang' })).toEqual([
      { type: 'TellAcd', event: { type: 'CallEnded', callId: CALL, at: T0 + 8000 } },
      { type: 'HangUpChannel', channelId: LEG1, wait: false },
      // The goodbye waits for the conversation's bridge to be gone (in a dissolving bridge it would be lost).
      { type: 'Disconnect', wait: true },
      { type: 'PlayPrompts', playbackId: `${CALL}-closing`, prompts: [FORCE_RELEASE_PROMPT], language: 'zh-CN', wait: true },
      { type: 'StartTimer', timerId: 'closing', ms: CLOSING_GUARD_MS },
    ]);
    expect(d.phase).toBe('closing');
    // The agent's leg ending now is no news; a key pressed during the goodbye neither.
    expect(d.agentHangsUp(LEG1)).toEqual([]);
    expect(d.key('1')).toEqual([]);
    expect(d.advance(4000).playbackFinished('played', `${CALL}-closing`)).toEqual([{ type: 'CancelTimer', timerId: 'closing' }, { type: 'HangUpCaller' }, { type: 'CloseCall', facts: d.facts }]);
    expect(d.advance(200).callerHangsUp()).toEqual([]);
    expect(d.facts).toMatchObject({ endedBy: 'supervisor', agentId: '8003', agentAnsweredAt: T0 + 6000, conversationEndedAt: T0 + 8000 });
    expect(d.outcomes).toEqual(['queued:general', 'offered:8003', 'answered:8003', 'force-released:banzhang']);
  });

  it('hangs the caller up at the guard when the goodbye never ends, and counts a held caller’s hold up to the release', () => {
    const d = talking();
    d.feed({ type: 'HoldChanged', channelId: LEG1, held: true, at: d.now });
    d.advance(3000).feed({ type: 'ForceReleaseRequested', supervisorId: 'banzhang' });
    expect(d.advance(CLOSING_GUARD_MS).timerFires('closing')).toEqual([{ type: 'HangUpCaller' }, { type: 'CloseCall', facts: d.facts }]);
    expect(d.facts).toMatchObject({ endedBy: 'supervisor', holdMs: 3000 });
  });

  it('does nothing to a call not in conversation (queued, or its caller already gone)', () => {
    const queued = new CallMachineDriver().queueInGeneral();
    expect(queued.feed({ type: 'ForceReleaseRequested', supervisorId: 'banzhang' })).toEqual([]);
    expect(queued.phase).toBe('queued');
    const leaving = talking();
    leaving.callerHangupRequested();
    expect(leaving.feed({ type: 'ForceReleaseRequested', supervisorId: 'banzhang' })).toEqual([]);
  });
});

describe('call machine: a supervisor takes the caller over (拦截)', () => {
  it('the supervisor’s leg joins, recorded on its own, the agent leaves to wrap-up; the supervisor’s hang-up ends the talk, and the ticket names them', () => {
    const d = talking();
    expect(d.advance(5000).feed({ type: 'TakeOverRequested', supervisorId: 'banzhang', legId: SUP })).toEqual([
      { type: 'TellAcd', event: { type: 'CallEnded', callId: CALL, at: T0 + 11_000 } },
      { type: 'HangUpChannel', channelId: LEG1, wait: true },
      { type: 'RouteChannel', channelId: SUP },
      { type: 'RecordConversation', name: `call-${CALL}-2`, legId: SUP },
      { type: 'Join', channelId: SUP },
    ]);
    expect(d.phase).toBe('talking');
    // The agent's leg leaving is the take-over's own doing.
    expect(d.agentHangsUp(LEG1)).toEqual([]);
    // The supervisor hangs up: the caller goes on to the survey, and the ACD hears nothing (the supervisor is not its agent).
    const after = d.advance(30_000).agentHangsUp(SUP);
    expect(after.filter((command) => command.type === 'TellAcd')).toEqual([]);
    expect(d.phase).toBe('survey');
    d.advance(3000).callerHangsUp();
    expect(d.facts).toMatchObject({ agentId: 'banzhang', agentAnsweredAt: T0 + 6000, conversationEndedAt: T0 + 41_000, endedBy: 'agent' });
    expect(d.facts.recordings.map((recording) => [recording.name, recording.startedAt])).toEqual([[`call-${CALL}`, T0 + 6000], [`call-${CALL}-2`, T0 + 11_000]]);
    expect(d.outcomes).toEqual(['queued:general', 'offered:8003', 'answered:8003', 'taken-over:8003→banzhang']);
  });

  it('the caller hanging up on the supervisor closes the call with one CallEnded told (the agent’s, at the take-over)', () => {
    const d = talking();
    d.advance(1000).feed({ type: 'TakeOverRequested', supervisorId: 'banzhang', legId: SUP });
    d.advance(9000).callerHangsUp();
    expect(d.told.filter((event) => event.type === 'CallEnded')).toEqual([{ type: 'CallEnded', callId: CALL, at: T0 + 7000 }]);
    expect(d.commands).toContainEqual({ type: 'HangUpChannel', channelId: SUP, wait: false });
    expect(d.facts).toMatchObject({ agentId: 'banzhang', endedBy: 'caller' });
  });

  it('a call that cannot be taken over any more hangs the supervisor’s leg up', () => {
    const queued = new CallMachineDriver().queueInGeneral();
    expect(queued.feed({ type: 'TakeOverRequested', supervisorId: 'banzhang', legId: SUP })).toEqual([{ type: 'HangUpChannel', channelId: SUP, wait: false }]);
    const consulting = talking();
    consulting.transfer({ queue: 'elderly' }, 'attended');
    expect(consulting.feed({ type: 'TakeOverRequested', supervisorId: 'banzhang', legId: SUP })).toEqual([{ type: 'HangUpChannel', channelId: SUP, wait: false }]);
  });
});
