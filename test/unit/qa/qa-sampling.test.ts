import { describe, expect, it } from 'vitest';
import type { SampleCandidate } from '../../../src/domain/qa/qa-sampling.js';
import { fnv1a, sampleCalls, sampleSize } from '../../../src/domain/qa/qa-sampling.js';

const pad = (n: number): string => String(n).padStart(2, '0');

// Agent 1001 took 25 calls on 1 March, agent 1002 took 4 calls that day and 1 the next.
const CALLS: SampleCandidate[] = [
  ...Array.from({ length: 25 }, (_, i) => ({ callId: `c1001-${pad(i + 1)}`, agentId: '1001', day: '20250301' })),
  ...Array.from({ length: 4 }, (_, i) => ({ callId: `c1002-${pad(i + 1)}`, agentId: '1002', day: '20250301' })),
  { callId: 'c1002-05', agentId: '1002', day: '20250302' },
];

const ofAgentDay = (ids: string[], prefix: string): string[] => ids.filter((id) => id.startsWith(prefix));

// A fixed reshuffle (every 7th, wrapping) so the test itself stays deterministic.
const shuffled = <T>(list: readonly T[]): T[] => list.map((_, i) => list[(i * 7) % list.length] as T);

describe('sampling calls for review', () => {
  it('10% of 25 calls is 3 for that agent-day, and every agent-day with calls gets at least one', () => {
    const picked = sampleCalls(CALLS, 10, '2025-03-w1');
    expect(ofAgentDay(picked, 'c1001-')).toHaveLength(3);
    expect(picked.filter((id) => /^c1002-0[1-4]$/.test(id))).toHaveLength(1);
    expect(picked).toContain('c1002-05');
    expect(picked).toHaveLength(5);
  });

  it('is the same for the same seed, and pinned so an old sample can be re-derived', () => {
    const picked = sampleCalls(CALLS, 10, '2025-03-w1');
    expect(sampleCalls(CALLS, 10, '2025-03-w1')).toEqual(picked);
    expect(picked).toEqual(PINNED);
  });

  it('differs with another seed', () => {
    expect(ofAgentDay(sampleCalls(CALLS, 10, '2025-03-w2'), 'c1001-')).not.toEqual(ofAgentDay(sampleCalls(CALLS, 10, '2025-03-w1'), 'c1001-'));
  });

  it('does not depend on the order of the input', () => {
    const expected = sampleCalls(CALLS, 10, 'seed');
    expect(sampleCalls([...CALLS].reverse(), 10, 'seed')).toEqual(expected);
    expect(sampleCalls(shuffled(CALLS), 10, 'seed')).toEqual(expected);
    expect(new Set(shuffled(CALLS)).size).toBe(CALLS.length);
  });

  it('0% picks nothing and 100% picks every call, sorted by agent, day and call id', () => {
    expect(sampleCalls(CALLS, 0, 'seed')).toEqual([]);
    expect(sampleCalls(shuffled(CALLS), 100, 'seed')).toEqual(CALLS.map((c) => c.callId));
    expect(sampleCalls([], 50, 'seed')).toEqual([]);
  });

  it('refuses a percentage outside 0..100', () => {
    for (const bad of [-1, 100.5, Number.NaN, Number.POSITIVE_INFINITY]) expect(() => sampleCalls(CALLS, bad, 'seed')).toThrow(RangeError);
  });

  it('rounds the sample size up, at least 1, without float noise', () => {
    expect(sampleSize(25, 10)).toBe(3);
    expect(sampleSize(20, 10)).toBe(2);
    expect(sampleSize(1, 10)).toBe(1);
    expect(sampleSize(0, 10)).toBe(0);
    expect(sampleSize(3, 50)).toBe(2);
    expect(sampleSize(1000, 1.1)).toBe(11);
    expect(sampleSize(7, 100)).toBe(7);
  });

  it('hashes with standard 32-bit FNV-1a', () => {
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
    expect(fnv1a('foobar')).toBe(0xbf9cf968);
  });
});

// Cross-checked with an independent FNV-1a ranking; a change here means old samples can no longer be re-derived.
const PINNED = ['c1001-14', 'c1001-16', 'c1001-17', 'c1002-01', 'c1002-05'];
