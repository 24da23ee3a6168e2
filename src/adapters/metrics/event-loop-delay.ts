// How late the server's event loop runs its timers: Node's own sampler (perf_hooks), read at each
// scrape. Every ARI event and request of every call waits on this loop, so a synchronous stretch
// (a ticket's commit, a large JSON) shows here before it shows in the calls' figures.
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

export interface LoopDelayFigures {
  /** Milliseconds; samples since the server started. */
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
  readonly count: number;
}

/** A sample every 10 ms: the loop's delay is measured to about that grain. */
const RESOLUTION_MS = 10;

export class EventLoopDelay {
  private readonly histogram: IntervalHistogram;

  constructor() {
    this.histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
    this.histogram.enable();
  }

  figures(): LoopDelayFigures {
    const h = this.histogram;
    const ms = (ns: number): number => (Number.isFinite(ns) ? ns / 1e6 : 0);
    return { p50: ms(h.percentile(50)), p90: ms(h.percentile(90)), p99: ms(h.percentile(99)), max: ms(h.max), count: h.count };
  }

  stop(): void {
    this.histogram.disable();
  }
}
