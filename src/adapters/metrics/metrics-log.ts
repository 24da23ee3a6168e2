// Writes the last minute's timings as one info line, each minute something was recorded, and the
// partial minute once more at stop, so a log alone shows how the hops behaved over a day.
import type { Logger } from 'pino';
import type { MetricsRegistry } from './metrics-registry.js';

export interface MetricsLog {
  /** Logs what the current minute has so far, and stops. */
  stop(): void;
}

export function startMetricsLog(registry: MetricsRegistry, logger: Logger, intervalMs = 60_000): MetricsLog {
  const log = logger.child({ component: 'metrics' });
  const write = (): void => {
    const timings = registry.takeMinute();
    if (timings.length > 0) log.info({ timings }, 'timings of the last minute');
  };
  const timer = setInterval(write, intervalMs);
  // The log must not keep a stopping process alive.
  timer.unref();
  return {
    stop: () => {
      clearInterval(timer);
      write();
    },
  };
}
