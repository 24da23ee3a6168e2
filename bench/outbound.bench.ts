// Outbound calls: (a) the pure scheduler's tick with 100,000 pending tasks, beside a naive full scan in
// the same run; (b) with `--pbx`, 1,000 due return visits on 30 lines against the real Asterisk
// (OUTBOUND_BENCH_CALLS=<n> for fewer).
//
//   npx tsx bench/outbound.bench.ts [pending] [--pbx]
import { engineTicks, naiveTicks } from './outbound-tick.js';
import { table } from './stats.js';

const PENDING = Number(process.argv.slice(2).find((arg) => /^\d+$/.test(arg)) ?? 100_000);
const ROUNDS = 2_000;

// Warm both up on a small set so the JIT has compiled them before the measured run.
engineTicks(5_000, 500);
naiveTicks(5_000, 100);
const engine = engineTicks(PENDING, ROUNDS);
const naive = naiveTicks(PENDING, 200);
console.log(table(`Scheduler tick with ${PENDING} pending tasks, 30 lines, 5 calls ending per tick (µs)`, { 'engine (per-trunk heaps)': engine, 'baseline: full scan per free line': naive }));
console.log(`target: p99 ≤ 5 ms → ${engine.p99 <= 5000 ? 'met' : 'NOT met'}`);

if (process.argv.includes('--pbx')) {
  const { runPbxCampaign } = await import('./outbound-pbx.js');
  const f = await runPbxCampaign();
  console.log(`\n${f.calls} due return visits on 30 lines, real Asterisk ${f.asterisk} (simulated citizens: answer, 2 s, hang up)`);
  console.log('| calls | reached | most lines (sampled / attempt rows) | free line-seconds while tasks were due | mean call | campaign | ideal (calls × call / 30) |');
  console.log('|---|---|---|---|---|---|---|');
  console.log(`| ${f.calls} | ${f.reached} | ${f.mostLinesSampled} / ${f.mostLinesFromRows} | ${f.idleLineSeconds.toFixed(1)} (${(f.idleShare * 100).toFixed(2)}%) | ${f.meanCallSeconds.toFixed(2)} s | ${f.totalSeconds.toFixed(1)} s | ${f.idealSeconds.toFixed(1)} s |`);
}
