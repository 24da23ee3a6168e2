// Turns the prompt texts in ivr-flows/prompts/<lang>.yaml into 8 kHz mono WAV files Asterisk can
// play, with espeak-ng and sox. Generated files are cached by a hash of voice and text.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { LocalPbxError } from './local-pbx-error.js';
import { hasCommand } from './root-builder.js';
import { SPEAK_ARGS, SYNTH_KEY, VOICES, soxArgs } from '../adapters/speech/speech-recipe.js';

const TOOLS = [
  { command: 'espeak-ng', debianPackage: 'espeak-ng' },
  { command: 'sox', debianPackage: 'sox' },
] as const;

export function readPromptTexts(promptsDir: string, language: string): Record<string, string> {
  const file = path.join(promptsDir, `${language}.yaml`);
  const doc: unknown = parse(fs.readFileSync(file, 'utf8'));
  if (!doc || typeof doc !== 'object') throw new LocalPbxError('PROMPT_FAILED', `${file}: expected a map of prompt id to text`);
  return Object.fromEntries(Object.entries(doc as Record<string, unknown>).map(([id, text]) => [id, String(text)]));
}

export function assertPromptTools(): void {
  const missing = TOOLS.filter((tool) => !hasCommand(tool.command));
  if (missing.length > 0) {
    const packages = missing.map((tool) => tool.debianPackage).join(' ');
    throw new LocalPbxError('PROMPT_TOOL_MISSING', `Prompt audio needs ${packages}: apt-get install -y ${packages}`);
  }
}

function runTool(command: string, args: string[]): void {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.status !== 0) {
    throw new LocalPbxError('PROMPT_FAILED', `${command} failed (${result.status}): ${(result.stderr || '').trim().slice(0, 300)}`);
  }
}


function synthesize(voice: string, text: string, target: string): void {
  const raw = `${target}.raw.wav`;
  runTool('espeak-ng', ['-v', voice, ...SPEAK_ARGS, '-w', raw, text]);
  runTool('sox', soxArgs(raw, target));
  fs.rmSync(raw, { force: true });
}

/** A calm two-note chime with pauses, so a waiting caller never hears silence. */
function synthesizeHoldTone(target: string): void {
  runTool('sox', ['-n', '-r', '8000', '-c', '1', '-b', '16', target, 'synth', '0.6', 'sine', '523', 'sine', '659', 'fade', '0.05', '0.6', '0.2', 'vol', '0.25', 'pad', '0', '2']);
}

export interface PromptAudioResult {
  readonly language: string;
  readonly generated: number;
  readonly cached: number;
  readonly files: readonly string[];
}

/** Generates missing audio into the cache and installs every prompt into `soundsDir/<lang>/`. */
export function installPromptAudio(promptsDir: string, language: string, cacheDir: string, soundsDir: string): PromptAudioResult {
  const voice = VOICES[language];
  if (!voice) throw new LocalPbxError('PROMPT_FAILED', `No speech voice configured for language ${language}`);
  const texts = readPromptTexts(promptsDir, language);
  const cache = path.join(cacheDir, 'prompts', language);
  const target = path.join(soundsDir, language);
  fs.mkdirSync(cache, { recursive: true });
  fs.mkdirSync(target, { recursive: true });
  let generated = 0;
  const files: string[] = [];
  for (const [id, text] of Object.entries(texts)) {
    const hash = createHash('sha256').update(`${voice}\n${SYNTH_KEY}\n${text}`).digest('hex').slice(0, 16);
    const cached = path.join(cache, `${id}-${hash}.wav`);
    if (!fs.existsSync(cached)) {
      assertPromptTools();
      synthesize(voice, text, cached);
      generated += 1;
    }
    const installed = path.join(target, `${id}.wav`);
    fs.copyFileSync(cached, installed);
    files.push(installed);
  }
  // A prompt removed from the texts must not linger as playable audio.
  for (const name of fs.readdirSync(target)) {
    if (name.endsWith('.wav') && !(name.slice(0, -4) in texts)) fs.rmSync(path.join(target, name));
  }
  installHoldAudio(cacheDir, soundsDir);
  return { language, generated, cached: files.length - generated, files };
}

function installHoldAudio(cacheDir: string, soundsDir: string): void {
  const cached = path.join(cacheDir, 'prompts', 'hold-chime-v1.wav');
  if (!fs.existsSync(cached)) {
    assertPromptTools();
    synthesizeHoldTone(cached);
  }
  const mohDir = path.join(soundsDir, 'moh');
  fs.mkdirSync(mohDir, { recursive: true });
  fs.copyFileSync(cached, path.join(mohDir, 'hold-chime.wav'));
}
