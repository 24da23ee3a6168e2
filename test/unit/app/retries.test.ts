import { describe, expect, it } from 'vitest';
import { withRetries, type RetryPlan } from '../../../src/app/retries.js';
import { FakeTimers } from '../../helpers/fake-timers.js';

/** Lets the helper's awaits run until it has started its next wait (or finished). */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function planOn(timers: FakeTimers, told: string[]): RetryPlan {
  return {
    delaysMs: [1000, 5000],
    timers,
    timerId: (failedTry) => `wait:${failedTry}`,
    onRetry: (error, failedTry) => void told.push(`${failedTry}: ${(error as Error).message}`),
  };
}

describe('withRetries', () => {
  it('answers the first success without a wait', async () => {
    const timers = new FakeTimers();
    const told: string[] = [];
    await expect(withRetries(planOn(timers, told), () => Promise.resolve('done'))).resolves.toBe('done');
    expect(timers.running()).toEqual([]);
    expect(told).toEqual([]);
  });

  it('waits each delay in turn, on its own timer, and answers the try that succeeds', async () => {
    const timers = new FakeTimers();
    const told: string[] = [];
    let tries = 0;
    const result = withRetries(planOn(timers, told), () => {
      tries += 1;
      return tries < 3 ? Promise.reject(new Error(`refused ${tries}`)) : Promise.resolve(tries);
    });
    await settle();
    expect(told).toEqual(['1: refused 1']);
    expect(timers.running()).toEqual(['wait:1']);
    expect(timers.msOf('wait:1')).toBe(1000);
    timers.fire('wait:1');
    await settle();
    expect(told).toEqual(['1: refused 1', '2: refused 2']);
    expect(timers.msOf('wait:2')).toBe(5000);
    timers.fire('wait:2');
    await expect(result).resolves.toBe(3);
    expect(timers.running()).toEqual([]);
  });

  it('gives the last error once every wait is used up, without a wait after it', async () => {
    const timers = new FakeTimers();
    const told: string[] = [];
    let tries = 0;
    const result = withRetries(planOn(timers, told), () => Promise.reject(new Error(`refused ${(tries += 1)}`)));
    const outcome = result.catch((error: unknown) => error as Error);
    await settle();
    timers.fire('wait:1');
    await settle();
    timers.fire('wait:2');
    expect((await outcome).message).toBe('refused 3');
    expect(told).toEqual(['1: refused 1', '2: refused 2']);
    expect(timers.running()).toEqual([]);
  });

  it('starts the wait only once the retry notice has resolved', async () => {
    const timers = new FakeTimers();
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let tries = 0;
    const result = withRetries({ delaysMs: [10], timers, timerId: () => 'wait', onRetry: () => gate }, () => (tries += 1) === 1 ? Promise.reject(new Error('once')) : Promise.resolve('second'));
    await settle();
    expect(timers.running()).toEqual([]);
    release();
    await settle();
    timers.fire('wait');
    await expect(result).resolves.toBe('second');
  });
});
