// The load benchmark's chart and the series it is drawn from: for one run of each system,
// throughput, latency and CPU over the seconds of its ramp. Pure: report in, SVG text out.
import { summarize } from '../stats.js';
import type { BenchSystem } from './bench-files.js';
import { callLatencies, type CitizenCall, type JourneyStep } from './call-timelines.js';
import { chartSvg, type Line, type Panel } from './line-chart.js';
import type { LoadReport, SystemReport } from './load-types.js';

const BUCKET_SECONDS = 5;
const COLORS: Record<BenchSystem, string> = { hotline: '#1565c0', baseline: '#ef6c00' };

/** The latency targets, p99 in ms: the verdicts, the steps where they hold, and the chart use these. */
export const LATENCY_TARGETS_MS = { keyToNextPrompt: 20, offerToPop: 50, hangupToTicket: 20 } as const;

export interface SecondRow {
  readonly at: number;
  started: number;
  ended: number;
  sutCpu: number;
  machineCpu: number;
}

/** Per second since the system's ramp began: calls started and ended, CPU. */
export function perSecond(system: SystemReport): SecondRow[] {
  const seconds = Math.ceil((system.seriesTo - system.seriesFrom) / 1000);
  const rows: SecondRow[] = Array.from({ length: seconds }, (_u, at) => ({ at, started: 0, ended: 0, sutCpu: 0, machineCpu: 0 }));
  const slot = (ms: number): SecondRow | undefined => rows[Math.floor((ms - system.seriesFrom) / 1000)];
  for (const call of system.calls) {
    const start = slot(call.invitedAt);
    if (start) start.started += 1;
    const end = call.destroyedAt === null ? undefined : slot(call.destroyedAt);
    if (end) end.ended += 1;
  }
  for (const sample of system.samples) {
    const row = slot(sample.at);
    if (!row) continue;
    row.sutCpu = Math.round(((sample.cpu.server ?? 0) + (sample.cpu.asterisk ?? 0)) * 10) / 10;
    row.machineCpu = sample.machineCpu;
  }
  return rows;
}

/** p99 of the latencies of calls that started in each 5-second bucket (the greeting from the channel's creation). */
export function latencyBuckets(system: SystemReport, journey: readonly JourneyStep[]): { at: number; keyP50: number; keyP99: number; greetingP99: number }[] {
  const buckets = new Map<number, CitizenCall[]>();
  for (const call of system.calls) {
    const bucket = Math.floor((call.invitedAt - system.seriesFrom) / 1000 / BUCKET_SECONDS) * BUCKET_SECONDS;
    buckets.set(bucket, [...(buckets.get(bucket) ?? []), call]);
  }
  return [...buckets.entries()]
    .sort(([a], [b]) => a - b)
    .map(([at, calls]) => {
      const keys = summarize(callLatencies(calls, journey).keyToNextPrompt);
      const greetings = calls.flatMap((call) => (call.firstPromptAt === null ? [] : [call.firstPromptAt - call.invitedAt]));
      return { at, keyP50: keys.p50, keyP99: keys.p99, greetingP99: summarize(greetings).p99 };
    });
}

const smooth = (values: number[], window = 5): number[] => values.map((_v, i) => values.slice(Math.max(0, i - window + 1), i + 1).reduce((a, b) => a + b, 0) / Math.min(window, i + 1));
// A bucket without a measured call has no latency: it is left out, not drawn at zero.
const line = (name: string, color: string, points: [number, number][], dashed = false): Line => ({ name, color, points: points.filter(([, y]) => Number.isFinite(y)), dashed });

/** The chart of the report's first run. */
export function chart(report: LoadReport): string {
  const first = report.runs[0]?.systems ?? {};
  const entries = Object.entries(first) as [BenchSystem, SystemReport][];
  const seconds = entries.map(([name, system]) => ({ name, rows: perSecond(system), buckets: latencyBuckets(system, report.journey) }));
  const panels: Panel[] = [
    {
      title: 'Throughput: calls ended per second (5 s average)',
      yLabel: 'calls/s',
      lines: seconds.map(({ name, rows }) => line(name, COLORS[name], smooth(rows.map((r) => r.ended)).map((v, i) => [i, Math.round(v * 10) / 10]))),
    },
    {
      title: 'Latency p99 of calls started in each 5 s: key → next prompt (solid), channel → greeting (dashed)',
      yLabel: 'ms',
      lines: seconds.flatMap(({ name, buckets }) => [
        line(`${name} key → prompt`, COLORS[name], buckets.map((b) => [b.at, b.keyP99])),
        line(`${name} channel → greeting`, COLORS[name], buckets.map((b) => [b.at, b.greetingP99]), true),
      ]),
      reference: { value: LATENCY_TARGETS_MS.keyToNextPrompt, label: `target ${LATENCY_TARGETS_MS.keyToNextPrompt} ms` },
    },
    {
      title: 'CPU of the system under test (solid) and the machine (dashed), % of all cores',
      yLabel: '% CPU',
      lines: seconds.flatMap(({ name, rows }) => [line(`${name} SUT`, COLORS[name], rows.map((r) => [r.at, r.sutCpu])), line(`${name} machine`, COLORS[name], rows.map((r) => [r.at, r.machineCpu]), true)]),
      reference: { value: 80, label: 'limit 80%' },
    },
  ];
  return chartSvg(`SIPp load, ${report.startedAt.slice(0, 16)} (run 1): hotline vs dialplan + app_queue`, 'seconds into the ramp', panels);
}
