// The cluster load benchmark's report: the single box and the cluster side by side at each rate
// (calls placed and gone the whole way, the latencies' p50 and p99, the machine's CPU), their
// tickets (lost, duplicated), and the order the cluster's ACD offered its callers to agents in.
// JSON with every call for a closer look, and a markdown summary, both under bench/results/.
import fs from 'node:fs';
import path from 'node:path';
import { DELIVERY_WINDOW_MS, type AnswerOrder, type OrderCount } from './answer-order.js';
import { callsByStep } from './ramp-calls.js';
import { completedPath, type JourneyStep } from './call-timelines.js';
import type { StepResult } from './load-analysis.js';
import type { LoadReportHeader, SystemReport } from './load-types.js';

export type ClusterBenchSystem = 'single' | 'cluster';

export interface ClusterLoadReport extends LoadReportHeader {
  readonly bench: 'cluster-load';
  readonly single: SystemReport | null;
  readonly cluster: (SystemReport & { readonly answerOrder: AnswerOrder }) | null;
  /** A system whose run failed: why (its figures are then missing). */
  readonly failures: Partial<Record<ClusterBenchSystem, string>>;
}

export interface ComparisonRow {
  readonly system: ClusterBenchSystem;
  readonly rate: number;
  readonly placed: number;
  /** Calls that went the whole journey (call-timelines.ts completedPath). */
  readonly completed: number;
  readonly notCompleted: number;
  readonly greeting: readonly [number, number];
  readonly keyToPrompt: readonly [number, number];
  readonly hangupToTicket: readonly [number, number] | null;
  readonly machineCpu: number;
  /** The machine's CPU time per call of the step, ms (every process: the sizing figure). */
  readonly cpuPerCallMs: number;
}

function rowsOf(system: ClusterBenchSystem, report: SystemReport, journey: readonly JourneyStep[]): ComparisonRow[] {
  const byStep = callsByStep(report.calls);
  return report.analysis.steps.map((step: StepResult) => {
    const completed = (byStep.get(step.index) ?? []).filter((call) => completedPath(call, journey)).length;
    const ticket = step.p50.hangupToTicket !== undefined && step.p99.hangupToTicket !== undefined ? ([step.p50.hangupToTicket, step.p99.hangupToTicket] as const) : null;
    return {
      system,
      rate: step.rate,
      placed: step.callsPlaced,
      completed,
      notCompleted: step.callsPlaced - completed,
      greeting: [step.p50.inviteToGreeting, step.p99.inviteToGreeting],
      keyToPrompt: [step.p50.keyToNextPrompt, step.p99.keyToNextPrompt],
      hangupToTicket: ticket,
      machineCpu: step.cpu.machine,
      cpuPerCallMs: step.cpu.machinePerCallMs,
    };
  });
}

/** Every step of both systems, the same rates next to each other. */
export function comparisonRows(report: ClusterLoadReport): ComparisonRow[] {
  const rows = [...(report.single ? rowsOf('single', report.single, report.journey) : []), ...(report.cluster ? rowsOf('cluster', report.cluster, report.journey) : [])];
  return rows.sort((a, b) => a.rate - b.rate || a.system.localeCompare(b.system));
}

const ms = (value: number): string => (Number.isFinite(value) ? String(Math.round(value)) : '–');
const pair = (values: readonly [number, number] | null): string => (values ? `${ms(values[0])} / ${ms(values[1])}` : '–');

export function comparisonTable(report: ClusterLoadReport): string {
  const lines = [
    '| system | calls/s | placed | whole journey | not | INVITE → greeting p50 / p99 ms | key → next prompt p50 / p99 ms | hang-up → ticket p50 / p99 ms | machine CPU % | CPU ms per call |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of comparisonRows(report)) {
    lines.push(`| ${r.system} | ${r.rate} | ${r.placed} | ${r.completed} | ${r.notCompleted} | ${pair(r.greeting)} | ${pair(r.keyToPrompt)} | ${pair(r.hangupToTicket)} | ${r.machineCpu} | ${r.cpuPerCallMs} |`);
  }
  return lines.join('\n');
}

