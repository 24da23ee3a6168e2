// The minute's timings go to the log as one info line, only for a minute that had samples, and the
// partial minute once more at stop.
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { startMetricsLog } from '../../../src/adapters/metrics/metrics-log.js';
import { MetricsRegistry } from '../../../src/adapters/metrics/metrics-registry.js';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('startMetricsLog', () => {
  it('logs a window with samples, stays quiet for an empty one, and logs the rest at stop', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
    const registry = new MetricsRegistry();
    const log = startMetricsLog(registry, logger, 50);
    registry.timing('ari-event', 'StasisStart').record(3);
    await sleep(80);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 30, component: 'metrics', msg: 'timings of the last minute', timings: [{ kind: 'ari-event', name: 'StasisStart', count: 1, max: 3 }] });
    await sleep(120);
    expect(lines).toHaveLength(1);
    registry.timing('ari-request', 'POST /channels/{id}/play').record(7, 'timeout');
    log.stop();
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatchObject({ timings: [{ kind: 'ari-request', name: 'POST /channels/{id}/play', count: 1, timeouts: 1 }] });
    await sleep(80);
    expect(lines).toHaveLength(2);
  });
});
