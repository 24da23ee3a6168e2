// Load benchmark on a real Asterisk 22 with SIPp: citizens call over SIP with RTP audio, pass the
// main IVR with RFC 4733 keys, wait in the queue, are answered by agents' SIP phones (one SIPp
// answering for every agent), talk with the conversation recorded, hang up, and get a ticket.
// In the same run, the same journey done by Asterisk's dialplan + app_queue alone is the baseline.
//
//   npm run bench:load -- [--rates 2,3,4,5,6,7,8,9,10,12,14,16] [--step-seconds 60] [--talk 30] [--agents auto]
//                         [--wrapup 5] [--concurrency 2000] [--systems hotline,baseline]
//                         [--cpu-limit 80] [--warm-up 10] [--keep] [--profile]
//
// Each system climbs the same ramp of call rates (calls per second, one step each); a step is
// "sustained" when every call of it went the whole way and callers heard the greeting within a
// second (bench/load/load-analysis.ts). Results: bench/results/<time>.json (and latest.json), with
// a markdown table and a PNG chart beside them. --profile: the server's V8 CPU profile goes to
// bench/results/profiles/ (open it in Chrome's DevTools, or read it with bench/cpu-profile-top.ts).
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { BenchSystem } from './load/bench-files.js';
import { runLoadBench } from './load/load-bench.js';

const { values } = parseArgs({
  options: {
    rates: { type: 'string', default: '2,3,4,5,6,7,8,9,10,12,14,16' },
    'step-seconds': { type: 'string', default: '60' },
    talk: { type: 'string', default: '30' },
    agents: { type: 'string', default: 'auto' },
    wrapup: { type: 'string', default: '5' },
    concurrency: { type: 'string', default: '2000' },
    systems: { type: 'string', default: 'hotline,baseline' },
    'cpu-limit': { type: 'string', default: '80' },
    'warm-up': { type: 'string', default: '10' },
    keep: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
  },
});

const options = {
  rates: values.rates.split(',').map(Number),
  stepSeconds: Number(values['step-seconds']),
  talkSeconds: Number(values.talk),
  agents: values.agents === 'auto' ? ('auto' as const) : Number(values.agents),
  wrapUpSeconds: Number(values.wrapup),
  concurrencyLimit: Number(values.concurrency),
  systems: values.systems.split(',') as BenchSystem[],
  cpuLimit: Number(values['cpu-limit']),
  warmUpCalls: Number(values['warm-up']),
  keep: values.keep,
  resultsDir: path.resolve('bench/results'),
  ...(values.profile ? { profileDir: path.resolve('bench/results/profiles') } : {}),
};
const valid =
  options.rates.length > 0 && options.rates.length <= 40 && options.rates.every((r) => r > 0) && options.stepSeconds >= 10 && options.talkSeconds >= 1 &&
  (options.agents === 'auto' || options.agents >= 1) && options.wrapUpSeconds >= 0 && options.concurrencyLimit >= 1 && options.cpuLimit > 0 && options.warmUpCalls >= 0 &&
  options.systems.length > 0 && options.systems.every((s) => s === 'hotline' || s === 'baseline');
if (!valid) {
  console.error('usage: npm run bench:load -- [--rates 2,4,6 (calls/s, ≤ 40 steps)] [--step-seconds ≥ 10] [--talk s ≥ 1] [--agents n|auto] [--wrapup s] [--concurrency n] [--systems hotline,baseline] [--cpu-limit %] [--warm-up calls] [--keep] [--profile]');
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
