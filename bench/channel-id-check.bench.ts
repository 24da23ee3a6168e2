// What a channel id chosen by the hotline costs Asterisk, beside one Asterisk chooses itself. An
// originate with `channelId` makes Asterisk 22 (channel storage `ao2_legacy`, Debian's build) check
// that no channel has that id: it walks every channel, locking each, while holding the channel
// storage's write lock, which every new channel (a caller's INVITE too), every channel's end and
// every lookup by name waits for. The hotline gives each agent's leg an id of its own this way.
//
// On a fresh Asterisk, with 0, then `--levels` busy channels present (Local pairs listening to music
// on hold, so their threads keep taking their channels' locks), the run alternates blocks of
// originates at `--rate` per second with an id (as the hotline's agent legs) and without one (as
// Asterisk would name them), and meanwhile a probe originates without an id every 100 ms: its time
// is what any other new channel waits. Each originated channel rings (never answered) and is hung up
// by name once Asterisk has answered the request. Figures are the requests' times on the client.
//   flock /tmp/hotline-pbx.lock npx tsx bench/channel-id-check.bench.ts [--levels 0,500,1000] [--rate 8] [--block 10] [--blocks 4]
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { AriClient } from '../src/adapters/ari/ari-client.js';
import { loadConfig } from '../src/config.js';
import { pbxDown, pbxUp } from '../src/local-pbx/index.js';
import { startedClient } from './started-client.js';
import { summarize, type Summary } from './stats.js';

const { values } = parseArgs({
  options: {
    levels: { type: 'string', default: '0,500,1000' },
    rate: { type: 'string', default: '8' },
    block: { type: 'string', default: '10' },
    blocks: { type: 'string', default: '4' },
  },
});
const LEVELS = values.levels.split(',').map(Number);
const RATE = Number(values.rate);
const BLOCK_SECONDS = Number(values.block);
const BLOCKS = Number(values.blocks);
const PROBE_EVERY_MS = 100;
const APP = 'idsbench';

const benchEnv = {
  HOTLINE_PBX_INSTANCE: 'ids-bench',
  HOTLINE_PBX_ARI_PORT: '18688',
  HOTLINE_PBX_AMI_PORT: '15638',
  HOTLINE_PBX_SIP_PORT: '15660',
  HOTLINE_PBX_RTP_START: '37000',
};

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
let serial = 0;

/** One originate that rings and is given up at once; resolves with the request's time in ms. */
async function ringOnce(ari: AriClient, withId: boolean): Promise<number> {
  serial += 1;
  const started = performance.now();
  const channel = await ari.originate({
    endpoint: `Local/${8000 + (serial % 1000)}@demo-phones`,
    app: APP,
    timeout: 30,
    variables: { DEMO_ANSWER_AFTER: 'never' },
    ...(withId ? { channelId: `agentleg-1-bench-${serial}` } : {}),
  });
  const took = performance.now() - started;
  await ari.hangup(channel.id).catch(() => undefined);
  return took;
}

/** Local pairs answered at once, the dialplan's half listening to music on hold, the other in the application. */
async function fill(ari: AriClient, pairs: number, filled: { pairs: number }): Promise<void> {
  for (; filled.pairs < pairs; filled.pairs += 1) {
    await ari.originate({ endpoint: `Local/${9000 + filled.pairs}@demo-phones`, app: APP, timeout: 30, variables: { DEMO_ANSWER_AFTER: '0' } });
    if (filled.pairs % 50 === 49) await sleep(200);
  }
  // Let the last ones answer and start their music.
  await sleep(3000);
}

interface Block {
  readonly withId: boolean;
  readonly originates: number[];
  readonly probes: number[];
}

async function block(ari: AriClient, withId: boolean): Promise<Block> {
  const originates: number[] = [];
  const probes: number[] = [];
  const pending: Promise<void>[] = [];
  const end = performance.now() + BLOCK_SECONDS * 1000;
  const probing = (async () => {
    while (performance.now() < end) {
      pending.push(ringOnce(ari, false).then((ms) => void probes.push(ms)));
      await sleep(PROBE_EVERY_MS);
    }
  })();
  for (let next = performance.now(); next < end; next += 1000 / RATE) {
    await sleep(Math.max(0, next - performance.now()));
    pending.push(ringOnce(ari, withId).then((ms) => void originates.push(ms)));
  }
  await probing;
  await Promise.all(pending);
  return { withId, originates, probes };
}

const row = (label: string, s: Summary): string => `| ${label} | ${s.count} | ${s.p50.toFixed(2)} | ${s.p95.toFixed(2)} | ${s.p99.toFixed(2)} | ${s.max.toFixed(2)} |`;

async function main(): Promise<void> {
  const settings = loadConfig({ ...process.env, ...benchEnv }).localPbx;
  const runtime = await pbxUp(settings, { repoDir: path.resolve('.'), promptLanguage: 'zh-CN' });
  const ari = await startedClient(runtime, APP);
  const filled = { pairs: 0 };
  const lines = [
    `Originates at ${RATE}/s in ${BLOCKS} alternating blocks of ${BLOCK_SECONDS} s each way, a probe without an id every ${PROBE_EVERY_MS} ms; request times in ms.`,
    '',
    '| channels present | originates | count | p50 | p95 | p99 | max |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  try {
    for (const level of LEVELS) {
      await fill(ari, Math.ceil(level / 2), filled);
      const present = (await ari.listChannels()).length;
      const blocks: Block[] = [];
      for (let i = 0; i < BLOCKS * 2; i += 1) blocks.push(await block(ari, i % 2 === 0));
      for (const withId of [true, false]) {
        const mine = blocks.filter((b) => b.withId === withId);
        const label = withId ? 'with an id (the hotline\'s legs)' : 'without an id';
        lines.push(row(`${present} | ${label}`, summarize(mine.flatMap((b) => b.originates))));
        lines.push(row(`${present} | probe, beside those ${withId ? 'with' : 'without'}`, summarize(mine.flatMap((b) => b.probes))));
      }
      console.log(lines.slice(-4).join('\n'));
    }
  } finally {
    await ari.stop();
    await pbxDown(settings);
  }
  console.log(`\n${lines.join('\n')}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
