// The latency histogram: fixed log-scale buckets, percentiles within a bucket's width, a reset that
// empties it in place, and samples a broken clock can produce (negative, NaN) taken without a throw.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bucketOf, LatencyHistogram, upperBoundOf } from '../../../src/adapters/metrics/latency-histogram.js';
import { MetricsRegistry } from '../../../src/adapters/metrics/metrics-registry.js';

/** The exact percentile of a sorted list, by the same rank rule as the histogram. */
function exact(sorted: readonly number[], fraction: number): number {
  return sorted[Math.max(1, Math.ceil(fraction * sorted.length)) - 1] ?? 0;
}

describe('LatencyHistogram', () => {
  it('is empty at first: count 0 and every figure 0', () => {
    expect(new LatencyHistogram().summary()).toEqual({ count: 0, p50: 0, p90: 0, p99: 0, max: 0 });
  });

  it('puts each sample in the bucket whose bounds hold it, each bucket 2^(1/4) wider than the one before', () => {
    for (const ms of [0.06, 0.3, 1, 2.5, 17, 999, 30_000]) {
      const bucket = bucketOf(ms);
      expect(upperBoundOf(bucket)).toBeGreaterThanOrEqual(ms);
      expect(upperBoundOf(bucket - 1)).toBeLessThan(ms);
      expect(upperBoundOf(bucket) / upperBoundOf(bucket - 1)).toBeCloseTo(2 ** 0.25, 6);
    }
  });

  it('counts 0, negative and NaN samples in the first bucket, and a huge one in the last', () => {
    const histogram = new LatencyHistogram();
    for (const ms of [0, -5, Number.NaN]) histogram.record(ms);
    expect(histogram.summary()).toMatchObject({ count: 3, p99: 0, max: 0 });
    histogram.record(10 * 60_000);
    expect(histogram.summary()).toMatchObject({ count: 4, max: 600_000, p99: 600_000 });
    expect(bucketOf(10 * 60_000)).toBe(bucketOf(Number.POSITIVE_INFINITY));
  });

  it('gives each percentile within one bucket above the exact one, and never above the largest sample', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.06, max: 100_000, noNaN: true }), { minLength: 1, maxLength: 300 }), (samples) => {
        const histogram = new LatencyHistogram();
        for (const ms of samples) histogram.record(ms);
        const sorted = [...samples].sort((a, b) => a - b);
        for (const fraction of [0.5, 0.9, 0.99]) {
          const estimate = histogram.quantile(fraction);
          const truth = exact(sorted, fraction);
          expect(estimate).toBeGreaterThanOrEqual(truth * (1 - 1e-9));
          expect(estimate).toBeLessThanOrEqual(truth * 2 ** 0.25 * (1 + 1e-9));
          expect(estimate).toBeLessThanOrEqual(sorted.at(-1) ?? 0);
        }
        expect(histogram.count).toBe(samples.length);
      }),
    );
  });

  it('reads p50, p90, p99 and max from 1..1000 ms', () => {
    const histogram = new LatencyHistogram();
    for (let ms = 1; ms <= 1000; ms += 1) histogram.record(ms);
    const { count, p50, p90, p99, max } = histogram.summary();
    expect(count).toBe(1000);
    expect(p50).toBeGreaterThanOrEqual(500);
    expect(p50).toBeLessThan(500 * 1.19);
    expect(p90).toBeGreaterThanOrEqual(900);
    expect(p99).toBeGreaterThanOrEqual(990);
    expect(p99).toBeLessThanOrEqual(1000);
    expect(max).toBe(1000);
  });

  it('reset empties it', () => {
    const histogram = new LatencyHistogram();
    histogram.record(12);
    histogram.reset();
    expect(histogram.summary()).toEqual({ count: 0, p50: 0, p90: 0, p99: 0, max: 0 });
  });
});

describe('MetricsRegistry', () => {
  it('keeps one timing per kind and name, counts errors and timeouts apart, and lists only those with samples', () => {
    const registry = new MetricsRegistry();
    const play = registry.timing('ari-request', 'POST /channels/{id}/play');
    expect(registry.timing('ari-request', 'POST /channels/{id}/play')).toBe(play);
    registry.timing('ari-event', 'StasisStart');
    play.record(2);
    play.record(3, 'error');
    play.record(5000, 'timeout');
    expect(registry.summaries()).toEqual([{ kind: 'ari-request', name: 'POST /channels/{id}/play', count: 3, p50: expect.any(Number) as number, p90: expect.any(Number) as number, p99: 5000, max: 5000, errors: 1, timeouts: 1 }]);
  });

  it('gives the minute its own figures and starts a new minute each time it is taken', () => {
    const registry = new MetricsRegistry();
    const delay = registry.timing('ari-event', 'StasisStart');
    delay.record(1);
    delay.record(2, 'error');
    expect(registry.takeMinute()).toMatchObject([{ name: 'StasisStart', count: 2, errors: 1 }]);
    expect(registry.takeMinute()).toEqual([]);
    delay.record(4);
    expect(registry.takeMinute()).toMatchObject([{ count: 1, errors: 0, max: 4 }]);
    expect(registry.summaries()).toMatchObject([{ count: 3, errors: 1, max: 4 }]);
  });
});
