// The Prometheus text writer: HELP and TYPE before each family, samples with escaped label values,
// summaries as quantile lines plus _sum and _count, non-finite values by name, and refusals of
// names a scraper would reject or a family written twice.
import { describe, expect, it } from 'vitest';
import { escapeLabelValue, formatValue, PrometheusText } from '../../../src/adapters/metrics/prometheus-text.js';

describe('PrometheusText', () => {
  it('writes a gauge and a counter with their HELP and TYPE lines, and ends with a line feed', () => {
    const text = new PrometheusText()
      .gauge('hotline_calls_active', 'Calls in progress on this server', [{ value: 3 }])
      .counter('hotline_tickets_written_total', 'Tickets written since start', [{ labels: { pbx: 'pbx-1' }, value: 12 }])
      .text();
    expect(text).toBe(
      [
        '# HELP hotline_calls_active Calls in progress on this server',
        '# TYPE hotline_calls_active gauge',
        'hotline_calls_active 3',
        '# HELP hotline_tickets_written_total Tickets written since start',
        '# TYPE hotline_tickets_written_total counter',
        'hotline_tickets_written_total{pbx="pbx-1"} 12',
        '',
      ].join('\n'),
    );
  });

  it('escapes backslash, double quote and line feed in label values, and backslash and line feed in HELP', () => {
    expect(escapeLabelValue('a\\b"c\nd')).toBe('a\\\\b\\"c\\nd');
    const text = new PrometheusText().gauge('x', 'first line\nsecond \\ "quoted"', [{ labels: { route: 'GET /a"b', note: 'x\\y\nz' }, value: 1 }]).text();
    expect(text.split('\n')).toEqual(['# HELP x first line\\nsecond \\\\ "quoted"', '# TYPE x gauge', 'x{route="GET /a\\"b",note="x\\\\y\\nz"} 1', '']);
  });

  it('writes a summary as its quantiles in order, then _sum when kept and _count', () => {
    const text = new PrometheusText()
      .summary('hotline_ari_request_seconds', 'ARI request time', [
        { labels: { route: 'POST /channels' }, quantiles: new Map([[0.99, 0.03], [0.5, 0.002]]), count: 7 },
        { labels: { route: 'GET /channels' }, quantiles: new Map([[0.5, 0.001]]), count: 2, sum: 0.004 },
      ])
      .text();
    expect(text.split('\n')).toEqual([
      '# HELP hotline_ari_request_seconds ARI request time',
      '# TYPE hotline_ari_request_seconds summary',
      'hotline_ari_request_seconds{route="POST /channels",quantile="0.5"} 0.002',
      'hotline_ari_request_seconds{route="POST /channels",quantile="0.99"} 0.03',
      'hotline_ari_request_seconds_count{route="POST /channels"} 7',
      'hotline_ari_request_seconds{route="GET /channels",quantile="0.5"} 0.001',
      'hotline_ari_request_seconds_sum{route="GET /channels"} 0.004',
      'hotline_ari_request_seconds_count{route="GET /channels"} 2',
      '',
    ]);
  });

  it('keeps a family with no samples to its HELP and TYPE lines, and an empty exposition empty', () => {
    expect(new PrometheusText().gauge('hotline_stream_lag', 'lag', []).text()).toBe('# HELP hotline_stream_lag lag\n# TYPE hotline_stream_lag gauge\n');
    expect(new PrometheusText().text()).toBe('');
  });

  it('names non-finite values as Go reads them', () => {
    expect([formatValue(NaN), formatValue(Infinity), formatValue(-Infinity), formatValue(0.25), formatValue(-3)]).toEqual(['NaN', '+Inf', '-Inf', '0.25', '-3']);
  });

  it('refuses a metric or label name a scraper would reject, a reserved label, and a family written twice', () => {
    expect(() => new PrometheusText().gauge('hotline-calls', 'x', [])).toThrow(/metric name/);
    expect(() => new PrometheusText().gauge('x', 'x', [{ labels: { 'pbx-id': 'a' }, value: 1 }])).toThrow(/label name/);
    expect(() => new PrometheusText().gauge('x', 'x', [{ labels: { __name__: 'a' }, value: 1 }])).toThrow(/label name/);
    expect(() => new PrometheusText().gauge('x', 'x', []).counter('x', 'x', [])).toThrow(/twice/);
  });
});
