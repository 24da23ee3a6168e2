// The load benchmark's report: JSON (the figures, per-step results, and series over time), a
// markdown table of the same, and a PNG chart of throughput, latency and CPU over time for both
// systems. Files: bench/results/<time>.json, latest.json, <time>.md, <time>.png.
import fs from 'node:fs';
import path from 'node:path';
import { summarize, type Summary } from '../stats.js';
import type { BenchSystem } from './bench-files.js';
import { callLatencies, type CitizenCall } from './call-timelines.js';
import { chartSvg, type Line, type Panel } from './line-chart.js';
import type { SystemAnalysis, TicketCheck } from './load-analysis.js';
import type { ProcessSample } from './process-sampler.js';
import { svgToPng } from './render-png.js';

export interface SystemReport {
  readonly analysis: SystemAnalysis;
  readonly stoppedEarly: boolean;
  readonly seriesFrom: number;
  readonly seriesTo: number;
  readonly calls: readonly CitizenCall[];
  readonly samples: readonly ProcessSample[];
  readonly tickets?: TicketCheck;
  /** Conversation recordings the system wrote: measured ('ready') and otherwise. */
  readonly recordings?: { readonly ready: number; readonly other: number };
}

export interface LoadReport {
  readonly bench: 'sipp-load';
  readonly startedAt: string;
  readonly machine: Readonly<Record<string, string | number>>;
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly systems: Partial<Record<BenchSystem, SystemReport>>;
}

export interface Verdict {
  readonly target: string;
  readonly value: string;
  readonly met: boolean | null;
}

const BUCKET_SECONDS = 5;

/** The issue's latency targets, p99 in ms: the verdicts, the steps where they hold, and the chart use these. */
export const LATENCY_TARGETS_MS = { keyToNextPrompt: 20, offerToPop: 50, hangupToTicket: 20 } as const;

