// The agent holds the caller from their phone: the caller hears hold music, the path and the ticket
// tell how long; a hold by the caller's own phone, a repeated hold and a hold of a leg that is not
// talking change nothing; a hold still on when the agent leaves or hands over ends with them.
import { describe, expect, it } from 'vitest';
import { CALL, CallMachineDriver, only } from '../../helpers/call-machine-driver.js';
import { AGENT_HOLD_MUSIC } from '../../../src/domain/calls/call-hold.js';
import type { CallCommand } from '../../../src/domain/calls/call-protocol.js';

function talking(): { d: CallMachineDriver; leg: string } {
  const d = new CallMachineDriver().queueInGeneral().connectAgent('8003');
  return { d, leg: d.last('DialAgent').legId };
}

const hold = (d: CallMachineDriver, channelId: string, held: boolean): CallCommand[] => d.feed({ type: 'HoldChanged', channelId, held, at: d.now });

describe('call machine: the agent holds the caller', () => {
  it('hold music while held, off when resumed; the path says who held when, the ticket how long in all', () => {
    const { d, leg } = talking();
    expect(hold(d.advance(5000), leg, true)).toEqual([{ type: 'StartHold', musicClass: AGENT_HOLD_MUSIC }]);
    expect(hold(d.advance(1000), leg, true)).toEqual([]);
    expect(hold(d.advance(9000), leg, false)).toEqual([{ type: 'StopHold' }]);
    hold(d.advance(2000), leg, true);
    hold(d.advance(3000), leg, false);
    d.advance(1000).callerHangsUp();
    expect(d.facts.holdMs).toBe(13_000);
    expect(d.outcomes.filter((o) => o.startsWith('held') || o.startsWith('resumed'))).toEqual(['held:8003', 'resumed:8003', 'held:8003', 'resumed:8003']);
  });

  it("the caller's own hold, an unhold with no hold, and a hold while still queued change nothing", () => {
    const { d, leg } = talking();
    expect(hold(d, CALL, true)).toEqual([]);
    expect(hold(d, leg, false)).toEqual([]);
    const queued = new CallMachineDriver().queueInGeneral();
    expect(hold(queued, 'someone-else', true)).toEqual([]);
    d.advance(1000).callerHangsUp();
    expect(d.facts.holdMs).toBe(0);
  });

  it('the agent hangs up while holding: the music stops for the survey and the hold counts until then', () => {
    const { d, leg } = talking();
    hold(d.advance(1000), leg, true);
    const ended = d.advance(4000).agentHangsUp();
    expect(only(ended, 'StopHold', 'Disconnect', 'PlayPrompts').map((c) => c.type)).toEqual(['StopHold', 'Disconnect', 'PlayPrompts']);
    d.advance(10_000).callerHangsUp();
    expect(d.facts.holdMs).toBe(4000);
  });

  it('the caller hangs up while held: the ticket counts the hold until the end', () => {
    const { d, leg } = talking();
    hold(d.advance(1000), leg, true);
    d.advance(6000).callerHangsUp();
    expect(d.facts.holdMs).toBe(6000);
  });

  it('a blind transfer while holding ends the hold and leaves the music on for the queue', () => {
    const { d, leg } = talking();
    hold(d.advance(1000), leg, true);
    const moved = d.advance(2000).transfer({ queue: 'elderly' });
    expect(only(moved, 'StopHold')).toEqual([]);
    d.advance(5000).callerHangsUp();
    expect(d.facts.holdMs).toBe(2000);
  });
});
