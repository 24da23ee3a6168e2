// npm run soak -- [--minutes 30] [--rate 0.5] [--sample 10]
// Moderate real traffic through the whole system for a long time: its own local Asterisk instance,
// the server in this process with demo agent phones, and simulated citizens calling (menus, keys,
// queue, agents, the survey) at `rate` calls per second. Every `sample` seconds it records the
// event-loop delay, RSS, heap, open handles, ARI listeners and live calls; at the end it prints the
// series, writes it to bench/results/soak-<time>.json, and says whether each stayed flat (the last
// third against the first, after a warm-up third).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { AriClient } from '../src/adapters/ari/ari-client.js';
import { loadConfig } from '../src/config.js';
import { pbxDown, pbxUp } from '../src/local-pbx/index.js';
import { createLogger } from '../src/logging/logger.js';
import { startServer } from '../src/main.js';
import { CitizenCaller } from '../src/tools/citizen-caller.js';

const { values } = parseArgs({ options: { minutes: { type: 'string', default: '30' }, rate: { type: 'string', default: '0.5' }, sample: { type: 'string', default: '10' } } });
const minutes = Number(values.minutes);
const rate = Number(values.rate);
const sampleSeconds = Number(values.sample);
if (!(minutes > 0 && rate > 0 && rate <= 20 && sampleSeconds >= 1)) {
  console.error('usage: npm run soak -- [--minutes 30] [--rate 0.5 (calls/s, ≤ 20)] [--sample 10 (s)]');
  process.exit(2);
}

const soakEnv = { HOTLINE_PBX_INSTANCE: 'soak', HOTLINE_PBX_ARI_PORT: '18588', HOTLINE_PBX_AMI_PORT: '15538', HOTLINE_PBX_SIP_PORT: '15560', HOTLINE_PBX_RTP_START: '36000' };
const PLANS = ['', '1,w1,1', '1,w1,2', '2,w1,1', 'w1,9', '0'];
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

interface Sample {
  readonly atSeconds: number;
  readonly loopP99Ms: number;
  readonly rssMb: number;
  readonly heapMb: number;
  readonly handles: number;
  readonly ariListeners: number;
  readonly liveCalls: number;
  readonly callsPlaced: number;
  readonly ticketsWritten: number;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-soak-'));
const settings = loadConfig({ ...process.env, ...soakEnv }).localPbx;
const runtime = await pbxUp(settings, { repoDir: path.resolve('.'), promptLanguage: 'zh-CN', log: (line) => console.log(`[pbx] ${line}`) });
const config = loadConfig({ ...process.env, ...soakEnv, HOTLINE_HTTP_PORT: '0', HOTLINE_DB_FILE: path.join(dir, 'soak.db'), HOTLINE_AUTO_LOGIN: 'all', HOTLINE_DEMO_ANSWER_AFTER: '2' });
const server = await startServer(config, {
  logger: createLogger('warn', pino.destination({ dest: path.join(dir, 'server.log'), sync: false })),
  pbx: { ari: { ...runtime.ari, app: config.ari.app }, ami: runtime.ami, recordingsDir: runtime.recordingsDir },
});
const sim = new AriClient({ ...runtime.ari, app: 'citizen-sim-soak', logger: createLogger('silent') });
const simUp = new Promise<void>((resolve) => sim.once('connected', () => resolve()));
sim.start();
await simUp;
const caller = new CitizenCaller(sim, 'citizen-sim-soak');

// Sampled every millisecond: the figure is the delay itself, not the sampling interval.
const lag = monitorEventLoopDelay({ resolution: 1 });
lag.enable();
const samples: Sample[] = [];
const start = Date.now();
let placed = 0;
let failed = 0;
const inFlight = new Set<Promise<unknown>>();
const tickets = (): number => (server.database.sqlite.prepare('select count(*) as n from tickets').get() as { n: number }).n;
const sampler = setInterval(() => {
  const memory = process.memoryUsage();
  samples.push({
    atSeconds: Math.round((Date.now() - start) / 1000),
    loopP99Ms: Math.round(lag.percentile(99) / 1e4) / 100,
    rssMb: Math.round(memory.rss / 1048576),
    heapMb: Math.round(memory.heapUsed / 1048576),
    handles: process.getActiveResourcesInfo().length,
    ariListeners: server.ari.listenerCount('event'),
    liveCalls: server.callService.activeCalls().length,
    callsPlaced: placed,
    ticketsWritten: tickets(),
  });
  lag.reset();
  const last = samples.at(-1) as Sample;
  console.log(`${String(last.atSeconds).padStart(5)} s  lag p99 ${last.loopP99Ms} ms  rss ${last.rssMb} MB  heap ${last.heapMb} MB  handles ${last.handles}  live ${last.liveCalls}  calls ${placed}  tickets ${last.ticketsWritten}`);
}, sampleSeconds * 1000);

const end = start + minutes * 60_000;
for (let i = 0; Date.now() < end; i += 1) {
  const plan = PLANS[i % PLANS.length] as string;
  const call = caller
    .call({ from: `1380${String(i % 100000).padStart(7, '0')}`, to: i % 10 === 0 ? '123452' : '12345', ...(plan ? { dtmf: plan } : {}), holdSeconds: 8 + (i % 13) })
    .catch(() => (failed += 1));
  placed += 1;
  inFlight.add(call);
  void call.finally(() => inFlight.delete(call));
  await sleep(1000 / rate);
}
await Promise.all(inFlight);
await sleep(3000);
clearInterval(sampler);
const written = tickets();
await sim.stop();
await server.close();
await pbxDown(settings);

/** Mean of the last third against the mean of the middle third: growth, in percent. */
function growth(key: keyof Sample): number {
  const third = Math.max(1, Math.floor(samples.length / 3));
  const mean = (part: Sample[]): number => part.reduce((sum, s) => sum + (s[key] as number), 0) / Math.max(1, part.length);
  const middle = mean(samples.slice(third, 2 * third));
  return middle === 0 ? 0 : Math.round(((mean(samples.slice(-third)) - middle) / middle) * 1000) / 10;
}
const verdict = Object.fromEntries((['loopP99Ms', 'rssMb', 'heapMb', 'handles', 'ariListeners'] as const).map((key) => [key, growth(key)]));
const report = { minutes, rate, callsPlaced: placed, callerFailures: failed, ticketsWritten: written, growthPercent: verdict, samples };
fs.mkdirSync('bench/results', { recursive: true });
const file = path.join('bench/results', `soak-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
fs.writeFileSync(file, JSON.stringify(report, null, 2));
console.log(`\n${placed} calls placed, ${failed} caller failures, ${written} tickets written (one per call: ${written === placed ? 'yes' : 'NO'})`);
console.log(`growth of the last third over the middle third (%): ${JSON.stringify(verdict)}`);
console.log(`series: ${file}`);
fs.rmSync(dir, { recursive: true, force: true });
