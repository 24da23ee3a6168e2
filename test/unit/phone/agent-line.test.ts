// The agent's line (pure): dialed while the agent is signed in with a registered browser phone,
// retried when it cannot be made, lost with a phone_lost pause, dialed again once the agent resumed,
// ended quietly when the agent signs out.
import { describe, expect, it } from 'vitest';
import { LINE_RETRY_MS, lineTimer, newAgentLine, stepLine, type AgentLine, type LineCommand, type LineEvent } from '../../../src/domain/phone/agent-line.js';

/** Feeds events one after another; the commands of the last one, and the line after it. */
class Driver {
  line: AgentLine = newAgentLine('8001');
  commands: LineCommand[] = [];

  feed(...events: LineEvent[]): LineCommand[] {
    for (const event of events) {
      const step = stepLine(this.line, event);
      this.line = step.line;
      this.commands = [...step.commands];
    }
    return this.commands;
  }

  /** Signed in, phone registered, line answered: ready for calls. */
  ready(): this {
    this.feed({ type: 'SignedIn' }, { type: 'PhoneChanged', up: true }, { type: 'LineAnswered', lineId: 'line-8001-1' });
    return this;
  }
}

describe('the agent line', () => {
  it('is dialed once the agent is signed in and the browser phone registered, in either order, and ready when answered', () => {
    const a = new Driver();
    expect(a.feed({ type: 'SignedIn' })).toEqual([]);
    expect(a.feed({ type: 'PhoneChanged', up: true })).toEqual([{ type: 'DialLine', lineId: 'line-8001-1' }]);
    expect(a.feed({ type: 'LineAnswered', lineId: 'line-8001-1' })).toEqual([]);
    expect(a.line.phase).toEqual({ kind: 'up', lineId: 'line-8001-1' });

    const b = new Driver();
    b.feed({ type: 'PhoneChanged', up: true });
    expect(b.feed({ type: 'SignedIn' })).toEqual([{ type: 'DialLine', lineId: 'line-8001-1' }]);
    expect(b.feed({ type: 'PhoneChanged', up: true })).toEqual([]);
  });

  it('a line that cannot be made is tried again after 1, 2 and 5 s, then the agent is paused phone_lost', () => {
    const d = new Driver();
    d.feed({ type: 'SignedIn' }, { type: 'PhoneChanged', up: true });
    for (const [index, wait] of LINE_RETRY_MS.entries()) {
      expect(d.feed({ type: 'LineGone', lineId: `line-8001-${index + 1}` })).toEqual([{ type: 'StartTimer', timerId: lineTimer('8001'), ms: wait }]);
      expect(d.feed({ type: 'TimerFired', timerId: lineTimer('8001') })).toEqual([{ type: 'DialLine', lineId: `line-8001-${index + 2}` }]);
    }
    expect(d.feed({ type: 'LineGone', lineId: 'line-8001-4' })).toEqual([{ type: 'PauseAgent', reason: 'phone_lost' }]);
    expect(d.line.phase).toEqual({ kind: 'lost' });
  });

  it('a line lost while up pauses the agent phone_lost; resuming dials it again', () => {
    const d = new Driver().ready();
    expect(d.feed({ type: 'LineGone', lineId: 'line-8001-1' })).toEqual([{ type: 'PauseAgent', reason: 'phone_lost' }]);
    // The phone registering again does not bring the line back by itself: the agent must know.
    expect(d.feed({ type: 'PhoneChanged', up: true })).toEqual([]);
    expect(d.feed({ type: 'Resumed' })).toEqual([{ type: 'DialLine', lineId: 'line-8001-2' }]);
  });

  it('a closed tab (the phone unregisters under a signed-in agent) is a lost line; after it, a page that registers again gets a new line', () => {
    const d = new Driver().ready();
    expect(d.feed({ type: 'PhoneChanged', up: false })).toEqual([{ type: 'HangUpLine', lineId: 'line-8001-1' }, { type: 'PauseAgent', reason: 'phone_lost' }]);
    // The line's own end comes after: nothing more.
    expect(d.feed({ type: 'LineGone', lineId: 'line-8001-1' })).toEqual([]);
    // Resumed while no page is open: the next page to register gets a line at once.
    expect(d.feed({ type: 'Resumed' })).toEqual([]);
    expect(d.feed({ type: 'PhoneChanged', up: true })).toEqual([{ type: 'DialLine', lineId: 'line-8001-2' }]);
  });

  it('signing out ends the line without a pause; a late answer of a line nobody waits for is hung up', () => {
    const d = new Driver().ready();
    expect(d.feed({ type: 'SignedOut' })).toEqual([{ type: 'HangUpLine', lineId: 'line-8001-1' }]);
    expect(d.feed({ type: 'LineGone', lineId: 'line-8001-1' })).toEqual([]);

    const dialing = new Driver();
    dialing.feed({ type: 'SignedIn' }, { type: 'PhoneChanged', up: true });
    expect(dialing.feed({ type: 'SignedOut' })).toEqual([{ type: 'HangUpLine', lineId: 'line-8001-1' }]);
    expect(dialing.feed({ type: 'LineAnswered', lineId: 'line-8001-1' })).toEqual([{ type: 'HangUpLine', lineId: 'line-8001-1' }]);
    expect(dialing.line.phase).toEqual({ kind: 'none' });
  });

  it('events of an old line or a timer nobody started change nothing', () => {
    const d = new Driver().ready();
    expect(d.feed({ type: 'LineGone', lineId: 'line-8001-0' })).toEqual([]);
    expect(d.feed({ type: 'TimerFired', timerId: lineTimer('8001') })).toEqual([]);
    expect(d.line.phase.kind).toBe('up');
  });

  it('a page that went away (its socket closed) ends the line Asterisk still holds and pauses the agent; the lost line stays lost whatever the phone does until the agent resumes', () => {
    const d = new Driver().ready();
    expect(d.feed({ type: 'PhoneLeft' })).toEqual([{ type: 'HangUpLine', lineId: 'line-8001-1' }, { type: 'PauseAgent', reason: 'phone_lost' }]);
    expect(d.feed({ type: 'PhoneChanged', up: false })).toEqual([]);
    expect(d.feed({ type: 'PhoneChanged', up: true })).toEqual([]);
    expect(d.line.phase).toEqual({ kind: 'lost' });
    expect(d.feed({ type: 'Resumed' })).toEqual([{ type: 'DialLine', lineId: 'line-8001-2' }]);
    // No line, nothing to lose: a page closing before the line was made changes nothing.
    expect(new Driver().feed({ type: 'PhoneLeft' })).toEqual([]);
    // Signing out forgets the loss.
    const out = new Driver().ready();
    out.feed({ type: 'PhoneLeft' }, { type: 'SignedOut' });
    expect(out.line.phase).toEqual({ kind: 'none' });
  });

  it('the phone leaving while the line is being retried is a lost line: the retry is cancelled', () => {
    const d = new Driver();
    d.feed({ type: 'SignedIn' }, { type: 'PhoneChanged', up: true }, { type: 'LineGone', lineId: 'line-8001-1' });
    expect(d.feed({ type: 'PhoneChanged', up: false })).toEqual([{ type: 'CancelTimer', timerId: lineTimer('8001') }, { type: 'PauseAgent', reason: 'phone_lost' }]);
  });

  it('a line left carrying the agent\'s conversation after a takeover is adopted: a fresh server knows it up, a line it dialed meanwhile is ended, a retry cancelled', () => {
    const fresh = new Driver();
    expect(fresh.feed({ type: 'LineAdopted', lineId: 'line-8001-1.old' })).toEqual([]);
    expect(fresh.line).toMatchObject({ signedIn: true, phoneUp: true, phase: { kind: 'up', lineId: 'line-8001-1.old' } });
    // What the server hears next of the agent and the phone confirms it: nothing is dialed.
    expect(fresh.feed({ type: 'SignedIn' }, { type: 'PhoneChanged', up: true })).toEqual([]);
    // The line ends later like any line: the agent is paused phone_lost.
    expect(fresh.feed({ type: 'LineGone', lineId: 'line-8001-1.old' })).toEqual([{ type: 'PauseAgent', reason: 'phone_lost' }]);

    const dialing = new Driver();
    dialing.feed({ type: 'SignedIn' }, { type: 'PhoneChanged', up: true });
    expect(dialing.feed({ type: 'LineAdopted', lineId: 'line-8001-1.old' })).toEqual([{ type: 'HangUpLine', lineId: 'line-8001-1' }]);
    // The busy page refused the dialed line: that is no loss of the adopted one.
    expect(dialing.feed({ type: 'LineGone', lineId: 'line-8001-1' })).toEqual([]);
    expect(dialing.line.phase).toEqual({ kind: 'up', lineId: 'line-8001-1.old' });

    const retrying = new Driver();
    retrying.feed({ type: 'SignedIn' }, { type: 'PhoneChanged', up: true }, { type: 'LineGone', lineId: 'line-8001-1' });
    expect(retrying.feed({ type: 'LineAdopted', lineId: 'line-8001-1.old' })).toEqual([{ type: 'CancelTimer', timerId: lineTimer('8001') }]);
    expect(retrying.feed({ type: 'TimerFired', timerId: lineTimer('8001') })).toEqual([]);
  });
});
