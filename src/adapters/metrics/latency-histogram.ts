// A latency histogram with fixed log-scale buckets: recording a sample is O(1) and allocates nothing
// (one Math.log2 and an increment into a typed array made once), so it can sit on the path of every
// ARI event and request. Percentiles are read from the buckets, within one bucket's width (±9%).

/** The first bucket's upper bound, in milliseconds: a local ARI request can answer in ~0.1 ms. */
const LOWEST_MS = 0.05;
/** Buckets per doubling: each is 2^(1/4) ≈ 1.19 times the one before. */
const PER_DOUBLING = 4;
/** 0.05 ms × 2^(88/4) ≈ 210 s: above any request timeout or event delay worth telling apart. */
const LOG_BUCKETS = 88;
/** Bucket 0 holds [0, LOWEST_MS]; the last one everything above the top bound. */
const BUCKETS = LOG_BUCKETS + 2;

/** The upper bound of each bucket (the last is open: its samples are bounded by `max`). */
const UPPER_BOUNDS: Float64Array = (() => {
  const bounds = new Float64Array(BUCKETS);
  for (let i = 0; i < BUCKETS; i += 1) bounds[i] = i === BUCKETS - 1 ? Number.POSITIVE_INFINITY : LOWEST_MS * 2 ** (i / PER_DOUBLING);
  return bounds;
})();

export interface LatencySummary {
  readonly count: number;
  /** Milliseconds, each the upper bound of its bucket (never above max). */
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
}

/** Which bucket holds `ms`; negative and NaN samples count as 0 (a clock step must not throw). */
export function bucketOf(ms: number): number {
  if (!(ms > LOWEST_MS)) return 0;
  const index = Math.ceil(Math.log2(ms / LOWEST_MS) * PER_DOUBLING);
  return index >= BUCKETS ? BUCKETS - 1 : index;
}

/** The upper bound of a bucket, in milliseconds. */
export function upperBoundOf(bucket: number): number {
  return UPPER_BOUNDS[bucket] ?? Number.POSITIVE_INFINITY;
}

const rounded = (ms: number): number => Math.round(ms * 100) / 100;

export class LatencyHistogram {
  private readonly counts = new Float64Array(BUCKETS);
  private total = 0;
  private largest = 0;

  get count(): number {
    return this.total;
  }

  record(ms: number): void {
    const bucket = bucketOf(ms);
    this.counts[bucket] = (this.counts[bucket] ?? 0) + 1;
    this.total += 1;
    if (ms > this.largest) this.largest = ms;
  }

  /** The smallest bucket bound that at least `fraction` of the samples are at or below. */
  quantile(fraction: number): number {
    if (this.total === 0) return 0;
    const rank = Math.max(1, Math.ceil(fraction * this.total));
    let seen = 0;
    for (let bucket = 0; bucket < BUCKETS; bucket += 1) {
      seen += this.counts[bucket] ?? 0;
      if (seen >= rank) return Math.min(upperBoundOf(bucket), this.largest);
    }
    return this.largest;
  }

  summary(): LatencySummary {
    return { count: this.total, p50: rounded(this.quantile(0.5)), p90: rounded(this.quantile(0.9)), p99: rounded(this.quantile(0.99)), max: rounded(this.largest) };
  }

  /** Empties it in place (the per-minute window), allocating nothing. */
  reset(): void {
    this.counts.fill(0);
    this.total = 0;
    this.largest = 0;
  }
}
