// One IVR step, the pure engine alone: the shipped flows loaded and checked as the server does,
// then calls walked through the main menu (1 → 3 → 1: start, three keys, queued) again and again.
// Baseline in the same run: the same menu hard-coded as a lookup table, with the same path record,
// the floor any flow engine is compared with.
//
//   npx tsx bench/ivr-step.bench.ts [calls]
import { performance } from 'node:perf_hooks';
import { FlowRepository } from '../src/adapters/flows/flow-repository.js';
import type { IvrStep } from '../src/domain/calls/call-facts.js';
import { startIvr, stepIvr } from '../src/domain/ivr/ivr-engine.js';
import type { CallerProfile, IvrState } from '../src/domain/ivr/ivr-protocol.js';
import { createLogger } from '../src/logging/logger.js';
import { summarize, table } from './stats.js';

const CALLS = Number(process.argv[2] ?? 20_000);
const WARMUP = 2_000;
const KEYS = ['1', '3', '1'] as const;
const T0 = Date.UTC(2026, 11, 1, 2, 0, 0);

const repository = new FlowRepository({ flowsDir: 'ivr-flows', queuesFile: 'fixtures/queues.yaml', calendarDir: 'fixtures/calendar' }, createLogger('silent'));
const context = repository.snapshot();
const caller = (i: number): CallerProfile => ({ number: `1380${String(i % 10_000_000).padStart(7, '0')}`, dialed: '12345', elderly: false, enterprise: null, anonymous: false });

/** Walks one call; pushes each step's time (µs) into `samples`. Returns the queue it ended in. */
function engineCall(i: number, samples: number[]): string {
  let at = T0 + i * 1000;
  let t = performance.now();
  let result = startIvr(context, caller(i), 'main', at, 'zh-CN');
  samples.push((performance.now() - t) * 1000);
  let state: IvrState = result.state;
  for (const key of KEYS) {
    at += 1500;
    t = performance.now();
    result = stepIvr(context, state, { type: 'KeyPressed', key, at });
    samples.push((performance.now() - t) * 1000);
    state = result.state;
  }
  return state.outcome?.kind === 'queued' ? state.outcome.queue : 'not queued';
}

// The same menu as plain code: the node the key leads to, and the path it leaves behind.
const MENU: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  menu: { '1': 'consult-menu', '2': 'enterprise' },
  'consult-menu': { '1': 'general-queue', '2': 'general-queue', '3': 'help-menu' },
  'help-menu': { '1': 'general-queue', '2': 'general-queue' },
};

function baselineCall(i: number, samples: number[]): string {
  let at = T0 + i * 1000;
  let t = performance.now();
  const path: IvrStep[] = [{ at, kind: 'node', flow: 'main', node: 'menu' }];
  let node = 'menu';
  samples.push((performance.now() - t) * 1000);
  for (const key of KEYS) {
    at += 1500;
    t = performance.now();
    const next = MENU[node]?.[key] ?? 'general-queue';
    path.push({ at, kind: 'key', key }, { at, kind: 'node', flow: 'main', node: next });
    node = next;
    samples.push((performance.now() - t) * 1000);
  }
  return node === 'general-queue' ? 'general' : node;
}

function measure(run: (i: number, samples: number[]) => string): number[] {
  const samples: number[] = [];
  for (let i = 0; i < WARMUP; i += 1) run(i, samples);
  samples.length = 0;
  for (let i = 0; i < CALLS; i += 1) {
    const queue = run(WARMUP + i, samples);
    if (queue !== 'general') throw new Error(`call ${i} ended in ${queue}, not the general queue`);
  }
  return samples;
}

const engine = summarize(measure(engineCall));
const baseline = summarize(measure(baselineCall));
console.log(table(`IVR step (start and each key of main menu 1 → 3 → 1), ${CALLS} calls (µs)`, { 'flow engine (shipped flows, checked)': engine, 'baseline: the menu hard-coded as a table': baseline }));
console.log(JSON.stringify({ bench: 'ivr-step', calls: CALLS, unit: 'µs', engine, baseline }));
repository.stop();
