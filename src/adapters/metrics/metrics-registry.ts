// The server's timings by name: each a histogram since start (for GET /api/metrics) and one for the
// current minute (for the log line), with counts of failures and timeouts where a timing has them.
// Adapters take their Timing once (at start, or on a route's first use) and record into it.
// Timings also feed a short window (by default one per kind) that admission control reads each
// second; a timing may feed a window of its own, or none.
import { LatencyHistogram, type LatencySummary } from './latency-histogram.js';

/** What a timing measures; the API groups timings by it. */
export type TimingKind = 'ari-event' | 'ari-request' | 'ami-action';

export interface TimingSummary extends LatencySummary {
  readonly kind: TimingKind;
  readonly name: string;
  /** Finished, but not well (a refusal, a broken connection, an unreadable answer). */
  readonly errors: number;
  /** No answer within the time limit (counted apart from errors). */
  readonly timeouts: number;
}

export type Failure = 'error' | 'timeout';

/** Every timing of one kind since the window was last taken. */
export interface WindowSummary extends LatencySummary {
  readonly timeouts: number;
}

class KindWindow {
  readonly histogram = new LatencyHistogram();
  timeouts = 0;

  take(): WindowSummary {
    const summary = { ...this.histogram.summary(), timeouts: this.timeouts };
    this.histogram.reset();
    this.timeouts = 0;
    return summary;
  }
}

export class Timing {
  private readonly total = new LatencyHistogram();
  private readonly minute = new LatencyHistogram();
  private counted = { errors: 0, timeouts: 0 };
  private minuteCounted = { errors: 0, timeouts: 0 };

  constructor(
    readonly kind: TimingKind,
    readonly name: string,
    private readonly window: KindWindow = new KindWindow(),
  ) {}

  /** One sample; a failure is counted as well as timed (a timeout's time is its limit). */
  record(ms: number, failure?: Failure): void {
    this.total.record(ms);
    this.minute.record(ms);
    this.window.histogram.record(ms);
    if (failure === 'timeout') this.window.timeouts += 1;
    if (failure === 'error') {
      this.counted.errors += 1;
      this.minuteCounted.errors += 1;
    } else if (failure === 'timeout') {
      this.counted.timeouts += 1;
      this.minuteCounted.timeouts += 1;
    }
  }

  summary(): TimingSummary {
    return { kind: this.kind, name: this.name, ...this.total.summary(), ...this.counted };
  }

  /** The current minute's figures, or undefined when nothing was recorded in it; starts a new minute. */
  takeMinute(): TimingSummary | undefined {
    if (this.minute.count === 0) return undefined;
    const summary = { kind: this.kind, name: this.name, ...this.minute.summary(), ...this.minuteCounted };
    this.minute.reset();
    this.minuteCounted = { errors: 0, timeouts: 0 };
    return summary;
  }
}

export class MetricsRegistry {
  private readonly timings = new Map<string, Timing>();
  private readonly windows = new Map<string, KindWindow>();

  /**
   * The timing of this kind and name, made on first use; its samples also go to the window named
   * `window` (its kind's by default). The window is fixed by the timing's first use.
   */
  timing(kind: TimingKind, name: string, window: string = kind): Timing {
    const key = `${kind} ${name}`;
    let timing = this.timings.get(key);
    if (!timing) {
      timing = new Timing(kind, name, this.windowOf(window));
      this.timings.set(key, timing);
    }
    return timing;
  }

  /** Every timing with at least one sample since start, by kind then name. */
  summaries(): TimingSummary[] {
    return this.sorted([...this.timings.values()].map((timing) => timing.summary()).filter((summary) => summary.count > 0));
  }

  /** The minute's timings that had samples; each timing starts a new minute. */
  takeMinute(): TimingSummary[] {
    return this.sorted([...this.timings.values()].flatMap((timing) => timing.takeMinute() ?? []));
  }

  /** Every sample of the timings that feed this window since the last call, and a new window. */
  takeWindow(name: string): WindowSummary {
    return this.windowOf(name).take();
  }

  private windowOf(name: string): KindWindow {
    let window = this.windows.get(name);
    if (!window) {
      window = new KindWindow();
      this.windows.set(name, window);
    }
    return window;
  }

  private sorted(summaries: TimingSummary[]): TimingSummary[] {
    return summaries.sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
  }
}
