// The SIPp load benchmark on the local cluster beside the single box, in one run and with one
// journey (bench/sipp-load.bench.ts's): first the single box (one Asterisk, one server, SQLite),
// then the cluster (`npm run cluster`'s: PostgreSQL, Redis, two Asterisks, two call workers, a
// standby and two web nodes), each climbing the same call rates. In the cluster half the calls go
// into each box and half the agents' phones are on each box, so callers are put through to agents
// on the other box over the trunk; every agent signs in through a web node.
//
//   npm run bench:cluster-load -- [--rates 2,3] [--step-seconds 60] [--talk 20] [--hold 8]
//                                 [--key-after-ms 1500] [--agents auto] [--wrapup 5] [--warm-up 10]
//                                 [--systems single,cluster] [--admission auto|off] [--recorder channel|snoop] [--keep]
//
// Per system and rate: calls placed and gone the whole journey, p50 and p99 of INVITE → greeting,
// key → next prompt and hang-up → ticket, the machine's CPU; per system: tickets lost and
// duplicated (by caller number); for the cluster: answer-order inversions among calls of one queue
// and priority class, calls on different boxes apart from calls on one box (bench/load/answer-order.ts).
// Results: bench/results/cluster-load-<time>.json and .md. Run it under `flock /tmp/hotline-pbx.lock`.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { ClusterRun } from './load/cluster-run.js';
import { comparisonTable, writeClusterLoadReport, type ClusterBenchSystem, type ClusterLoadReport } from './load/cluster-load-report.js';
import { journeyArgs, journeyOptions, validJourney } from './load/journey-args.js';
import { JOURNEY, loadContext, machine, parameters, type LoadBenchOptions } from './load/load-bench.js';
import { SystemRun } from './load/system-run.js';

const USAGE =
  'usage: npm run bench:cluster-load -- [--rates 2,3 (calls/s)] [--step-seconds ≥ 10] [--talk s ≥ 1] [--hold s ≥ 1] [--key-after-ms ms] ' +
  '[--agents n|auto] [--wrapup s] [--warm-up calls] [--systems single,cluster] [--admission auto|off] [--recorder channel|snoop] [--keep]';

const { values } = parseArgs({
  options: {
    ...journeyArgs({ rates: '2,3', talk: '20' }),
    systems: { type: 'string', default: 'single,cluster' },
  },
});

const systems = values.systems.split(',') as ClusterBenchSystem[];
const options: LoadBenchOptions = {
  ...journeyOptions(values, 'bench/cluster-load.bench.ts'),
  runs: 1,
  concurrencyLimit: 2000,
  systems: ['hotline'],
  cpuLimit: 80,
};

/** Two agents at least: the cluster puts half of them on each box. */
function valid(o: LoadBenchOptions): boolean {
  return validJourney(o, 2) && systems.length > 0 && systems.every((s) => s === 'single' || s === 'cluster');
}

if (!valid(options)) {
  console.error(USAGE);
  process.exit(2);
}

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

async function main(): Promise<void> {
  const c = loadContext(options);
  const startedAt = new Date();
  const failures: ClusterLoadReport['failures'] = {};
  let single: ClusterLoadReport['single'] = null;
  let cluster: ClusterLoadReport['cluster'] = null;
  let asterisk = '';
  // One system's failure (a cluster that would not start) still leaves the other's figures to report.
  if (systems.includes('single')) {
    await new SystemRun(c, 'hotline', 1).execute().then(
      (done) => ((single = done.report), (asterisk = done.asteriskVersion)),
      (error: unknown) => void (failures.single = describe(error)),
    );
  }
  if (systems.includes('cluster')) {
    await new ClusterRun(c, 1).execute().then(
      (done) => ((cluster = { ...done.report, answerOrder: done.answerOrder }), (asterisk ||= done.asteriskVersion)),
      (error: unknown) => void (failures.cluster = describe(error)),
    );
  }
  const report: ClusterLoadReport = {
    bench: 'cluster-load',
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    command: options.command ?? '',
    machine: machine(c, asterisk),
    parameters: { ...parameters(c), systems },
    journey: JOURNEY,
    single,
    cluster,
    failures,
  };
  const files = writeClusterLoadReport(report, options.resultsDir);
  console.log(`\n${comparisonTable(report)}\n`);
  console.log(fs.readFileSync(files.markdown, 'utf8').split('\n').filter((line) => line.startsWith('- ')).join('\n'));
  console.log(`\nreport: ${files.markdown}\n        ${files.json}`);
  if (options.keep) console.log(`work folder kept: ${c.work}`);
  else fs.rmSync(c.work, { recursive: true, force: true });
  if (Object.keys(failures).length > 0) process.exitCode = 1;
}

main().then(
  () => process.exit(),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
