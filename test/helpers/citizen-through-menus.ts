// A simulated citizen through the main menu to the general queue (keys 1, then 1), whose events
// land in the list given; its leg (the call's id) is known once it dialed.
import type { CallerEvent } from '../../src/tools/citizen-caller.js';
import type { TestCaller } from './test-caller.js';

export function citizenThroughMenus(sim: TestCaller, from: string, events: CallerEvent[], holdSeconds: number): { done: Promise<unknown>; leg: () => string } {
  const done = sim.caller.call({ from, to: '12345', dtmf: 'w1,1,w1,1', holdSeconds }, (event) => events.push(event));
  const leg = (): string => {
    const dialing = events.find((event) => event.event === 'dialing');
    if (dialing?.event !== 'dialing') throw new Error('the citizen has not dialed');
    return dialing.callId;
  };
  return { done, leg };
}