function ticketLine(system: ClusterBenchSystem, report: SystemReport | null): string {
  const t = report?.tickets;
  if (!t) return `- ${system}: no ticket count`;
  return `- ${system}: ${t.calls} calls reached Asterisk, ${t.tickets} tickets, ${t.lost} lost, ${t.duplicated} duplicated, ${t.stillUp} calls still up at the end`;
}

function countLine(name: string, c: OrderCount, served: string): string {
  return `- ${name}: ${c.inversions} inversions in ${c.pairs} pairs (${served} up to ${c.worstMs} ms out of order; queued at most ${c.widestQueueGapMs} ms apart); ${c.pastWindow} of calls queued more than ${DELIVERY_WINDOW_MS} ms apart`;
}

function orderLines(order: AnswerOrder | undefined): string[] {
  if (!order) return ['- no answer-order count (the cluster did not run)'];
  const answer = order.byAnswer;
  return [
    `- ${order.calls} calls queued by the ACD and offered to an agent; ${order.notQueuedByAcd} left out, answered by the dialplan's fallback queue (shed by overload protection, or no server), which the ACD never ordered`,
    ...(order.answeredUnoffered > 0 ? [`- ${order.answeredUnoffered} calls answered by an agent with no offer in their ticket, missing from the offer count`] : []),
    countLine('calls on different boxes', order.crossPbx, 'offered'),
    countLine('calls on the same box', order.samePbx, 'offered'),
    `- by the agent's answer instead (the offer order plus the put-through; ${answer.calls} calls answered, ${order.answeredAcrossTrunk} of them by an agent whose phone is on the other box): different boxes ${answer.crossPbx.inversions} in ${answer.crossPbx.pairs} pairs (${answer.crossPbx.pastWindow} past the window), same box ${answer.samePbx.inversions} in ${answer.samePbx.pairs} pairs (${answer.samePbx.pastWindow} past the window)`,
  ];
}

/** Why a step fell short of the single-box benchmark's "sustained" (every call the whole way, greeting p99 ≤ 1 s, media intact). */
function shortfalls(report: ClusterLoadReport): string[] {
  const systems: [ClusterBenchSystem, SystemReport | null][] = [['single', report.single], ['cluster', report.cluster]];
  return systems.flatMap(([system, r]) => (r?.analysis.steps ?? []).map((step) => `- ${system}, ${step.rate} calls/s: ${step.sustained ? 'sustained' : `not sustained: ${step.shortOf.join('; ')}`}`));
}

export function clusterLoadMarkdown(report: ClusterLoadReport): string {
  const failures = Object.entries(report.failures).map(([system, why]) => `- ${system} did not complete: ${why}`);
  return [
    `# Cluster load benchmark, ${report.startedAt}`,
    '',
    `\`${report.command}\``,
    '',
    `Machine: ${Object.entries(report.machine).map(([k, v]) => `${k} ${v}`).join(', ')}`,
    '',
    comparisonTable(report),
    '',
    ...shortfalls(report),
    '',
    'Tickets (by caller number; the cluster in PostgreSQL, the single box in SQLite):',
    '',
    ticketLine('single', report.single),
    ticketLine('cluster', report.cluster),
    '',
    'Cluster answer order (pairs of calls the ACD queued, of one queue and priority class: the later queued offered to an agent first):',
    '',
    ...orderLines(report.cluster?.answerOrder),
    ...(failures.length > 0 ? ['', ...failures] : []),
    '',
  ].join('\n');
}

export function writeClusterLoadReport(report: ClusterLoadReport, dir: string): { json: string; markdown: string } {
  fs.mkdirSync(dir, { recursive: true });
  const stamp = report.startedAt.replace(/[:.]/g, '-');
  const json = path.join(dir, `cluster-load-${stamp}.json`);
  const markdown = path.join(dir, `cluster-load-${stamp}.md`);
  fs.writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  fs.writeFileSync(markdown, clusterLoadMarkdown(report));
  return { json, markdown };
}
