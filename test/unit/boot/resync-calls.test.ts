import { describe, expect, it } from 'vitest';
import { callResync, type Reconciled } from '../../../src/boot/resync-calls.js';
import { createLogger } from '../../../src/logging/logger.js';

const silent = createLogger('silent');

/** A holder that keeps what it was told. */
function holder(): Reconciled & { told: ReadonlySet<string>[] } {
  const told: ReadonlySet<string>[] = [];
  return { told, reconcile: (present) => void told.push(present) };
}

describe('the calls resynced with Asterisk after a reconnect', () => {
  it('asks again until Asterisk answers the list, waiting longer each time, and tells every holder once', async () => {
    const calls = holder();
    const lines = holder();
    let asked = 0;
    const waits: number[] = [];
    const ari = {
      listChannels: () => {
        asked += 1;
        return asked <= 3 ? Promise.reject(new Error('GET /channels: no answer within 5000 ms')) : Promise.resolve([{ id: 'c1' }, { id: 'c2' }] as never);
      },
    };
    const sleep = (ms: number): Promise<void> => {
      waits.push(ms);
      return Promise.resolve();
    };
    const found: string[][] = [];
    await callResync(ari, [calls, lines], silent, { sleep, found: (channels) => void found.push(channels.map((channel) => channel.id)) })('ARI');
    expect(asked).toBe(4);
    // The channels themselves go on once, after the holders: a caller never announced is found there.
    expect(found).toEqual([['c1', 'c2']]);
    expect(waits).toEqual([1000, 2000, 5000]);
    expect(calls.told).toEqual([new Set(['c1', 'c2'])]);
    expect(lines.told).toEqual([new Set(['c1', 'c2'])]);
  });

  it('gives up after ten attempts (about three minutes of waits), when Asterisk is gone rather than busy', async () => {
    const calls = holder();
    let asked = 0;
    const waits: number[] = [];
    const ari = { listChannels: () => ((asked += 1), Promise.reject(new Error('connection refused'))) };
    const sleep = (ms: number): Promise<void> => {
      waits.push(ms);
      return Promise.resolve();
    };
    await callResync(ari, [calls], silent, { sleep })('ARI');
    expect(asked).toBe(10);
    expect(waits.reduce((a, b) => a + b, 0)).toBe(1000 + 2000 + 5000 + 10_000 + 5 * 30_000);
    expect(calls.told).toEqual([]);
  });

  it('leaves the retrying to a newer reconnect’s resync, which tells the holders once', async () => {
    const calls = holder();
    let asked = 0;
    let release: () => void = () => undefined;
    const firstWait = new Promise<void>((resolve) => (release = resolve));
    const ari = {
      listChannels: () => {
        asked += 1;
        return asked === 1 ? Promise.reject(new Error('no answer')) : Promise.resolve([{ id: 'c9' }] as never);
      },
    };
    const resync = callResync(ari, [calls], silent, { sleep: () => firstWait });
    const older = resync('ARI');
    await Promise.resolve();
    await resync('AMI');
    release();
    await older;
    expect(asked).toBe(2);
    expect(calls.told).toEqual([new Set(['c9'])]);
  });
});
