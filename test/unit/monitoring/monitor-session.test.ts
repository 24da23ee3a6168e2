// A supervisor on a call (pure): the supervisor's phone rung, a spy on the agent's leg joined once
// answered, each change of mode a new spy joined before the old one goes (never dropped), the
// agent's banner for whisper and barge (listening silent unless announced), the spans audited, and
// every end (stop, hang-up, the conversation's end) leaving no leg, spy or bridge behind; a take-over
// keeping the supervisor's phone for the call.
import { describe, expect, it } from 'vitest';
import { startMonitor, stepMonitor, type MonitorCommand, type MonitorEvent, type MonitorMode, type MonitorSession } from '../../../src/domain/monitoring/monitor-session.js';

class Driver {
  session: MonitorSession;
  commands: readonly MonitorCommand[];

  constructor(mode: MonitorMode = 'listen', announceListen = false) {
    const step = startMonitor({ id: 'mon-1-c1', callId: 'c1', supervisorId: 'supervisor', agentId: '8001', agentLeg: 'agentleg-1-c1', supervisorLeg: 'sup-1-c1', bridge: 'monitor-1-c1', mode, announceListen, at: 0 });
    this.session = step.session;
    this.commands = step.commands;
  }

  feed(event: MonitorEvent): readonly MonitorCommand[] {
    const step = stepMonitor(this.session, event);
    this.session = step.session;
    this.commands = step.commands;
    return step.commands;
  }

  /** Answered and hearing in the first mode. */
  on(): this {
    this.feed({ type: 'SupervisorAnswered', at: 100 });
    this.feed({ type: 'SpyJoined', spy: 'spy-1-mon-1-c1', at: 150 });
    return this;
  }
}

