import { describe, expect, it } from 'vitest';
import { parseServerHops, serverHopLines } from '../../../bench/load/server-hops.js';

// The shape GET /metrics gives (src/adapters/metrics/hotline-exposition.ts), a few families of it.
const EXPOSITION = [
  '# HELP hotline_event_loop_delay_seconds How late the loop ran',
  '# TYPE hotline_event_loop_delay_seconds summary',
  'hotline_event_loop_delay_seconds{quantile="0.5"} 0.0101',
  'hotline_event_loop_delay_seconds{quantile="0.9"} 0.0105',
  'hotline_event_loop_delay_seconds{quantile="0.99"} 0.0142',
  'hotline_event_loop_delay_seconds_count 5000',
  'hotline_event_loop_delay_max_seconds 0.0611',
  'hotline_ari_event_delay_seconds{type="ChannelDtmfReceived",quantile="0.5"} 0.00005',
  'hotline_ari_event_delay_seconds{type="ChannelDtmfReceived",quantile="0.9"} 0.001',
  'hotline_ari_event_delay_seconds{type="ChannelDtmfReceived",quantile="0.99"} 0.0128',
  'hotline_ari_event_delay_seconds_count{type="ChannelDtmfReceived"} 1440',
  'hotline_ari_request_seconds{route="POST /channels/{id}/play",pool="fast",quantile="0.5"} 0.00067',
  'hotline_ari_request_seconds{route="POST /channels/{id}/play",pool="fast",quantile="0.99"} 0.0128',
  'hotline_ari_request_seconds_count{route="POST /channels/{id}/play",pool="fast"} 2160',
  'hotline_ari_request_errors_total{route="POST /channels/{id}/play"} 0',
  'hotline_ami_action_seconds{action="MixMonitor",quantile="0.5"} 0.0012',
  'hotline_ami_action_seconds{action="MixMonitor",quantile="0.99"} 0.0431',
  'hotline_ami_action_seconds_count{action="MixMonitor"} 360',
  'hotline_calls_active 3',
].join('\n');

describe("the hotline server's hops, read from its exposition", () => {
  it('takes the loop, the event delays and the request times it reports, in ms', () => {
    const hops = parseServerHops(EXPOSITION);
    expect(hops.eventLoopDelay.p50).toBeCloseTo(10.1, 5);
    expect(hops.eventLoopDelay.p99).toBeCloseTo(14.2, 5);
    expect(hops.eventLoopDelay.max).toBeCloseTo(61.1, 5);
    expect(hops.eventLoopDelay.count).toBe(5000);
    expect(hops.events.ChannelDtmfReceived).toEqual({ p50: expect.closeTo(0.05, 5) as number, p99: expect.closeTo(12.8, 5) as number, count: 1440 });
    expect(hops.requests['POST /channels/{id}/play']).toEqual({ p50: expect.closeTo(0.67, 5) as number, p99: expect.closeTo(12.8, 5) as number, count: 2160 });
    // Not in this exposition: left out, not zero.
    expect(hops.events.StasisStart).toBeUndefined();
    expect(hops.requests['POST /channels/{id}/snoop']).toBeUndefined();
    expect(hops.actions?.MixMonitor).toEqual({ p50: expect.closeTo(1.2, 5) as number, p99: expect.closeTo(43.1, 5) as number, count: 360 });
    expect(hops.actions?.StopMixMonitor).toBeUndefined();
  });

  it('an exposition without the loop has no figures for it', () => {
    const hops = parseServerHops('hotline_calls_active 0\n');
    expect(hops.eventLoopDelay.count).toBe(0);
    expect(Number.isNaN(hops.eventLoopDelay.p99)).toBe(true);
  });

  it('writes one row per run, and says when a server did not answer', () => {
    const lines = serverHopLines([{ run: 1, hops: parseServerHops(EXPOSITION) }, { run: 2, hops: null }]);
    const rows = lines.filter((line) => /^\| \d/.test(line));
    expect(rows[0]).toContain('| 1 | 10.1 / 14.2 (5000) (max 61.1) | 0.1 / 12.8 (1440) | – |');
    expect(rows[0]).toMatch(/\| 1\.2 \/ 43\.1 \(360\) \| – \|$/);
    expect(rows[1]).toContain('the server did not answer');
    const header = lines.find((line) => line.startsWith('| run'));
    expect(rows.map((row) => row.split('|').length)).toEqual([header?.split('|').length, header?.split('|').length]);
    expect(serverHopLines([])).toEqual([]);
  });
});
