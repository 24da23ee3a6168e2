// The PBX loss watch: both links down for the set time declare the box lost (once), one link down
// never does, a link back in time cancels, and ARI back after a loss settles what the box still holds.
import { describe, expect, it } from 'vitest';
import { PbxLossWatch } from '../../../src/app/pbx-loss-watch.js';
import { createLogger } from '../../../src/logging/logger.js';
import { FakeTimers } from '../../helpers/fake-timers.js';

function watch(lostAfterMs = 60_000): { watch: PbxLossWatch; timers: FakeTimers; said: string[] } {
  const timers = new FakeTimers();
  const said: string[] = [];
  const made = new PbxLossWatch({ timers, lostAfterMs, lost: () => said.push('lost'), back: () => said.push('back'), logger: createLogger('silent') });
  return { watch: made, timers, said };
}

describe('PbxLossWatch', () => {
  it('declares the box lost once both links stayed down for the set time, and settles it when ARI returns', () => {
    const { watch: w, timers, said } = watch();
    w.linkDown('ari');
    expect(timers.running()).toEqual([]);
    w.linkDown('ami');
    expect(timers.msOf('pbx-loss')).toBe(60_000);
    timers.fireOnly();
    expect(said).toEqual(['lost']);
    // AMI back first: the box is not settled until ARI, through which the calls are handled, answers.
    w.linkUp('ami');
    w.linkDown('ami');
    expect([said, timers.running()]).toEqual([['lost'], []]);
    w.linkUp('ari');
    expect(said).toEqual(['lost', 'back']);
  });

  it('leaves the calls alone while one link stays up, or when a link returns in time', () => {
    const { watch: w, timers, said } = watch();
    w.linkDown('ari');
    w.linkDown('ari');
    expect(timers.running()).toEqual([]);
    w.linkDown('ami');
    w.linkUp('ari');
    expect(timers.running()).toEqual([]);
    w.linkUp('ami');
    w.linkDown('ami');
    expect([said, timers.running()]).toEqual([[], []]);
  });

  it('never declares a loss when set to 0', () => {
    const { watch: w, timers } = watch(0);
    w.linkDown('ari');
    w.linkDown('ami');
    expect(timers.running()).toEqual([]);
  });

  it('arms nothing once stopped: the server closing its own links is not a lost box', () => {
    const { watch: w, timers, said } = watch();
    w.linkDown('ari');
    w.stop();
    w.linkDown('ami');
    w.linkUp('ari');
    expect([said, timers.running()]).toEqual([[], []]);
  });
});