describe('a monitoring session', () => {
  it('rings the supervisor, makes a listening spy once answered, and starts silent for the agent', () => {
    const d = new Driver();
    expect(d.commands).toEqual([{ type: 'DialSupervisor', legId: 'sup-1-c1' }]);
    expect(d.feed({ type: 'SupervisorAnswered', at: 100 })).toEqual([{ type: 'MakeSpy', spy: 'spy-1-mon-1-c1', whisper: 'none' }]);
    // Nothing reaches the agent's desktop: not even a "no banner".
    expect(d.feed({ type: 'SpyJoined', spy: 'spy-1-mon-1-c1', at: 150 })).toEqual([{ type: 'Audit', action: 'call.monitor.started', detail: { mode: 'listen' } }]);
    expect(d.session.phase).toEqual({ kind: 'on', spy: 'spy-1-mon-1-c1', next: null });
    expect(d.session.spans).toEqual([{ mode: 'listen', from: 150, to: null }]);
  });

  it('whispers to the agent only and barges to both sides, each change a new spy joined before the old one ends, with the banner', () => {
    const d = new Driver().on();
    expect(d.feed({ type: 'ModeChosen', mode: 'whisper', at: 1000 })).toEqual([{ type: 'MakeSpy', spy: 'spy-2-mon-1-c1', whisper: 'out' }]);
    // Until the new spy is joined the supervisor still listens through the old one.
    expect(d.session.phase).toMatchObject({ spy: 'spy-1-mon-1-c1', next: { spy: 'spy-2-mon-1-c1', mode: 'whisper' } });
    expect(d.feed({ type: 'SpyJoined', spy: 'spy-2-mon-1-c1', at: 1100 })).toEqual([
      { type: 'HangUp', channelId: 'spy-1-mon-1-c1' },
      { type: 'TellAgent', mode: 'whisper' },
      { type: 'Audit', action: 'call.monitor.mode', detail: { from: 'listen', to: 'whisper' } },
    ]);
    d.feed({ type: 'ModeChosen', mode: 'barge', at: 2000 });
    expect(d.commands).toEqual([{ type: 'MakeSpy', spy: 'spy-3-mon-1-c1', whisper: 'both' }]);
    d.feed({ type: 'SpyJoined', spy: 'spy-3-mon-1-c1', at: 2100 });
    expect(d.session.spans).toEqual([
      { mode: 'listen', from: 150, to: 1100 },
      { mode: 'whisper', from: 1100, to: 2100 },
      { mode: 'barge', from: 2100, to: null },
    ]);
  });

  it('a change asked while another is under way is made after it; asking the mode heard changes nothing', () => {
    const d = new Driver().on();
    expect(d.feed({ type: 'ModeChosen', mode: 'listen', at: 500 })).toEqual([]);
    d.feed({ type: 'ModeChosen', mode: 'whisper', at: 1000 });
    expect(d.feed({ type: 'ModeChosen', mode: 'barge', at: 1010 })).toEqual([]);
    const after = d.feed({ type: 'SpyJoined', spy: 'spy-2-mon-1-c1', at: 1100 });
    expect(after.at(-1)).toEqual({ type: 'MakeSpy', spy: 'spy-3-mon-1-c1', whisper: 'both' });
    expect(d.session.phase).toMatchObject({ spy: 'spy-2-mon-1-c1', next: { mode: 'barge' } });
  });

  it('a change whose spy fails leaves the supervisor in the mode heard; a first spy that fails ends the session', () => {
    const d = new Driver().on();
    d.feed({ type: 'ModeChosen', mode: 'barge', at: 1000 });
    expect(d.feed({ type: 'SpyFailed', spy: 'spy-2-mon-1-c1', at: 1100 })).toEqual([]);
    expect(d.session).toMatchObject({ mode: 'listen', phase: { kind: 'on', spy: 'spy-1-mon-1-c1', next: null } });

    const first = new Driver();
    first.feed({ type: 'SupervisorAnswered', at: 100 });
    expect(first.feed({ type: 'SpyFailed', spy: 'spy-1-mon-1-c1', at: 120 })).toEqual([{ type: 'HangUp', channelId: 'sup-1-c1' }, { type: 'HangUp', channelId: 'spy-1-mon-1-c1' }, { type: 'EndBridge' }]);
    expect(first.session.phase).toEqual({ kind: 'ended', why: 'spy-failed' });
  });

  it('ends on the supervisor stopping, hanging up or the conversation ending: legs, spies and bridge gone, the banner cleared, the spans audited', () => {
    const stop = new Driver('whisper').on();
    expect(stop.commands[0]).toEqual({ type: 'TellAgent', mode: 'whisper' });
    stop.feed({ type: 'ModeChosen', mode: 'barge', at: 1000 });
    expect(stop.feed({ type: 'StopAsked', at: 2000 })).toEqual([
      { type: 'HangUp', channelId: 'sup-1-c1' },
      { type: 'HangUp', channelId: 'spy-1-mon-1-c1' },
      { type: 'HangUp', channelId: 'spy-2-mon-1-c1' },
      { type: 'TellAgent', mode: null },
      { type: 'EndBridge' },
      { type: 'Audit', action: 'call.monitor.ended', detail: { why: 'stopped', spans: [{ mode: 'whisper', from: 150, to: 2000 }] } },
    ]);
    // Ended is ended: a late event does nothing.
    expect(stop.feed({ type: 'SpyJoined', spy: 'spy-2-mon-1-c1', at: 2100 })).toEqual([]);

    const left = new Driver().on();
    expect(left.feed({ type: 'SupervisorLeft', at: 900 })).toEqual([
      { type: 'HangUp', channelId: 'spy-1-mon-1-c1' },
      { type: 'EndBridge' },
      { type: 'Audit', action: 'call.monitor.ended', detail: { why: 'supervisor-left', spans: [{ mode: 'listen', from: 150, to: 900 }] } },
    ]);

    const ringing = new Driver();
    expect(ringing.feed({ type: 'ConversationEnded', at: 50 })).toEqual([{ type: 'HangUp', channelId: 'sup-1-c1' }, { type: 'EndBridge' }]);
  });

  it('a take-over (拦截) keeps the supervisor\'s phone and hands it to the call, with the take-over banner; only once the call is heard', () => {
    const ringing = new Driver();
    expect(ringing.feed({ type: 'TakeOverAsked', at: 50 })).toEqual([]);
    expect(ringing.session.phase.kind).toBe('ringing');

    const taking = new Driver('barge').on();
    taking.feed({ type: 'ModeChosen', mode: 'listen', at: 500 });
    expect(taking.feed({ type: 'TakeOverAsked', at: 800 })).toEqual([
      { type: 'HangUp', channelId: 'spy-1-mon-1-c1' },
      { type: 'HangUp', channelId: 'spy-2-mon-1-c1' },
      { type: 'TellAgent', mode: 'take-over' },
      { type: 'HandOver', legId: 'sup-1-c1' },
      { type: 'Audit', action: 'call.monitor.ended', detail: { why: 'taken-over', spans: [{ mode: 'barge', from: 150, to: 800 }] } },
    ]);
    expect(taking.session.phase).toEqual({ kind: 'ended', why: 'taken-over' });
    // The conversation's end that follows (the agent left) changes nothing more.
    expect(taking.feed({ type: 'ConversationEnded', at: 900 })).toEqual([]);
  });

  it('announces silent listening too when the setting says so', () => {
    const d = new Driver('listen', true).on();
    expect(d.commands[0]).toEqual({ type: 'TellAgent', mode: 'listen' });
    d.feed({ type: 'ModeChosen', mode: 'whisper', at: 1000 });
    expect(d.feed({ type: 'SpyJoined', spy: 'spy-2-mon-1-c1', at: 1100 })).toContainEqual({ type: 'TellAgent', mode: 'whisper' });
  });

  it('a spy joined that nobody waits for is hung up', () => {
    const d = new Driver().on();
    expect(d.feed({ type: 'SpyJoined', spy: 'spy-9-mon-1-c1', at: 500 })).toEqual([{ type: 'HangUp', channelId: 'spy-9-mon-1-c1' }]);
  });
});
