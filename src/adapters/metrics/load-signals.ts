// Admission control's view of the hops: each second, the p99 of every ARI event's delay and of
// the quick ARI requests' time since the second before, and the requests that timed out.
//
// Only the quick requests (a prompt, an answer, a bridge move, a hang-up: what a caller waits on)
// are timed for the gate. Originates, snoops and recordings are slow by nature and have a pool of
// their own: under a moderate load one of them taking half a second in two seconds in a row shed
// callers for a minute while every prompt was on time (the SIPp benchmark at 5 calls/s). Their
// timeouts still count: a request that gets no answer at all means Asterisk is stuck.
import type { LoadSignals, LoadSample } from '../../app/ports/admission.js';
import type { MetricsRegistry } from './metrics-registry.js';

/** The windows the ARI client's requests feed, by connection pool (src/adapters/ari/ari-http.ts). */
export const ARI_REQUEST_WINDOWS = { fast: 'ari-request fast', slow: 'ari-request slow' } as const;

export class RegistryLoadSignals implements LoadSignals {
  constructor(private readonly registry: MetricsRegistry) {}

  sample(at: number): LoadSample {
    const events = this.registry.takeWindow('ari-event');
    const quick = this.registry.takeWindow(ARI_REQUEST_WINDOWS.fast);
    const slow = this.registry.takeWindow(ARI_REQUEST_WINDOWS.slow);
    return {
      at,
      eventDelayP99Ms: events.count === 0 ? null : events.p99,
      requestP99Ms: quick.count === 0 ? null : quick.p99,
      requestTimeouts: quick.timeouts + slow.timeouts,
    };
  }
}
