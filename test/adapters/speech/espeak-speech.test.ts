// Text spoken at call time with the real espeak-ng and sox: the file Asterisk plays (8 kHz mono WAV),
// the cache, its bounds, and the failures a call must survive, each with its code.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EspeakSpeech } from '../../../src/adapters/speech/espeak-speech.js';
import { wavSeconds } from '../../helpers/wav-seconds.js';

const soxi = (flag: string, file: string): string => spawnSync('soxi', [flag, file], { encoding: 'utf8' }).stdout.trim();

describe('speech at call time (espeak-ng + sox)', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'speech-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const fileOf = (sound: string): string => path.join(dir, `${sound.replace(/^hotline\/speech\//, '')}.wav`);

  it('makes an 8 kHz mono WAV named as Asterisk plays it, and finds it in the cache the second time', async () => {
    const speech = new EspeakSpeech({ dir, soundPrefix: 'hotline/speech' });
    const first = await speech.speak('小区电梯故障，请尽快处理', 'zh-CN');
    expect(first.sound).toMatch(/^hotline\/speech\/zh-CN-[0-9a-f]{24}$/);
    const file = fileOf(first.sound);
    expect(soxi('-r', file)).toBe('8000');
    expect(soxi('-c', file)).toBe('1');
    expect(wavSeconds(file)).toBeGreaterThan(0.5);
    const made = fs.statSync(file);
    const second = await speech.speak('小区电梯故障，请尽快处理', 'zh-CN');
    expect(second).toEqual(first);
    // Not made again: the same inode, and no temporary file left beside it.
    expect(fs.statSync(file).ino).toBe(made.ino);
    expect(fs.readdirSync(dir)).toEqual([path.basename(file)]);
  });

  it('makes one file for the same text asked for by two calls at once', async () => {
    const speech = new EspeakSpeech({ dir, soundPrefix: 'hotline/speech' });
    const [a, b] = await Promise.all([speech.speak('路灯不亮', 'zh-CN'), speech.speak('路灯不亮', 'zh-CN')]);
    expect(a).toEqual(b);
    expect(fs.readdirSync(dir)).toHaveLength(1);
  });

  it('speaks text starting with a dash as text, not as an option of espeak-ng', async () => {
    const speech = new EspeakSpeech({ dir, soundPrefix: 'hotline/speech' });
    const spoken = await speech.speak('-w /tmp/x 噪音扰民', 'zh-CN');
    expect(wavSeconds(fileOf(spoken.sound))).toBeGreaterThan(0.5);
  });

  it('refuses text over the length limit before running anything (SPEECH_TEXT_TOO_LONG)', async () => {
    const speech = new EspeakSpeech({ dir, soundPrefix: 'hotline/speech', maxChars: 10 });
    await expect(speech.speak('一二三四五六七八九十一', 'zh-CN')).rejects.toMatchObject({ code: 'SPEECH_TEXT_TOO_LONG' });
    await expect(speech.speak('一二三四五六七八九十', 'zh-CN')).resolves.toMatchObject({ sound: expect.any(String) });
  });

  it('says clearly when espeak-ng is not installed (SPEECH_TOOL_MISSING), and when a language has no voice', async () => {
    const speech = new EspeakSpeech({ dir, soundPrefix: 'hotline/speech', commands: { espeak: 'espeak-ng-not-installed', sox: 'sox' } });
    await expect(speech.speak('你好', 'zh-CN')).rejects.toMatchObject({ code: 'SPEECH_TOOL_MISSING', message: expect.stringContaining('apt-get install') });
    await expect(new EspeakSpeech({ dir, soundPrefix: 'x' }).speak('你好', 'fr')).rejects.toMatchObject({ code: 'SPEECH_LANGUAGE_UNKNOWN' });
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('gives up at its time limit (SPEECH_TIMEOUT) and leaves no partial file', async () => {
    const speech = new EspeakSpeech({ dir, soundPrefix: 'hotline/speech', timeoutMs: 1 });
    await expect(speech.speak('这段文字来不及合成', 'zh-CN')).rejects.toMatchObject({ code: 'SPEECH_TIMEOUT' });
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('keeps the cache within its count and age, dropping the least recently used first', async () => {
    const speech = new EspeakSpeech({ dir, soundPrefix: 'hotline/speech', maxFiles: 2, maxAgeMs: 3_600_000 });
    const a = await speech.speak('甲', 'zh-CN');
    const b = await speech.speak('乙', 'zh-CN');
    const c = await speech.speak('丙', 'zh-CN');
    const hour = 3_600_000;
    // a is the oldest made, but was just used again; b is older than the age limit.
    fs.utimesSync(fileOf(a.sound), new Date(Date.now() - hour / 2), new Date(Date.now() - hour / 2));
    fs.utimesSync(fileOf(b.sound), new Date(Date.now() - 2 * hour), new Date(Date.now() - 2 * hour));
    await speech.speak('甲', 'zh-CN');
    expect(await speech.prune()).toBe(1);
    expect(fs.readdirSync(dir).sort()).toEqual([path.basename(fileOf(a.sound)), path.basename(fileOf(c.sound))].sort());
    await speech.speak('丁', 'zh-CN');
    expect(await speech.prune()).toBe(1);
    expect(fs.readdirSync(dir)).toHaveLength(2);
    expect(fs.existsSync(fileOf(a.sound))).toBe(true);
  });
});
