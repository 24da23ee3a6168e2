// Key → next prompt with N concurrent calls in the menus of a real Asterisk 22, three ways in the
// same run: the server's engine; the menus compiled into the dialplan (HOTLINE_IVR_IN_DIALPLAN,
// issue 18 item 6); and a bare ARI handler that answers each key with a prompt and nothing else (no
// session, no engine), the floor for menus run over ARI. All three are timed on Asterisk's clock,
// the key's ChannelDtmfReceived to the next prompt's start (bench/key-to-prompt.ts). The server's
// own figure (key received → prompt requested, inside the process) is kept for the engine.
//   npx tsx bench/ivr-key-latency.bench.ts [--calls 100] [--rounds 3]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { AriClient } from '../src/adapters/ari/ari-client.js';
import type { AriEvent } from '../src/adapters/ari/ari-events.js';
import type { TelephonyPort } from '../src/app/ports/telephony.js';
import { loadConfig } from '../src/config.js';
import { pbxDown, pbxUp, type PbxRuntime } from '../src/local-pbx/index.js';
import { createLogger } from '../src/logging/logger.js';
import { startServer } from '../src/main.js';
import { KeyToPrompt, promptStart } from './key-to-prompt.js';
import { startedClient } from './started-client.js';
import { summarize, table, type Summary } from './stats.js';

const { values } = parseArgs({ options: { calls: { type: 'string', default: '100' }, rounds: { type: 'string', default: '3' } } });
const CALLS = Number(values.calls);
const ROUNDS = Number(values.rounds);
const WARMUP_CALLS = 20;
/** main menu → 1 → consult menu → 3 → help menu → 1 → queued: two keys answered by a menu, one by the queue. */
const KEYS = ['1', '3', '1'] as const;
const MENU_KEYS = 2;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const silent = createLogger('silent');

const benchEnv = {
  HOTLINE_PBX_INSTANCE: 'bench',
  HOTLINE_PBX_ARI_PORT: '18488',
  HOTLINE_PBX_AMI_PORT: '15438',
  HOTLINE_PBX_SIP_PORT: '15460',
  HOTLINE_PBX_RTP_START: '35000',
};

const failures: string[] = [];
/** The server process's event-loop delay while the hotline IVR was measured (ms). */
let loopLag = { p50: 0, p99: 0, max: 0 };

/**
 * Places `count` callers into `endpoint`, presses `keys` one by one (each 300 ms after a prompt
 * starts, from ARI or from the dialplan), hangs up; every event of theirs also goes to `latency`.
 */
async function driveCalls(sim: AriClient, app: string, endpoint: string, count: number, keys: readonly string[], latency: KeyToPrompt): Promise<void> {
  const pending = new Map<string, { remaining: string[]; done: () => void }>();
  const onEvent = (event: AriEvent): void => {
    latency.take(event);
    const start = promptStart(event);
    if (!start) return;
    const leg = start.channelId.replace(/-2$/, '');
    const call = pending.get(leg);
    if (!call) return;
    const key = call.remaining.shift();
    if (key === undefined) {
      call.done();
      return;
    }
    setTimeout(() => void sim.sendDtmf(leg, key, { duration: 100 }).catch(() => undefined), 300);
  };
  sim.on('event', onEvent);
  const calls = Array.from({ length: count }, async (_unused, i) => {
    const id = `bench-${Date.now()}-${i}`;
    const finished = new Promise<void>((resolve) => pending.set(id, { remaining: [...keys], done: resolve }));
    // Calls arrive over a few seconds, as they would on a busy line, rather than in one instant.
    await sleep(i * 40);
    try {
      await sim.originate({ endpoint, app, channelId: id, otherChannelId: `${id}-2`, callerId: `"bench" <1380000${String(i).padStart(4, '0')}>` });
    } catch (error) {
      failures.push(String(error));
      return;
    }
    await Promise.race([finished, sleep(30_000)]);
    await sim.hangup(id).catch(() => undefined);
  });
  await Promise.all(calls);
  sim.off('event', onEvent);
  await drained(sim);
}

