// The load benchmark's report: JSON (every figure of every run, the figures over runs, and the
// series the chart was drawn from), a markdown summary of the same, and a PNG chart of the first
// run. Files: bench/results/<time>.json, latest.json, <time>.md, <time>.png.
import fs from 'node:fs';
import path from 'node:path';
import type { BenchSystem } from './bench-files.js';
import { chart, LATENCY_TARGETS_MS, latencyBuckets, perSecond } from './load-chart.js';
import { SET_ASIDE_FAULT, type StepResult, type SystemAnalysis } from './load-analysis.js';
import type { LoadReport, SystemReport } from './load-types.js';
import { baselineVerdicts } from './baseline-verdicts.js';
import { protectionLines, protectionVerdict } from './protection-report.js';
import { svgToPng } from './render-png.js';
import { inviteHopLines } from './invite-hops.js';
import { serverHopLines } from './server-hops.js';
import { runSpreads, type Spread, type SystemSpread } from './run-summary.js';
import { deepestSocketBytes } from './socket-queues.js';

export { LATENCY_TARGETS_MS } from './load-chart.js';

export interface Verdict {
  readonly target: string;
  readonly value: string;
  readonly met: boolean | null;
}

const fmt = (value: number | undefined, digits = 1): string => (value === undefined || !Number.isFinite(value) ? '–' : value.toFixed(digits));

/** `median (min–max)` over the runs, the value alone when the runs agree or there is one. */
export function fmtSpread(s: Spread | undefined, digits = 0): string {
  if (!s || s.n === 0) return '–';
  return s.min === s.max ? fmt(s.median, digits) : `${fmt(s.median, digits)} (${fmt(s.min, digits)}–${fmt(s.max, digits)})`;
}

const systemsOf = (report: LoadReport, system: BenchSystem): SystemReport[] => report.runs.flatMap((r) => (r.systems[system] ? [r.systems[system]] : []));

export function verdicts(report: LoadReport): Verdict[] {
  const spreads = new Map(runSpreads(report.runs).map((s) => [s.system, s]));
  const ours = spreads.get('hotline');
  const base = spreads.get('baseline');
  const tickets = systemsOf(report, 'hotline').flatMap((s) => (s.tickets ? [s.tickets] : []));
  const sum = (f: (t: (typeof tickets)[number]) => number): number | undefined => (tickets.length === 0 ? undefined : tickets.reduce((n, t) => n + f(t), 0));
  const ratio = ours && base && base.sustainedCallsPerSecond.median > 0 ? ours.sustainedCallsPerSecond.median / base.sustainedCallsPerSecond.median : undefined;
  const check = (target: string, value: number | undefined, pass: (v: number) => boolean, shown: (v: number) => string): Verdict => ({
    target,
    value: value === undefined || !Number.isFinite(value) ? 'not measured' : shown(value),
    met: value === undefined || !Number.isFinite(value) ? null : pass(value),
  });
  const p99 = (name: 'keyToNextPrompt' | 'offerToPop' | 'hangupToTicket'): number | undefined => ours?.latencyP99[name].median;
  const ended = (sum((t) => t.calls - t.stillUp) ?? 0).toString();
  return [
    check('sustained calls/s ≥ 90% of the baseline (medians)', ratio, (v) => v >= 0.9, (v) => `${(v * 100).toFixed(0)}% (${fmtSpread(ours?.sustainedCallsPerSecond)} vs ${fmtSpread(base?.sustainedCallsPerSecond)} calls/s)`),
    check('≥ 300 concurrent calls, full path, recording on, CPU under the limit', ours?.maxConcurrentCalls.median, (v) => v >= 300, () => `${fmtSpread(ours?.maxConcurrentCalls)} calls`),
    check(`key → next prompt p99 ≤ ${LATENCY_TARGETS_MS.keyToNextPrompt} ms`, p99('keyToNextPrompt'), (v) => v <= LATENCY_TARGETS_MS.keyToNextPrompt, () => `${fmtSpread(ours?.latencyP99.keyToNextPrompt, 1)} ms`),
    check(`offer → pop p99 ≤ ${LATENCY_TARGETS_MS.offerToPop} ms`, p99('offerToPop'), (v) => v <= LATENCY_TARGETS_MS.offerToPop, () => `${fmtSpread(ours?.latencyP99.offerToPop, 1)} ms`),
    check(`hang-up → ticket p99 ≤ ${LATENCY_TARGETS_MS.hangupToTicket} ms`, p99('hangupToTicket'), (v) => v <= LATENCY_TARGETS_MS.hangupToTicket, () => `${fmtSpread(ours?.latencyP99.hangupToTicket, 1)} ms`),
    check('0 tickets lost (all runs)', sum((t) => t.lost), (v) => v === 0, (v) => `${v} of ${ended} calls that ended${sum((t) => t.stillUp) ? ` (${sum((t) => t.stillUp)} still up at the end)` : ''}`),
    check('0 tickets duplicated (all runs)', sum((t) => t.duplicated), (v) => v === 0, (v) => String(v)),
    ...baselineVerdicts(ours, base, LATENCY_TARGETS_MS.keyToNextPrompt, pausesOf(report)),
    protectionVerdict(report),
  ];
}

