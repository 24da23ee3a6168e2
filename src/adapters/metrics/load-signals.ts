// Admission control's view of the hops: each second, the p99 of every ARI event's delay and of
// every ARI request's time since the second before, and the requests that timed out.
import type { LoadSignals, LoadSample } from '../../app/ports/admission.js';
import type { MetricsRegistry } from './metrics-registry.js';

export class RegistryLoadSignals implements LoadSignals {
  constructor(private readonly registry: MetricsRegistry) {}

  sample(at: number): LoadSample {
    const events = this.registry.takeWindow('ari-event');
    const requests = this.registry.takeWindow('ari-request');
    return {
      at,
      eventDelayP99Ms: events.count === 0 ? null : events.p99,
      requestP99Ms: requests.count === 0 ? null : requests.p99,
      requestTimeouts: requests.timeouts,
    };
  }
}
