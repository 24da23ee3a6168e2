// Load benchmark on a real Asterisk 22 with SIPp: citizens call over SIP with RTP audio, answer the
// main IVR's prompts with keys (each after its prompt began), wait in line hearing their place,
// are answered by agents' SIP phones (one SIPp answering for every agent), talk with the
// conversation recorded, hear the survey after the agent hangs up, rate, and get a ticket. In the
// same run, the same journey done by Asterisk's dialplan + app_queue alone is the baseline.
//
//   npm run bench:load -- [--rates 2,3,4,5,6,7,8,9,10,11,12,13,14,16] [--step-seconds 60] [--talk 30]
//                         [--hold 8] [--key-after-ms 1500] [--runs 1] [--agents auto] [--wrapup 5]
//                         [--concurrency 2000] [--systems hotline,baseline] [--cpu-limit 80]
//                         [--warm-up 10] [--admission auto|off] [--recorder channel|snoop] [--menus server|dialplan] [--ami-action-links 4] [--max-calls 0] [--keep] [--profile]
//
// Each system climbs the same ramp of call rates (calls per second, one step each); a step is
// "sustained" when every call of it went the whole way, callers heard the greeting within a second
// and the media was intact (bench/load/load-analysis.ts). The hotline runs with overload protection
// on (--admission auto, the product's default): past its capacity the dialplan answers new callers
// itself, and each step says whether every caller, served or shed, was still greeted in time, never
// left silent, and got one ticket ("protected", bench/load/load-protection.ts); --admission off
// measures the server without it. --recorder snoop records the hotline's conversations through a
// snoop channel instead of MixMonitor on the caller's channel (the default). --menus dialplan has the
// IVR flows compiled into the dialplan run the menus (HOTLINE_IVR_IN_DIALPLAN, the prototype);
// --ami-action-links N sets how many AMI logins carry the recorder's start and stop
// (HOTLINE_AMI_ACTION_LINKS). --max-calls N gives the hotline a line limit (HOTLINE_MAX_CALLS, 0:
// none): callers beyond N calls at once hear that every line is busy, are hung up on and get a
// ticket (counted shed, reason busy). --runs N runs each system N times, alternating, each on a fresh
// Asterisk, and reports each figure's median and range. Results: bench/results/<time>.json (and
// latest.json), with a markdown summary and a PNG chart beside them.
// --profile: the server's V8 CPU profile goes to bench/results/profiles/ (open it in Chrome's
// DevTools, or read it with bench/cpu-profile-top.ts); BENCH_SERVER_LOG_LEVEL=debug (or trace)
// raises the server's log level (info by default) in the work folder --keep keeps. Run it under `flock /tmp/hotline-pbx.lock`
// so it never overlaps another load run or the pbx tests on the same machine.
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { BenchSystem } from './load/bench-files.js';
import { journeyArgs, journeyOptions, validJourney } from './load/journey-args.js';
import { runLoadBench, type LoadBenchOptions } from './load/load-bench.js';

const USAGE =
  'usage: npm run bench:load -- [--rates 2,4,6 (calls/s, ≤ 40 steps)] [--step-seconds ≥ 10] [--talk s ≥ 1] [--hold s ≥ 1] [--key-after-ms ms] [--runs n] ' +
  '[--agents n|auto] [--wrapup s] [--concurrency n] [--systems hotline,baseline] [--cpu-limit %] [--warm-up calls] [--admission auto|off] [--recorder channel|snoop] [--menus server|dialplan] [--ami-action-links n] [--max-calls n] [--keep] [--profile]';

const { values } = parseArgs({
  options: {
    ...journeyArgs({ rates: '2,3,4,5,6,7,8,9,10,11,12,13,14,16', talk: '30' }),
    runs: { type: 'string', default: '1' },
    concurrency: { type: 'string', default: '2000' },
    systems: { type: 'string', default: 'hotline,baseline' },
    'cpu-limit': { type: 'string', default: '80' },
    profile: { type: 'boolean', default: false },
  },
});

const options: LoadBenchOptions = {
  ...journeyOptions(values, 'bench/sipp-load.bench.ts'),
  runs: Number(values.runs),
  concurrencyLimit: Number(values.concurrency),
  systems: values.systems.split(',') as BenchSystem[],
  cpuLimit: Number(values['cpu-limit']),
  ...(values.profile ? { profileDir: path.resolve('bench/results/profiles') } : {}),
};

function valid(o: LoadBenchOptions): boolean {
  return (
    validJourney(o, 1) && Number.isInteger(o.runs) && o.runs >= 1 && o.concurrencyLimit >= 1 && o.cpuLimit > 0 &&
    o.systems.length > 0 && o.systems.every((s) => s === 'hotline' || s === 'baseline')
  );
}

if (!valid(options)) {
  console.error(USAGE);
  process.exit(2);
}

runLoadBench(options).then(
  ({ files, workDir }) => {
    console.log(`report: ${files.markdown}\n        ${files.json}${files.png ? `\n        ${files.png}` : ' (no chart: Chromium is not installed)'}`);
    if (workDir) console.log(`work folder kept: ${workDir}`);
    process.exit(0);
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