/** Every agent the system paused over the hotline's runs; undefined when no run counted them. */
function pausesOf(report: LoadReport): SystemReport['systemPauses'] {
  const counted = systemsOf(report, 'hotline').flatMap((s) => (s.systemPauses ? [s.systemPauses] : []));
  return counted.length === 0 ? undefined : counted.flat();
}

/** The busiest sustained step (of an unbroken run from the first) where every latency target held. */
export function latencyTargetsHold(steps: readonly StepResult[]): StepResult | null {
  let last: StepResult | null = null;
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

function header(report: LoadReport): string[] {
  const m = report.machine;
  return [
    `# SIPp load benchmark, ${report.startedAt.slice(0, 10)}`,
    '',
    `Run from ${report.startedAt} to ${report.finishedAt}, with \`${report.command || 'npm run bench:load'}\`.`,
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB, Linux ${m.kernel}; Asterisk ${m.asterisk}; SIPp ${m.sipp}; Node ${m.node}.`,
    `Parameters: ${Object.entries(report.parameters).map(([k, v]) => `${k} ${Array.isArray(v) ? v.join(',') : String(v)}`).join(', ')}.`,
    '',
  ];
}

function journeyLines(report: LoadReport, spreads: readonly SystemSpread[]): string[] {
  const after = Number(report.parameters.keyAfterMs ?? 0);
  return [
    '## The journey and when keys are pressed',
    '',
    'Both systems: the same prompts, keys, line, agents and survey. Each key is sent as SIP INFO, by the caller\'s SIPp, ' +
      `${after} ms after it received its prompt's mark: a SIP MESSAGE Asterisk sends the caller when the observer sees that prompt start (AMI SendText, queued on the caller's channel). ` +
      `After the third key every caller waits ${String(report.parameters.holdSeconds)} s in line, hearing where they are (the hotline's ACD or app_queue announces it), then an agent's phone rings ${String(report.parameters.ringMs)} ms, ` +
      `answers and talks ${String(report.parameters.talkSeconds)} s, and hangs up; the caller then hears the survey, rates 1, and the system hangs up.`,
    '',
    '| # | prompt waited for | key | leads to |',
    '| --- | --- | --- | --- |',
    ...report.journey.map((step, i) => `| ${i + 1} | ${step.prompt} | ${step.key} | ${step.leadsTo === 'queue' ? 'the line, then an agent' : 'the next prompt'} |`),
    '',
    `Measured over the sustained steps, prompt start → key (Asterisk's clock), p99 over runs: ${spreads.map((s) => `${s.system} ${fmtSpread(s.latencyP99.promptToKey)} ms`).join(', ')}; keys sent before their prompt began are counted per step below (a call with one is a failed path).`,
    '',
  ];
}

function watcherLines(report: LoadReport): string[] {
  const counts = (system: BenchSystem): string => {
    const w = systemsOf(report, system).map((s) => s.watchers);
    if (w.length === 0) return '–';
    const total = (f: (x: (typeof w)[number]) => number | null): number => w.reduce((n, x) => n + (f(x) ?? 0), 0);
    const lags = w.flatMap((x) => (x.observerReadLag ? [x.observerReadLag] : []));
    const lag = lags.length === 0 ? '' : `, read lag p99 ${Math.max(...lags.map((l) => l.p99))} ms (max ${Math.max(...lags.map((l) => l.max))} ms)`;
    const bytes = deepestSocketBytes(w.map((x) => x.ariSocketBytes));
    const sockets = bytes === null ? '' : `, ARI sockets at most ${bytes.unread} bytes unread by a client and ${bytes.unsent} unsent by Asterisk`;
    return `${total((x) => x.observerMessages)} observer messages (socket dropped ${total((x) => x.observerDrops)} times${lag}${sockets}), ${total((x) => x.marksSent)} marks (${total((x) => x.marksFailed)} refused), ${total((x) => x.taskprocessorSamples)} task-processor readings${system === 'baseline' ? `, ${total((x) => x.amiEventsRead)} AMI events read` : ''}`;
  };
  return [
    '## What watches each system',
    '',
    '| | hotline | baseline |',
    '| --- | --- | --- |',
    '| ARI observer (subscribed to the PJSIP endpoints only, event filter on) | yes | yes, the same |',
    "| the run's AMI session (prompt marks, task-processor readings; events off) | yes | yes, the same |",
    "| AMI session reading the hotline user's events (device states, channels, queues, CDRs) | the server's own | one opened by the run in its place |",
    '| agents\' desktops over Socket.IO (one per agent) | yes: the hotline\'s own system (its agents work from them; the server\'s side is in its CPU, the clients\' in the machine\'s) | none: app_queue has no desktops to push to |',
    `| all runs | ${counts('hotline')} | ${counts('baseline')} |`,
    '',
    ...messageKindLines(report),
  ];
}

/** Per call, the observer's messages of each kind for each system, the kinds that make most first. */
export function messageKindLines(report: LoadReport): string[] {
  const perCall = (system: BenchSystem): Map<string, number> => {
    const runs = systemsOf(report, system);
    const calls = runs.reduce((n, r) => n + r.calls.length, 0);
    const sums = new Map<string, number>();
    for (const run of runs) for (const [kind, n] of Object.entries(run.watchers.observerMessagesByKind ?? {})) sums.set(kind, (sums.get(kind) ?? 0) + n);
    return new Map([...sums].map(([kind, n]) => [kind, calls === 0 ? 0 : n / calls]));
  };
  const hotline = perCall('hotline');
  const baseline = perCall('baseline');
  if (hotline.size === 0 && baseline.size === 0) return [];
  const kinds = [...new Set([...hotline.keys(), ...baseline.keys()])].sort((a, b) => (hotline.get(b) ?? 0) + (baseline.get(b) ?? 0) - (hotline.get(a) ?? 0) - (baseline.get(a) ?? 0));
  const cell = (m: Map<string, number>, kind: string): string => (m.size === 0 ? '–' : (m.get(kind) ?? 0).toFixed(1));
  const total = (m: Map<string, number>): string => (m.size === 0 ? '–' : [...m.values()].reduce((a, b) => a + b, 0).toFixed(1));
  return [
    "The observer's messages per call placed, by kind (a ChannelVarset by its variable, a ChannelDialplan by its application): each is a channel snapshot Asterisk turned into JSON and queued for it.",
    '',
    '| kind | hotline | baseline |',
    '| --- | --- | --- |',
    ...kinds.map((kind) => `| ${kind} | ${cell(hotline, kind)} | ${cell(baseline, kind)} |`),
    `| all | ${total(hotline)} | ${total(baseline)} |`,
    '',
  ];
}

function summaryLines(report: LoadReport, spreads: readonly SystemSpread[]): string[] {
  const by = (system: BenchSystem): SystemSpread | undefined => spreads.find((s) => s.system === system);
  const tickets = systemsOf(report, 'hotline').flatMap((s) => (s.tickets ? [s.tickets] : []));
  const recordings = (system: BenchSystem): string => systemsOf(report, system).map((s) => `${s.recordings.ready}${s.recordings.other ? ` (+${s.recordings.other} not measured)` : ''}`).join(', ') || '–';
  const runs = report.runs.length;
  return [
    `## Hotline and baseline (${runs} run${runs === 1 ? '' : 's'} each: median, and the lowest–highest run)`,
    '',
    '| | hotline | baseline (dialplan + app_queue) |',
    '| --- | --- | --- |',
    `| sustained calls/s | ${fmtSpread(by('hotline')?.sustainedCallsPerSecond)} | ${fmtSpread(by('baseline')?.sustainedCallsPerSecond)} |`,
    `| highest rate protected (every caller greeted in time, none silent, one ticket each; shed calls included) | ${fmtSpread(by('hotline')?.protectedCallsPerSecond)} | – (no overload protection) |`,
    `| the same, calls whose only fault was "${SET_ASIDE_FAULT}" set aside (a hotline fault, see below) | ${fmtSpread(by('hotline')?.sustainedSetAsideCallsPerSecond)} | ${fmtSpread(by('baseline')?.sustainedSetAsideCallsPerSecond)} |`,
    `| most calls at once in a sustained step, CPU under the limit | ${fmtSpread(by('hotline')?.maxConcurrentCalls)} | ${fmtSpread(by('baseline')?.maxConcurrentCalls)} |`,
    `| tickets, all runs (calls / written / lost / duplicated / still up at the end) | ${tickets.length ? ['calls', 'tickets', 'lost', 'duplicated', 'stillUp'].map((k) => tickets.reduce((n, t) => n + Number(t[k as keyof typeof t]), 0)).join(' / ') : '–'} | – (no work orders) |`,
    `| conversation recordings, per run | ${recordings('hotline')} | ${recordings('baseline')} files |`,
    `| agents paused by the system (ring-no-answer, a phone lost), per run | ${systemsOf(report, 'hotline').map((s) => (s.systemPauses ? String(s.systemPauses.length) : '–')).join(', ') || '–'} | – (not counted) |`,
    '',
    'A step is sustained when every call of it went the whole way (every key after its prompt, an agent answered and hung up, the survey answered), ' +
      "callers heard the greeting within 1 s of SIPp's INVITE (p99), and the media was intact: Asterisk's RTP loss (RTPAUDIOQOS, both call sides) ≤ 1% and every conversation's recording within 0.5 s of its talk time.",
    '',
  ];
}

function latencyLines(spreads: readonly SystemSpread[]): string[] {
  const rows: [keyof SystemAnalysis['latencies'], string][] = [
    ['inviteToAnswer', "INVITE → 200 OK (SIPp's clock)"],
    ['inviteToGreeting', 'INVITE (SIPp) → greeting starts (Asterisk)'],
    ['keyToNextPrompt', 'key → next prompt (menus and survey)'],
    ['enqueueToOffer', 'queueing key → agent phone rung (includes the line\'s wait)'],
    ['promptToKey', 'prompt start → key (the schedule)'],
    ['offerToPop', 'offer → pop received'],
    ['hangupToTicket', 'hang-up → ticket committed'],
  ];
  return [
    `## Latencies, p99 of the sustained steps (ms; median of the runs, and their range; steps short only by "${SET_ASIDE_FAULT}" count as sustained here)`,
    '',
    `| what | ${spreads.map((s) => s.system).join(' | ')} |`,
    `| --- | ${spreads.map(() => '---').join(' | ')} |`,
    ...rows.map(([key, what]) => `| ${what} | ${spreads.map((s) => fmtSpread(s.latencyP99[key], 1)).join(' | ')} |`),
    '',
  ];
}

function stepLines(spreads: readonly SystemSpread[]): string[] {
  const rows = spreads.flatMap((s) =>
    s.steps.map(
      (st) =>
        `| ${s.system} | ${st.rate} | ${st.sustainedRuns}/${st.runs} (${st.sustainedSetAsideRuns}) | ${fmtSpread(st.placed)} | ${fmtSpread(st.failed)} | ${fmtSpread(st.shed)} | ${fmtSpread(st.p99.inviteToAnswer)} | ${fmtSpread(st.p99.inviteToGreeting)} | ${fmtSpread(st.p99.keyToNextPrompt)} | ${fmtSpread(st.p99.offerToPop)} | ${fmtSpread(st.p99.hangupToTicket)} | ${fmtSpread(st.lossPercent, 2)} | ${fmtSpread(st.recordingsOff)} | ${fmtSpread(st.concurrentCalls)} | ${fmtSpread(st.cpu.sut, 1)} | ${fmtSpread(st.cpu.machine, 1)} | ${fmtSpread(st.cpu.others, 1)} | ${fmtSpread(st.cpu.sutPerCallMs)} | ${fmtSpread(st.cpu.machinePerCallMs)} |`,
    ),
  );
  return [
    '## Steps',
    '',
    'Per rate: runs sustained of the runs that reached it (in brackets: with the set-aside fault\'s calls set aside); each figure is the median over those runs (lowest–highest). p99s in ms. ' +
      'CPU is a share of the whole machine (100% = every core), averaged over the last third of the step; "SUT" is the system under test (hotline: server + Asterisk; baseline: Asterisk); ' +
      '"others" is what processes not of the run used (the machine is shared). CPU per call: CPU time from the step\'s start until its last call ended, over its calls (ms of one core).',
    '',
    '| system | calls/s | sustained | placed | failed | shed | INVITE → 200 | INVITE → greeting | key → prompt | offer → pop | hang-up → ticket | RTP loss % | recordings off | calls at once | SUT CPU % | machine CPU % | others CPU % | SUT CPU ms/call | machine CPU ms/call |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ];
}

/** One table row per run and system that ran in it: what each per-run table of the report is built from. */
function perRunSystem(report: LoadReport, row: (run: number, system: BenchSystem, r: SystemReport) => string[]): string[] {
  return report.runs.flatMap((run) => (Object.entries(run.systems) as [BenchSystem, SystemReport][]).flatMap(([system, r]) => row(run.run, system, r)));
}

function taskprocessorLines(report: LoadReport): string[] {
  const rows = perRunSystem(report, (run, system, r) =>
    r.analysis.steps.map((s) => `| ${run} | ${system} | ${s.rate} | ${s.taskprocessors.samples} | ${s.taskprocessors.top.map((q) => `${q.group} ${q.max}/${fmt(q.p99, 0)}`).join(', ') || 'none queued'} | ${s.taskprocessors.alerts} |`),
  );
  return [
    "## Asterisk's task processors",
    '',
    "Sampled once a second during each step (`core show taskprocessors`); per step, the deepest queues (grouped by name without their serial: `pjsip/default`), as max/p99 of the sampled depth, and the high-water alert lines Asterisk logged during the step (`Taskprocessor '…' queue reached N scheduled tasks`).",
    '',
    '| run | system | calls/s | samples | deepest queues (max/p99) | alerts |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ];
}

function shortfallLines(report: LoadReport): string[] {
  const rows = perRunSystem(report, (run, system, r) => r.analysis.steps.filter((s) => !s.sustained).map((s) => `| ${run} | ${system} | ${s.rate} | ${s.shortOf.join('; ')} | ${s.keys.beforePrompt} |`));
  return rows.length === 0 ? [] : ['## Steps not sustained, and why', '', '| run | system | calls/s | short of | keys before their prompt |', '| --- | --- | --- | --- | --- |', ...rows, ''];
}

function resourceLines(report: LoadReport): string[] {
  const rows = perRunSystem(report, (run, system, r) =>
    Object.entries(r.analysis.resources).filter(([, res]) => res.rssMaxMb > 0).map(([role, res]) => `| ${run} | ${system} | ${role} | ${fmt(res.cpuMean)} | ${fmt(res.cpuMax)} | ${fmt(res.rssMaxMb, 0)} |`),
  );
  return ['## Processes over each ramp (CPU % of the machine, RSS MB)', '', '| run | system | process | CPU mean | CPU max | RSS max |', '| --- | --- | --- | --- | --- | --- |', ...rows, ''];
}

/** The machine's pace around each run: the same fixed work, so a slower figure is a slower machine, not a slower system. */
export function paceLines(report: LoadReport): string[] {
  const rows = perRunSystem(report, (run, system, r) =>
    r.pace ? [`| ${run} | ${system} | ${fmt(r.pace.before.cpuMs)} | ${fmt(r.pace.after.cpuMs)} | ${fmt(r.pace.before.diskMs, 0)} | ${fmt(r.pace.after.diskMs, 0)} |`] : [],
  );
  if (rows.length === 0) return [];
  return [
    "## The machine's pace around each run",
    '',
    'The same fixed work timed by the harness right before the system\'s Asterisk started and right after it stopped: one core hashing 32 MB and writing and reading 20,000 records as JSON (median of five), and 32 MB written and synced to disk. A run whose figures moved with these moved with the machine.',
    '',
    '| run | system | CPU work before (ms) | after | disk before (ms) | after |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ];
}

function holdLines(report: LoadReport): string[] {
  return systemsOf(report, 'hotline').map((s, i) => {
    const step = latencyTargetsHold(s.analysis.steps);
    return step
      ? `- run ${i + 1}: the hotline's latency targets (key → prompt, offer → pop, hang-up → ticket) all hold up to ${step.rate} calls/s (${step.concurrentCalls} calls at once, server + Asterisk at ${fmt(step.cpu.sut)}% CPU).`
      : `- run ${i + 1}: the hotline's latency targets do not all hold at the ramp's first step.`;
  });
}

export function markdown(report: LoadReport, pngName: string | null): string {
  const spreads = runSpreads(report.runs);
  return [
    ...header(report),
    '## Targets',
    '',
    '| target | measured | met |',
    '| --- | --- | --- |',
    ...verdicts(report).map((v) => `| ${v.target} | ${v.value} | ${v.met === null ? '–' : v.met ? 'yes' : '**no**'} |`),
    '',
    ...holdLines(report),
    '',
    ...summaryLines(report, spreads),
    ...protectionLines(report),
    ...journeyLines(report, spreads),
    ...watcherLines(report),
    ...latencyLines(spreads),
    ...stepLines(spreads),
    ...taskprocessorLines(report),
    ...inviteHopLines(report.runs.flatMap((r) => Object.entries(r.systems).flatMap(([system, s]) => (s ? s.analysis.steps.map((step) => ({ run: r.run, system, rate: step.rate, hops: step.inviteHops })) : [])))),
    ...serverHopLines(report.runs.flatMap((r) => (r.systems.hotline ? [{ run: r.run, hops: r.systems.hotline.serverHops }] : []))),
    ...shortfallLines(report),
    ...resourceLines(report),
    ...paceLines(report),
    ...(pngName ? [`![throughput, latency and CPU over time, run 1](${pngName})`, ''] : []),
  ].join('\n');
}

/** JSON without the per-call and per-sample detail, but with the series the chart was drawn from, and the spreads. */
function jsonReport(report: LoadReport): unknown {
  const runs = report.runs.map((run) => ({
    run: run.run,
    systems: Object.fromEntries(
      Object.entries(run.systems).map(([name, system]) => {
        const { calls: _calls, samples: _samples, ...rest } = system;
        return [name, { ...rest, series: perSecond(system), latencySeries: latencyBuckets(system, report.journey) }];
      }),
    ),
  }));
  return { ...report, runs, spreads: runSpreads(report.runs), verdicts: verdicts(report) };
}

export async function writeLoadReport(report: LoadReport, dir: string): Promise<{ json: string; markdown: string; png: string | null }> {
  fs.mkdirSync(dir, { recursive: true });
  const stamp = report.startedAt.replace(/[:.]/g, '-');
  const json = path.join(dir, `${stamp}.json`);
  // JSON has no NaN or Infinity: a figure nobody measured is written as null.
  const text = `${JSON.stringify(jsonReport(report), (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2)}\n`;
  fs.writeFileSync(json, text);
  fs.writeFileSync(path.join(dir, 'latest.json'), text);
  const pngFile = path.join(dir, `${stamp}.png`);
  const drawn = await svgToPng(chart(report), pngFile).catch(() => false);
  const md = path.join(dir, `${stamp}.md`);
  fs.writeFileSync(md, markdown(report, drawn ? path.basename(pngFile) : null));
  return { json, markdown: md, png: drawn ? pngFile : null };
}
