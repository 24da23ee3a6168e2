// Load benchmark on a real Asterisk 22 with SIPp: citizens call over SIP with RTP audio, answer the
// main IVR's prompts with keys (each after its prompt began), wait in line hearing their place,
// are answered by agents' SIP phones (one SIPp answering for every agent), talk with the
// conversation recorded, hear the survey after the agent hangs up, rate, and get a ticket. In the
// same run, the same journey done by Asterisk's dialplan + app_queue alone is the baseline.
//
//   npm run bench:load -- [--rates 2,3,4,5,6,7,8,9,10,11,12,13,14,16] [--step-seconds 60] [--talk 30]
//                         [--hold 8] [--key-after-ms 1500] [--runs 1] [--agents auto] [--wrapup 5]
//                         [--concurrency 2000] [--systems hotline,baseline] [--cpu-limit 80]
//                         [--warm-up 10] [--admission auto|off] [--keep] [--profile]
//
// Each system climbs the same ramp of call rates (calls per second, one step each); a step is
// "sustained" when every call of it went the whole way, callers heard the greeting within a second
// and the media was intact (bench/load/load-analysis.ts). The hotline runs with overload protection
// on (--admission auto, the product's default): past its capacity the dialplan answers new callers
// itself, and each step says whether every caller, served or shed, was still greeted in time, never
// left silent, and got one ticket ("protected", bench/load/load-protection.ts); --admission off
// measures the server without it. --runs N runs each system N times,
// alternating, each on a fresh Asterisk, and reports each figure's median and range. Results:
// bench/results/<time>.json (and latest.json), with a markdown summary and a PNG chart beside them.
// --profile: the server's V8 CPU profile goes to bench/results/profiles/ (open it in Chrome's
// DevTools, or read it with bench/cpu-profile-top.ts); BENCH_SERVER_LOG_LEVEL=debug (or trace)
// raises the server's log level (info by default) in the work folder --keep keeps. Run it under `flock /tmp/hotline-pbx.lock`
// so it never overlaps another load run or the pbx tests on the same machine.
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { BenchSystem } from './load/bench-files.js';
import { runLoadBench, type LoadBenchOptions } from './load/load-bench.js';

const USAGE =
  'usage: npm run bench:load -- [--rates 2,4,6 (calls/s, ≤ 40 steps)] [--step-seconds ≥ 10] [--talk s ≥ 1] [--hold s ≥ 1] [--key-after-ms ms] [--runs n] ' +
  '[--agents n|auto] [--wrapup s] [--concurrency n] [--systems hotline,baseline] [--cpu-limit %] [--warm-up calls] [--admission auto|off] [--keep] [--profile]';

const { values } = parseArgs({
  options: {
    rates: { type: 'string', default: '2,3,4,5,6,7,8,9,10,11,12,13,14,16' },
    'step-seconds': { type: 'string', default: '60' },
    talk: { type: 'string', default: '30' },
    hold: { type: 'string', default: '8' },
    'key-after-ms': { type: 'string', default: '1500' },
    runs: { type: 'string', default: '1' },
    agents: { type: 'string', default: 'auto' },
    wrapup: { type: 'string', default: '5' },
    concurrency: { type: 'string', default: '2000' },
    systems: { type: 'string', default: 'hotline,baseline' },
    'cpu-limit': { type: 'string', default: '80' },
    'warm-up': { type: 'string', default: '10' },
    admission: { type: 'string', default: 'auto' },
    keep: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
  },
});

const options: LoadBenchOptions = {
  rates: values.rates.split(',').map(Number),
  stepSeconds: Number(values['step-seconds']),
  talkSeconds: Number(values.talk),
  holdSeconds: Number(values.hold),
  keyAfterMs: Number(values['key-after-ms']),
  runs: Number(values.runs),
  agents: values.agents === 'auto' ? 'auto' : Number(values.agents),
  wrapUpSeconds: Number(values.wrapup),
  concurrencyLimit: Number(values.concurrency),
  systems: values.systems.split(',') as BenchSystem[],
  cpuLimit: Number(values['cpu-limit']),
  warmUpCalls: Number(values['warm-up']),
  keep: values.keep,
  serverEnv: { HOTLINE_ADMISSION: values.admission },
  resultsDir: path.resolve('bench/results'),
  command: `npx tsx bench/sipp-load.bench.ts ${process.argv.slice(2).join(' ')}`.trim(),
  ...(values.profile ? { profileDir: path.resolve('bench/results/profiles') } : {}),
};

function valid(o: LoadBenchOptions): boolean {
  const whole = (n: number, min: number): boolean => Number.isInteger(n) && n >= min;
  return (
    o.rates.length > 0 && o.rates.length <= 40 && o.rates.every((r) => r > 0) && o.stepSeconds >= 10 && o.talkSeconds >= 1 && whole(o.holdSeconds, 1) && o.keyAfterMs >= 0 && whole(o.runs, 1) &&
    (o.agents === 'auto' || o.agents >= 1) && o.wrapUpSeconds >= 0 && o.concurrencyLimit >= 1 && o.cpuLimit > 0 && o.warmUpCalls >= 0 &&
    o.systems.length > 0 && o.systems.every((s) => s === 'hotline' || s === 'baseline') && ['auto', 'off'].includes(o.serverEnv?.HOTLINE_ADMISSION ?? 'auto')
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
