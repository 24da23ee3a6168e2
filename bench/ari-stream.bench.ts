// What one citizen call costs on the ARI link, counted inside the server by its own metrics (the
// histograms' counts): ARI events received per call, by type, and REST requests per call, by route,
// with their times. The journey: dial 12345, keys 1 → 3 → 1 through the menus, wait in the general
// queue, talk with a demo agent (answers after 1 s, recorded), hang up. Run it before and after a
// change to the stream and compare. With fewer agents than calls at a time, callers wait in line and
// hear their place announced.
//   npx tsx bench/ari-stream.bench.ts [--calls 12] [--parallel 3] [--talk 4] [--agents 4]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { TicketStore } from '../src/adapters/db/ticket-store.js';
import type { TimingSummary } from '../src/adapters/metrics/metrics-registry.js';
import { loadConfig } from '../src/config.js';
import { pbxDown, pbxUp } from '../src/local-pbx/index.js';
import { createLogger } from '../src/logging/logger.js';
import { startServer } from '../src/main.js';
import { CitizenCaller } from '../src/tools/citizen-caller.js';
import { testQueuesFile } from '../test/helpers/test-config-files.js';
import { startedClient } from './started-client.js';
import { summarize, type Summary } from './stats.js';

const { values } = parseArgs({ options: { calls: { type: 'string', default: '12' }, parallel: { type: 'string', default: '3' }, talk: { type: 'string', default: '4' }, agents: { type: 'string', default: '4' } } });
const CALLS = Number(values.calls);
const PARALLEL = Number(values.parallel);
const TALK_SECONDS = Number(values.talk);
const AGENTS = ['8001', '8002', '8003', '8004'].slice(0, Number(values.agents));
const silent = createLogger('silent');
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const benchEnv = {
  HOTLINE_PBX_INSTANCE: 'stream-bench',
  HOTLINE_PBX_ARI_PORT: '18588',
  HOTLINE_PBX_AMI_PORT: '15538',
  HOTLINE_PBX_SIP_PORT: '15560',
  HOTLINE_PBX_RTP_START: '36000',
};

/** One call of the journey; resolves with the call's id once its ticket is written. */
interface CallResult {
  readonly callId: string;
  readonly agent: string | null;
  /** From the caller's answer to the first prompt they hear (ms). */
  readonly greetingMs: number | null;
}

async function oneCall(caller: CitizenCaller, tickets: TicketStore, index: number): Promise<CallResult> {
  const from = `1390000${String(index).padStart(4, '0')}`;
  // Keys once each menu has begun; the queue is reached after the third, an agent answers 1 s later.
  const outcome = await caller.call({ from, to: '12345', dtmf: 'w1,1,w1,3,w1,1', holdSeconds: 3 + TALK_SECONDS });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const ticket = await tickets.getByCall(outcome.callId);
    const connected = outcome.events.find((event) => event.event === 'connected')?.at;
    const greeted = outcome.events.find((event) => event.event === 'prompt')?.at;
    const greetingMs = connected === undefined || greeted === undefined ? null : greeted - connected;
    if (ticket) return { callId: outcome.callId, agent: ticket.agentId, greetingMs };
    await sleep(100);
  }
  throw new Error(`no ticket for ${outcome.callId}`);
}

const perCall = (count: number): number => Math.round((count / CALLS) * 100) / 100;

function report(summaries: readonly TimingSummary[], results: readonly CallResult[]): Record<string, unknown> {
  const events = summaries.filter((s) => s.kind === 'ari-event');
  const requests = summaries.filter((s) => s.kind === 'ari-request');
  const sum = (list: readonly TimingSummary[]): number => list.reduce((total, s) => total + s.count, 0);
  return {
    bench: 'ari-stream',
    calls: CALLS,
    parallel: PARALLEL,
    agents: AGENTS.length,
    answeredByAgent: results.filter((r) => r.agent !== null).length,
    answerToGreetingMs: summarize(results.flatMap((r) => (r.greetingMs === null ? [] : [r.greetingMs]))),
    eventsPerCall: perCall(sum(events)),
    requestsPerCall: perCall(sum(requests)),
    events: Object.fromEntries(events.map((s) => [s.name, { perCall: perCall(s.count), p50: s.p50, p99: s.p99, max: s.max }])),
    requests: Object.fromEntries(requests.map((s) => [s.name, { perCall: perCall(s.count), p50: s.p50, p99: s.p99, max: s.max, errors: s.errors, timeouts: s.timeouts }])),
  };
}

function table(result: Record<string, unknown>): string {
  const greeting = result.answerToGreetingMs as Summary;
  const lines = [`${String(result.calls)} calls: ${String(result.eventsPerCall)} ARI events and ${String(result.requestsPerCall)} REST requests per call`];
  lines.push(`caller answered → first prompt (ms, caller's clock): p50 ${greeting.p50}, p95 ${greeting.p95}, max ${greeting.max}`, '');
  lines.push('| event | per call | delay p50 ms | p99 | max |', '|---|---|---|---|---|');
  for (const [name, s] of Object.entries(result.events as Record<string, Record<string, number>>)) lines.push(`| ${name} | ${s.perCall} | ${s.p50} | ${s.p99} | ${s.max} |`);
  lines.push('', '| request | per call | p50 ms | p99 | max | errors | timeouts |', '|---|---|---|---|---|---|---|');
  for (const [name, s] of Object.entries(result.requests as Record<string, Record<string, number>>)) lines.push(`| ${name} | ${s.perCall} | ${s.p50} | ${s.p99} | ${s.max} | ${s.errors} | ${s.timeouts} |`);
  return lines.join('\n');
}

async function main(): Promise<void> {
  const settings = loadConfig({ ...process.env, ...benchEnv }).localPbx;
  const runtime = await pbxUp(settings, { repoDir: path.resolve('.'), promptLanguage: 'zh-CN' });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ari-stream-bench-'));
  const sim = await startedClient(runtime, 'stream-sim');
  const config = loadConfig({
    ...benchEnv,
    HOTLINE_HTTP_PORT: '0',
    HOTLINE_DB_FILE: path.join(dir, 'bench.db'),
    HOTLINE_AUTO_LOGIN: AGENTS.join(','),
    HOTLINE_DEMO_ANSWER_AFTER: '1',
    HOTLINE_QUEUES_FILE: testQueuesFile({ wrapUpSeconds: 1 }),
  });
  const server = await startServer(config, { logger: silent, pbx: { ari: { ...runtime.ari, app: 'hotline' }, ami: runtime.ami, recordingsDir: runtime.recordingsDir } });
  try {
    const caller = new CitizenCaller(sim, 'stream-sim');
    const tickets = new TicketStore(server.database.db);
    const results: CallResult[] = [];
    for (let next = 0; next < CALLS; next += PARALLEL) {
      const batch = Array.from({ length: Math.min(PARALLEL, CALLS - next) }, (_unused, i) => oneCall(caller, tickets, next + i));
      results.push(...(await Promise.all(batch)));
      // Wrap-up ends before the next batch, so every call finds an agent.
      await sleep(1500);
    }
    // The last events of the last calls (the legs' ChannelDestroyed) come after their tickets.
    await sleep(1000);
    const result = report(server.ari.metrics.summaries(), results);
    console.log(table(result));
    console.log(JSON.stringify(result));
    fs.mkdirSync('bench/results', { recursive: true });
    fs.writeFileSync('bench/results/ari-stream-latest.json', `${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await server.close();
    await sim.stop();
    await pbxDown(settings);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