/** Waits until the previous round's channels are gone, so rounds do not pile up on Asterisk. */
async function drained(sim: AriClient): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const channels = await sim.listChannels().catch(() => []);
    if (channels.length === 0) return;
    await Promise.all(channels.filter((c) => c.id.startsWith('bench-')).map((c) => sim.hangup(c.id).catch(() => undefined)));
    await sleep(500);
  }
}

/**
 * A few calls first, not counted: the first calls of a fresh process pay for loading and compiling
 * code paths once, which is start-up cost, not the latency of a running hotline.
 */
async function warmUp(run: () => Promise<void>, samples: number[], latency: KeyToPrompt): Promise<void> {
  await run();
  samples.length = 0;
  latency.reset();
}

interface Measured {
  /** Asterisk's clock: key → next prompt started (ms), all keys and split (bench/key-to-prompt.ts). */
  readonly asterisk: KeyToPrompt;
  /** The server's (or bare handler's) clock: key received → prompt requested (ms). */
  readonly server: number[];
}

/** The hotline server with its engine running the menus, or with them compiled into the dialplan. */
async function measureHotline(runtime: PbxRuntime, sim: AriClient, menusInDialplan: boolean): Promise<Measured> {
  const samples: number[] = [];
  const latency = new KeyToPrompt(MENU_KEYS);
  const keyAt = new Map<string, number>();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-'));
  const config = loadConfig({ ...benchEnv, HOTLINE_HTTP_PORT: '0', HOTLINE_DB_FILE: path.join(dir, 'bench.db'), HOTLINE_AUTO_LOGIN: 'none', HOTLINE_IVR_IN_DIALPLAN: menusInDialplan ? 'on' : 'off' });
  const server = await startServer(config, {
    logger: silent,
    pbx: { ari: { ...runtime.ari, app: 'hotline' }, ami: runtime.ami, ...(runtime.dialplanDir ? { dialplanDir: runtime.dialplanDir } : {}) },
    wrapTelephony: (real): TelephonyPort =>
      new Proxy(real, {
        get: (target, property) => {
          if (property === 'playPrompts') {
            return (channelId: string, prompts: readonly string[], language: string, playbackId: string) => {
              const at = keyAt.get(channelId);
              if (at !== undefined) samples.push(performance.now() - at);
              keyAt.delete(channelId);
              return target.playPrompts(channelId, prompts, language, playbackId);
            };
          }
          const value: unknown = Reflect.get(target, property, target);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      }),
  });
  // First in line, so the clock starts before the server's own handler runs.
  server.ari.prependListener('event', (event) => {
    if (event.type === 'ChannelDtmfReceived') keyAt.set(event.channel.id, performance.now());
  });
  await server.compiledMenus?.settled();
  if (menusInDialplan && !server.compiledMenus?.menusFor(server.flows.snapshot().flows)) throw new Error('the compiled menus are not installed: nothing to measure');
  const loop = monitorEventLoopDelay({ resolution: 1 });
  try {
    // main menu → 1 → consult menu → 3 → help menu → 1 (queued: the first place-in-line
    // announcement is the next prompt, which the server plays in both runs; the caller then leaves)
    await warmUp(() => driveCalls(sim, 'bench-sim', 'Local/12345@from-citizen', WARMUP_CALLS, KEYS, latency), samples, latency);
    loop.enable();
    for (let round = 0; round < ROUNDS; round += 1) await driveCalls(sim, 'bench-sim', 'Local/12345@from-citizen', CALLS, KEYS, latency);
  } finally {
    loop.disable();
    if (!menusInDialplan) loopLag = { p50: loop.percentile(50) / 1e6, p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 };
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return { asterisk: latency, server: samples };
}

async function measureBare(runtime: PbxRuntime, sim: AriClient): Promise<Measured> {
  const samples: number[] = [];
  const latency = new KeyToPrompt(MENU_KEYS);
  const bare = await startedClient(runtime, 'benchbare');
  // The prompt playing on each channel: a key cuts it (as the engine's menus do), otherwise
  // Asterisk queues the next prompt behind it and the floor would measure the prompt's length.
  const playing = new Map<string, string>();
  let next = 0;
  const play = (channelId: string, sound: string): void => {
    const playbackId = `benchbare-${next++}`;
    playing.set(channelId, playbackId);
    void bare.play(channelId, `sound:hotline/zh-CN/${sound}`, playbackId).catch(() => undefined);
  };
  bare.on('event', (event) => {
    const at = performance.now();
    if (event.type === 'StasisStart') play(event.channel.id, 'main_menu');
    if (event.type === 'ChannelDtmfReceived') {
      samples.push(performance.now() - at);
      const current = playing.get(event.channel.id);
      if (current) void bare.stopPlayback(current).catch(() => undefined);
      play(event.channel.id, 'consult_menu');
    }
    if (event.type === 'StasisEnd') playing.delete(event.channel.id);
  });
  try {
    await warmUp(() => driveCalls(sim, 'bench-sim', 'Local/benchbare@stasis-by-exten', WARMUP_CALLS, KEYS, latency), samples, latency);
    for (let round = 0; round < ROUNDS; round += 1) await driveCalls(sim, 'bench-sim', 'Local/benchbare@stasis-by-exten', CALLS, KEYS, latency);
  } finally {
    await bare.stop();
  }
  return { asterisk: latency, server: samples };
}

async function main(): Promise<void> {
  const settings = loadConfig({ ...process.env, ...benchEnv }).localPbx;
  const runtime = await pbxUp(settings, { repoDir: path.resolve('.'), promptLanguage: 'zh-CN' });
  const sim = await startedClient(runtime, 'bench-sim');
  try {
    const engine = await measureHotline(runtime, sim, false);
    const dialplan = await measureHotline(runtime, sim, true);
    const bareRun = await measureBare(runtime, sim);
    const ours = summarize(engine.server);
    const bare = summarize(bareRun.server);
    const split = (m: Measured): Record<string, Summary> => ({ all: summarize(m.asterisk.samples), inMenus: summarize(m.asterisk.inMenus), toQueue: summarize(m.asterisk.toQueue), toStasis: summarize(m.asterisk.toStasis) });
    const onAsterisk = { hotlineEngine: split(engine), menusInDialplan: split(dialplan), bareAri: split(bareRun) };
    const result: { bench: string; calls: number; rounds: number; warmUpCalls: number; failedCalls: number; target: string; hotline: Summary; bareAri: Summary; asteriskClock: Record<string, Record<string, Summary>> } = {
      bench: 'ivr-key-to-next-prompt',
      calls: CALLS,
      rounds: ROUNDS,
      warmUpCalls: WARMUP_CALLS,
      failedCalls: failures.length,
      target: 'p99 <= 20 ms',
      hotline: ours,
      bareAri: bare,
      asteriskClock: onAsterisk,
    };
    for (const part of ['all', 'inMenus', 'toQueue'] as const) {
      const rows = { 'hotline engine': onAsterisk.hotlineEngine[part]!, 'menus in the dialplan': onAsterisk.menusInDialplan[part]!, 'bare ARI handler': onAsterisk.bareAri[part]! };
      console.log(table(`key (ChannelDtmfReceived) → next prompt started (ms, Asterisk clock), ${part === 'all' ? 'every key' : part === 'inMenus' ? 'keys answered by a menu' : 'last key (→ queue announcement; bare: a menu prompt)'}`, rows));
    }
    console.log(table('menus in the dialplan, last key → Stasis() entered for the hand-back (ms, Asterisk clock)', { 'menus in the dialplan': summarize(dialplan.asterisk.toStasis) }));
    console.log(table('key received → next prompt requested (ms, server side)', { 'hotline IVR': ours, 'bare ARI handler': bare }));
    console.log(`event-loop delay during the hotline run (ms): p50 ${loopLag.p50.toFixed(2)} p99 ${loopLag.p99.toFixed(2)} max ${loopLag.max.toFixed(2)}`);
    console.log(JSON.stringify(result));
    if (failures.length > 0) console.log(`first failures: ${[...new Set(failures)].slice(0, 3).join(' | ')}`);
    fs.mkdirSync('bench/results', { recursive: true });
    fs.writeFileSync('bench/results/ivr-key-latency-latest.json', `${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await sim.stop();
    await pbxDown(settings);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