/** Per second since the system's ramp began: calls started and ended, calls up, CPU. */
function perSecond(system: SystemReport): { at: number; started: number; ended: number; sutCpu: number; machineCpu: number }[] {
  const seconds = Math.ceil((system.seriesTo - system.seriesFrom) / 1000);
  const rows = Array.from({ length: seconds }, (_u, at) => ({ at, started: 0, ended: 0, sutCpu: 0, machineCpu: 0 }));
  const slot = (ms: number): (typeof rows)[number] | undefined => rows[Math.floor((ms - system.seriesFrom) / 1000)];
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

/** p50/p99 of the latencies of calls that started in each 5-second bucket. */
function latencyBuckets(system: SystemReport, menuKeys: number): { at: number; keyP50: number; keyP99: number; firstPromptP99: number }[] {
  const buckets = new Map<number, CitizenCall[]>();
  for (const call of system.calls) {
    const bucket = Math.floor((call.invitedAt - system.seriesFrom) / 1000 / BUCKET_SECONDS) * BUCKET_SECONDS;
    buckets.set(bucket, [...(buckets.get(bucket) ?? []), call]);
  }
  return [...buckets.entries()]
    .sort(([a], [b]) => a - b)
    .map(([at, calls]) => {
      const latencies = callLatencies(calls, menuKeys);
      const keys = summarize(latencies.keyToNextPrompt);
      return { at, keyP50: keys.p50, keyP99: keys.p99, firstPromptP99: summarize(latencies.inviteToFirstPrompt).p99 };
    });
}

const fmt = (value: number | undefined, digits = 1): string => (value === undefined || Number.isNaN(value) ? '–' : value.toFixed(digits));
const ratio = (ours: number | undefined, base: number | undefined): number | undefined => (ours !== undefined && base ? Math.round((ours / base) * 1000) / 1000 : undefined);

export function verdicts(report: LoadReport): Verdict[] {
  const ours = report.systems.hotline?.analysis;
  const base = report.systems.baseline?.analysis;
  const tickets = report.systems.hotline?.tickets;
  const callsRatio = ratio(ours?.sustainedCallsPerSecond, base?.sustainedCallsPerSecond);
  const p99 = (summary: Summary | undefined): number | undefined => (summary && summary.count > 0 ? summary.p99 : undefined);
  const check = (target: string, value: number | undefined, pass: (v: number) => boolean, shown: (v: number) => string): Verdict => ({
    target,
    value: value === undefined ? 'not measured' : shown(value),
    met: value === undefined ? null : pass(value),
  });
  return [
    check('sustained calls/s ≥ 90% of the baseline', callsRatio, (v) => v >= 0.9, (v) => `${(v * 100).toFixed(0)}% (${ours?.sustainedCallsPerSecond} vs ${base?.sustainedCallsPerSecond} calls/s)`),
    check('≥ 300 concurrent calls, full path, recording on, CPU under the limit', ours?.maxConcurrentCalls.calls, (v) => v >= 300, (v) => `${v} calls (server + Asterisk at ${ours?.maxConcurrentCalls.sutCpu}% CPU)`),
    check(`key → next prompt p99 ≤ ${LATENCY_TARGETS_MS.keyToNextPrompt} ms`, p99(ours?.latencies.keyToNextPrompt), (v) => v <= LATENCY_TARGETS_MS.keyToNextPrompt, (v) => `${fmt(v)} ms`),
    check(`offer → pop p99 ≤ ${LATENCY_TARGETS_MS.offerToPop} ms`, p99(ours?.latencies.offerToPop), (v) => v <= LATENCY_TARGETS_MS.offerToPop, (v) => `${fmt(v)} ms`),
    check(`hang-up → ticket p99 ≤ ${LATENCY_TARGETS_MS.hangupToTicket} ms`, p99(ours?.latencies.hangupToTicket), (v) => v <= LATENCY_TARGETS_MS.hangupToTicket, (v) => `${fmt(v)} ms`),
    check('0 tickets lost', tickets?.lost, (v) => v === 0, (v) => `${v} of ${tickets ? tickets.calls - tickets.stillUp : 0} calls that ended${tickets?.stillUp ? ` (${tickets.stillUp} still up at the end)` : ''}`),
    check('0 tickets duplicated', tickets?.duplicated, (v) => v === 0, (v) => String(v)),
  ];
}

function latencyRows(name: string, latencies: SystemAnalysis['latencies'] | undefined): string[] {
  const rows: [string, Summary | undefined][] = [
    ['INVITE → first prompt', latencies?.inviteToFirstPrompt],
    ['key → next prompt', latencies?.keyToNextPrompt],
    ['enqueue → offer (queueing key → agent phone rung)', latencies?.enqueueToOffer],
    ['offer → pop received', latencies?.offerToPop],
    ['hang-up → ticket committed', latencies?.hangupToTicket],
  ];
  return rows.filter(([, s]) => s !== undefined).map(([what, s]) => `| ${name} | ${what} | ${s?.count} | ${fmt(s?.p50)} | ${fmt(s?.p95)} | ${fmt(s?.p99)} | ${fmt(s?.max)} |`);
}

function stepRows(name: string, system: SystemReport | undefined): string[] {
  return (system?.analysis.steps ?? []).map(
    (s) =>
      `| ${name} | ${s.index} | ${s.rate} | ${s.callsPlaced} | ${s.sipFailed} | ${s.pathFailed} | ${fmt(s.inviteToFirstPromptP99, 0)} | ${fmt(s.p99.keyToNextPrompt, 0)} | ${fmt(s.p99.offerToPop, 0)} | ${fmt(s.p99.hangupToTicket, 0)} | ${s.concurrentCalls} | ${fmt(s.sutCpu)} | ${fmt(s.machineCpu)} | ${s.sustained ? 'yes' : 'no'} |`,
  );
}

/** The busiest sustained step (of an unbroken run from the first) where every latency target held. */
export function latencyTargetsHold(steps: readonly SystemAnalysis['steps'][number][]): SystemAnalysis['steps'][number] | null {
  let last: SystemAnalysis['steps'][number] | null = null;
  for (const step of steps) {
    const held =
      step.sustained &&
      step.p99.keyToNextPrompt <= LATENCY_TARGETS_MS.keyToNextPrompt &&
      (step.p99.offerToPop ?? 0) <= LATENCY_TARGETS_MS.offerToPop &&
      (step.p99.hangupToTicket ?? 0) <= LATENCY_TARGETS_MS.hangupToTicket;
    if (!held) break;
    last = step;
  }
  return last;
}

function holdLine(system: SystemReport | undefined): string[] {
  if (!system) return [];
  const step = latencyTargetsHold(system.analysis.steps);
  return [
    step
      ? `The hotline's latency targets (key → prompt, offer → pop, hang-up → ticket) all hold from the first step up to ${step.rate} calls/s: ${step.concurrentCalls} calls at once, server + Asterisk at ${fmt(step.sutCpu)}% CPU, the machine at ${fmt(step.machineCpu)}%.`
      : "The hotline's latency targets do not all hold at the ramp's first step.",
    '',
  ];
}

/** When the ramp's last step was sustained, the system's ceiling is above the ramp: the figure is a floor. */
function atRampEnd(system: SystemReport | undefined): string {
  return system?.analysis.steps.at(-1)?.sustained ? ' (the ramp\'s last step: at least this)' : '';
}

function resourceRows(name: string, system: SystemReport | undefined): string[] {
  // A role the system does not have (the baseline has no server) is left out rather than shown at zero.
  return Object.entries(system?.analysis.resources ?? {}).filter(([, r]) => r.rssMaxMb > 0).map(([role, r]) => `| ${name} | ${role} | ${fmt(r.cpuMean)} | ${fmt(r.cpuMax)} | ${fmt(r.rssMaxMb, 0)} |`);
}

export function markdown(report: LoadReport, pngName: string | null): string {
  const ours = report.systems.hotline;
  const base = report.systems.baseline;
  const lines = [
    `# SIPp load benchmark, ${report.startedAt}`,
    '',
    `Machine: ${Object.entries(report.machine).map(([k, v]) => `${k} ${v}`).join(', ')}.`,
    `Parameters: ${Object.entries(report.parameters).map(([k, v]) => `${k} ${Array.isArray(v) ? v.join(',') : String(v)}`).join(', ')}.`,
    '',
    '## Targets',
    '',
    '| target | measured | met |',
    '| --- | --- | --- |',
    ...verdicts(report).map((v) => `| ${v.target} | ${v.value} | ${v.met === null ? '–' : v.met ? 'yes' : '**no**'} |`),
    '',
    ...holdLine(ours),
    '## Hotline and baseline',
    '',
    '| | hotline | baseline (dialplan + app_queue) | hotline / baseline |',
    '| --- | --- | --- | --- |',
    `| sustained calls/s | ${ours?.analysis.sustainedCallsPerSecond ?? '–'}${atRampEnd(ours)} | ${base?.analysis.sustainedCallsPerSecond ?? '–'}${atRampEnd(base)} | ${fmt(ratio(ours?.analysis.sustainedCallsPerSecond, base?.analysis.sustainedCallsPerSecond), 2)} |`,
    `| most calls at once, CPU under the limit | ${ours?.analysis.maxConcurrentCalls.calls ?? '–'} | ${base?.analysis.maxConcurrentCalls.calls ?? '–'} | ${fmt(ratio(ours?.analysis.maxConcurrentCalls.calls, base?.analysis.maxConcurrentCalls.calls), 2)} |`,
    `| tickets (calls / written / lost / duplicated / calls still up at the end) | ${ours?.tickets ? `${ours.tickets.calls} / ${ours.tickets.tickets} / ${ours.tickets.lost} / ${ours.tickets.duplicated} / ${ours.tickets.stillUp}` : '–'} | – (no work orders) | |`,
    `| conversation recordings (measured / other) | ${ours?.recordings ? `${ours.recordings.ready} / ${ours.recordings.other}` : '–'} | ${base?.recordings ? `${base.recordings.ready} files` : '–'} | |`,
    '',
    '## Latencies (ms, calls of the sustained steps)',
    '',
    '| system | what | count | p50 | p95 | p99 | max |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...latencyRows('hotline', ours?.analysis.latencies),
    ...latencyRows('baseline', base?.analysis.latencies),
    '',
    '## Steps',
    '',
    'CPU is a share of the whole machine (100% = every core), averaged over the last third of each step; "SUT" is the system under test (hotline: server + Asterisk; baseline: Asterisk).',
    '',
    '| system | step | calls/s | placed | SIP failed | path failed | p99 first prompt (ms) | p99 key → prompt | p99 offer → pop | p99 hang-up → ticket | calls at once | SUT CPU % | machine CPU % | sustained |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...stepRows('hotline', ours),
    ...stepRows('baseline', base),
    '',
    '## Processes over the ramp (CPU % of the machine, RSS MB)',
    '',
    '| system | process | CPU mean | CPU max | RSS max |',
    '| --- | --- | --- | --- | --- |',
    ...resourceRows('hotline', ours),
    ...resourceRows('baseline', base),
    '',
    ...(pngName ? [`![throughput, latency and CPU over time](${pngName})`, ''] : []),
  ];
  return lines.join('\n');
}

const COLORS: Record<BenchSystem, string> = { hotline: '#1565c0', baseline: '#ef6c00' };

export function chart(report: LoadReport, menuKeys: number): string {
  const entries = Object.entries(report.systems) as [BenchSystem, SystemReport][];
  const seconds = entries.map(([name, system]) => ({ name, rows: perSecond(system), buckets: latencyBuckets(system, menuKeys) }));
  // A bucket without a measured call has no latency: it is left out, not drawn at zero.
  const line = (name: string, color: string, points: [number, number][], dashed = false): Line => ({ name, color, points: points.filter(([, y]) => Number.isFinite(y)), dashed });
  const smooth = (values: number[], window = 5): number[] => values.map((_v, i) => values.slice(Math.max(0, i - window + 1), i + 1).reduce((a, b) => a + b, 0) / Math.min(window, i + 1));
  const panels: Panel[] = [
    {
      title: 'Throughput: calls ended per second (5 s average)',
      yLabel: 'calls/s',
      lines: seconds.map(({ name, rows }) => line(name, COLORS[name], smooth(rows.map((r) => r.ended)).map((v, i) => [i, Math.round(v * 10) / 10]))),
    },
    {
      title: 'Latency p99 of calls started in each 5 s: key → next prompt (solid), INVITE → first prompt (dashed)',
      yLabel: 'ms',
      lines: seconds.flatMap(({ name, buckets }) => [
        line(`${name} key → prompt`, COLORS[name], buckets.map((b) => [b.at, b.keyP99])),
        line(`${name} INVITE → prompt`, COLORS[name], buckets.map((b) => [b.at, b.firstPromptP99]), true),
      ]),
      reference: { value: LATENCY_TARGETS_MS.keyToNextPrompt, label: `target ${LATENCY_TARGETS_MS.keyToNextPrompt} ms` },
    },
    {
      title: 'CPU of the system under test (solid) and the machine (dashed), % of all cores',
      yLabel: '% CPU',
      lines: seconds.flatMap(({ name, rows }) => [
        line(`${name} SUT`, COLORS[name], rows.map((r) => [r.at, r.sutCpu])),
        line(`${name} machine`, COLORS[name], rows.map((r) => [r.at, r.machineCpu]), true),
      ]),
      reference: { value: 80, label: 'limit 80%' },
    },
  ];
  return chartSvg(`SIPp load, ${report.startedAt.slice(0, 16)}: hotline vs dialplan + app_queue`, 'seconds into the ramp', panels);
}

/** JSON without the per-call and per-sample detail, but with the series the chart was drawn from. */
function jsonReport(report: LoadReport, menuKeys: number): unknown {
  const systems = Object.fromEntries(
    Object.entries(report.systems).map(([name, system]) => {
      const { calls: _calls, samples: _samples, ...rest } = system;
      return [name, { ...rest, series: perSecond(system), latencySeries: latencyBuckets(system, menuKeys) }];
    }),
  );
  return { ...report, systems, verdicts: verdicts(report) };
}

export async function writeLoadReport(report: LoadReport, dir: string, menuKeys: number): Promise<{ json: string; markdown: string; png: string | null }> {
  fs.mkdirSync(dir, { recursive: true });
  const stamp = report.startedAt.replace(/[:.]/g, '-');
  const json = path.join(dir, `${stamp}.json`);
  const text = `${JSON.stringify(jsonReport(report, menuKeys), null, 2)}\n`;
  fs.writeFileSync(json, text);
  fs.writeFileSync(path.join(dir, 'latest.json'), text);
  const pngFile = path.join(dir, `${stamp}.png`);
  const drawn = await svgToPng(chart(report, menuKeys), pngFile).catch(() => false);
  const md = path.join(dir, `${stamp}.md`);
  fs.writeFileSync(md, markdown(report, drawn ? path.basename(pngFile) : null));
  return { json, markdown: md, png: drawn ? pngFile : null };
}
