// The delay a say node's text adds before its prompt request goes to Asterisk: espeak-ng + sox
// making a new summary (20 and 100 characters, the limit), and the same summary found in the cache.
// Baseline in the same run: a request of recorded prompts only, which goes out with no detour.
//
//   npx tsx bench/spoken-text.bench.ts [texts]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { EspeakSpeech } from '../src/adapters/speech/espeak-speech.js';
import { playableSounds } from '../src/app/calls/spoken-text.js';
import type { Sound } from '../src/domain/ivr/ivr-protocol.js';
import { createLogger } from '../src/logging/logger.js';
import { summarize, table } from './stats.js';

const TEXTS = Number(process.argv[2] ?? 30);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-speech-'));
const speech = new EspeakSpeech({ dir, soundPrefix: 'hotline/speech' });
const log = createLogger('silent');
const PROMPTS: Sound[] = ['sign_new_order', 'digit_2', 'digit_0', 'digit_2', 'digit_6', 'sign_order_content'];
const SHORT = '小区电梯故障，三号楼二单元电梯停运两天';
const LONG = '小区三号楼二单元电梯自本周一起停运，居民多次联系物业未果，老人上下楼困难，请尽快安排维修并答复。'.repeat(3).slice(0, 100);

/** Milliseconds from the say node's sounds to the sounds Asterisk is asked to play. */
async function timed(sounds: readonly Sound[]): Promise<number> {
  const t = performance.now();
  const playable = await playableSounds(sounds, 'zh-CN', speech, log);
  const ms = performance.now() - t;
  if (playable.length !== sounds.length) throw new Error('a text was left out');
  return ms;
}

async function main(): Promise<void> {
  const rows: Record<string, number[]> = { 'prompts only (baseline)': [], 'new text, 20 chars': [], 'new text, 100 chars': [], 'cached text': [] };
  for (let i = 0; i < TEXTS; i += 1) {
    rows['prompts only (baseline)']?.push(await timed(PROMPTS));
    rows['new text, 20 chars']?.push(await timed([...PROMPTS, { text: `${SHORT}${i}` }]));
    rows['new text, 100 chars']?.push(await timed([...PROMPTS, { text: `${LONG.slice(0, 97)}${String(i).padStart(3, '0')}` }]));
    rows['cached text']?.push(await timed([...PROMPTS, { text: `${SHORT}${i}` }]));
  }
  fs.rmSync(dir, { recursive: true, force: true });
  const summaries = Object.fromEntries(Object.entries(rows).map(([name, samples]) => [name, summarize(samples)]));
  console.log(table(`Say node text before the prompt request (ms), ${TEXTS} texts, espeak-ng + sox on ${os.cpus().length} cores`, summaries));
}

void main();
